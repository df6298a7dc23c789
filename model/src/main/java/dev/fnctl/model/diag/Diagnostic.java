package dev.fnctl.model.diag;

/**
 * One problem with the user's input, where it is and what to do about it. Rendered as {@code
 * file:line:column: path: message}, the form editors and CI annotations understand.
 *
 * @param position where in the file; {@link Position#UNKNOWN} when the problem has no place
 * @param path the path in the spec, e.g. {@code functions.resize.memory}; empty for the document
 */
public record Diagnostic(Position position, String path, String message) {

  public String render() {
    StringBuilder sb = new StringBuilder(position.render()).append(": ");
    if (!path.isEmpty()) sb.append(path).append(": ");
    return sb.append(message).toString();
  }

  @Override
  public String toString() {
    return render();
  }
}
