package dev.fnctl.engine;

/**
 * A saved plan no longer matches the spec or the live cloud: plan again. The message says only what
 * changed ("the spec file fnctl.yaml changed since the plan was made"); the CLI frames it.
 */
public final class StalePlanException extends Exception {
  private static final long serialVersionUID = 1L;

  public StalePlanException(String message) {
    super(message);
  }
}
