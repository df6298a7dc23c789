package dev.fnctl.engine;

import dev.fnctl.model.diag.Diagnostic;
import dev.fnctl.model.diag.Position;
import dev.fnctl.model.diag.SourceMap;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.Spec;
import dev.fnctl.model.spec.Target;
import dev.fnctl.provider.CodePackager;
import dev.fnctl.provider.IgnoreFileException;
import dev.fnctl.provider.Problem;
import dev.fnctl.provider.Provider;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Providers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the model cannot check alone, for one target of a loaded spec: that every function's code is
 * there, that the target's provider exists, that its settings are ones the provider knows, and the
 * provider's own rules. Problems point at the spec through its source map.
 */
final class Validation {
  private Validation() {}

  /** Everything, for a spec the model found no problem in. */
  static List<Diagnostic> check(Spec spec, String targetName, Providers providers) {
    List<Diagnostic> out = new ArrayList<>(alongsideModelProblems(spec, targetName, providers));
    Target target = spec.target(targetName);
    Optional<Provider> provider = providers.find(target.provider());
    if (provider.isEmpty()) return out;
    for (Problem p : provider.get().validate(spec.forTarget(targetName)))
      out.add(at(spec, p.path(), p.message()));
    return out;
  }

  /**
   * What holds whatever else is wrong with the spec, so that validate reports it in the same run as
   * the model's problems: the code paths, the target's provider and the settings it knows. They
   * need only what was read of those fields. The provider's own rules (limits, runtimes) look at
   * the whole deployment, with every setting merged, so they wait for a spec without problems.
   *
   * @param spec as far as it could be read: a value with a problem is null or left out
   */
  static List<Diagnostic> alongsideModelProblems(
      Spec spec, String targetName, Providers providers) {
    List<Diagnostic> out = new ArrayList<>(codeProblems(spec));
    Target target = spec.target(targetName);
    if (target == null || target.provider() == null) return out; // the model said why
    String base = "targets." + targetName;
    String id = target.provider();
    Optional<Provider> provider = providers.find(id);
    if (provider.isEmpty()) {
      String known = String.join(", ", providers.ids());
      String message =
          "unknown provider '"
              + id
              + "'"
              + Suggestion.closest(id, providers.ids())
                  .map(s -> "; did you mean '" + s + "'?")
                  .orElse("")
              + " (available: "
              + (known.isEmpty() ? "none" : known)
              + ")";
      out.add(at(spec, spec.targets().isEmpty() ? "" : base + ".provider", message));
      return out;
    }
    Map<String, String> known = provider.get().settings();
    for (String key : target.settings().keySet()) {
      if (known.containsKey(key)) continue;
      String message =
          "unknown setting '"
              + key
              + "' for provider '"
              + id
              + "'"
              + Suggestion.closest(key, known.keySet())
                  .map(s -> "; did you mean '" + s + "'?")
                  .orElse("")
              + (known.isEmpty()
                  ? " (it takes no settings)"
                  : " (known: " + String.join(", ", new java.util.TreeSet<>(known.keySet())) + ")");
      out.add(at(spec, base + "." + key, message));
    }
    return out;
  }

  /**
   * A code path that is not there, or a bad pattern in its {@code .fnctlignore}, is the user's to
   * fix (exit 3), found before any cloud is read. An ignore file's problem points at its line.
   */
  private static List<Diagnostic> codeProblems(Spec spec) {
    List<Diagnostic> out = new ArrayList<>();
    if (spec.baseDir() == null) return out;
    for (FunctionSpec f : spec.functions().values()) {
      if (f.code() == null || f.code().isBlank()) continue;
      String path = "functions." + f.name() + ".code";
      try {
        CodePackager.check(spec.baseDir(), f.code());
      } catch (IgnoreFileException e) {
        out.add(new Diagnostic(new Position(shown(spec, e.file()), e.line(), 1), path, e.reason()));
      } catch (ProviderException e) {
        out.add(at(spec, path, e.getMessage()));
      }
    }
    return out;
  }

  /** A file next to the spec as the user would write it: from where the spec was named. */
  private static String shown(Spec spec, Path file) {
    Path given = spec.file() == null ? null : spec.file().getParent();
    Path base = spec.baseDir().toAbsolutePath().normalize();
    Path absolute = file.toAbsolutePath().normalize();
    if (!absolute.startsWith(base)) return absolute.toString();
    Path relative = base.relativize(absolute);
    return (given == null ? relative : given.resolve(relative)).toString();
  }

  private static Diagnostic at(Spec spec, String path, String message) {
    SourceMap map = spec.sourceMap();
    if (map != null) return map.at(path, message);
    String file = spec.file() == null ? "" : spec.file().toString();
    return new Diagnostic(Position.ofFile(file), path, message);
  }
}
