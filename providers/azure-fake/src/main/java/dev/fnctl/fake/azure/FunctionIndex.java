package dev.fnctl.fake.azure;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the Functions host indexes from a deployed package, as it would on Flex Consumption: a
 * {@code host.json} with {@code "version": "2.0"} (else the host does not start and nothing is
 * indexed), and each {@code <function>/function.json} with exactly one trigger binding and the
 * properties the binding reference requires (Azure Functions documentation: the binding pages of
 * httpTrigger, timerTrigger, queueTrigger, blobTrigger, eventGridTrigger, serviceBusTrigger). Flex
 * Consumption also requires a blob trigger to use the Event Grid source. A function the host cannot
 * index is left out, with the reason in {@link #errors()}.
 */
final class FunctionIndex {
  private static final Set<String> AUTH_LEVELS = Set.of("anonymous", "function", "admin");

  private final Map<String, JsonNode> functions = new LinkedHashMap<>();
  private final List<String> errors = new ArrayList<>();

  FunctionIndex(Map<String, byte[]> files) {
    var host = parse(files.get("host.json"));
    if (host == null || !"2.0".equals(host.path("version").asText())) {
      errors.add(
          "host.json: missing, not JSON, or without \"version\": \"2.0\"; the host does not start");
      return;
    }
    for (var e : files.entrySet()) {
      var parts = e.getKey().split("/");
      if (parts.length != 2 || !parts[1].equals("function.json")) {
        continue;
      }
      var config = parse(e.getValue());
      var problem = config == null ? "not JSON" : problem(config);
      if (problem == null) {
        functions.put(parts[0], config);
      } else {
        errors.add(parts[0] + "/function.json: " + problem);
      }
    }
  }

  Map<String, JsonNode> functions() {
    return functions;
  }

  List<String> errors() {
    return errors;
  }

  private static JsonNode parse(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      var node = Json.parse(new String(bytes, StandardCharsets.UTF_8));
      return node.isObject() ? node : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Why the host would not index this function, or null. */
  private static String problem(JsonNode config) {
    var bindings = config.path("bindings");
    if (!bindings.isArray() || bindings.isEmpty()) {
      return "no bindings";
    }
    int triggers = 0;
    for (var b : bindings) {
      var type = b.path("type").asText("");
      if (type.isEmpty() || b.path("name").asText("").isEmpty()) {
        return "every binding needs a type and a name";
      }
      var direction = b.path("direction").asText("");
      if (!Set.of("in", "out", "inout").contains(direction)) {
        return "binding '"
            + b.path("name").asText()
            + "' has direction '"
            + direction
            + "' (in, out or inout)";
      }
      if (type.endsWith("Trigger")) {
        triggers++;
        if (!direction.equals("in")) {
          return "trigger '" + type + "' must have direction in";
        }
        var problem = triggerProblem(type, b);
        if (problem != null) {
          return problem;
        }
      }
    }
    return triggers == 1
        ? null
        : triggers == 0 ? "no trigger binding" : "more than one trigger binding";
  }

  private static String triggerProblem(String type, JsonNode b) {
    switch (type) {
      case "httpTrigger" -> {
        var level = b.path("authLevel").asText("function");
        if (!AUTH_LEVELS.contains(level.toLowerCase(java.util.Locale.ROOT))) {
          return "httpTrigger authLevel '" + level + "' is not anonymous, function or admin";
        }
      }
      case "timerTrigger" -> {
        var schedule = b.path("schedule").asText("");
        if (!isSchedule(schedule)) {
          return "The schedule expression '"
              + schedule
              + "' was not recognized as a valid cron expression or timespan string";
        }
      }
      case "queueTrigger" -> {
        if (b.path("queueName").asText("").isEmpty()) {
          return "queueTrigger needs queueName";
        }
      }
      case "blobTrigger" -> {
        if (b.path("path").asText("").isEmpty()) {
          return "blobTrigger needs path";
        }
        if (!"EventGrid".equals(b.path("source").asText(""))) {
          return "blobTrigger on Flex Consumption needs \"source\": \"EventGrid\" (the polling blob trigger is not supported)";
        }
      }
      case "serviceBusTrigger" -> {
        if (b.path("queueName").asText("").isEmpty() && b.path("topicName").asText("").isEmpty()) {
          return "serviceBusTrigger needs queueName, or topicName and subscriptionName";
        }
      }
      default -> {}
    }
    return null;
  }

  /** NCRONTAB with six fields (seconds first), an %APP_SETTING%, or a TimeSpan (hh:mm:ss). */
  static boolean isSchedule(String s) {
    if (s.matches("^%[A-Za-z0-9_]+%$") || s.matches("^(\\d+\\.)?\\d{1,2}:\\d{2}:\\d{2}$")) {
      return true;
    }
    var fields = s.trim().split("\\s+");
    if (fields.length != 6) {
      return false;
    }
    for (var f : fields) {
      if (!f.matches("^[0-9*/,\\-A-Za-z]+$")) {
        return false;
      }
    }
    return true;
  }
}
