package dev.fnctl.model.load;

import dev.fnctl.model.spec.Concurrency;
import dev.fnctl.model.spec.FunctionSettings;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the function settings that {@code defaults:}, a function and a target may each write.
 * Limits are those every cloud accepts, so that a spec valid here deploys anywhere.
 */
final class SettingsReader {
  static final List<String> FIELDS =
      List.of("runtime", "memory", "timeout", "architecture", "env", "concurrency");
  static final int MEMORY_MIN = 128;
  static final int MEMORY_MAX = 10240;
  static final Duration TIMEOUT_MAX = Duration.ofSeconds(900);

  private SettingsReader() {}

  /** The settings among {@code fields} (a map already checked for unknown names). */
  static FunctionSettings read(Map<String, SpecNode> fields) {
    SpecNode runtime = fields.get("runtime");
    SpecNode memory = fields.get("memory");
    SpecNode timeout = fields.get("timeout");
    SpecNode architecture = fields.get("architecture");
    SpecNode env = fields.get("env");
    SpecNode concurrency = fields.get("concurrency");
    return new FunctionSettings(
        runtime == null ? null : RuntimeReader.read(runtime),
        memory == null ? null : memory.integer(MEMORY_MIN, MEMORY_MAX, " MB"),
        timeout == null ? null : timeout(timeout),
        architecture == null ? null : architecture.word(List.of("x86_64", "arm64")),
        env == null ? Map.of() : variables(env, "environment variables"),
        concurrency == null ? null : concurrency(concurrency));
  }

  static Duration timeout(SpecNode node) {
    Duration d = node.duration();
    if (d == null) return null;
    String written = "timeout " + node.text().strip();
    if (d.isZero()) {
      node.problem(written + " is too short: a function needs at least 1s; use 1s to 900s (15m)");
      return null;
    }
    if (d.toMillisPart() != 0) {
      node.problem(written + " is not a whole number of seconds; use 1s to 900s (15m)");
      return null;
    }
    if (d.compareTo(TIMEOUT_MAX) > 0) {
      node.problem(written + " is too long; use 1s to 900s (15m)");
      return null;
    }
    return d;
  }

  /** A map of environment-style names ({@code API_KEY}) to non-empty text. */
  static Map<String, String> variables(SpecNode map, String what) {
    Map<String, String> out = new LinkedHashMap<>();
    map.entries("a map of " + what + " (NAME: value)")
        .forEach(
            (key, value) -> {
              checkVariableName(key, value);
              String text = value.text();
              if (text != null) out.put(key, text);
            });
    return Collections.unmodifiableMap(out);
  }

  static void checkVariableName(String key, SpecNode value) {
    if (!Names.isVariableName(key)) {
      value.keyProblem(
          "'"
              + key
              + "' is not a valid name: use upper-case letters, digits and '_',"
              + " not starting with a digit (e.g. "
              + key.toUpperCase(java.util.Locale.ROOT)
                  .replaceAll("[^A-Z0-9_]", "_")
                  .replaceAll("^([0-9])", "_$1")
              + ")");
    }
  }

  private static Concurrency concurrency(SpecNode node) {
    Map<String, SpecNode> f = node.fields("a map with max and warm", List.of("max", "warm"));
    Integer max = f.containsKey("max") ? f.get("max").integer(1, 100_000, "") : null;
    Integer warm = f.containsKey("warm") ? f.get("warm").integer(0, 100_000, "") : null;
    if (max != null && warm != null && warm > max) {
      f.get("warm").problem("warm " + warm + " is more than max " + max + "; keep warm <= max");
      warm = null;
    }
    return new Concurrency(max, warm);
  }
}
