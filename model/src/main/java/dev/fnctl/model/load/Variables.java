package dev.fnctl.model.load;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The variables a scalar may use: {@code ${env:NAME}}, {@code ${env:NAME:-default}} (the default
 * may use variables too), {@code ${stack}} and {@code ${target}}; {@code $${} writes a literal
 * {@code ${}.
 *
 * @param stack null while the stack name itself is being read
 * @param target null when no target could be chosen (that problem is reported elsewhere)
 */
record Variables(Map<String, String> env, String stack, String target) {
  private static final Pattern ENV_NAME = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");
  static final String KNOWN = "${env:NAME}, ${env:NAME:-default}, ${stack} or ${target}";

  /** The text with every variable replaced; an IllegalArgumentException names the first problem. */
  String resolve(String text) {
    if (text.indexOf('$') < 0) return text;
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      if (text.startsWith("$${", i)) {
        out.append("${");
        i += 3;
      } else if (text.startsWith("${", i)) {
        int close = closing(text, i + 2);
        if (close < 0) {
          throw new IllegalArgumentException(
              "'${' is not closed with '}'; write $${ for a literal ${");
        }
        out.append(value(text.substring(i + 2, close)));
        i = close + 1;
      } else {
        out.append(text.charAt(i++));
      }
    }
    return out.toString();
  }

  /**
   * Where the variable opened before {@code from} closes: a default may itself use variables, as in
   * shells ({@code ${env:REGION:-${env:AWS_REGION:-eu-west-1}}}), so braces of inner variables are
   * skipped. -1 when it is not closed.
   */
  private static int closing(String text, int from) {
    int depth = 0;
    for (int i = from; i < text.length(); i++) {
      if (text.startsWith("$${", i)) {
        i += 2;
      } else if (text.startsWith("${", i)) {
        depth++;
        i++;
      } else if (text.charAt(i) == '}') {
        if (depth == 0) return i;
        depth--;
      }
    }
    return -1;
  }

  private String value(String variable) {
    if (variable.equals("stack")) {
      if (stack == null) throw new IllegalArgumentException("the stack name cannot use ${stack}");
      return stack;
    }
    if (variable.equals("target")) {
      if (stack == null) throw new IllegalArgumentException("the stack name cannot use ${target}");
      return target == null ? "" : target;
    }
    if (variable.startsWith("env:")) {
      String rest = variable.substring(4);
      int dash = rest.indexOf(":-");
      String name = dash < 0 ? rest : rest.substring(0, dash);
      if (!ENV_NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "'${" + variable + "}' does not name an environment variable; write ${env:NAME}");
      }
      String value = env.get(name);
      if (value != null) return value;
      if (dash >= 0) return resolve(rest.substring(dash + 2));
      throw new IllegalArgumentException(
          "environment variable "
              + name
              + " is not set; set it or give a default: ${env:"
              + name
              + ":-value}");
    }
    String hint =
        DidYouMean.closest(variable, java.util.List.of("stack", "target", "env"))
            .map(c -> c.equals("env") ? "${env:NAME}" : "${" + c + "}")
            .map(c -> " (did you mean " + c + "?)")
            .orElse("");
    throw new IllegalArgumentException(
        "unknown variable ${"
            + variable
            + "}"
            + hint
            + "; use "
            + KNOWN
            + ", or $${ for a literal ${");
  }
}
