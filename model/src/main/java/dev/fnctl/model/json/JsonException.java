package dev.fnctl.model.json;

/**
 * Text that is not the JSON expected, with where the problem is (1-based line and column; 0 when
 * unknown). An {@link IllegalArgumentException} so that callers reading a value of the wrong shape
 * and callers reading bad text can treat both as bad input.
 */
public final class JsonException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String problem;
  private final int line;
  private final int column;

  public JsonException(String problem, int line, int column) {
    super(line > 0 ? "line " + line + ", column " + column + ": " + problem : problem);
    this.problem = problem;
    this.line = line;
    this.column = column;
  }

  /** What is wrong, without the position. */
  public String problem() {
    return problem;
  }

  public int line() {
    return line;
  }

  public int column() {
    return column;
  }
}
