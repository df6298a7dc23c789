package dev.fnctl.provider.aws;

import dev.fnctl.model.spec.Runtime;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps fnctl's neutral runtime names onto Lambda's runtime ids. Lambda spells Node.js with a {@code
 * .x} suffix ({@code nodejs22.x}); Python, Java and .NET ids are the neutral names.
 */
final class LambdaRuntimes {
  private LambdaRuntimes() {}

  /** Neutral runtimes Lambda offers for new functions (deprecated ones refuse creation). */
  static final List<String> OFFERED =
      List.of(
          "python3.10",
          "python3.11",
          "python3.12",
          "python3.13",
          "nodejs20",
          "nodejs22",
          "java11",
          "java17",
          "java21",
          "dotnet8");

  /**
   * Runtimes Lambda deprecated and no longer creates functions on, with their deprecation date
   * (Lambda developer guide, "Deprecated runtimes"): validate names the date instead of only
   * listing what is offered.
   */
  static final Map<String, LocalDate> DEPRECATED =
      Map.of(
          "python3.8", LocalDate.of(2024, 10, 14),
          "python3.9", LocalDate.of(2025, 12, 15),
          "nodejs16", LocalDate.of(2024, 6, 12),
          "nodejs18", LocalDate.of(2025, 9, 1),
          "dotnet6", LocalDate.of(2024, 12, 20));

  private static final Set<String> OFFERED_SET = Set.copyOf(OFFERED);

  /** Lambda's id for a neutral runtime, or empty when Lambda does not offer it. */
  static Optional<String> lambdaId(String neutral) {
    if (!OFFERED_SET.contains(neutral)) return Optional.empty();
    return Runtime.parse(neutral)
        .map(r -> r.language().equals(Runtime.NODEJS) ? neutral + ".x" : neutral);
  }
}
