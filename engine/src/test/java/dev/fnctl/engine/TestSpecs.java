package dev.fnctl.engine;

import dev.fnctl.model.diag.Diagnostic;
import dev.fnctl.model.diag.Position;
import dev.fnctl.model.diag.SourceMap;
import dev.fnctl.model.diag.SpecException;
import dev.fnctl.model.load.SpecLoader;
import dev.fnctl.model.spec.FunctionSettings;
import dev.fnctl.model.spec.Spec;
import dev.fnctl.model.spec.Target;
import dev.fnctl.provider.Ref;
import dev.fnctl.provider.Resource;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Hand-built specs and resources for engine tests (no YAML: the loader is tested in model/). */
final class TestSpecs implements SpecSource {
  static final Path FILE = Path.of("fnctl.yaml");
  volatile Spec spec = spec("fake", Map.of(), "digest-1");

  /** What the model found wrong with {@link #spec}, as validate sees it; load() ignores it. */
  volatile List<Diagnostic> modelProblems = List.of();

  static Spec spec(String provider, Map<String, String> settings, String digest) {
    return spec(provider, settings, digest, Map.of());
  }

  static Spec spec(
      String provider,
      Map<String, String> settings,
      String digest,
      Map<String, dev.fnctl.model.spec.FunctionSpec> functions) {
    Map<String, Position> positions = new LinkedHashMap<>();
    positions.put("targets.dev", new Position("fnctl.yaml", 3, 3));
    positions.put("targets.dev.provider", new Position("fnctl.yaml", 3, 18));
    positions.put("targets.dev.regoin", new Position("fnctl.yaml", 4, 5));
    positions.put("functions.resize.memory", new Position("fnctl.yaml", 9, 13));
    positions.put("functions.resize.code", new Position("fnctl.yaml", 8, 11));
    Map<String, Target> targets =
        Map.of("dev", new Target("dev", provider, settings, null, Map.of()));
    return new Spec(
        Spec.API_VERSION,
        "orders",
        targets,
        FunctionSettings.NONE,
        functions,
        Map.of(),
        Map.of(),
        Map.of(),
        Map.of(),
        FILE,
        Path.of("."),
        new SourceMap("fnctl.yaml", positions),
        digest);
  }

  @Override
  public boolean exists(Path file) {
    return file.equals(FILE);
  }

  @Override
  public Loaded load(Path file, String target) throws SpecException {
    if (target != null && !spec.targets().containsKey(target)) {
      throw new SpecException(
          List.of(new Diagnostic(Position.ofFile(file.toString()), "", "no target " + target)));
    }
    return new Loaded(spec, target == null ? "dev" : target);
  }

  @Override
  public List<SpecLoader.ForTarget> loadEveryTarget(Path file) {
    return spec.targets().keySet().stream()
        .map(t -> new SpecLoader.ForTarget(t, spec, modelProblems))
        .toList();
  }

  static Resource res(String address, Map<String, Object> props, String... deps) {
    return Resource.of(address, "fake:thing", "thing " + address, props, List.of(deps));
  }

  static Resource res(
      String address, Map<String, Object> props, Set<String> replaceOn, String... deps) {
    return new Resource(
        address, "fake:thing", "thing " + address, props, replaceOn, Set.of(), List.of(deps), null);
  }

  static Ref ref(String address) {
    return new Ref(address, "id");
  }

  /** A map allowing nulls, in the order given. */
  static Map<String, Object> props(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }
}
