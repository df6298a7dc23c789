package dev.fnctl.model.load;

import dev.fnctl.model.spec.BucketSpec;
import dev.fnctl.model.spec.QueueSpec;
import dev.fnctl.model.spec.TopicSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Reads the entries of {@code queues:}, {@code topics:} and {@code buckets:}. An entry with {@code
 * existing: NAME} is not owned by the stack, so settings fnctl would have to change on it are
 * refused.
 */
final class ResourceReader {
  static final Duration VISIBILITY_MAX = Duration.ofHours(12);

  private ResourceReader() {}

  static QueueSpec queue(String name, SpecNode node) {
    Map<String, SpecNode> f =
        node.fields(
            "a map of queue settings", List.of("existing", "deadLetter", "visibilityTimeout"));
    String existing = existing(f);
    QueueSpec.DeadLetter deadLetter = null;
    if (f.containsKey("deadLetter")) {
      SpecNode dl = f.get("deadLetter");
      Map<String, SpecNode> d = dl.fields("a map with maxReceives", List.of("maxReceives"));
      if (d.containsKey("maxReceives")) {
        Integer max = d.get("maxReceives").integer(1, 1000, "");
        if (max != null) deadLetter = new QueueSpec.DeadLetter(max);
      } else if (dl.isMap() || dl.isEmptyValue()) {
        dl.missing(
            "maxReceives",
            "say after how many failed deliveries a message moves aside, e.g. maxReceives: 5");
      }
    }
    Duration visibility = null;
    if (f.containsKey("visibilityTimeout")) {
      SpecNode v = f.get("visibilityTimeout");
      visibility = v.duration();
      if (visibility != null
          && (visibility.compareTo(VISIBILITY_MAX) > 0 || visibility.toMillisPart() != 0)) {
        v.problem(
            "visibilityTimeout "
                + Durations.render(visibility)
                + " is not possible: use whole seconds from 0s to 12h");
        visibility = null;
      }
    }
    if (existing != null) {
      for (String setting : List.of("deadLetter", "visibilityTimeout")) {
        if (f.containsKey(setting)) {
          f.get(setting)
              .keyProblem(
                  "queue '"
                      + name
                      + "' is existing (not owned by the stack), so fnctl"
                      + " never changes its "
                      + setting
                      + "; remove "
                      + setting
                      + " or existing");
        }
      }
    }
    return new QueueSpec(name, existing, deadLetter, visibility);
  }

  static TopicSpec topic(String name, SpecNode node) {
    return new TopicSpec(
        name, existing(node.fields("a map of topic settings", List.of("existing"))));
  }

  static BucketSpec bucket(String name, SpecNode node) {
    return new BucketSpec(
        name, existing(node.fields("a map of bucket settings", List.of("existing"))));
  }

  private static String existing(Map<String, SpecNode> f) {
    SpecNode e = f.get("existing");
    return e == null
        ? null
        : e.nonEmptyText("existing (the cloud name of a resource the stack does not own)");
  }
}
