package dev.fnctl.model.spec;

import java.time.Duration;
import java.util.List;

/** What makes a function run. Each kind maps to a native trigger on every provider. */
public sealed interface Trigger {

  /** The spec's word for this kind: http, schedule, queue, storage, topic. */
  String kind();

  /**
   * An HTTP route. {@code auth} is {@code none} (public) or {@code iam} (callers need the cloud's
   * own identity). {@code method} is upper case or {@code ANY}; {@code path} starts with '/'.
   */
  record Http(String method, String path, String auth) implements Trigger {
    public String kind() { return "http"; }
  }

  /** A cron (5-field unix) or a fixed rate, in a time zone (IANA id, default UTC). */
  record Schedule(Cron cron, Duration rate, String timezone) implements Trigger {
    public String kind() { return "schedule"; }
  }

  /** Messages from a queue declared under {@code queues:}, delivered in batches. */
  record Queue(String queue, int batchSize) implements Trigger {
    public String kind() { return "queue"; }
  }

  /** Object events in a bucket declared under {@code buckets:}. events: created, deleted. */
  record Storage(String bucket, List<String> events, String prefix, String suffix) implements Trigger {
    public String kind() { return "storage"; }
  }

  /** Messages published to a topic declared under {@code topics:}. */
  record Topic(String topic) implements Trigger {
    public String kind() { return "topic"; }
  }
}
