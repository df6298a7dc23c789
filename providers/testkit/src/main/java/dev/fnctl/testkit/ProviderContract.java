package dev.fnctl.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.engine.ApplyListener;
import dev.fnctl.engine.ApplyOptions;
import dev.fnctl.engine.ApplyReport;
import dev.fnctl.engine.Engine;
import dev.fnctl.engine.PlanSession;
import dev.fnctl.model.diag.Diagnostic;
import dev.fnctl.model.load.SpecLoader;
import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.Spec;
import dev.fnctl.provider.Cloud;
import dev.fnctl.provider.Context;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.LiveState;
import dev.fnctl.provider.Provider;
import dev.fnctl.provider.Providers;
import dev.fnctl.provider.Resource;
import dev.fnctl.provider.StackLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every provider must do, checked through the real engine and the SPI. A provider's test
 * extends this (depend on {@code fnctl-provider-testkit} and {@code fnctl-engine} in test scope),
 * says how to reach its cloud (an emulator on a loopback port) and may override the spec; each test
 * then deploys a fresh stack.
 *
 * <p>The contract: a valid spec validates clean; plan, apply, plan again is "no changes"; one
 * changed setting is updates only; every step may be repeated; the lock is exclusive and only its
 * holder releases it; destroy leaves nothing the stack owns.
 */
public abstract class ProviderContract {
  @TempDir protected Path project;

  /** The providers to use (usually just the one under test, or {@link Providers#discover()}). */
  protected abstract Providers providers();

  /**
   * The target entry for this provider, as YAML flow: {@code { provider: mycloud, region: north-1
   * }}.
   */
  protected abstract String target();

  /** The environment the engine and provider see (credentials for an emulator). */
  protected Map<String, String> env() {
    return Map.of();
  }

  /**
   * A stack name unique per run where the cloud outlives the test (an emulator shared by tests).
   */
  protected String stack() {
    return "contract";
  }

  /**
   * The spec under test, {@code memory} being the function's memory: one function with an HTTP and
   * a queue trigger, a queue, a bucket it reads. Override to cover more of what the provider
   * supports. {@code functions/hello/} holds a small handler.
   */
  protected String spec(int memory) {
    return """
        apiVersion: fnctl.dev/v1
        stack: %s
        targets:
          ct: %s
        defaults: { runtime: python3.12, timeout: 30s }
        functions:
          hello:
            code: ./functions/hello
            handler: main.handle
            memory: %d
            env: { GREETING: hi }
            triggers:
              - http: { method: POST, path: /hello, auth: none }
              - queue: { queue: jobs, batchSize: 5 }
            permissions:
              - { bucket: files, access: read }
              - { queue: jobs, access: consume }
        queues:
          jobs: {}
        buckets:
          files: {}
        """
        .formatted(stack(), target(), memory);
  }

  private Path specFile;
  private Engine engine;

  @BeforeEach
  void writeProject() throws IOException {
    Files.createDirectories(project.resolve("functions/hello"));
    Files.writeString(
        project.resolve("functions/hello/main.py"),
        "def handle(event, context):\n    return 'hi'\n");
    specFile = project.resolve("fnctl.yaml");
    writeSpec(256);
    engine = Engine.create(providers(), env());
  }

  private void writeSpec(int memory) throws IOException {
    Files.writeString(specFile, spec(memory));
  }

  private Plan plan(Engine.PlanMode mode) throws Exception {
    try (PlanSession s = engine.plan(specFile, "ct", mode)) {
      return s.plan();
    }
  }

  private ApplyReport apply(Engine.PlanMode mode) throws Exception {
    try (PlanSession s = engine.plan(specFile, "ct", mode)) {
      ApplyReport r =
          engine.apply(
              s,
              new ApplyOptions(
                  4, Duration.ofSeconds(10), mode == Engine.PlanMode.DESTROY ? "destroy" : "apply"),
              ApplyListener.NONE);
      assertTrue(r.succeeded(), "apply failed: " + r.failed() + ", not started: " + r.notStarted());
      return r;
    }
  }

  private static List<String> shape(Plan p) {
    return p.changes().stream()
        .filter(c -> c.action() != Action.NO_OP)
        .map(c -> c.action().symbol() + " " + c.address())
        .toList();
  }

  @Test
  void aValidSpecValidatesClean() {
    List<Diagnostic> problems = engine.validate(specFile);
    assertEquals(List.of(), problems.stream().map(Diagnostic::render).toList());
  }

  @Test
  void planApplyPlanAgainIsNoChangesThenDestroyLeavesNothingOwned() throws Exception {
    Plan first = plan(Engine.PlanMode.NORMAL);
    assertTrue(first.count(Action.CREATE) > 0);
    assertEquals(
        first.changes().size(),
        first.count(Action.CREATE),
        "a fresh stack only creates: " + shape(first));

    ApplyReport applied = apply(Engine.PlanMode.NORMAL);
    assertEquals(first.changes().size(), applied.done().size());

    Plan again = plan(Engine.PlanMode.NORMAL);
    assertFalse(
        again.hasChanges(), "an applied spec must plan to no changes, found: " + describe(again));

    apply(Engine.PlanMode.DESTROY);
    Plan after = plan(Engine.PlanMode.DESTROY);
    assertFalse(after.hasChanges(), "destroy must leave nothing the stack owns: " + shape(after));
  }

  @Test
  void oneChangedSettingIsUpdatesOnly() throws Exception {
    apply(Engine.PlanMode.NORMAL);
    writeSpec(512);
    Plan p = plan(Engine.PlanMode.NORMAL);
    assertTrue(p.count(Action.UPDATE) >= 1, "memory 256 -> 512 must update: " + shape(p));
    assertEquals(
        p.count(Action.UPDATE),
        p.changes().stream().filter(c -> c.action() != Action.NO_OP).count(),
        shape(p).toString());
    for (ResourceChange c : p.changes()) {
      if (c.action() == Action.UPDATE)
        assertEquals(List.of("memory"), c.changedProperties(), c.address());
    }
    apply(Engine.PlanMode.NORMAL);
    assertFalse(plan(Engine.PlanMode.NORMAL).hasChanges());
    apply(Engine.PlanMode.DESTROY);
  }

  /** Opens the provider's session directly, for the SPI-level checks. */
  private Cloud connect(Deployment[] deployment) throws Exception {
    Spec spec = new SpecLoader(env()).load(specFile, "ct");
    deployment[0] = spec.forTarget("ct");
    Provider provider = providers().find(deployment[0].target().provider()).orElseThrow();
    return provider.connect(deployment[0], new Context(project, env(), Context.Log.SILENT));
  }

  @Test
  void everyStepMayBeRepeated() throws Exception {
    Deployment[] d = new Deployment[1];
    try (Cloud cloud = connect(d)) {
      List<Resource> desired = cloud.desired(d[0]);
      // A resource that needs nothing else: its properties hold no reference.
      Resource lone =
          desired.stream()
              .filter(
                  r ->
                      r.dependsOn().isEmpty()
                          && r.properties().values().stream()
                              .noneMatch(v -> v instanceof dev.fnctl.provider.Ref))
              .findFirst()
              .orElseThrow(
                  () -> new AssertionError("no resource without dependencies in " + desired));
      cloud.apply(new Cloud.Step(Action.CREATE, lone.address(), lone, null, lone.properties()));
      cloud.apply(new Cloud.Step(Action.CREATE, lone.address(), lone, null, lone.properties()));
      LiveState live = cloud.read(d[0], desired);
      List<LiveResource> found =
          live.resources().stream().filter(r -> r.address().equals(lone.address())).toList();
      assertEquals(1, found.size(), "created twice, exists once");
      assertTrue(found.get(0).owned());
      cloud.apply(new Cloud.Step(Action.DELETE, lone.address(), null, found.get(0), Map.of()));
      cloud.apply(new Cloud.Step(Action.DELETE, lone.address(), null, found.get(0), Map.of()));
      assertTrue(cloud.read(d[0], desired).find(lone.address()).isEmpty());
    }
  }

  @Test
  void theLockIsExclusiveAndOnlyItsHolderReleasesIt() throws Exception {
    Deployment[] d = new Deployment[1];
    try (Cloud cloud = connect(d)) {
      StackLock lock = cloud.lock();
      StackLock.Holder a =
          new StackLock.Holder(
              "contract-a", "a@test", "apply", Instant.parse("2026-01-01T00:00:00Z"));
      StackLock.Holder b =
          new StackLock.Holder(
              "contract-b", "b@test", "destroy", Instant.parse("2026-01-01T00:01:00Z"));
      try {
        assertEquals(Optional.empty(), lock.tryAcquire(a));
        assertEquals(Optional.of(a), lock.tryAcquire(b));
        assertEquals(Optional.of(a), lock.holder());
        lock.release(b);
        assertEquals(Optional.of(a), lock.holder(), "b does not hold it");
        lock.release(a);
        assertEquals(Optional.empty(), lock.holder());
        assertEquals(Optional.empty(), lock.tryAcquire(b));
        lock.forceRelease();
        assertEquals(Optional.empty(), lock.holder());
      } finally {
        lock.forceRelease();
      }
    }
  }

  private static String describe(Plan p) {
    StringBuilder sb = new StringBuilder();
    for (ResourceChange c : p.changes()) {
      if (c.action() == Action.NO_OP) continue;
      sb.append("\n  ")
          .append(c.action().symbol())
          .append(' ')
          .append(c.address())
          .append(": ")
          .append(c.reason());
      for (String k : c.changedProperties())
        sb.append("\n      ")
            .append(k)
            .append(": ")
            .append(c.before().get(k))
            .append(" -> ")
            .append(c.after().get(k));
    }
    return sb.toString();
  }
}
