package dev.fnctl.model.load;

import java.util.List;
import java.util.Set;

/**
 * The names declared in the spec, so that triggers, permissions and target overrides can be checked
 * against them where they are written.
 */
record Declared(
    Set<String> functions, Set<String> queues, Set<String> topics, Set<String> buckets) {

  /** Reports at {@code where} when {@code name} is not a declared {@code kind}; true when it is. */
  boolean check(SpecNode where, String kind, String name) {
    Set<String> names = names(kind);
    if (names.contains(name)) return true;
    String section = kind + "s";
    for (String other : List.of("queue", "topic", "bucket", "function")) {
      if (!other.equals(kind) && names(other).contains(name)) {
        where.problem(
            "'"
                + name
                + "' is a "
                + other
                + ", not a "
                + kind
                + "; declare a "
                + kind
                + " under "
                + section
                + ": or refer to the "
                + other
                + " as "
                + other
                + ": "
                + name);
        return false;
      }
    }
    String hint =
        DidYouMean.closest(name, names)
            .map(c -> "; did you mean '" + c + "'?")
            .orElse(
                kind.equals("function")
                    ? ": add it under functions:"
                    : ": add it under "
                        + section
                        + ": (with existing: NAME for one the stack does not own)");
    where.problem(kind + " '" + name + "' is not declared" + hint);
    return false;
  }

  private Set<String> names(String kind) {
    return switch (kind) {
      case "function" -> functions;
      case "queue" -> queues;
      case "topic" -> topics;
      default -> buckets;
    };
  }
}
