package dev.fnctl.testkit;

import dev.fnctl.model.plan.Action;
import dev.fnctl.provider.Cloud;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.LiveState;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Ref;
import dev.fnctl.provider.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A small reference planner and applier over the provider SPI, for provider tests and benchmarks
 * that must not depend on the engine: desired vs live per address, {@link Ref}s resolved from live
 * outputs and from what apply created, creates and updates in dependency order with bounded
 * parallelism, deletes afterwards. It follows the engine's contract, not its presentation.
 */
public final class Convergence {
  private Convergence() {}

  /** One planned change; {@code changed} names the properties that differ (for updates). */
  public record Change(
      Action action, String address, Resource desired, LiveResource live, List<String> changed) {}

  /** What an apply did: the addresses done, the first failure (if any) and what was not started. */
  public record Report(List<String> done, Map<String, String> failed, List<String> notStarted) {
    public boolean ok() {
      return failed.isEmpty() && notStarted.isEmpty();
    }
  }

  /** A desired address held by a resource the stack does not own. */
  public static final class ClashException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ClashException(String message) {
      super(message);
    }
  }

  public static List<Change> plan(List<Resource> desired, LiveState live, boolean destroy) {
    Map<String, Map<String, Object>> outputs = new HashMap<>();
    for (LiveResource r : live.resources()) outputs.put(r.address(), r.outputs());
    List<Change> changes = new ArrayList<>();
    Map<String, Change> planned = new HashMap<>();
    // An output its resource's change will renew is not known yet (a replaced id, a new version).
    java.util.function.Predicate<Ref> renewed =
        ref -> {
          Change c = planned.get(ref.address());
          return c != null
              && (c.action() == Action.REPLACE
                  || c.action() == Action.UPDATE
                      && !java.util.Collections.disjoint(c.changed(), ref.renewedBy()));
        };
    Set<String> wanted = new HashSet<>();
    if (!destroy) {
      for (Resource d : desired) {
        wanted.add(d.address());
        LiveResource l = live.find(d.address()).orElse(null);
        if (l == null) {
          changes.add(
              new Change(
                  Action.CREATE, d.address(), d, null, List.copyOf(d.properties().keySet())));
          continue;
        }
        if (!l.owned()) {
          throw new ClashException(
              d.address() + " exists but is not owned by this stack: refusing to change it");
        }
        Map<String, Object> resolved = resolve(d.properties(), outputs, renewed);
        List<String> changed = new ArrayList<>();
        for (String k : resolved.keySet()) {
          if (!Objects.equals(resolved.get(k), l.properties().get(k))) changed.add(k);
        }
        if (changed.isEmpty()) continue;
        boolean replace = changed.stream().anyMatch(d.replaceOn()::contains);
        Change c = new Change(replace ? Action.REPLACE : Action.UPDATE, d.address(), d, l, changed);
        planned.put(d.address(), c);
        changes.add(c);
      }
    }
    List<LiveResource> deletes = new ArrayList<>(live.resources());
    java.util.Collections.reverse(deletes);
    for (LiveResource l : deletes) {
      if (l.owned() && !wanted.contains(l.address())) {
        changes.add(new Change(Action.DELETE, l.address(), null, l, List.of()));
      }
    }
    return changes;
  }

  public static Report apply(Cloud cloud, List<Change> changes, LiveState live, int parallelism) {
    Map<String, Map<String, Object>> outputs = new ConcurrentHashMap<>();
    for (LiveResource r : live.resources()) outputs.put(r.address(), r.outputs());
    List<String> done = new ArrayList<>();
    Map<String, String> failed = new LinkedHashMap<>();
    List<Change> pending = new ArrayList<>();
    List<Change> deletes = new ArrayList<>();
    for (Change c : changes) (c.action() == Action.DELETE ? deletes : pending).add(c);
    Set<String> pendingAddresses = new HashSet<>();
    for (Change c : pending) pendingAddresses.add(c.address());
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism));
    try {
      while (!pending.isEmpty() && failed.isEmpty()) {
        List<Change> wave = new ArrayList<>();
        for (Change c : pending) {
          boolean ready = c.desired().dependsOn().stream().noneMatch(pendingAddresses::contains);
          if (ready) wave.add(c);
        }
        if (wave.isEmpty())
          throw new IllegalStateException("dependency cycle among " + pendingAddresses);
        List<Future<String>> futures = new ArrayList<>();
        for (Change c : wave) {
          futures.add(
              pool.submit(
                  () -> {
                    Map<String, Object> after = resolve(c.desired().properties(), outputs);
                    Map<String, Object> out =
                        cloud.apply(
                            new Cloud.Step(c.action(), c.address(), c.desired(), c.live(), after));
                    Map<String, Object> merged =
                        new LinkedHashMap<>(c.live() == null ? Map.of() : c.live().outputs());
                    merged.putAll(out);
                    outputs.put(c.address(), merged);
                    return c.address();
                  }));
        }
        for (int i = 0; i < wave.size(); i++) {
          try {
            done.add(futures.get(i).get());
          } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            failed.put(
                wave.get(i).address(),
                cause instanceof ProviderException ? cause.getMessage() : String.valueOf(cause));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        }
        pending.removeAll(wave);
        for (Change c : wave) pendingAddresses.remove(c.address());
      }
      if (failed.isEmpty()) {
        List<Future<String>> futures = new ArrayList<>();
        for (Change c : deletes) {
          futures.add(
              pool.submit(
                  () -> {
                    cloud.apply(
                        new Cloud.Step(Action.DELETE, c.address(), null, c.live(), Map.of()));
                    return c.address();
                  }));
        }
        for (int i = 0; i < deletes.size(); i++) {
          try {
            done.add(futures.get(i).get());
          } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            failed.put(
                deletes.get(i).address(),
                cause instanceof ProviderException ? cause.getMessage() : String.valueOf(cause));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        }
        deletes.clear();
      }
    } finally {
      pool.shutdownNow();
    }
    List<String> notStarted = new ArrayList<>();
    for (Change c : pending) notStarted.add(c.address());
    for (Change c : deletes) notStarted.add(c.address());
    return new Report(done, failed, notStarted);
  }

  /** The properties with every {@link Ref} whose resource has outputs replaced by the value. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> resolve(
      Map<String, Object> props, Map<String, Map<String, Object>> outputs) {
    return resolve(props, outputs, ref -> false);
  }

  /**
   * As {@link #resolve(Map, Map)}, leaving the {@link Ref}s that {@code renewed} says are stale.
   */
  static Map<String, Object> resolve(
      Map<String, Object> props,
      Map<String, Map<String, Object>> outputs,
      java.util.function.Predicate<Ref> renewed) {
    Map<String, Object> out = new LinkedHashMap<>();
    props.forEach((k, v) -> out.put(k, resolveValue(v, outputs, renewed)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Object resolveValue(
      Object v,
      Map<String, Map<String, Object>> outputs,
      java.util.function.Predicate<Ref> renewed) {
    if (v instanceof Ref r) {
      Map<String, Object> o = outputs.get(r.address());
      return o != null && o.get(r.output()) != null && !renewed.test(r) ? o.get(r.output()) : r;
    }
    if (v instanceof Map<?, ?> m) return resolve((Map<String, Object>) m, outputs, renewed);
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      for (Object o : l) out.add(resolveValue(o, outputs, renewed));
      return out;
    }
    return v;
  }
}
