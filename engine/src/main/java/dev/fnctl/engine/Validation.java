package dev.fnctl.engine;

import dev.fnctl.model.diag.Diagnostic;
import dev.fnctl.model.diag.Position;
import dev.fnctl.model.diag.Severity;
import dev.fnctl.model.diag.SourceMap;
import dev.fnctl.model.load.SecretMaterial;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.Spec;
import dev.fnctl.model.spec.Target;
import dev.fnctl.provider.CodeCheck;
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
 * there, inside the project and within the target's package limit, that the target's provider
 * exists, that its settings are ones the provider knows, values that look like secret material, and
 * the provider's own rules. Problems point at the spec through its source map; some are warnings
 * ({@link Diagnostic#isError()} false), which never refuse the spec.
 */
final class Validation {
  private Validation() {}

  /** Everything, for a spec the model found no problem in. */
  static List<Diagnostic> check(Spec spec, String targetName, Providers providers) {
    return check(spec, targetName, providers, List.of());
  }

  /**
   * Everything that can be checked of {@code spec} alongside the model's own problems, so that
   * {@code validate} reports them all in one run. The provider's rules run on the deployment as far
   * as it could be read (a value with a problem is null or left out, and the built-in default
   * stands in for it); a provider problem at a path the model already found wrong is left out,
   * since fixing the model's problem changes it.
   *
   * @param modelProblems what the model found in {@code spec}; empty for a spec without problems
   */
  static List<Diagnostic> check(
      Spec spec, String targetName, Providers providers, List<Diagnostic> modelProblems) {
    List<Diagnostic> out = new ArrayList<>(SecretMaterial.check(spec));
    Target target = spec.target(targetName);
    Optional<Provider> provider =
        target == null || target.provider() == null
            ? Optional.empty()
            : providers.find(target.provider());
    Deployment deployment = null;
    if (target != null) {
      try {
        deployment = spec.forTarget(targetName);
      } catch (RuntimeException e) {
        if (modelProblems.isEmpty()) throw e; // a spec without problems always has a deployment
      }
    }
    out.addAll(codeProblems(spec, deployment, provider));
    out.addAll(providerProblems(spec, targetName, providers));
    if (provider.isEmpty() || deployment == null) return out;
    // Physical names start with the stack's name: without one, a provider's name rules would
    // report names the user never wrote.
    if (spec.stack() == null && !modelProblems.isEmpty()) return out;
    List<Problem> own;
    try {
      own = provider.get().validate(deployment);
    } catch (RuntimeException e) {
      // A provider may rely on what only a spec without problems has; the model's problems say
      // what to fix first, and its rules run again then.
      if (modelProblems.isEmpty()) throw e;
      return out;
    }
    for (Problem p : own) {
      if (modelProblems.stream().anyMatch(m -> within(p.path(), m.path()))) continue;
      out.add(at(spec, p.path(), p.message(), p.severity()));
    }
    if (modelProblems.isEmpty()) out.addAll(nameCollisions(spec, deployment, provider.get()));
    return out;
  }

  /**
   * Two items at one physical name, found on the provider's offline expansion: only the provider's
   * naming rules say which names meet. Checked on a spec without model problems only, since the
   * expansion needs a complete deployment.
   */
  private static List<Diagnostic> nameCollisions(
      Spec spec, Deployment deployment, Provider provider) {
    try {
      Optional<List<dev.fnctl.provider.Resource>> expanded = provider.expandOffline(deployment);
      return expanded.map(r -> NameCollisions.find(spec, r)).orElse(List.of());
    } catch (ProviderException e) {
      return List.of(at(spec, "", e.getMessage()));
    }
  }

  private static boolean within(String path, String reported) {
    return !reported.isEmpty()
        && (path.equals(reported)
            || path.startsWith(reported + ".")
            || path.startsWith(reported + "["));
  }

  /** The target's provider and the settings it knows. */
  private static List<Diagnostic> providerProblems(
      Spec spec, String targetName, Providers providers) {
    List<Diagnostic> out = new ArrayList<>();
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
   * A code path that is not there, outside the project, not a file or directory, over the target's
   * package limit, a handler or runtime that does not match the code, or a bad pattern in its
   * {@code .fnctlignore}: the user's to fix (exit 3), found before anything is packaged or any
   * cloud read. An ignore file's problem points at its line.
   */
  private static List<Diagnostic> codeProblems(
      Spec spec, Deployment deployment, Optional<Provider> provider) {
    List<Diagnostic> out = new ArrayList<>();
    if (spec.baseDir() == null) return out;
    long limit = provider.map(Provider::maxPackageBytes).orElse(Long.MAX_VALUE);
    String target = deployment == null ? "" : deployment.target().name();
    for (FunctionSpec written : spec.functions().values()) {
      if (written.code() == null || written.code().isBlank()) continue;
      FunctionSpec f =
          deployment == null
              ? written
              : deployment.functions().getOrDefault(written.name(), written);
      String path = "functions." + f.name() + ".code";
      List<Problem> found = CodeCheck.check(spec.baseDir(), f, limit, target);
      for (Problem p : found) out.add(at(spec, p.path(), p.message(), p.severity()));
      // Anything about where the code is stops here: the packager's check walks the tree.
      if (found.stream().anyMatch(p -> p.path().equals(path))) continue;
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
    return at(spec, path, message, Severity.ERROR);
  }

  private static Diagnostic at(Spec spec, String path, String message, Severity severity) {
    SourceMap map = spec.sourceMap();
    String file = spec.file() == null ? "" : spec.file().toString();
    Position position = map != null ? map.find(path) : Position.ofFile(file);
    return new Diagnostic(position, path, message, severity);
  }
}
