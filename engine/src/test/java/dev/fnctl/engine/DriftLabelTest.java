package dev.fnctl.engine;

import static dev.fnctl.engine.TestSpecs.props;
import static dev.fnctl.engine.TestSpecs.res;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.provider.Drift;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.LiveState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A change the provider knows was made outside fnctl is labelled so in the plan. */
class DriftLabelTest {
  private final Planner planner = new Planner("orders", "dev");

  private ResourceChange update(LiveResource live) throws Exception {
    List<ResourceChange> changes =
        planner.plan(
            List.of(res("a", props("memory", 256L, "policy", "least"))),
            new LiveState(List.of(live)),
            Engine.PlanMode.NORMAL);
    assertEquals(Action.UPDATE, changes.get(0).action());
    return changes.get(0);
  }

  private static LiveResource live(Object memory, Object policy) {
    return new LiveResource(
        "a", "fake:thing", "thing a", true, props("memory", memory, "policy", policy), Map.of());
  }

  @Test
  void driftIsLabelledAndASpecChangeIsNot() throws Exception {
    assertEquals("changed: memory", update(live(128L, "least")).reason());
    assertEquals(
        "changed outside fnctl: policy",
        update(Drift.mark(live(256L, "wide"), List.of("policy"))).reason());
    assertEquals(
        "changed: memory; changed outside fnctl: policy",
        update(Drift.mark(live(128L, "wide"), List.of("policy"))).reason());
  }
}
