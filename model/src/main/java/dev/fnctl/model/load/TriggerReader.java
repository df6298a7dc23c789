package dev.fnctl.model.load;

import dev.fnctl.model.spec.Cron;
import dev.fnctl.model.spec.CronSyntax;
import dev.fnctl.model.spec.Trigger;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads one item of a function's {@code triggers:} list. */
final class TriggerReader {
  static final List<String> KINDS = List.of("http", "schedule", "queue", "storage", "topic");
  static final List<String> METHODS =
      List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "ANY");
  static final int BATCH_DEFAULT = 10;
  static final int BATCH_MAX = 10_000;

  private final Declared declared;

  TriggerReader(Declared declared) {
    this.declared = declared;
  }

  /** The trigger, or null when it is invalid (every problem reported). */
  Trigger read(SpecNode item) {
    if (item.isEmptyValue()) {
      item.problem(
          "empty trigger: write one of " + String.join(", ", KINDS) + ", e.g. - http: { path: / }");
      return null;
    }
    Map<String, SpecNode> kinds =
        item.fields("a trigger such as http: {method: GET, path: /}", KINDS);
    if (kinds.size() != 1) {
      if (kinds.isEmpty() && item.isEmptyMap()) {
        item.problem("a trigger names its kind: one of " + String.join(", ", KINDS));
      } else if (kinds.size() > 1) {
        item.problem(
            "a trigger has one kind, this one has "
                + String.join(" and ", kinds.keySet())
                + "; write each as its own list item");
      }
      return null;
    }
    Map.Entry<String, SpecNode> only = kinds.entrySet().iterator().next();
    SpecNode body = only.getValue();
    return switch (only.getKey()) {
      case "http" -> http(body);
      case "schedule" -> schedule(body);
      case "queue" -> queue(body);
      case "storage" -> storage(body);
      default -> topic(body);
    };
  }

  private Trigger http(SpecNode body) {
    Map<String, SpecNode> f =
        body.fields("a map with method, path and auth", List.of("method", "path", "auth"));
    String method = f.containsKey("method") ? method(f.get("method")) : "ANY";
    String path = null;
    if (!f.containsKey("path")) {
      body.missing("path", "add the route, e.g. path: /orders");
    } else {
      path = f.get("path").nonEmptyText("path");
      if (path != null
          && (!path.startsWith("/") || path.chars().anyMatch(Character::isWhitespace))) {
        f.get("path")
            .problem(
                "path '"
                    + path
                    + "' must start with '/' and contain no spaces, e.g. /"
                    + path.strip().replaceAll("^/*", "").replaceAll("\\s+", "-"));
        path = null;
      } else if (path != null && path.indexOf('#') >= 0) {
        // A URL's fragment never reaches a server, so no cloud can route on it.
        f.get("path")
            .problem(
                "path '"
                    + path
                    + "' must not contain '#': what follows it is a URL fragment, which is never"
                    + " sent to the server");
        path = null;
      }
    }
    String auth = f.containsKey("auth") ? f.get("auth").word(List.of("none", "iam")) : "none";
    if (method == null || path == null || auth == null) return null;
    return new Trigger.Http(method, path, auth);
  }

  /**
   * An HTTP method, in upper case only: methods are case-sensitive in HTTP, every cloud writes them
   * in upper case, and one spelling keeps the schema, plans and route clashes simple.
   */
  private static String method(SpecNode node) {
    String written = node.text();
    if (written == null || METHODS.contains(written)) return written;
    String upper = written.toUpperCase(Locale.ROOT);
    if (METHODS.contains(upper)) {
      node.problem("method '" + written + "' must be upper case: write " + upper);
      return null;
    }
    return node.word(METHODS);
  }

  private Trigger schedule(SpecNode body) {
    Map<String, SpecNode> f =
        body.fields("a map with cron or rate, and timezone", List.of("cron", "rate", "timezone"));
    String timezone = f.containsKey("timezone") ? zone(f.get("timezone")) : "UTC";
    SpecNode cronNode = f.get("cron");
    SpecNode rateNode = f.get("rate");
    if ((cronNode == null) == (rateNode == null)) {
      if (cronNode == null) {
        body.missing("cron", "a schedule needs cron: \"0 9 * * 1-5\" or rate: 5m");
      } else {
        rateNode.keyProblem("a schedule has cron or rate, not both; remove one");
      }
      return null;
    }
    if (cronNode != null) {
      Cron cron = cron(cronNode);
      return cron == null || timezone == null ? null : new Trigger.Schedule(cron, null, timezone);
    }
    Duration rate = rateNode.duration();
    if (rate != null
        && (rate.compareTo(Duration.ofMinutes(1)) < 0
            || rate.toSeconds() % 60 != 0
            || rate.toMillisPart() != 0)) {
      rateNode.problem(
          "rate "
              + rateNode.text().strip()
              + " is not possible: every cloud schedules"
              + " in whole minutes, at least 1m");
      rate = null;
    }
    return rate == null || timezone == null ? null : new Trigger.Schedule(null, rate, timezone);
  }

  private static Cron cron(SpecNode node) {
    String text = node.nonEmptyText("cron");
    if (text == null) return null;
    try {
      return CronSyntax.parse(text);
    } catch (IllegalArgumentException e) {
      node.problem(e.getMessage());
      return null;
    }
  }

  private static String zone(SpecNode node) {
    String tz = node.nonEmptyText("timezone");
    if (tz == null) return null;
    if (tz.equals("UTC")) return tz;
    Set<String> zones = Zones.ALL;
    if (zones.contains(tz)) return tz;
    if (ABBREVIATION.matcher(tz).matches()) {
      // Close in spelling is not close in meaning: EST is not EET. Name the region instead.
      String zone = REGION_OF.get(tz);
      node.problem(
          zone == null
              ? "'"
                  + tz
                  + "' is not a time zone: use the region's IANA time zone, such as"
                  + " America/New_York or Europe/Berlin (abbreviations are not zones)"
              : "'"
                  + tz
                  + "' is an abbreviation, not a time zone: did you mean '"
                  + zone
                  + "'?"
                  + " (a region's zone follows its daylight saving time)");
      return null;
    }
    String hint =
        zones.stream()
            .filter(z -> z.equalsIgnoreCase(tz))
            .findFirst()
            .or(() -> DidYouMean.closest(tz, zones))
            .map(z -> "did you mean '" + z + "'?")
            .orElse("use an IANA time zone such as Europe/Berlin or UTC");
    node.problem("'" + tz + "' is not a time zone: " + hint);
    return null;
  }

  private static final java.util.regex.Pattern ABBREVIATION =
      java.util.regex.Pattern.compile("^[A-Z]{2,5}$");

  /**
   * Abbreviations people write for a zone, and the zone; ambiguous ones (IST, CST in Asia) are left
   * out.
   */
  private static final Map<String, String> REGION_OF =
      Map.ofEntries(
          Map.entry("EST", "America/New_York"),
          Map.entry("EDT", "America/New_York"),
          Map.entry("CST", "America/Chicago"),
          Map.entry("CDT", "America/Chicago"),
          Map.entry("MST", "America/Denver"),
          Map.entry("MDT", "America/Denver"),
          Map.entry("PST", "America/Los_Angeles"),
          Map.entry("PDT", "America/Los_Angeles"),
          Map.entry("AKST", "America/Anchorage"),
          Map.entry("AKDT", "America/Anchorage"),
          Map.entry("HST", "Pacific/Honolulu"),
          Map.entry("BST", "Europe/London"),
          Map.entry("CEST", "Europe/Berlin"),
          Map.entry("EEST", "Europe/Athens"),
          Map.entry("WEST", "Europe/Lisbon"),
          Map.entry("JST", "Asia/Tokyo"),
          Map.entry("KST", "Asia/Seoul"),
          Map.entry("AEST", "Australia/Sydney"),
          Map.entry("AEDT", "Australia/Sydney"),
          Map.entry("NZST", "Pacific/Auckland"),
          Map.entry("NZDT", "Pacific/Auckland"));

  /** The zone ids, read only when a spec names a time zone (it costs start-up time). */
  private static final class Zones {
    static final Set<String> ALL = new TreeSet<>(ZoneId.getAvailableZoneIds());
  }

  private Trigger queue(SpecNode body) {
    Map<String, SpecNode> f =
        body.fields("a map with queue and batchSize", List.of("queue", "batchSize"));
    String queue = reference(body, f, "queue");
    Integer batch =
        f.containsKey("batchSize")
            ? f.get("batchSize").integer(1, BATCH_MAX, "")
            : Integer.valueOf(BATCH_DEFAULT);
    return queue == null || batch == null ? null : new Trigger.Queue(queue, batch);
  }

  private Trigger storage(SpecNode body) {
    Map<String, SpecNode> f =
        body.fields(
            "a map with bucket, events, prefix and suffix",
            List.of("bucket", "events", "prefix", "suffix"));
    String bucket = reference(body, f, "bucket");
    List<String> events = List.of("created");
    boolean ok = true;
    if (f.containsKey("events")) {
      List<String> written = new ArrayList<>();
      List<SpecNode> items = f.get("events").items("a list of events: created, deleted");
      for (SpecNode e : items) {
        String w = e.word(List.of("created", "deleted"));
        if (w == null) {
          ok = false;
        } else if (written.contains(w)) {
          e.problem("event '" + w + "' is listed twice");
        } else {
          written.add(w);
        }
      }
      if (items.isEmpty() && !f.get("events").isList() && !f.get("events").isEmptyValue()) {
        ok = false;
      } else if (items.isEmpty()) {
        f.get("events")
            .problem(
                "events must list at least one of created, deleted (or leave it out for"
                    + " [created])");
        ok = false;
      }
      events = List.copyOf(written);
    }
    String prefix = f.containsKey("prefix") ? f.get("prefix").text() : null;
    String suffix = f.containsKey("suffix") ? f.get("suffix").text() : null;
    return bucket == null || !ok ? null : new Trigger.Storage(bucket, events, prefix, suffix);
  }

  private Trigger topic(SpecNode body) {
    Map<String, SpecNode> f = body.fields("a map with topic", List.of("topic"));
    String topic = reference(body, f, "topic");
    return topic == null ? null : new Trigger.Topic(topic);
  }

  /** The declared resource a trigger's field names, or null after reporting why not. */
  private String reference(SpecNode body, Map<String, SpecNode> f, String kind) {
    SpecNode node = f.get(kind);
    if (node == null) {
      body.missing(kind, "name the " + kind + " declared under " + kind + "s:");
      return null;
    }
    String name = node.nonEmptyText(kind);
    return name != null && declared.check(node, kind, name) ? name : null;
  }
}
