package dev.fnctl.engine;

import dev.fnctl.model.diag.SpecException;
import dev.fnctl.model.spec.Spec;
import java.nio.file.Path;
import java.util.List;

/** Where the engine gets specs from: the model's loader, or a test's hand-built records. */
interface SpecSource {

  /** A spec loaded and validated for one target, with that target's name (never null). */
  record Loaded(Spec spec, String target) {}

  /** Loads {@code file} for {@code target} (null: the default target). */
  Loaded load(Path file, String target) throws SpecException;

  /**
   * The names of the targets the file declares, in file order; empty when it declares none (the
   * implicit local target) or cannot be read (loading then reports why).
   */
  List<String> targets(Path file);
}
