package dev.fnctl.engine;

import dev.fnctl.model.diag.SpecException;
import dev.fnctl.model.load.SpecLoader;
import dev.fnctl.model.spec.Spec;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Specs from the model's {@link SpecLoader}. */
final class ModelSpecSource implements SpecSource {
  private final SpecLoader loader;

  ModelSpecSource(Map<String, String> env) {
    this.loader = new SpecLoader(env);
  }

  @Override
  public Loaded load(Path file, String target) throws SpecException {
    Spec spec = loader.load(file, target);
    return new Loaded(spec, SpecLoader.chooseTarget(spec, target));
  }

  /**
   * Just the names under {@code targets:}, so that {@code validate} can load the spec once per
   * target even when no default target exists. A file that does not parse has none here: loading
   * it reports why.
   */
  @Override
  public List<String> targets(Path file) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      Object doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
      if (doc instanceof Map<?, ?> top && top.get("targets") instanceof Map<?, ?> targets) {
        List<String> names = new ArrayList<>();
        for (Object k : targets.keySet()) names.add(String.valueOf(k));
        return names;
      }
    } catch (IOException | RuntimeException e) {
      // the loader reports what is wrong with the file
    }
    return List.of();
  }
}
