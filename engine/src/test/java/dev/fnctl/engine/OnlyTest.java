package dev.fnctl.engine;

import static dev.fnctl.engine.TestSpecs.props;
import static dev.fnctl.engine.TestSpecs.res;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.provider.Providers;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --only}: the item's changes and what they depend on, in planning and in saved plans. */
class OnlyTest {
  private final FakeProvider provider = new FakeProvider();
  private final FakeCloud cloud = provider.cloud;
  private final TestSpecs specs = new TestSpecs();
  private final Engine engine =
      new DefaultEngine(Providers.of(List.of(provider)), Map.of("HOME", "/nowhere"), specs);

  @Test
  void itemsAreWrittenKindColonName() {
    assertEquals("function api", Only.parse("function:api").item());
    assertEquals("function api", Only.parse("function api").item());
    assertEquals("function:api", Only.parse("Function:api").text());
    assertThrows(IllegalArgumentException.class, () -> Only.parse("api"));
    assertThrows(IllegalArgumentException.class, () -> Only.parse("function:"));
  }

  @Test
  void aPlanHoldsTheItemAndWhatItDependsOnTransitivelyAndNothingElse() throws Exception {
    // c needs b needs a; d is unrelated; e needs c (a dependent, not a dependency).
    cloud.desired =
        List.of(
            res("a", props("v", 1)),
            res("b", props("v", 1), "a"),
            res("c", props("v", 1), "b"),
            res("d", props("v", 1)),
            res("e", props("v", 1), "c"));
    try (PlanSession s =
        engine.only(Only.parse("thing:c")).plan(TestSpecs.FILE, null, Engine.PlanMode.NORMAL)) {
      assertEquals(List.of("a", "b", "c"), addresses(s.plan()));
      assertTrue(engine.apply(s, ApplyOptions.defaults(), ApplyListener.NONE).succeeded());
    }
    assertEquals(List.of("create a", "create b", "create c"), cloud.calls);
    try (PlanSession s = engine.plan(TestSpecs.FILE, null, Engine.PlanMode.NORMAL)) {
      assertEquals(2, s.plan().summary().add(), "d and e are still to make");
    }
  }

  @Test
  void anUnknownItemGivesAnEmptyPlan() throws Exception {
    cloud.desired = List.of(res("a", props("v", 1)));
    try (PlanSession s =
        engine.only(Only.parse("thing:zzz")).plan(TestSpecs.FILE, null, Engine.PlanMode.NORMAL)) {
      assertEquals(List.of(), s.plan().changes());
    }
  }

  @Test
  void aSavedOnlyPlanIsCheckedAgainstTheSameCut() throws Exception {
    cloud.desired = List.of(res("a", props("v", 1)), res("d", props("v", 1)));
    Engine only = engine.only(Only.parse("thing:a"));
    Plan saved;
    try (PlanSession s = only.plan(TestSpecs.FILE, null, Engine.PlanMode.NORMAL)) {
      saved = s.plan();
    }
    assertEquals(List.of("a"), addresses(saved));
    try (PlanSession s = only.reopen(saved)) {
      assertTrue(engine.apply(s, ApplyOptions.defaults(), ApplyListener.NONE).succeeded());
    }
    assertEquals(List.of("create a"), cloud.calls);
    // The whole engine sees the cut plan as stale: d would be created too.
    try (PlanSession s = only.plan(TestSpecs.FILE, null, Engine.PlanMode.NORMAL)) {
      saved = s.plan();
    }
    Plan cut = saved;
    assertThrows(StalePlanException.class, () -> engine.reopen(cut).close());
  }

  private static List<String> addresses(Plan plan) {
    return plan.changes().stream().map(ResourceChange::address).toList();
  }
}
