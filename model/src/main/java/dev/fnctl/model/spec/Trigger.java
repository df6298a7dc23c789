package dev.fnctl.model.spec;

import java.time.Duration;
import java.util.List;

/** What makes a function run. Each kind maps to a native trigger on every provider. */
public sealed interface Trigger {

  /** The spec's word for this kind: http, schedule, queue, storage, topic. */
  String kind();

  /**
   * What makes this trigger this trigger, whatever its place in the list: the route, the schedule
   * expression and zone, the queue, the bucket with its prefix and suffix, the topic. Providers key
   * trigger resources by it, so that reordering triggers plans no change and inserting one plans
   * exactly one create. Settings outside the identity (an http route's auth, a queue's batch size,
   * a storage trigger's events) are updated in place; a change of identity is a new trigger. The
   * loader refuses two triggers of one function with the same identity.
   */
  String identity();

  /**
   * A short stable name derived from {@link #identity()}, safe in addresses, file names and cloud
   * resource names ({@code [a-z0-9-]}): {@code queue-orders}, {@code topic-events}, or the kind and
   * 8 hex digits of the identity's SHA-256 ({@code http-3f2a9c1d}).
   */
  default String slug() {
    if (this instanceof Queue q) return "queue-" + q.queue();
    if (this instanceof Topic t) return "topic-" + t.topic();
    try {
      byte[] d =
          java.security.MessageDigest.getInstance("SHA-256")
              .digest(identity().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return kind() + "-" + java.util.HexFormat.of().formatHex(d, 0, 4);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /**
   * An HTTP route. {@code auth} is {@code none} (public) or {@code iam} (callers need the cloud's
   * own identity). {@code method} is upper case or {@code ANY}; {@code path} starts with '/'.
   */
  record Http(String method, String path, String auth) implements Trigger {
    public String kind() {
      return "http";
    }

    public String identity() {
      return "http " + method + " " + path;
    }
  }

  /** A cron (5-field unix) or a fixed rate, in a time zone (IANA id, default UTC). */
  record Schedule(Cron cron, Duration rate, String timezone) implements Trigger {
    public String kind() {
      return "schedule";
    }

    public String identity() {
      String when = cron != null ? "cron " + cron.normalised() : "rate " + rate.toSeconds() + "s";
      return "schedule " + when + " " + (timezone == null ? "UTC" : timezone);
    }
  }

  /** Messages from a queue declared under {@code queues:}, delivered in batches. */
  record Queue(String queue, int batchSize) implements Trigger {
    public String kind() {
      return "queue";
    }

    public String identity() {
      return "queue " + queue;
    }
  }

  /** Object events in a bucket declared under {@code buckets:}. events: created, deleted. */
  record Storage(String bucket, List<String> events, String prefix, String suffix)
      implements Trigger {
    public String kind() {
      return "storage";
    }

    public String identity() {
      return "storage "
          + bucket
          + " "
          + (prefix == null ? "" : prefix)
          + "*"
          + (suffix == null ? "" : suffix);
    }
  }

  /** Messages published to a topic declared under {@code topics:}. */
  record Topic(String topic) implements Trigger {
    public String kind() {
      return "topic";
    }

    public String identity() {
      return "topic " + topic;
    }
  }
}
