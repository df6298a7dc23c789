package dev.fnctl.model.load;

import dev.fnctl.model.spec.Deployment;
import java.util.Map;

/**
 * Which target a command works on when the user names none: the only target; the implicit {@code
 * local} when none is declared; otherwise the first whose provider is {@code local}, so that a
 * plain {@code fnctl plan} never reaches a real cloud by accident.
 */
final class TargetChoice {
  private TargetChoice() {}

  /**
   * @param providers target name to provider id, in file order
   * @throws IllegalArgumentException saying which targets there are
   */
  static String choose(Map<String, String> providers, String requested) {
    if (requested != null) {
      if (providers.containsKey(requested)) return requested;
      if (providers.isEmpty() && requested.equals(Deployment.IMPLICIT_LOCAL)) return requested;
      if (providers.isEmpty()) {
        throw new IllegalArgumentException(
            "there is no target '"
                + requested
                + "': the spec declares no targets, so the only one is the implicit 'local'");
      }
      String hint =
          DidYouMean.closest(requested, providers.keySet())
              .map(c -> "did you mean '" + c + "'? ")
              .orElse("");
      throw new IllegalArgumentException(
          "there is no target '"
              + requested
              + "': "
              + hint
              + "the spec declares "
              + String.join(", ", providers.keySet()));
    }
    if (providers.size() == 1) return providers.keySet().iterator().next();
    if (providers.isEmpty()) return Deployment.IMPLICIT_LOCAL;
    for (Map.Entry<String, String> e : providers.entrySet()) {
      if ("local".equals(e.getValue())) return e.getKey();
    }
    throw new IllegalArgumentException(
        "the spec declares several targets ("
            + String.join(", ", providers.keySet())
            + ") and none uses provider local: choose one with -t");
  }
}
