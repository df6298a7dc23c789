package dev.fnctl.provider.azure;

import dev.fnctl.engine.ApplyListener;
import dev.fnctl.engine.ApplyOptions;
import dev.fnctl.engine.ApplyReport;
import dev.fnctl.engine.Engine;
import dev.fnctl.engine.PlanSession;
import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.ResourceChange;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The real engine on a spec file and the Azure fakes: plan, apply, destroy, as users run them. */
final class EngineOnFake {
  private final Engine engine;
  private final Path spec;
  private final String target;

  EngineOnFake(AzureFakes azure, Path spec, String target) {
    this(azure, spec, target, java.util.Map.of());
  }

  /** With {@code env} added to the environment the spec is read with. */
  EngineOnFake(AzureFakes azure, Path spec, String target, java.util.Map<String, String> env) {
    java.util.Map<String, String> all = new java.util.HashMap<>(azure.env());
    all.putAll(env);
    this.engine = Engine.create(azure.providers(), all);
    this.spec = spec;
    this.target = target;
  }

  Plan plan() throws Exception {
    return plan(Engine.PlanMode.NORMAL);
  }

  Plan plan(Engine.PlanMode mode) throws Exception {
    try (PlanSession s = engine.plan(spec, target, mode)) {
      return s.plan();
    }
  }

  ApplyReport apply() throws Exception {
    return apply(Engine.PlanMode.NORMAL);
  }

  ApplyReport destroy() throws Exception {
    return apply(Engine.PlanMode.DESTROY);
  }

  ApplyReport apply(Engine.PlanMode mode) throws Exception {
    try (PlanSession s = engine.plan(spec, target, mode)) {
      return engine.apply(
          s,
          new ApplyOptions(
              4, Duration.ofSeconds(10), mode == Engine.PlanMode.DESTROY ? "destroy" : "apply"),
          ApplyListener.NONE);
    }
  }

  /** The plan's changes other than no-ops, as {@code symbol address [changed properties]}. */
  static List<String> shape(Plan p) {
    return p.changes().stream()
        .filter(c -> c.action() != Action.NO_OP)
        .map(c -> c.action().symbol() + " " + c.address() + " " + c.changedProperties())
        .toList();
  }

  static List<ResourceChange> changes(Plan p) {
    return p.changes().stream().filter(c -> c.action() != Action.NO_OP).toList();
  }
}
