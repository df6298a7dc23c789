package dev.fnctl.provider;

import dev.fnctl.model.diag.Severity;

/**
 * A validation problem a provider found, at a spec path such as {@code functions.resize.memory}.
 * The message says what is wrong and what to do, and names the target when only this target is
 * affected. A {@link Severity#WARNING} is shown without refusing the spec.
 */
public record Problem(String path, String message, Severity severity) {

  /** An error: the spec is refused for this target. */
  public Problem(String path, String message) {
    this(path, message, Severity.ERROR);
  }

  public static Problem warning(String path, String message) {
    return new Problem(path, message, Severity.WARNING);
  }
}
