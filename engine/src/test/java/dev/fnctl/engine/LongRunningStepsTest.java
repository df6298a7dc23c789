package dev.fnctl.engine;

import static dev.fnctl.engine.TestSpecs.props;
import static dev.fnctl.engine.TestSpecs.res;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.provider.ProviderException.Kind;
import dev.fnctl.provider.Providers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Steps that take long: progress while they run, their timeout, Ctrl-C cutting their waits short,
 * and resources read mid-operation, through the real engine against the in-memory cloud.
 */
class LongRunningStepsTest {
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

  private ApplyReport apply(ApplyOptions options, RecordingListener listener) throws Exception {
    try (PlanSession s = engine.plan(TestSpecs.FILE, null, Engine.PlanMode.NORMAL)) {
      return engine.apply(s, options, listener);
    }
  }

  private static ApplyOptions options(Duration stepTimeout, Duration progressEvery) {
    return new ApplyOptions(10, Duration.ZERO, "apply", stepTimeout, progressEvery);
  }

  @Test
  void aChangeStillRunningIsReportedWithItsElapsedTime() throws Exception {
    cloud.desired = List.of(res("fn", props()), res("quick", props()));
    cloud.waitMillis.put("fn", 450L);
    RecordingListener listener = new RecordingListener();
    assertTrue(apply(options(null, Duration.ofMillis(100)), listener).succeeded());
    List<String> still =
        listener.events.stream().filter(e -> e.startsWith("still fn create")).toList();
    assertTrue(still.size() >= 3, listener.events.toString());
    assertTrue(
        listener.events.stream().noneMatch(e -> e.startsWith("still quick")),
        "a quick change is not reported as still running");
    assertTrue(
        listener.events.indexOf(still.get(still.size() - 1))
            < listener.events.indexOf("finished fn"));
  }

  @Test
  void aStepPastItsTimeoutFailsAsTimedOutAndTheLockIsReleased() throws Exception {
    cloud.desired = List.of(res("slow", props()));
    cloud.waitMillis.put("slow", 30_000L);
    long start = System.nanoTime();
    ApplyReport report = apply(options(Duration.ofMillis(300), null), new RecordingListener());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
    ResourceChange slow = report.failed().keySet().iterator().next();
    assertEquals(Kind.TIMEOUT, report.kindOf(slow));
    assertTrue(report.failed().get(slow).contains("time ran out"), report.failed().toString());
    assertEquals(null, cloud.lock.held.get());
  }

  @Test
  void aStepThatIgnoresItsDeadlineIsInterruptedAtTheTimeout() throws Exception {
    cloud.desired = List.of(res("stuck", props()));
    cloud.stepMillis = 30_000; // a plain sleep, as an SDK call blocked on the network
    long start = System.nanoTime();
    ApplyReport report = apply(options(Duration.ofMillis(300), null), new RecordingListener());
    assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10);
    assertEquals(Kind.TIMEOUT, report.kindOf(report.failed().keySet().iterator().next()));
  }

  @Test
  void ctrlCCutsAWaitShortAndTheReportSaysCancelled() throws Exception {
    cloud.desired = List.of(res("fn", props()));
    cloud.waitMillis.put("fn", 30_000L);
    java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
    cloud.startedSignals.put("fn", started);
    AtomicReference<ApplyReport> report = new AtomicReference<>();
    Thread applying =
        new Thread(
            () -> {
              try {
                report.set(apply(options(null, null), new RecordingListener()));
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    applying.start();
    assertTrue(started.await(5, java.util.concurrent.TimeUnit.SECONDS));
    applying.interrupt();
    applying.join(5000);
    assertFalse(applying.isAlive(), "the wait was cut short");
    assertTrue(report.get().interrupted());
    ResourceChange fn = report.get().failed().keySet().iterator().next();
    assertEquals(Kind.CANCELLED, report.get().kindOf(fn));
    assertTrue(report.get().failed().get(fn).contains("next apply waits for it"));
    assertEquals(null, cloud.lock.held.get());
  }

  @Test
  void aResourceReadMidOperationIsPlannedAsChangingAndAwaitedBeforeItsStep() throws Exception {
    cloud.desired = List.of(res("fn", props("memory", 256L)));
    assertTrue(apply(options(null, null), new RecordingListener()).succeeded());
    cloud.pendingOn.put("fn", "creating (operation op-1)");
    cloud.calls.clear();

    ResourceChange c = plan().changes().get(0);
    assertEquals(Action.UPDATE, c.action(), "never a no-op against a half-made resource");
    assertEquals("creating (operation op-1)", c.pending());
    assertEquals("still creating (operation op-1): apply waits for it first", c.reason());

    assertTrue(apply(options(null, null), new RecordingListener()).succeeded());
    assertEquals(List.of("await fn", "update fn"), cloud.calls);
    assertFalse(plan().hasChanges());
  }

  @Test
  void aResourceMidOperationThatIsNoLongerWantedIsAwaitedThenDeleted() throws Exception {
    cloud.desired = List.of(res("fn", props()));
    apply(options(null, null), new RecordingListener());
    cloud.pendingOn.put("fn", "updating");
    cloud.desired = List.of();
    cloud.calls.clear();
    ResourceChange c = plan().changes().get(0);
    assertEquals(Action.DELETE, c.action());
    assertTrue(c.reason().endsWith("still updating: apply waits for it first"), c.reason());
    assertTrue(apply(options(null, null), new RecordingListener()).succeeded());
    assertEquals(List.of("await fn", "delete fn"), cloud.calls);
  }
}
