package dev.fnctl.provider.aws;

import dev.fnctl.model.spec.Runtime;
import java.util.List;
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
          "python3.9",
          "python3.10",
          "python3.11",
          "python3.12",
          "python3.13",
          "nodejs18",
          "nodejs20",
          "nodejs22",
          "java11",
          "java17",
          "java21",
          "dotnet8");

  private static final Set<String> OFFERED_SET = Set.copyOf(OFFERED);

  /** Lambda's id for a neutral runtime, or empty when Lambda does not offer it. */
  static Optional<String> lambdaId(String neutral) {
    if (!OFFERED_SET.contains(neutral)) return Optional.empty();
    return Runtime.parse(neutral)
        .map(r -> r.language().equals(Runtime.NODEJS) ? neutral + ".x" : neutral);
  }
}
