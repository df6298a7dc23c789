package dev.fnctl.engine;

import dev.fnctl.model.plan.Action;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.provider.Cloud;
import dev.fnctl.provider.Deadline;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.LiveState;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import dev.fnctl.provider.StackLock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An in-memory cloud for engine tests: resources by address, a lock, and ways to make a step fail,
 * wait on a gate, or take time, while recording every call and how many ran at once.
 */
final class FakeCloud implements Cloud {
  final Map<String, LiveResource> state = new ConcurrentHashMap<>();
  volatile List<Resource> desired = List.of();
  final Set<String> failOn = ConcurrentHashMap.newKeySet();
  final Map<String, CountDownLatch> gates = new ConcurrentHashMap<>();
  final Map<String, CountDownLatch> startedSignals = new ConcurrentHashMap<>();
  volatile long stepMillis = 0;
  final List<String> calls = Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger inFlight = new AtomicInteger();
  final AtomicInteger maxInFlight = new AtomicInteger();
  final AtomicInteger reads = new AtomicInteger();
  private final AtomicInteger generation = new AtomicInteger();
  final FakeLock lock = new FakeLock();

  /** Failures injected with a kind (and a permission for PERMISSION_DENIED), by address. */
  final Map<String, ProviderException> failWith = new ConcurrentHashMap<>();

  /** Steps that wait (as for a long-running operation) through their deadline, by address. */
  final Map<String, Long> waitMillis = new ConcurrentHashMap<>();

  /** Addresses read as mid-operation, with what the cloud is doing; settled by awaitSettled. */
  final Map<String, String> pendingOn = new ConcurrentHashMap<>();

  final Map<String, AtomicInteger> containerInFlight = new ConcurrentHashMap<>();
  final AtomicInteger maxPerContainer = new AtomicInteger();

  @Override
  public List<Resource> desired(Deployment deployment) {
    return desired;
  }

  @Override
  public LiveState read(Deployment deployment, List<Resource> desired) {
    reads.incrementAndGet();
    List<LiveResource> all = new ArrayList<>();
    for (LiveResource r : state.values())
      all.add(pendingOn.containsKey(r.address()) ? r.pending(pendingOn.get(r.address())) : r);
    all.sort(Comparator.comparing(LiveResource::address));
    return new LiveState(all);
  }

  /** Containers whose names start so are written in one go, as S3 notification configurations. */
  static final String WHOLE = "whole/";

  @Override
  public boolean writesTogether(String container) {
    return container.startsWith(WHOLE);
  }

  @Override
  public Map<String, Map<String, Object>> applyTogether(String container, List<Step> steps)
      throws ProviderException {
    List<String> parts = new ArrayList<>();
    for (Step s : steps) parts.add(s.action().word() + " " + s.address());
    calls.add("together " + container + ": " + String.join(", ", parts));
    List<String> before = new ArrayList<>(calls);
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (Step s : steps) out.put(s.address(), apply(s));
    calls.clear();
    calls.addAll(before); // one write: the entries are not separate calls
    return out;
  }

  @Override
  public LiveResource awaitSettled(LiveResource pending, Deadline deadline)
      throws ProviderException {
    calls.add("await " + pending.address());
    deadline.pause(java.time.Duration.ofMillis(20), pending.address());
    pendingOn.remove(pending.address());
    return state.get(pending.address());
  }

  @Override
  public Map<String, Object> apply(Step step) throws ProviderException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    String container =
        step.desired() != null ? step.desired().container() : step.live().container();
    AtomicInteger inContainer =
        container == null
            ? new AtomicInteger()
            : containerInFlight.computeIfAbsent(container, k -> new AtomicInteger());
    maxPerContainer.accumulateAndGet(inContainer.incrementAndGet(), Math::max);
    try {
      calls.add(step.action().word() + " " + step.address());
      CountDownLatch started = startedSignals.get(step.address());
      if (started != null) started.countDown();
      CountDownLatch gate = gates.get(step.address());
      if (gate != null && !gate.await(10, TimeUnit.SECONDS))
        throw new ProviderException("gate never opened");
      if (stepMillis > 0) Thread.sleep(stepMillis);
      Long wait = waitMillis.get(step.address());
      if (wait != null)
        step.deadline().pause(java.time.Duration.ofMillis(wait), "waiting for " + step.address());
      if (failOn.contains(step.address())
          || failOn.contains(step.action().word() + " " + step.address()))
        throw new ProviderException("injected failure at " + step.address());
      if (failWith.containsKey(step.address())) throw failWith.get(step.address());
      if (step.action() == Action.DELETE) {
        // By identity, as a provider must: after a create-first replacement the address holds
        // the new one, which this delete of the old one must leave alone.
        LiveResource current = state.get(step.address());
        if (current != null
            && step.live() != null
            && !current.outputs().equals(step.live().outputs())) return Map.of();
        LiveResource gone = state.remove(step.address());
        if (gone != null && !gone.owned())
          throw new AssertionError("deleted what the stack does not own");
        return Map.of();
      }
      // A replacement's create makes a new one (a new id), even while the old one still exists.
      LiveResource existing =
          step.action() == Action.CREATE && step.live() != null ? null : state.get(step.address());
      if (existing != null && !existing.owned())
        throw new AssertionError("overwrote what the stack does not own");
      Map<String, Object> outputs = new LinkedHashMap<>();
      outputs.put(
          "id",
          step.address()
              + "#"
              + (existing == null
                  ? generation.incrementAndGet()
                  : existing.outputs().get("id").toString().replaceAll(".*#", "")));
      Resource r = step.desired();
      state.put(
          step.address(),
          new LiveResource(
                  r.address(), r.type(), r.item(), true, step.after(), outputs, r.dependsOn())
              .inContainer(r.container()));
      return outputs;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException("interrupted");
    } finally {
      inFlight.decrementAndGet();
      inContainer.decrementAndGet();
    }
  }

  @Override
  public StackLock lock() {
    return lock;
  }

  @Override
  public Map<String, String> outputs(LiveState live) {
    Map<String, String> out = new LinkedHashMap<>();
    for (LiveResource r : live.resources())
      if (r.outputs().containsKey("url")) out.put(r.item(), r.outputs().get("url").toString());
    return out;
  }

  /** Puts a resource straight into the "cloud", as if made earlier or by someone else. */
  void put(
      String address, boolean owned, Map<String, Object> properties, Map<String, Object> outputs) {
    state.put(
        address,
        new LiveResource(
            address, "fake:thing", "thing " + address, owned, properties, outputs, List.of()));
  }

  static final class FakeLock implements StackLock {
    final AtomicReference<Holder> held = new AtomicReference<>();
    final AtomicInteger attempts = new AtomicInteger();

    /**
     * Refuse to work on an interrupted thread, as the AWS SDK does (it clears the flag and aborts).
     */
    volatile boolean refusesInterruptedThreads;

    /** Take the lock, then fail as a request whose reply was lost does. */
    volatile boolean loseAcquireReply;

    @Override
    public Optional<Holder> tryAcquire(Holder me) throws ProviderException {
      if (refusesInterruptedThreads && Thread.interrupted())
        throw new ProviderException("aborted: the thread was interrupted");
      attempts.incrementAndGet();
      Optional<Holder> other =
          held.compareAndSet(null, me) ? Optional.empty() : Optional.ofNullable(held.get());
      if (loseAcquireReply) throw new ProviderException("connection reset (the lock was taken)");
      return other;
    }

    @Override
    public void release(Holder me) throws ProviderException {
      if (refusesInterruptedThreads && Thread.interrupted())
        throw new ProviderException("aborted: the thread was interrupted");
      held.compareAndSet(me, null);
    }

    @Override
    public Optional<Holder> holder() {
      return Optional.ofNullable(held.get());
    }

    @Override
    public void forceRelease() {
      held.set(null);
    }
  }
}
