package dev.fnctl.engine;

import dev.fnctl.model.diag.SpecException;
import dev.fnctl.model.spec.Spec;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Specs from the model's {@code SpecLoader}.
 *
 * <p>TEMPORARY: the loader is being built on another branch, so it is reached by reflection until
 * it lands on main; then this becomes two direct calls.
 */
final class ModelSpecSource implements SpecSource {
  private static final String LOADER = "dev.fnctl.model.load.SpecLoader";
  private final Map<String, String> env;

  ModelSpecSource(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public Loaded load(Path file, String target) throws SpecException {
    try {
      Class<?> type = Class.forName(LOADER);
      Object loader = type.getConstructor(Map.class).newInstance(env);
      Spec spec = (Spec) type.getMethod("load", Path.class, String.class).invoke(loader, file, target);
      Method choose = type.getMethod("chooseTarget", Spec.class, String.class);
      return new Loaded(spec, (String) choose.invoke(null, spec, target));
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof SpecException s) throw s;
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the spec loader is not available in this build", e);
    }
  }

  /** Reads just the names under {@code targets:}; a file that does not parse has none here. */
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
