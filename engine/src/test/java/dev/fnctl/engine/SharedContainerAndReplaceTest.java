package dev.fnctl.engine;

import static dev.fnctl.engine.TestSpecs.props;
import static dev.fnctl.engine.TestSpecs.ref;
import static dev.fnctl.engine.TestSpecs.res;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.ReplaceMode;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.ProviderException.Kind;
import dev.fnctl.provider.Providers;
import dev.fnctl.provider.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Shared containers, multi-item resources, replacement order and error kinds, through the real
 * engine against the in-memory cloud.
 */
class SharedContainerAndReplaceTest {
  private final FakeProvider provider = new FakeProvider();
  private final FakeCloud cloud = provider.cloud;
  private final TestSpecs specs = new TestSpecs();
  private final Engine engine =
      new DefaultEngine(Providers.of(List.of(provider)), Map.of("HOME", "/nowhere"), specs);

  private Plan plan() throws Exception {
    try (PlanSession s = engine.plan(TestSpecs.FILE, null, Engine.PlanMode.NORMAL)) {
      return s.plan();
    }
  }

  private ApplyReport apply(RecordingListener listener) throws Exception {
    try (PlanSession s = engine.plan(TestSpecs.FILE, null, Engine.PlanMode.NORMAL)) {
      return engine.apply(s, new ApplyOptions(10, Duration.ZERO, "apply"), listener);
    }
  }

  @Test
  void stepsOnOneContainerNeverRunTogetherWhileOthersRunInParallel() throws Exception {
    List<Resource> desired = new ArrayList<>();
    for (int i = 0; i < 4; i++)
      desired.add(res("bucket-a/n" + i, props()).inContainer("notifications/bucket-a"));
    for (int i = 0; i < 4; i++) desired.add(res("free-" + i, props()));
    cloud.desired = desired;
    cloud.stepMillis = 40;

    assertTrue(apply(new RecordingListener()).succeeded());
    assertEquals(1, cloud.maxPerContainer.get(), "one step at a time on a container");
    assertTrue(cloud.maxInFlight.get() > 1, "others still run in parallel");
    assertEquals(
        "notifications/bucket-a", cloud.state.get("bucket-a/n0").container(), "read back too");

    // Deletes of entries no longer in the spec are serialised by their live container.
    cloud.desired = List.of();
    cloud.maxPerContainer.set(0);
    assertTrue(apply(new RecordingListener()).succeeded());
    assertEquals(1, cloud.maxPerContainer.get());
    assertTrue(cloud.state.isEmpty());
  }

  @Test
  void aContainerWrittenWholeGetsAllItsChangesInOneWriteInDependencyOrder() throws Exception {
    String bucket = FakeCloud.WHOLE + "uploads";
    cloud.desired =
        List.of(
            res("fn", props()),
            res("uploads/a-images", props("prefix", "images/"), "fn").inContainer(bucket),
            res("uploads/b", props("prefix", "docs/"), "fn").inContainer(bucket),
            res("after", props("n", ref("uploads/b"))));
    RecordingListener listener = new RecordingListener();
    assertTrue(apply(listener).succeeded());
    assertEquals(
        List.of(
            "create fn",
            "together " + bucket + ": create uploads/a-images, create uploads/b",
            "create after"),
        cloud.calls);
    assertTrue(listener.events.contains("finished uploads/a-images"));

    // A changed prefix is a new entry and the old one's removal: one write, never both entries
    // side by side. A delete in the group does not wait for work that needs the group.
    cloud.calls.clear();
    cloud.desired =
        List.of(
            res("fn", props()),
            res("uploads/a-thumbs", props("prefix", "thumbs/"), "fn").inContainer(bucket),
            res("uploads/b", props("prefix", "docs/"), "fn").inContainer(bucket),
            res("after", props("n", ref("uploads/b"), "v", 2L)));
    assertTrue(apply(new RecordingListener()).succeeded());
    assertEquals(
        Set.of(
            "together " + bucket + ": create uploads/a-thumbs, delete uploads/a-images",
            "update after"),
        Set.copyOf(cloud.calls));
    assertEquals(2, cloud.calls.size());
    assertFalse(plan().hasChanges());
  }

  @Test
  void aResourceServingSeveralItemsCarriesThemAllIntoThePlan() throws Exception {
    cloud.desired =
        List.of(res("app", props("memory", 512L)).alsoServing(List.of("function b", "thing app")));
    ResourceChange c = plan().changes().get(0);
    assertEquals("thing app", c.item(), "item() is still the first");
    assertEquals(List.of("thing app", "function b"), c.items());
  }

  @Test
  void createThenDeleteMakesTheNewOneFirstAndDeletesTheOldByIdentity() throws Exception {
    cloud.desired =
        List.of(
            res("sub", props("topic", "a"), Set.of("topic"))
                .replacedBy(ReplaceMode.CREATE_THEN_DELETE),
            res("fn", props("sub", ref("sub"))));
    apply(new RecordingListener());
    Object oldId = cloud.state.get("sub").outputs().get("id");
    cloud.calls.clear();

    cloud.desired =
        List.of(
            res("sub", props("topic", "b"), Set.of("topic"))
                .replacedBy(ReplaceMode.CREATE_THEN_DELETE),
            res("fn", props("sub", ref("sub"))));
    ResourceChange replace = plan().changes().get(0);
    assertEquals(Action.REPLACE, replace.action());
    assertEquals(ReplaceMode.CREATE_THEN_DELETE, replace.replaceMode());
    assertEquals("+/-", replace.symbol());

    RecordingListener listener = new RecordingListener();
    assertTrue(apply(listener).succeeded());
    assertEquals(List.of("create sub", "delete sub", "update fn"), cloud.calls);
    assertTrue(listener.events.contains("half sub create"), listener.events.toString());
    Object newId = cloud.state.get("sub").outputs().get("id");
    assertNotEquals(oldId, newId);
    assertEquals(newId, cloud.state.get("fn").properties().get("sub"));
    assertFalse(plan().hasChanges());
  }

  @Test
  void aReplacementIsDeleteFirstByDefaultAndAFailedSecondHalfSaysWhatWasDone() throws Exception {
    cloud.desired = List.of(res("q", props("name", "a"), Set.of("name")));
    apply(new RecordingListener());
    cloud.desired = List.of(res("q", props("name", "b"), Set.of("name")));
    assertEquals("-/+", plan().changes().get(0).symbol());
    cloud.calls.clear();
    cloud.failOn.add("create q");

    RecordingListener listener = new RecordingListener();
    ApplyReport report = apply(listener);
    assertEquals(List.of("delete q", "create q"), cloud.calls);
    assertTrue(listener.events.contains("half q delete"), listener.events.toString());
    assertEquals(
        "the old one was deleted; creating the new one failed: injected failure at q",
        report.failed().values().iterator().next());

    // The re-run sees it gone and creates it.
    cloud.failOn.clear();
    assertEquals(Action.CREATE, plan().changes().get(0).action());
    assertTrue(apply(new RecordingListener()).succeeded());
    assertFalse(plan().hasChanges());
  }

  @Test
  void everyFailureHasAKindAndAMissingPermissionIsNamed() throws Exception {
    cloud.desired = List.of(res("fn", props()));
    cloud.failWith.put(
        "fn",
        new ProviderException(
            Kind.PERMISSION_DENIED,
            "GetFunction orders-fn: AccessDeniedException: not authorized",
            "lambda:GetFunction",
            null));
    ApplyReport report = apply(new RecordingListener());
    ResourceChange fn =
        report.failed().keySet().stream().filter(c -> c.address().equals("fn")).findFirst().get();
    assertEquals(Kind.PERMISSION_DENIED, report.kindOf(fn));
    assertEquals(
        "GetFunction orders-fn: AccessDeniedException: not authorized (missing permission:"
            + " lambda:GetFunction)",
        report.failed().get(fn));
    // A failure the provider did not classify is OTHER. Applied on its own: after one failure the
    // applier starts nothing new, so a second change in the same run may never start.
    cloud.failWith.clear();
    cloud.desired = List.of(res("other", props()));
    cloud.failOn.add("other");
    ApplyReport second = apply(new RecordingListener());
    ResourceChange other =
        second.failed().keySet().stream()
            .filter(c -> c.address().equals("other"))
            .findFirst()
            .get();
    assertEquals(Kind.OTHER, second.kindOf(other));
  }
}
