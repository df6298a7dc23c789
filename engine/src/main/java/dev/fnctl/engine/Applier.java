package dev.fnctl.engine;

import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.provider.Cloud;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Ref;
import dev.fnctl.provider.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Makes a plan's changes: creates, updates and replacements in dependency order, then deletes in
 * reverse order, at most {@code parallelism} at once. A replacement is a delete then a create.
 *
 * <p>On the first failure, or when the calling thread is interrupted, no new change starts; changes
 * already running finish, and the report lists what was done, what failed and what was never
 * started, so a re-run (which re-plans) converges.
 */
final class Applier {
  private final Cloud cloud;
  private final int parallelism;
  private final ApplyListener listener;
  // Set by the failing step itself, so that no change starts after a failure even when another
  // step's completion is handled first.
  private final java.util.concurrent.atomic.AtomicBoolean stopping =
      new java.util.concurrent.atomic.AtomicBoolean();

  Applier(Cloud cloud, int parallelism, ApplyListener listener) {
    if (parallelism < 1) throw new IllegalArgumentException("parallelism must be at least 1");
    this.cloud = cloud;
    this.parallelism = parallelism;
    this.listener = listener;
  }

  private record Node(ResourceChange change, Set<String> waitsFor) {}

  private record Outcome(Node node, Map<String, Object> outputs, String error) {}

  ApplyReport run(
      List<ResourceChange> changes, Map<String, Resource> desired, Map<String, LiveResource> live) {
    List<Node> pending = nodes(changes, desired);
    Map<String, Map<String, Object>> outputs = new ConcurrentHashMap<>();
    for (LiveResource l : live.values())
      if (l.outputs() != null) outputs.put(l.address(), l.outputs());
    for (ResourceChange c : changes) {
      if (c.action() == Action.REPLACE || c.action() == Action.DELETE) outputs.remove(c.address());
    }

    List<ResourceChange> done = new ArrayList<>();
    Map<ResourceChange, String> failed = new LinkedHashMap<>();
    Set<String> finished = new HashSet<>();
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, pending.size())), daemon());
    CompletionService<Outcome> running = new ExecutorCompletionService<>(pool);
    int inFlight = 0;
    boolean interrupted = false;
    try {
      while (true) {
        if (Thread.interrupted()) { // interrupted before the first step, or between two
          interrupted = true;
          stopping.set(true);
        }
        if (!stopping.get()) {
          for (var it = pending.iterator();
              it.hasNext() && inFlight < parallelism && !stopping.get(); ) {
            Node n = it.next();
            if (!finished.containsAll(n.waitsFor())) continue;
            it.remove();
            running.submit(() -> step(n, desired, live, outputs));
            inFlight++;
          }
        }
        if (inFlight == 0) break;
        Outcome o;
        try {
          o = running.take().get();
        } catch (InterruptedException e) {
          // Stop starting work, but wait for what runs: the lock must outlive every change.
          interrupted = true;
          stopping.set(true);
          continue;
        } catch (ExecutionException e) {
          throw new IllegalStateException(
              "an apply step escaped its own error handling", e.getCause());
        }
        inFlight--;
        if (o.error() == null) {
          done.add(o.node().change());
          finished.add(o.node().change().address());
          if (o.outputs() != null) outputs.put(o.node().change().address(), o.outputs());
        } else {
          failed.put(o.node().change(), o.error());
        }
      }
    } finally {
      pool.shutdown();
    }
    if (interrupted) Thread.currentThread().interrupt(); // the report still says what was done
    List<ResourceChange> notStarted = pending.stream().map(Node::change).toList();
    return new ApplyReport(
        List.copyOf(done),
        java.util.Collections.unmodifiableMap(failed),
        notStarted,
        Map.of(),
        interrupted);
  }

  /**
   * Forward work waits for the changes it depends on; deletes wait for all forward work and their
   * dependents' deletes.
   */
  private static List<Node> nodes(List<ResourceChange> changes, Map<String, Resource> desired) {
    Set<String> forward = new HashSet<>();
    Set<String> deletes = new HashSet<>();
    for (ResourceChange c : changes) {
      if (c.action() == Action.DELETE) deletes.add(c.address());
      else if (c.action() != Action.NO_OP) forward.add(c.address());
    }
    Map<String, Set<String>> dependentsDeleted = new java.util.HashMap<>();
    for (ResourceChange c : changes) {
      if (c.action() != Action.DELETE) continue;
      for (String dep : c.dependsOn()) {
        if (deletes.contains(dep))
          dependentsDeleted.computeIfAbsent(dep, k -> new HashSet<>()).add(c.address());
      }
    }
    List<Node> nodes = new ArrayList<>();
    for (ResourceChange c : changes) {
      Set<String> waits = new HashSet<>();
      switch (c.action()) {
        case NO_OP -> {
          continue;
        }
        case DELETE -> {
          waits.addAll(forward);
          waits.addAll(dependentsDeleted.getOrDefault(c.address(), Set.of()));
        }
        default -> {
          Resource r = desired.get(c.address());
          for (String dep : r == null ? c.dependsOn() : Planner.dependencies(r)) {
            if (forward.contains(dep)) waits.add(dep);
          }
        }
      }
      nodes.add(new Node(c, waits));
    }
    return nodes;
  }

  private Outcome step(
      Node n,
      Map<String, Resource> desired,
      Map<String, LiveResource> live,
      Map<String, Map<String, Object>> outputs) {
    ResourceChange c = n.change();
    synchronized (listener) {
      listener.started(c);
    }
    long start = System.nanoTime();
    try {
      Resource want = desired.get(c.address());
      LiveResource have = live.get(c.address());
      Map<String, Object> out =
          switch (c.action()) {
            case CREATE ->
                cloud.apply(
                    new Cloud.Step(
                        Action.CREATE, c.address(), want, null, resolved(want, outputs)));
            case UPDATE ->
                cloud.apply(
                    new Cloud.Step(
                        Action.UPDATE, c.address(), want, have, resolved(want, outputs)));
            case REPLACE -> {
              cloud.apply(new Cloud.Step(Action.DELETE, c.address(), null, have, Map.of()));
              yield cloud.apply(
                  new Cloud.Step(Action.CREATE, c.address(), want, null, resolved(want, outputs)));
            }
            case DELETE -> {
              cloud.apply(new Cloud.Step(Action.DELETE, c.address(), null, have, Map.of()));
              yield null;
            }
            case NO_OP -> null;
          };
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      synchronized (listener) {
        listener.finished(c, took);
      }
      return new Outcome(n, out, null);
    } catch (ProviderException e) {
      return failure(n, e.getMessage());
    } catch (RuntimeException e) {
      return failure(n, "unexpected error: " + e);
    }
  }

  private Outcome failure(Node n, String message) {
    String m = message == null || message.isBlank() ? "failed" : message;
    stopping.set(true);
    synchronized (listener) {
      listener.failed(n.change(), m);
    }
    return new Outcome(n, null, m);
  }

  /** The desired properties with every reference replaced by the output it names, now known. */
  private static Map<String, Object> resolved(Resource r, Map<String, Map<String, Object>> outputs)
      throws ProviderException {
    Map<String, Object> after = new LinkedHashMap<>();
    for (Map.Entry<String, Object> p : r.properties().entrySet()) {
      Object v =
          Values.resolve(
              p.getValue(),
              (Ref ref) -> {
                Map<String, Object> o = outputs.get(ref.address());
                return o == null || !o.containsKey(ref.output())
                    ? Values.UNKNOWN
                    : o.get(ref.output());
              });
      if (v == Values.UNKNOWN) {
        throw new ProviderException(
            r.address()
                + ": "
                + p.getKey()
                + " refers to an output that is still unknown ("
                + Values.refs(p.getValue())
                + "); the provider did not return it");
      }
      after.put(p.getKey(), v);
    }
    return after;
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "fnctl-apply");
      t.setDaemon(true);
      return t;
    };
  }
}
