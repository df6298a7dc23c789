package dev.fnctl.model.diag;

import java.util.List;

/**
 * The user's input is wrong. Carries every problem found, never just the first; the CLI prints them
 * one per line and exits 3 without touching any cloud.
 */
public final class SpecException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient List<Diagnostic> diagnostics;

  public SpecException(List<Diagnostic> diagnostics) {
    super(diagnostics.size() == 1 ? diagnostics.get(0).render() : diagnostics.size() + " problems");
    this.diagnostics = List.copyOf(diagnostics);
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
