package dev.fnctl.engine;

import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.ReplaceMode;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.provider.Cloud;
import dev.fnctl.provider.Deadline;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.ProviderException.Kind;
import dev.fnctl.provider.Ref;
import dev.fnctl.provider.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes a plan's changes: creates, updates and replacements in dependency order, then deletes in
 * reverse order, at most {@code parallelism} at once, and never two on one shared document (a
 * {@link Resource#container()}). A replacement is two tracked steps in the order its {@link
 * ReplaceMode} names. A resource read mid-operation is waited for ({@link Cloud#awaitSettled})
 * before its step.
 *
 * <p>On the first failure, or when the calling thread is interrupted, no new change starts; changes
 * already running finish (their waits are cut short through their {@link Deadline}), and the report
 * lists what was done, what failed and what was never started, so a re-run (which re-plans)
 * converges. Each step has a timeout; a step still running is reported every {@code progressEvery}.
 */
final class Applier {
  private final Cloud cloud;
  private final int parallelism;
  private final ApplyListener listener;
  private final Duration stepTimeout;
  private final Duration progressEvery;
  // Set by the failing step itself, so that no change starts after a failure even when another
  // step's completion is handled first.
  private final AtomicBoolean stopping = new AtomicBoolean();

  Applier(
      Cloud cloud,
      int parallelism,
      Duration stepTimeout,
      Duration progressEvery,
      ApplyListener listener) {
    if (parallelism < 1) throw new IllegalArgumentException("parallelism must be at least 1");
    this.cloud = cloud;
    this.parallelism = parallelism;
    this.stepTimeout = stepTimeout == null ? cloud.stepTimeout() : stepTimeout;
    this.progressEvery = progressEvery;
    this.listener = listener;
  }

  Applier(Cloud cloud, int parallelism, ApplyListener listener) {
    this(cloud, parallelism, null, ApplyOptions.DEFAULT_PROGRESS, listener);
  }

  /**
   * One unit of work: a change, or every change on a container the provider writes in one go
   * ({@link Cloud#writesTogether}).
   */
  private record Node(List<ResourceChange> changes, Set<String> waitsFor, String container) {
    ResourceChange change() {
      return changes.get(0);
    }

    boolean together() {
      return changes.size() > 1;
    }
  }

  /** Outputs by address on success; the error (for every change of the node) otherwise. */
  private record Outcome(
      Node node, Map<String, Map<String, Object>> outputs, String error, Kind kind) {}

  /** A step in flight, as the coordinating thread watches it for progress and its timeout. */
  private static final class Running {
    final Node node;
    final Deadline deadline;
    final long startNanos = System.nanoTime();
    long nextReportNanos;
    volatile Action doing;
    private Thread thread; // guarded by this
    volatile boolean timedOut;

    Running(Node node, Deadline deadline, Duration progressEvery) {
      this.node = node;
      this.deadline = deadline;
      this.nextReportNanos = startNanos + progressEvery.toNanos();
      this.doing = first(node.change());
    }

    synchronized void runningOn(Thread t) {
      thread = t;
    }

    /** Clears the thread, and any interrupt meant for this step, so it cannot hit the next one. */
    synchronized void ended() {
      thread = null;
      Thread.interrupted();
    }

    synchronized void interruptForTimeout() {
      timedOut = true;
      if (thread != null) thread.interrupt();
    }
  }

  ApplyReport run(
      List<ResourceChange> changes, Map<String, Resource> desired, Map<String, LiveResource> live) {
    List<Node> pending = nodes(changes, desired, live);
    Map<String, Map<String, Object>> outputs = new ConcurrentHashMap<>();
    for (LiveResource l : live.values())
      if (l.outputs() != null) outputs.put(l.address(), l.outputs());
    for (ResourceChange c : changes) {
      if (c.action() == Action.REPLACE || c.action() == Action.DELETE) outputs.remove(c.address());
    }

    List<ResourceChange> done = new ArrayList<>();
    Map<ResourceChange, String> failed = new LinkedHashMap<>();
    Map<String, Kind> kinds = new LinkedHashMap<>();
    Set<String> finished = new HashSet<>();
    Set<String> busyContainers = new HashSet<>();
    Map<Future<Outcome>, Running> inFlight = new HashMap<>();
    ExecutorService pool =
        Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, pending.size())), daemon());
    CompletionService<Outcome> completions = new ExecutorCompletionService<>(pool);
    long tickMillis = Math.max(10, Math.min(250, progressEvery.toMillis() / 10));
    boolean interrupted = false;
    try {
      while (true) {
        if (Thread.interrupted()) { // interrupted before the first step, or between two
          interrupted = true;
          stopAll(inFlight.values());
        }
        if (!stopping.get()) {
          for (var it = pending.iterator();
              it.hasNext() && inFlight.size() < parallelism && !stopping.get(); ) {
            Node n = it.next();
            if (!finished.containsAll(n.waitsFor())) continue;
            if (n.container() != null && busyContainers.contains(n.container())) continue;
            it.remove();
            if (n.container() != null) busyContainers.add(n.container());
            Running r = new Running(n, Deadline.in(stepTimeout), progressEvery);
            inFlight.put(completions.submit(() -> step(r, desired, live, outputs)), r);
          }
        }
        if (inFlight.isEmpty()) break;
        Future<Outcome> f;
        try {
          f = completions.poll(tickMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          // Stop starting work and cut waits short, but let calls in flight end: the lock must
          // outlive every change.
          interrupted = true;
          stopAll(inFlight.values());
          continue;
        }
        if (f == null) {
          watch(inFlight.values());
          continue;
        }
        Running r = inFlight.remove(f);
        // Also when changes finish one after another: they must not keep a slow one from being
        // reported or stopped.
        watch(inFlight.values());
        if (r.node.container() != null) busyContainers.remove(r.node.container());
        Outcome o;
        try {
          o = f.get();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt(); // cannot happen: f is done; handled next round
          continue;
        } catch (ExecutionException e) {
          throw new IllegalStateException(
              "an apply step escaped its own error handling", e.getCause());
        }
        for (ResourceChange c : o.node().changes()) {
          if (o.error() == null) {
            done.add(c);
            finished.add(c.address());
            Map<String, Object> out = o.outputs().get(c.address());
            if (out != null) outputs.put(c.address(), out);
          } else {
            failed.put(c, o.error());
            kinds.put(c.address(), o.kind());
          }
        }
      }
    } finally {
      pool.shutdown();
    }
    if (interrupted) Thread.currentThread().interrupt(); // the report still says what was done
    List<ResourceChange> notStarted = pending.stream().flatMap(n -> n.changes().stream()).toList();
    return new ApplyReport(
        List.copyOf(done),
        java.util.Collections.unmodifiableMap(failed),
        notStarted,
        Map.of(),
        interrupted,
        kinds);
  }

  private void stopAll(Iterable<Running> running) {
    stopping.set(true);
    for (Running r : running) r.deadline.cancel();
  }

  /** Reports steps still running, and stops those past their timeout. */
  private void watch(Iterable<Running> running) {
    long now = System.nanoTime();
    for (Running r : running) {
      if (now - r.nextReportNanos >= 0) {
        r.nextReportNanos += progressEvery.toNanos();
        Duration elapsed = Duration.ofSeconds(Duration.ofNanos(now - r.startNanos).toSeconds());
        synchronized (listener) {
          for (ResourceChange c : r.node.changes()) listener.stillRunning(c, r.doing, elapsed);
        }
      }
      if (!r.timedOut && r.deadline.expired()) r.interruptForTimeout();
    }
  }

  /**
   * Forward work waits for the changes it depends on; deletes wait for all forward work and their
   * dependents' deletes.
   */
  private List<Node> nodes(
      List<ResourceChange> changes, Map<String, Resource> desired, Map<String, LiveResource> live) {
    Set<String> forward = new HashSet<>();
    Set<String> deletes = new HashSet<>();
    for (ResourceChange c : changes) {
      if (c.action() == Action.DELETE) deletes.add(c.address());
      else if (c.action() != Action.NO_OP) forward.add(c.address());
    }
    Map<String, Set<String>> dependentsDeleted = new HashMap<>();
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
      Resource r = desired.get(c.address());
      switch (c.action()) {
        case NO_OP -> {
          continue;
        }
        case DELETE -> {
          waits.addAll(forward);
          waits.addAll(dependentsDeleted.getOrDefault(c.address(), Set.of()));
        }
        default -> {
          for (String dep : r == null ? c.dependsOn() : Planner.dependencies(r)) {
            if (forward.contains(dep)) waits.add(dep);
          }
        }
      }
      LiveResource l = live.get(c.address());
      String container = r != null && r.container() != null ? r.container() : null;
      if (container == null && l != null) container = l.container();
      nodes.add(new Node(List.of(c), waits, container));
    }
    return together(nodes);
  }

  /**
   * Joins the nodes of each container the provider writes in one go into one node, in the place of
   * its first. It waits for what its changes waited for, except its own changes and work that
   * itself waits for them (a delete in the group would otherwise wait for all forward work,
   * including work that needs the group).
   */
  private List<Node> together(List<Node> nodes) {
    Map<String, List<Node>> byContainer = new LinkedHashMap<>();
    for (Node n : nodes)
      if (n.container() != null && cloud.writesTogether(n.container()))
        byContainer.computeIfAbsent(n.container(), k -> new ArrayList<>()).add(n);
    byContainer.values().removeIf(group -> group.size() < 2);
    if (byContainer.isEmpty()) return nodes;
    List<Node> out = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    for (Node n : nodes) {
      List<Node> group = n.container() == null ? null : byContainer.get(n.container());
      if (group == null) {
        out.add(n);
        continue;
      }
      if (!placed.add(n.container())) continue;
      Set<String> members = new HashSet<>();
      List<ResourceChange> changes = new ArrayList<>();
      for (Node m : group) {
        members.add(m.change().address());
        changes.add(m.change());
      }
      Set<String> needsGroup = dependents(nodes, members);
      Set<String> waits = new HashSet<>();
      for (Node m : group) waits.addAll(m.waitsFor());
      waits.removeAll(members);
      waits.removeAll(needsGroup);
      out.add(new Node(List.copyOf(changes), waits, n.container()));
    }
    return out;
  }

  /** Addresses of the nodes that wait, directly or not, for any of {@code addresses}. */
  private static Set<String> dependents(List<Node> nodes, Set<String> addresses) {
    Set<String> found = new HashSet<>();
    boolean grew = true;
    while (grew) {
      grew = false;
      for (Node n : nodes) {
        String a = n.change().address();
        if (found.contains(a) || addresses.contains(a)) continue;
        for (String w : n.waitsFor()) {
          if (addresses.contains(w) || found.contains(w)) {
            found.add(a);
            grew = true;
            break;
          }
        }
      }
    }
    return found;
  }

  private Outcome step(
      Running r,
      Map<String, Resource> desired,
      Map<String, LiveResource> live,
      Map<String, Map<String, Object>> outputs) {
    r.runningOn(Thread.currentThread());
    Node n = r.node;
    if (n.together()) return together(r, desired, live, outputs);
    ResourceChange c = n.change();
    synchronized (listener) {
      listener.started(c);
    }
    long start = System.nanoTime();
    try {
      Resource want = desired.get(c.address());
      LiveResource have = live.get(c.address());
      boolean settledAway = false;
      if (have != null && have.isPending()) {
        have = cloud.awaitSettled(have, r.deadline);
        settledAway = have == null;
      }
      Map<String, Object> out =
          switch (c.action()) {
            case CREATE -> apply(r, Action.CREATE, want, null, outputs);
            case UPDATE ->
                // A resource that was mid-create and then vanished is made anew.
                settledAway
                    ? apply(r, Action.CREATE, want, null, outputs)
                    : apply(r, Action.UPDATE, want, have, outputs);
            case REPLACE -> replace(r, want, have, outputs);
            case DELETE -> {
              if (!settledAway) apply(r, Action.DELETE, null, have, outputs);
              yield null;
            }
            case NO_OP -> null;
          };
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      synchronized (listener) {
        listener.finished(c, took);
      }
      Map<String, Map<String, Object>> byAddress = new HashMap<>();
      if (out != null) byAddress.put(c.address(), out);
      return new Outcome(n, byAddress, null, null);
    } catch (ProviderException e) {
      return failure(r, described(e), kindOf(r, e.kind()));
    } catch (RuntimeException e) {
      return failure(r, "unexpected error: " + e, kindOf(r, Kind.OTHER));
    } finally {
      r.ended();
    }
  }

  /**
   * Every change on one container in one write ({@link Cloud#applyTogether}): a replacement is its
   * delete and its create in the same write, as the document never holds both.
   */
  private Outcome together(
      Running r,
      Map<String, Resource> desired,
      Map<String, LiveResource> live,
      Map<String, Map<String, Object>> outputs) {
    Node n = r.node;
    synchronized (listener) {
      for (ResourceChange c : n.changes()) listener.started(c);
    }
    long start = System.nanoTime();
    try {
      List<Cloud.Step> steps = new ArrayList<>();
      for (ResourceChange c : n.changes()) {
        Resource want = desired.get(c.address());
        LiveResource have = live.get(c.address());
        boolean gone = false;
        if (have != null && have.isPending()) {
          have = cloud.awaitSettled(have, r.deadline);
          gone = have == null;
        }
        switch (c.action()) {
          case CREATE -> steps.add(step(r, Action.CREATE, want, null, outputs));
          case UPDATE ->
              steps.add(
                  gone
                      ? step(r, Action.CREATE, want, null, outputs)
                      : step(r, Action.UPDATE, want, have, outputs));
          case REPLACE -> {
            if (have != null) steps.add(step(r, Action.DELETE, null, have, outputs));
            steps.add(step(r, Action.CREATE, want, have, outputs));
          }
          case DELETE -> {
            if (!gone) steps.add(step(r, Action.DELETE, null, have, outputs));
          }
          case NO_OP -> {}
        }
      }
      Map<String, Map<String, Object>> out = cloud.applyTogether(n.container(), steps);
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      synchronized (listener) {
        for (ResourceChange c : n.changes()) listener.finished(c, took);
      }
      return new Outcome(n, out == null ? Map.of() : out, null, null);
    } catch (ProviderException e) {
      return failure(r, described(e), kindOf(r, e.kind()));
    } catch (RuntimeException e) {
      return failure(r, "unexpected error: " + e, kindOf(r, Kind.OTHER));
    } finally {
      r.ended();
    }
  }

  private Cloud.Step step(
      Running r,
      Action action,
      Resource want,
      LiveResource have,
      Map<String, Map<String, Object>> outputs)
      throws ProviderException {
    String address = want != null ? want.address() : have.address();
    Map<String, Object> after = action == Action.DELETE ? Map.of() : resolved(want, outputs);
    return new Cloud.Step(action, address, want, have, after, r.deadline);
  }

  /** The two steps of a replacement, each reported, so a failure says which half was made. */
  private Map<String, Object> replace(
      Running r, Resource want, LiveResource have, Map<String, Map<String, Object>> outputs)
      throws ProviderException {
    ResourceChange c = r.node.change();
    boolean createFirst = c.replaceMode() == ReplaceMode.CREATE_THEN_DELETE;
    long start = System.nanoTime();
    if (createFirst) {
      Map<String, Object> out = apply(r, Action.CREATE, want, have, outputs);
      halfDone(c, Action.CREATE, start);
      try {
        if (have != null) apply(r, Action.DELETE, null, have, outputs);
      } catch (ProviderException e) {
        throw secondHalf("the new one was created; deleting the old one failed: ", e);
      }
      return out;
    }
    if (have != null) {
      apply(r, Action.DELETE, null, have, outputs);
      halfDone(c, Action.DELETE, start);
    }
    try {
      return apply(r, Action.CREATE, want, have, outputs);
    } catch (ProviderException e) {
      throw secondHalf("the old one was deleted; creating the new one failed: ", e);
    }
  }

  private void halfDone(ResourceChange c, Action step, long startNanos) {
    synchronized (listener) {
      listener.halfDone(c, step, Duration.ofNanos(System.nanoTime() - startNanos));
    }
  }

  private static ProviderException secondHalf(String what, ProviderException e) {
    return new ProviderException(e.kind(), what + e.getMessage(), e.permission(), e);
  }

  private Map<String, Object> apply(
      Running r,
      Action action,
      Resource want,
      LiveResource have,
      Map<String, Map<String, Object>> outputs)
      throws ProviderException {
    r.doing = action;
    Map<String, Object> after = action == Action.DELETE ? Map.of() : resolved(want, outputs);
    return cloud.apply(
        new Cloud.Step(action, r.node.change().address(), want, have, after, r.deadline));
  }

  /** The message, naming the missing permission when the cloud said it and the message does not. */
  private static String described(ProviderException e) {
    String m = e.getMessage() == null ? "" : e.getMessage();
    if (e.permission() != null && !m.contains(e.permission()))
      m = m + " (missing permission: " + e.permission() + ")";
    return m;
  }

  /** A step stopped by its timeout or by Ctrl-C fails as such, whatever the SDK threw then. */
  private static Kind kindOf(Running r, Kind reported) {
    if (r.timedOut || r.deadline.expired()) return Kind.TIMEOUT;
    if (r.deadline.cancelled() && (reported == Kind.OTHER || reported == null))
      return Kind.CANCELLED;
    return reported == null ? Kind.OTHER : reported;
  }

  private Outcome failure(Running r, String message, Kind kind) {
    String m = message == null || message.isBlank() ? "failed" : message;
    if (kind == Kind.TIMEOUT && !m.contains("time"))
      m = m + " (stopped after the step timeout of " + stepTimeout.toSeconds() + "s)";
    stopping.set(true);
    synchronized (listener) {
      for (ResourceChange c : r.node.changes()) listener.failed(c, m, kind);
    }
    return new Outcome(r.node, Map.of(), m, kind);
  }

  /** The first step a change makes: what "Still ...ing" names until it moves on. */
  private static Action first(ResourceChange c) {
    return switch (c.action()) {
      case REPLACE ->
          c.replaceMode() == ReplaceMode.CREATE_THEN_DELETE ? Action.CREATE : Action.DELETE;
      default -> c.action();
    };
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
