package dev.fnctl.engine;

import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.LiveState;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Ref;
import dev.fnctl.provider.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Diffs what the spec asks for against what the cloud has, per address: create, update in place,
 * replace, delete, or nothing. Only the properties a {@link Resource} lists are compared: whatever
 * else the cloud holds is not fnctl's business.
 *
 * <p>Not final only for {@link OnlyPlanner}, which cuts its result down for {@code --only}.
 */
class Planner {
  private final String stack;
  private final String target;

  Planner(String stack, String target) {
    this.stack = stack;
    this.target = target;
  }

  /** The changes, forward work in dependency order, then deletes in reverse dependency order. */
  List<ResourceChange> plan(List<Resource> desired, LiveState live, Engine.PlanMode mode)
      throws ProviderException {
    Map<String, LiveResource> liveByAddress = new LinkedHashMap<>();
    for (LiveResource r : live.resources()) liveByAddress.put(r.address(), r);
    Map<String, Resource> desiredByAddress = new LinkedHashMap<>();
    for (Resource r : desired) {
      if (desiredByAddress.put(r.address(), r) != null) {
        throw new ProviderException("the provider produced two resources at " + r.address());
      }
    }
    if (mode == Engine.PlanMode.DESTROY) return destroy(desiredByAddress, liveByAddress);

    refuseClashes(desired, liveByAddress);
    List<Resource> ordered =
        DependencyOrder.sort(desired, Resource::address, Planner::dependencies);
    Map<String, ResourceChange> planned = new HashMap<>();
    List<ResourceChange> changes = new ArrayList<>();
    for (Resource r : ordered) {
      ResourceChange c = diff(r, liveByAddress.get(r.address()), planned, liveByAddress);
      planned.put(r.address(), c);
      changes.add(c);
    }
    List<LiveResource> gone = new ArrayList<>();
    for (LiveResource l : liveByAddress.values()) {
      if (l.owned() && !desiredByAddress.containsKey(l.address())) gone.add(l);
    }
    changes.addAll(deletes(gone, Map.of(), "no longer in the spec"));
    return changes;
  }

  /** Everything a resource must come after: its declared dependencies and what it refers to. */
  static Set<String> dependencies(Resource r) {
    Set<String> deps = new LinkedHashSet<>(r.dependsOn());
    deps.addAll(Values.refs(r.properties()));
    deps.remove(r.address());
    return deps;
  }

  private void refuseClashes(List<Resource> desired, Map<String, LiveResource> live)
      throws ClashException {
    List<String> described = new ArrayList<>();
    List<String> addresses = new ArrayList<>();
    for (Resource r : desired) {
      LiveResource l = live.get(r.address());
      if (l != null && !l.owned()) {
        described.add(r.address() + " (" + r.item() + ")");
        addresses.add(r.address());
      }
    }
    if (!addresses.isEmpty()) throw new ClashException(stack, target, described, addresses);
  }

  private ResourceChange diff(
      Resource r,
      LiveResource l,
      Map<String, ResourceChange> planned,
      Map<String, LiveResource> live) {
    Map<String, Object> after = new LinkedHashMap<>();
    Set<String> unknown = new TreeSet<>();
    for (Map.Entry<String, Object> p : r.properties().entrySet()) {
      Object v = Values.resolve(p.getValue(), ref -> known(ref, planned, live));
      if (v == Values.UNKNOWN) unknown.add(p.getKey());
      else after.put(p.getKey(), v);
    }
    List<String> deps = List.copyOf(dependencies(r));
    if (l == null) {
      return new ResourceChange(
              r.address(),
              r.type(),
              r.item(),
              Action.CREATE,
              "does not exist yet",
              Map.of(),
              after,
              unknown,
              Set.of(),
              r.sensitive(),
              deps)
          .with(r.items(), null, null);
    }
    Map<String, Object> before = new LinkedHashMap<>();
    Set<String> changed = new TreeSet<>(unknown);
    for (String key : r.properties().keySet()) {
      Object was = Values.normalise(l.properties().get(key));
      if (l.properties().containsKey(key)) before.put(key, was);
      if (!unknown.contains(key) && !Values.same(was, after.get(key))) changed.add(key);
    }
    Set<String> forcing = new TreeSet<>(changed);
    forcing.retainAll(r.replaceOn());
    Action action;
    String reason;
    if (!forcing.isEmpty()) {
      action = Action.REPLACE;
      reason = String.join(", ", forcing) + " cannot change in place";
    } else if (!changed.isEmpty()) {
      action = Action.UPDATE;
      reason = updateReason(changed, dev.fnctl.provider.Drift.of(l));
    } else {
      action = Action.NO_OP;
      reason = "up to date";
    }
    if (l.isPending()) {
      // Its properties are half-made: apply waits for it to settle, then converges against what
      // it settled to, so it is never a no-op.
      if (action == Action.NO_OP) action = Action.UPDATE;
      reason = pendingReason(l) + (changed.isEmpty() ? "" : "; " + reason);
    }
    return new ResourceChange(
            r.address(),
            r.type(),
            r.item(),
            action,
            reason,
            before,
            after,
            unknown,
            forcing,
            r.sensitive(),
            deps)
        .with(r.items(), action == Action.REPLACE ? r.replaceMode() : null, l.pending());
  }

  private static String pendingReason(LiveResource l) {
    return "still " + l.pending() + ": apply waits for it first";
  }

  /**
   * "changed: a, b", with what the provider knows was changed outside fnctl (drift) said apart:
   * "changed outside fnctl: c", or both.
   */
  static String updateReason(Set<String> changed, Set<String> drifted) {
    Set<String> outside = new TreeSet<>(changed);
    outside.retainAll(drifted);
    Set<String> inSpec = new TreeSet<>(changed);
    inSpec.removeAll(outside);
    List<String> parts = new ArrayList<>();
    if (!inSpec.isEmpty()) parts.add("changed: " + String.join(", ", inSpec));
    if (!outside.isEmpty()) parts.add("changed outside fnctl: " + String.join(", ", outside));
    return String.join("; ", parts);
  }

  /**
   * A referenced output's value now, or unknown when its resource is yet to be (re)made or an
   * update of it renews the output.
   */
  private static Object known(
      Ref ref, Map<String, ResourceChange> planned, Map<String, LiveResource> live) {
    ResourceChange c = planned.get(ref.address());
    Action a = c == null ? null : c.action();
    if (a == Action.CREATE || a == Action.REPLACE) return Values.UNKNOWN;
    if (a == Action.UPDATE
        && !java.util.Collections.disjoint(c.changedProperties(), ref.renewedBy()))
      return Values.UNKNOWN;
    LiveResource l = live.get(ref.address());
    if (l == null || !l.outputs().containsKey(ref.output())) return Values.UNKNOWN;
    return l.outputs().get(ref.output());
  }

  private List<ResourceChange> destroy(
      Map<String, Resource> desired, Map<String, LiveResource> live) throws ProviderException {
    // In the order they would be created (the spec's), so that the deletes read as its reverse.
    List<LiveResource> owned = new ArrayList<>();
    for (String address : desired.keySet()) {
      LiveResource l = live.get(address);
      if (l != null && l.owned()) owned.add(l);
    }
    for (LiveResource l : live.values())
      if (l.owned() && !desired.containsKey(l.address())) owned.add(l);
    return deletes(owned, desired, "destroy");
  }

  /**
   * Deletes in reverse dependency order: dependents go first. What a live resource needs comes from
   * the cloud and, when the spec still asks for it, from the spec.
   */
  private static List<ResourceChange> deletes(
      List<LiveResource> gone, Map<String, Resource> desired, String reason)
      throws ProviderException {
    Map<String, List<String>> deps = new HashMap<>();
    for (LiveResource l : gone) {
      Set<String> d = new LinkedHashSet<>(l.dependsOn());
      Resource r = desired.get(l.address());
      if (r != null) d.addAll(dependencies(r));
      d.remove(l.address());
      deps.put(l.address(), List.copyOf(d));
    }
    List<LiveResource> order =
        new ArrayList<>(
            DependencyOrder.sort(gone, LiveResource::address, l -> deps.get(l.address())));
    java.util.Collections.reverse(order);
    List<ResourceChange> out = new ArrayList<>();
    for (LiveResource l : order) {
      Map<String, Object> before = new LinkedHashMap<>();
      l.properties().forEach((k, v) -> before.put(k, Values.normalise(v)));
      Resource r = desired.get(l.address());
      Collection<String> sensitive = r == null ? Set.of() : r.sensitive();
      out.add(
          new ResourceChange(
                  l.address(),
                  l.type(),
                  l.item(),
                  Action.DELETE,
                  l.isPending() ? reason + "; " + pendingReason(l) : reason,
                  before,
                  Map.of(),
                  Set.of(),
                  Set.of(),
                  Set.copyOf(sensitive),
                  deps.get(l.address()))
              .with(r == null ? List.of() : r.items(), null, l.pending()));
    }
    return out;
  }
}
