package dev.fnctl.provider;

import java.nio.file.Path;

/**
 * A line of a code directory's {@code .fnctlignore} that is not a valid pattern. It is the user's
 * to fix, so it names the file and the line; the engine reports it with the spec's problems, before
 * anything is read or changed.
 */
public final class IgnoreFileException extends ProviderException {
  private static final long serialVersionUID = 1L;
  private final transient Path file;
  private final int line;
  private final String reason;

  public IgnoreFileException(Path file, int line, String reason) {
    super(file + ":" + line + ": " + reason);
    this.file = file;
    this.line = line;
    this.reason = reason;
  }

  /** The ignore file, as resolved from the spec's directory. */
  public Path file() {
    return file;
  }

  /** The line, counted from 1. */
  public int line() {
    return line;
  }

  /** What is wrong with the line, without the file and line. */
  public String reason() {
    return reason;
  }
}
