package dev.fnctl.engine;

import static dev.fnctl.engine.TestSpecs.props;
import static dev.fnctl.engine.TestSpecs.res;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.plan.Plan;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Providers;
import dev.fnctl.provider.Resource;
import dev.fnctl.provider.StackLock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code --lock-timeout}: a run that waits for another run's lock plans afresh under it, instead of
 * failing as stale because the other run changed the cloud; a saved plan is still refused then.
 * Also: unlock by lock id, and two spec items at one physical name refused before any read.
 */
class LockWaitTest {
  private static final StackLock.Holder OTHER =
      new StackLock.Holder("lock-9", "ci@runner-9", "apply", Instant.parse("2026-12-01T06:00:00Z"));

  private final FakeProvider provider = new FakeProvider();
  private final FakeCloud cloud = provider.cloud;
  private final TestSpecs specs = new TestSpecs();
  private final Engine engine =
      new DefaultEngine(Providers.of(List.of(provider)), Map.of("HOME", "/nowhere"), specs);

  /** The other run: holds the lock, makes {@code a} as this run also wants it, then releases. */
  private Thread otherRunMakes(String address, Map<String, Object> props) {
    cloud.lock.held.set(OTHER);
    Thread other =
        new Thread(
            () -> {
              try {
                Thread.sleep(300);
              } catch (InterruptedException e) {
                return;
              }
              cloud.put(address, true, props, Map.of("id", address + "#other"));
              cloud.lock.forceRelease();
            });
    other.start();
    return other;
  }

  @Test
  void aRunThatWaitedForTheLockPlansAfreshUnderIt() throws Exception {
    cloud.desired = List.of(res("a", props("v", 1L)), res("b", props("v", 2L)));
    RecordingListener listener = new RecordingListener();
    try (PlanSession s = engine.plan(TestSpecs.FILE, null, Engine.PlanMode.NORMAL)) {
      assertEquals(2, s.plan().changes().size(), "planned: create a and b");
      Thread other = otherRunMakes("a", props("v", 1L));
      var report = engine.apply(s, new ApplyOptions(4, Duration.ofSeconds(10), "apply"), listener);
      other.join();
      assertTrue(report.succeeded(), () -> "failed: " + report.failed());
    }
    assertEquals(List.of("create b"), cloud.calls, "a was made by the other run meanwhile");
    assertTrue(
        listener.events.stream()
            .anyMatch(
                e ->
                    e.startsWith("note waiting up to ")
                        && e.contains(
                            "for the stack lock held by ci@runner-9 (apply since"
                                + " 2026-12-01T06:00:00Z, lock id lock-9)")),
        listener.events.toString());
    assertTrue(
        listener.events.contains(
            "note the live state changed while waiting for the lock; planned again under the"
                + " lock: 1 change"),
        listener.events.toString());
  }

  @Test
  void aLockTakenWhoseReplyWasLostIsNotLeftBehind() throws Exception {
    cloud.desired = List.of(res("a", props("v", 1L)));
    cloud.lock.loseAcquireReply = true;
    try (PlanSession s = engine.plan(TestSpecs.FILE, null, Engine.PlanMode.NORMAL)) {
      assertThrows(
          ProviderException.class,
          () -> engine.apply(s, new ApplyOptions(4, Duration.ZERO, "apply"), ApplyListener.NONE));
    }
    assertEquals(null, cloud.lock.held.get(), "the next run is not blocked by a run that is gone");
    assertEquals(List.of(), cloud.calls);
  }

  @Test
  void aSavedPlanIsStillRefusedWhenTheWaitMadeItStale() throws Exception {
    cloud.desired = List.of(res("a", props("v", 1L)));
    Plan saved;
    try (PlanSession s = engine.plan(TestSpecs.FILE, null, Engine.PlanMode.NORMAL)) {
      saved = s.plan();
    }
    try (PlanSession s = engine.reopen(saved)) {
      Thread other = otherRunMakes("a", props("v", 1L));
      ProviderException e =
          assertThrows(
              ProviderException.class,
              () ->
                  engine.apply(
                      s, new ApplyOptions(4, Duration.ofSeconds(10), "apply"), ApplyListener.NONE));
      other.join();
      assertTrue(e.getMessage().contains("changed since the plan was made"), e.getMessage());
    }
    assertEquals(List.of(), cloud.calls);
  }

  @Test
  void unlockWithAnotherLocksIdRemovesNothing() throws Exception {
    cloud.lock.held.set(OTHER);
    ProviderException e =
        assertThrows(ProviderException.class, () -> engine.unlock(TestSpecs.FILE, null, "lock-1"));
    assertTrue(e.getMessage().contains("lock id lock-9, not lock-1"), e.getMessage());
    assertEquals(OTHER, cloud.lock.held.get());
    assertEquals(OTHER, engine.lockHolder(TestSpecs.FILE, null).orElseThrow());
    assertEquals(OTHER, engine.unlock(TestSpecs.FILE, null, "lock-9").orElseThrow());
    assertEquals(null, cloud.lock.held.get());
  }

  @Test
  void twoItemsAtOnePhysicalNameAreRefusedNamingBoth() {
    cloud.desired =
        List.of(
            Resource.of("fake:queue/orders-dlq", "fake:queue", "queue orders", props(), List.of()),
            Resource.of(
                "fake:queue/orders-dlq", "fake:queue", "queue orders-dlq", props(), List.of()));
    dev.fnctl.model.diag.SpecException e =
        assertThrows(
            dev.fnctl.model.diag.SpecException.class,
            () -> engine.plan(TestSpecs.FILE, null, Engine.PlanMode.NORMAL).close());
    String message = e.diagnostics().get(0).render();
    assertTrue(
        message.contains("queue orders and queue orders-dlq both become fake:queue/orders-dlq"),
        message);
    assertEquals(0, cloud.reads.get(), "refused before the cloud is read");
  }
}
