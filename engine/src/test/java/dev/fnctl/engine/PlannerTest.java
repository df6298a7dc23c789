package dev.fnctl.engine;

import static dev.fnctl.engine.TestSpecs.props;
import static dev.fnctl.engine.TestSpecs.ref;
import static dev.fnctl.engine.TestSpecs.res;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.LiveState;
import dev.fnctl.provider.Ref;
import dev.fnctl.provider.Resource;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerTest {
  private final Planner planner = new Planner("orders", "dev");
  private final List<LiveResource> live = new ArrayList<>();

  private void live(
      String address, boolean owned, Map<String, Object> props, String id, String... deps) {
    live.add(
        new LiveResource(
            address,
            "fake:thing",
            "thing " + address,
            owned,
            props,
            Map.of("id", id),
            List.of(deps)));
  }

  private List<ResourceChange> plan(Resource... desired) throws Exception {
    return planner.plan(List.of(desired), new LiveState(live), Engine.PlanMode.NORMAL);
  }

  private static ResourceChange at(List<ResourceChange> changes, String address) {
    return changes.stream().filter(c -> c.address().equals(address)).findFirst().orElseThrow();
  }

  private static List<String> shape(List<ResourceChange> changes) {
    return changes.stream().map(c -> c.action().symbol() + " " + c.address()).toList();
  }

  @Test
  void createsWhatIsMissingAndLeavesWhatMatches() throws Exception {
    live("a", true, props("memory", 256L), "a#1");
    List<ResourceChange> changes =
        plan(res("a", props("memory", 256)), res("b", props("memory", 128)));
    assertEquals(List.of("  a", "+ b"), shape(changes));
    assertEquals(Map.of("memory", 128L), at(changes, "b").after());
    assertEquals(Map.of(), at(changes, "b").before());
  }

  @Test
  void updatesInPlaceListingOnlyManagedPropertiesThatDiffer() throws Exception {
    live(
        "a",
        true,
        props(
            "memory", 256L, "timeout", 30L, "lastModified", "2026-01-01", "tags", Map.of("x", "y")),
        "a#1");
    ResourceChange c =
        plan(res("a", props("memory", 512, "timeout", new BigDecimal("30.0")))).get(0);
    assertEquals(Action.UPDATE, c.action());
    assertEquals(List.of("memory"), c.changedProperties());
    assertEquals(props("memory", 256L, "timeout", 30L), c.before());
    assertEquals("changed: memory", c.reason());
  }

  @Test
  void aPropertyRemovedFromTheSpecIsAChangeNotIgnored() throws Exception {
    live("q", true, props("deadLetter", Map.of("maxReceives", 5L)), "q#1");
    ResourceChange c = plan(res("q", props("deadLetter", null))).get(0);
    assertEquals(Action.UPDATE, c.action());
    assertEquals(List.of("deadLetter"), c.changedProperties());
  }

  @Test
  void replacesWhenAnImmutablePropertyChanges() throws Exception {
    live("t", true, props("queue", "orders", "batchSize", 10L), "t#1");
    ResourceChange c =
        plan(res("t", props("queue", "jobs", "batchSize", 5), Set.of("queue"))).get(0);
    assertEquals(Action.REPLACE, c.action());
    assertEquals(Set.of("queue"), c.replacedBy());
    assertEquals(List.of("batchSize", "queue"), c.changedProperties());

    live.clear();
    live("t", true, props("queue", "orders", "batchSize", 10L), "t#1");
    assertEquals(
        Action.UPDATE,
        plan(res("t", props("queue", "orders", "batchSize", 5), Set.of("queue"))).get(0).action());
  }

  @Test
  void deletesOwnedResourcesNoLongerInTheSpecButNeverOthers() throws Exception {
    live("old", true, props("memory", 1L), "old#1");
    live("theirs", false, props("memory", 1L), "theirs#1");
    List<ResourceChange> changes = plan(res("a", props()));
    assertEquals(List.of("+ a", "- old"), shape(changes));
    assertEquals("no longer in the spec", at(changes, "old").reason());
  }

  @Test
  void referencesResolveFromLiveOutputsOrAreKnownAfterApply() throws Exception {
    live("role", true, props("name", "r"), "role#7");
    live("fn", true, props("role", "role#7", "queue", "old#1"), "fn#1");
    List<ResourceChange> changes =
        plan(
            res("role", props("name", "r")),
            res("q", props("name", "q")),
            res("fn", props("role", ref("role"), "queue", ref("q"))));
    ResourceChange fn = at(changes, "fn");
    assertEquals(Action.UPDATE, fn.action());
    assertEquals("role#7", fn.after().get("role"));
    assertEquals(Set.of("queue"), fn.unknown());
    assertTrue(!fn.after().containsKey("queue"));
    assertTrue(fn.dependsOn().containsAll(List.of("role", "q")), "a reference is a dependency");
  }

  @Test
  void referencesToAReplacedResourceAreUnknownEvenWhenItExistsNow() throws Exception {
    live("role", true, props("name", "r"), "role#7");
    live("fn", true, props("role", "role#7"), "fn#1");
    List<ResourceChange> changes =
        plan(
            res("fn", props("role", List.of(ref("role")))),
            res("role", props("name", "r2"), Set.of("name")));
    assertEquals(
        List.of("-/+ role", "~ fn"),
        shape(changes),
        "dependency order, whatever the provider's order");
    assertEquals(Set.of("role"), at(changes, "fn").unknown());
  }

  @Test
  void unchangedReferencesAreNoChange() throws Exception {
    live("role", true, props("name", "r"), "role#7");
    live("fn", true, props("role", "role#7"), "fn#1");
    assertEquals(
        List.of("  role", "  fn"),
        shape(plan(res("role", props("name", "r")), res("fn", props("role", ref("role"))))));
  }

  @Test
  void anOutputRenewedByAnUpdateIsUnknownOnlyWhenARenewingPropertyChanges() throws Exception {
    live("fn", true, props("memory", 128L, "reserved", 5L), "fn#1");
    live("alias", true, props("version", "fn#1"), "alias#1");
    Ref version = new Ref("fn", "id", Set.of("memory"));

    List<ResourceChange> memory =
        plan(
            res("fn", props("memory", 256L, "reserved", 5L)),
            res("alias", props("version", version)));
    assertEquals(List.of("~ fn", "~ alias"), shape(memory));
    assertEquals(Set.of("version"), at(memory, "alias").unknown());

    live.clear();
    live("fn", true, props("memory", 128L, "reserved", 5L), "fn#1");
    live("alias", true, props("version", "fn#1"), "alias#1");
    List<ResourceChange> reserved =
        plan(
            res("fn", props("memory", 128L, "reserved", 9L)),
            res("alias", props("version", version)));
    assertEquals(
        List.of("~ fn", "  alias"),
        shape(reserved),
        "a change that does not renew the output leaves its users alone");
  }

  @Test
  void aDesiredNameTakenByAnUnownedResourceIsRefused() {
    live("fn", false, props("memory", 1L), "fn#1");
    live("q", false, props(), "q#1");
    ClashException e =
        assertThrows(
            ClashException.class,
            () -> plan(res("fn", props("memory", 1)), res("q", props()), res("ok", props())));
    assertEquals(List.of("fn", "q"), e.addresses());
    assertTrue(
        e.getMessage()
            .contains(
                "fn (thing fn); q (thing q) already exist but are not owned by stack 'orders'"),
        e.getMessage());
    assertTrue(e.getMessage().contains("will not take over what it does not own"), e.getMessage());
  }

  @Test
  void destroyDeletesEverythingOwnedDependentsFirst() throws Exception {
    live("a-role", true, props(), "r#1");
    live("b-fn", true, props(), "f#1", "a-role");
    live("c-trigger", true, props(), "t#1");
    live("d-theirs", false, props(), "x#1");
    List<ResourceChange> changes =
        planner.plan(
            List.of(res("c-trigger", props(), "b-fn"), res("b-fn", props(), "a-role")),
            new LiveState(live),
            Engine.PlanMode.DESTROY);
    assertEquals(List.of("- c-trigger", "- b-fn", "- a-role"), shape(changes));
    assertEquals("destroy", changes.get(0).reason());
  }

  @Test
  void orphansAreDeletedDependentsFirstUsingWhatTheCloudTells() throws Exception {
    live("a", true, props(), "a#1");
    live("b", true, props(), "b#1", "a");
    live("c", true, props(), "c#1", "b");
    assertEquals(List.of("- c", "- b", "- a"), shape(plan()));
  }

  @Test
  void twoResourcesAtOneAddressIsAProviderBug() {
    assertThrows(
        dev.fnctl.provider.ProviderException.class,
        () -> plan(res("a", props()), res("a", props())));
  }
}
