package dev.fnctl.provider.gcp;

import dev.fnctl.model.spec.Runtime;
import java.util.List;
import java.util.Optional;

/**
 * The neutral runtimes Cloud Functions (2nd gen) offers, and their Google ids ({@code python3.12}
 * is {@code python312}). Decommissioned runtimes are left out: Google refuses new deploys on them.
 */
final class GcpRuntimes {
  private GcpRuntimes() {}

  static final List<String> OFFERED =
      List.of(
          "python3.9",
          "python3.10",
          "python3.11",
          "python3.12",
          "python3.13",
          "nodejs18",
          "nodejs20",
          "nodejs22",
          "java17",
          "java21",
          "dotnet8");

  /** The Google runtime id of an offered neutral runtime. */
  static Optional<String> googleId(String neutral) {
    if (neutral == null || !OFFERED.contains(neutral)) return Optional.empty();
    return Runtime.parse(neutral).map(r -> r.language() + r.version().replace(".", ""));
  }

  /**
   * The entry point Cloud Functions calls. Python and Node.js load one file ({@code main.py},
   * {@code index.js}) and call a function in it, so {@code main.handle} becomes {@code handle};
   * Java and .NET name a class, kept whole.
   */
  static String entryPoint(String neutral, String handler) {
    if (handler == null) return null;
    if (neutral != null && (neutral.startsWith("python") || neutral.startsWith("nodejs"))) {
      int dot = handler.lastIndexOf('.');
      return dot < 0 ? handler : handler.substring(dot + 1);
    }
    return handler;
  }

  /** The file a Python or Node.js handler must live in, or null when any file will do. */
  static String requiredModule(String neutral) {
    if (neutral == null) return null;
    if (neutral.startsWith("python")) return "main";
    if (neutral.startsWith("nodejs")) return "index";
    return null;
  }
}
