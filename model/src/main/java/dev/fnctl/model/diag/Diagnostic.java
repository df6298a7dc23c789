package dev.fnctl.model.diag;

import java.util.List;

/**
 * One problem with the user's input, where it is and what to do about it. Rendered as {@code
 * file:line:column: path: message} for an error and {@code file:line:column: warning: path:
 * message} for a warning, the forms editors and CI annotations understand.
 *
 * @param position where in the file; {@link Position#UNKNOWN} when the problem has no place
 * @param path the path in the spec, e.g. {@code functions.resize.memory}; empty for the document
 * @param message what is wrong and what to do; control characters from the user's values are
 *     escaped when rendered, so a message is always one line
 * @param severity whether the spec is refused ({@link Severity#ERROR}) or only warned about
 */
public record Diagnostic(Position position, String path, String message, Severity severity) {

  /** An error: the spec is refused. */
  public Diagnostic(Position position, String path, String message) {
    this(position, path, message, Severity.ERROR);
  }

  public static Diagnostic warning(Position position, String path, String message) {
    return new Diagnostic(position, path, message, Severity.WARNING);
  }

  public boolean isError() {
    return severity.isError();
  }

  /** True when at least one of {@code diagnostics} refuses the spec. */
  public static boolean anyError(List<Diagnostic> diagnostics) {
    return diagnostics.stream().anyMatch(Diagnostic::isError);
  }

  public String render() {
    StringBuilder sb = new StringBuilder(escape(position.render())).append(": ");
    if (!severity.isError()) sb.append("warning: ");
    if (!path.isEmpty()) sb.append(escape(path)).append(": ");
    return sb.append(escape(message)).toString();
  }

  /**
   * Control characters (a tab, a newline or an escape sequence in a key or value) written as {@code
   * \t}, {@code \n}, {@code \u001b}: a message stays one line and cannot drive the terminal.
   */
  public static String escape(String text) {
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
      if (!control) {
        if (sb != null) sb.append(c);
        continue;
      }
      if (sb == null) sb = new StringBuilder(text.substring(0, i));
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> sb.append(String.format("\\u%04x", (int) c));
      }
    }
    return sb == null ? text : sb.toString();
  }

  @Override
  public String toString() {
    return render();
  }
}
