package dev.fnctl.engine;

import dev.fnctl.model.diag.Diagnostic;
import dev.fnctl.model.diag.Position;
import dev.fnctl.model.diag.SourceMap;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.Spec;
import dev.fnctl.provider.Problem;
import dev.fnctl.provider.Provider;
import dev.fnctl.provider.Providers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the model cannot check alone, for one target of a loaded spec: that its provider exists,
 * that its settings are ones the provider knows, and the provider's own rules. Problems point at
 * the spec through its source map.
 */
final class Validation {
  private Validation() {}

  static List<Diagnostic> check(Spec spec, String targetName, Providers providers) {
    List<Diagnostic> out = new ArrayList<>();
    Deployment deployment = spec.forTarget(targetName);
    String base = "targets." + targetName;
    String id = deployment.target().provider();
    Optional<Provider> provider = providers.find(id);
    if (provider.isEmpty()) {
      String known = String.join(", ", providers.ids());
      String message =
          "unknown provider '" + id + "'"
              + Suggestion.closest(id, providers.ids()).map(s -> "; did you mean '" + s + "'?").orElse("")
              + " (available: " + (known.isEmpty() ? "none" : known) + ")";
      out.add(at(spec, spec.targets().isEmpty() ? "" : base + ".provider", message));
      return out;
    }
    Map<String, String> known = provider.get().settings();
    for (String key : deployment.target().settings().keySet()) {
      if (known.containsKey(key)) continue;
      String message =
          "unknown setting '" + key + "' for provider '" + id + "'"
              + Suggestion.closest(key, known.keySet()).map(s -> "; did you mean '" + s + "'?").orElse("")
              + (known.isEmpty() ? " (it takes no settings)" : " (known: " + String.join(", ", new java.util.TreeSet<>(known.keySet())) + ")");
      out.add(at(spec, base + "." + key, message));
    }
    for (Problem p : provider.get().validate(deployment)) out.add(at(spec, p.path(), p.message()));
    return out;
  }

  private static Diagnostic at(Spec spec, String path, String message) {
    SourceMap map = spec.sourceMap();
    if (map != null) return map.at(path, message);
    String file = spec.file() == null ? "" : spec.file().toString();
    return new Diagnostic(Position.ofFile(file), path, message);
  }
}
