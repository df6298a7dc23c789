package dev.fnctl.model.diag;

/**
 * How bad a {@link Diagnostic} is. An error refuses the spec (exit 3, nothing touched); a warning
 * is printed and the command goes on, for input that is allowed but probably not meant (a value
 * under {@code env:} that looks like a key).
 */
public enum Severity {
  ERROR,
  WARNING;

  public boolean isError() {
    return this == ERROR;
  }
}
