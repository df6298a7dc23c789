package dev.fnctl.model.load;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The naming rules for stacks, targets and resources: lower-case letters, digits and single
 * hyphens, starting with a letter, and short (stack 20, target 11, item 30). The stack and target
 * are also written as tag or label values, and providers build physical names from all three, so a
 * portable shape keeps one spec deployable everywhere. Physical names themselves are each
 * provider's (within its cloud's limits, shortened with a hash where they must be): the model
 * promises no joined form and no cloud's limit.
 */
final class Names {
  static final int STACK_MAX = 20;
  static final int TARGET_MAX = 11;
  static final int RESOURCE_MAX = 30;

  private static final Pattern SHAPE = Pattern.compile("^[a-z][a-z0-9-]*$");
  private static final Pattern VARIABLE = Pattern.compile("^[A-Z_][A-Z0-9_]*$");

  private Names() {}

  /** Why {@code name} is not a valid name of this {@code kind}, or empty when it is. */
  static Optional<String> problem(String kind, String name, int max) {
    if (name.isEmpty()) return Optional.of(kind + " name is empty");
    if (!SHAPE.matcher(name).matches()) {
      return Optional.of(
          kind
              + " name '"
              + name
              + "' must start with a lower-case letter and contain only"
              + " lower-case letters, digits and '-' ("
              + suggestion(name)
              + ")");
    }
    if (name.length() > max) {
      return Optional.of(
          kind
              + " name '"
              + name
              + "' is "
              + name.length()
              + " characters long; at most "
              + max
              + " fit every cloud's limits");
    }
    if (name.endsWith("-") || name.contains("--")) {
      return Optional.of(kind + " name '" + name + "' must not end with '-' or contain '--'");
    }
    return Optional.empty();
  }

  /** Whether {@code key} can be an environment variable name on every platform. */
  static boolean isVariableName(String key) {
    return VARIABLE.matcher(key).matches();
  }

  private static String suggestion(String name) {
    String fixed =
        name.toLowerCase(java.util.Locale.ROOT)
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("-+", "-")
            .replaceAll("^[^a-z]+", "")
            .replaceAll("-$", "");
    return fixed.isEmpty() || fixed.equals(name)
        ? "for example 'orders-api'"
        : "for example '" + fixed + "'";
  }
}
