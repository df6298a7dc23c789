package dev.fnctl.testkit;

import dev.fnctl.engine.Engine;
import dev.fnctl.engine.SpecSource;
import dev.fnctl.model.diag.SpecException;
import dev.fnctl.model.load.SpecLoader;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.Spec;
import dev.fnctl.provider.Providers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Specs a provider test built as records, served to the real engine ({@link
 * Engine#create(Providers, Map, SpecSource)}) as if they had been loaded from their {@link
 * Spec#file()}: the test changes one setting in a record and plans again through the same planner
 * and applier users run, not a second one.
 */
public final class HandBuiltSpecs implements SpecSource {
  private final Map<Path, Spec> specs = new ConcurrentHashMap<>();

  /** Serves {@code spec} from now on for its file (replacing an earlier spec of the same file). */
  public Path put(Spec spec) {
    Path file = spec.file().toAbsolutePath().normalize();
    specs.put(file, spec);
    return file;
  }

  /** Serves {@code d}'s spec; returns the file to plan, for {@code d}'s target. */
  public Path put(Deployment d) {
    return put(d.spec());
  }

  @Override
  public boolean exists(Path file) {
    return specs.containsKey(file.toAbsolutePath().normalize());
  }

  @Override
  public Loaded load(Path file, String target) throws SpecException {
    Spec spec = find(file);
    String name = target != null ? target : spec.targets().keySet().iterator().next();
    return new Loaded(spec, name);
  }

  @Override
  public List<SpecLoader.ForTarget> loadEveryTarget(Path file) throws SpecException {
    Spec spec = find(file);
    List<SpecLoader.ForTarget> all = new ArrayList<>();
    for (String target : spec.targets().keySet())
      all.add(new SpecLoader.ForTarget(target, spec, List.of()));
    return all;
  }

  private Spec find(Path file) {
    Spec spec = specs.get(file.toAbsolutePath().normalize());
    if (spec == null) throw new IllegalStateException("no hand-built spec for " + file);
    return spec;
  }
}
