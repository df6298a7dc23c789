package dev.fnctl.engine;

import dev.fnctl.model.diag.SpecException;
import dev.fnctl.model.load.SpecLoader;
import dev.fnctl.model.spec.Spec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Specs from the model's {@link SpecLoader}. */
final class ModelSpecSource implements SpecSource {
  private final SpecLoader loader;

  ModelSpecSource(Map<String, String> env) {
    this.loader = new SpecLoader(env);
  }

  @Override
  public boolean exists(Path file) {
    return java.nio.file.Files.isRegularFile(file);
  }

  @Override
  public Loaded load(Path file, String target) throws SpecException {
    Spec spec = loader.load(file, target);
    return new Loaded(spec, SpecLoader.chooseTarget(spec, target));
  }

  @Override
  public List<SpecLoader.ForTarget> loadEveryTarget(Path file) throws SpecException {
    return loader.loadEveryTarget(file);
  }
}
