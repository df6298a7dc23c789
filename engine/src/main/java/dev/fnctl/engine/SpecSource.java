package dev.fnctl.engine;

import dev.fnctl.model.diag.SpecException;
import dev.fnctl.model.load.SpecLoader;
import dev.fnctl.model.spec.Spec;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the engine gets specs from: the model's loader, or a test's hand-built records. Public so
 * that provider tests can drive the real engine with specs they build as records ({@link
 * Engine#create(dev.fnctl.provider.Providers, java.util.Map, SpecSource)}).
 */
public interface SpecSource {

  /** A spec loaded and validated for one target, with that target's name (never null). */
  record Loaded(Spec spec, String target) {}

  /** Whether there is a spec file at {@code file}, relative to where fnctl runs. */
  boolean exists(Path file);

  /** Loads {@code file} for {@code target} (null: the default target). */
  Loaded load(Path file, String target) throws SpecException;

  /**
   * For validate: the file read once and loaded for every target it declares (the implicit local
   * when it declares none), each with its own problems.
   *
   * @throws SpecException when the file cannot be read as a spec at all
   */
  List<SpecLoader.ForTarget> loadEveryTarget(Path file) throws SpecException;
}
