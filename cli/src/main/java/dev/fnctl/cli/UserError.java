package dev.fnctl.cli;

/**
 * A failure the user can act on, printed as one {@code Error: ...} line with no stack trace.
 * Commands throw it instead of printing and returning, so the exit code is decided in one place.
 */
final class UserError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int exitCode;

  UserError(int exitCode, String message) {
    super(message, null, false, false);
    this.exitCode = exitCode;
  }

  static UserError invalid(String message) {
    return new UserError(ExitCode.INVALID, message);
  }

  static UserError failed(String message) {
    return new UserError(ExitCode.ERROR, message);
  }

  int exitCode() {
    return exitCode;
  }
}
