package dev.fnctl.provider;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the outside world gives a provider session.
 *
 * @param projectDir the directory holding the spec; the local target keeps its state under it
 * @param env the process environment (passed in so tests control it)
 * @param log where a provider reports retries and waits; never secrets
 */
public record Context(Path projectDir, Map<String, String> env, Log log) {

  /** One-line progress notes from a provider (throttling retries, waits for async updates). */
  @FunctionalInterface
  public interface Log {
    void note(String message);

    Log SILENT = message -> {};
  }
}
