package dev.example.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Works through a batch of queue messages, one job each: a job is a line of text and its result
 * is logged as a JSON line (word and character counts).
 *
 * <p>The runtime turns the event's JSON into maps and lists, so the handler needs no library.
 * If any job in the batch fails, the handler throws after the others are done: the queue hands
 * the batch out again, and a job that fails every time moves to the dead-letter queue after the
 * queue's maxReceives. Jobs must therefore be safe to run twice; logging is.
 */
public class Handler {

  /** The result of one job. */
  record Result(int words, int characters) {}

  static Result work(String body) {
    if (body == null || body.isBlank()) {
      throw new IllegalArgumentException("empty job");
    }
    String text = body.strip();
    return new Result(text.split("\\s+").length, body.length());
  }

  public Map<String, Object> handleRequest(Map<String, Object> event) {
    List<String> failed = new ArrayList<>();
    List<?> records = (List<?>) event.getOrDefault("Records", List.of());
    for (Object each : records) {
      Map<?, ?> record = (Map<?, ?>) each;
      String messageId = String.valueOf(record.get("messageId"));
      try {
        Result result = work((String) record.get("body"));
        System.out.printf(
            "{\"msg\":\"job done\",\"messageId\":\"%s\",\"words\":%d,\"characters\":%d}%n",
            messageId, result.words(), result.characters());
      } catch (IllegalArgumentException e) {
        System.out.printf(
            "{\"msg\":\"job failed\",\"messageId\":\"%s\",\"error\":\"%s\"}%n",
            messageId, e.getMessage());
        failed.add(messageId);
      }
    }
    if (!failed.isEmpty()) {
      throw new IllegalStateException(failed.size() + " job(s) failed: " + String.join(", ", failed));
    }
    return Map.of("done", records.size());
  }
}
