package dev.fnctl.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.engine.ApplyListener;
import dev.fnctl.engine.ApplyOptions;
import dev.fnctl.engine.ApplyReport;
import dev.fnctl.engine.ClashException;
import dev.fnctl.engine.Engine;
import dev.fnctl.engine.LockHeldException;
import dev.fnctl.engine.PlanSession;
import dev.fnctl.engine.StalePlanException;
import dev.fnctl.model.diag.Diagnostic;
import dev.fnctl.model.diag.SpecException;
import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.model.spec.Trigger;
import dev.fnctl.provider.Providers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local target from a YAML spec through the real engine, found with ServiceLoader as the CLI
 * finds it: plan, apply, plan again, drift, change, clash, stale plan, lock, destroy.
 */
class LocalTargetTest {
  @TempDir Path project;
  private Path spec;
  private Engine engine;

  private static final String SPEC =
      """
      apiVersion: fnctl.dev/v1
      stack: orders
      targets:
        dev: { provider: local }
      defaults: { runtime: python3.12, timeout: 60s }
      functions:
        resize:
          code: ./functions/resize
          handler: main.handle
          memory: MEMORY
          env: { THUMBS: thumbs }
          secrets: { API_KEY: stripe-key }
          concurrency: { max: 10, warm: 1 }
          triggers:
            - http: { method: POST, path: /resize, auth: none }
            - schedule: { cron: "0 9 * * MON-FRI", timezone: Europe/Berlin }
            - queue: { queue: orders, batchSize: 10 }
            - storage: { bucket: legacy, events: [created], prefix: images/ }
            - topic: { topic: events }
          permissions:
            - { bucket: uploads, access: read }
            - { bucket: legacy, access: write }
            - { queue: orders, access: consume }
      queues:
        orders: { deadLetter: { maxReceives: 5 } }
      topics:
        events: {}
      buckets:
        uploads: {}
        legacy: { existing: acme-legacy-uploads }
      budgets:
        monthly:
          amount: 200
          currency: USD
          period: monthly
          alerts:
            - { at: 80%, notify: [ops@example.com] }
            - { at: 100%, forecast: true, notify: [ops@example.com] }
      """;

  @BeforeEach
  void setUp() throws Exception {
    LocalSpecs.writeCode(project);
    spec = project.resolve("fnctl.yaml");
    writeSpec(512);
    engine = Engine.create(Providers.discover(), Map.of());
  }

  private void writeSpec(int memory) throws Exception {
    Files.writeString(spec, SPEC.replace("MEMORY", String.valueOf(memory)));
  }

  private Plan plan(Engine.PlanMode mode) throws Exception {
    try (PlanSession s = engine.plan(spec, null, mode)) {
      return s.plan();
    }
  }

  private ApplyReport apply(Engine.PlanMode mode) throws Exception {
    try (PlanSession s = engine.plan(spec, null, mode)) {
      return engine.apply(s, ApplyOptions.defaults(), ApplyListener.NONE);
    }
  }

  private static List<String> shape(Plan p) {
    return p.changes().stream()
        .filter(c -> c.action() != Action.NO_OP)
        .map(c -> c.action().symbol() + " " + c.address())
        .toList();
  }

  private static ResourceChange only(Plan p, Action action) {
    List<ResourceChange> found = p.changes().stream().filter(c -> c.action() == action).toList();
    assertEquals(1, found.size(), found.toString());
    return found.get(0);
  }

  private Path stateDir() {
    return project.resolve(".fnctl/local/orders/dev");
  }

  @Test
  void planApplyPlanAgainDriftChangeAndDestroy() throws Exception {
    assertEquals(List.of(), engine.validate(spec));

    Plan first = plan(Engine.PlanMode.NORMAL);
    assertEquals(10, first.count(Action.CREATE), shape(first).toString());
    assertEquals("dev", first.target());
    ResourceChange http =
        first.changes().stream()
            .filter(c -> c.address().startsWith("local:trigger/resize/http-"))
            .findFirst()
            .orElseThrow();
    assertEquals(Set.of("function"), http.unknown(), "the function's id is known after apply");

    ApplyReport report = apply(Engine.PlanMode.NORMAL);
    assertTrue(report.succeeded(), report.toString());
    assertEquals(10, report.done().size());
    assertEquals(
        Map.of("function resize POST /resize", "http://localhost/orders/dev/resize"),
        report.outputs());
    assertTrue(Files.exists(stateDir().resolve("function/resize.zip")));

    Plan again = plan(Engine.PlanMode.NORMAL);
    assertFalse(again.hasChanges(), "an applied spec plans to no changes: " + shape(again));
    assertEquals(report.outputs(), again.outputs());

    // Drift: someone edits the deployed function by hand.
    Path fnFile = stateDir().resolve("function/resize.json");
    Files.writeString(
        fnFile, Files.readString(fnFile).replace("\"memory\": 512", "\"memory\": 1024"));
    Plan drift = plan(Engine.PlanMode.NORMAL);
    assertEquals(List.of("~ local:function/resize"), shape(drift));
    ResourceChange fn = only(drift, Action.UPDATE);
    assertEquals(List.of("memory"), fn.changedProperties());
    assertEquals(1024L, fn.before().get("memory"));
    assertEquals(512L, fn.after().get("memory"));
    assertTrue(apply(Engine.PlanMode.NORMAL).succeeded());
    assertFalse(plan(Engine.PlanMode.NORMAL).hasChanges());

    // A code change is a change of exactly the function's code digest.
    Files.writeString(
        project.resolve("functions/resize/main.py"), "def handle(event, context):\n    return 2\n");
    assertEquals(
        List.of("codeSha256"),
        only(plan(Engine.PlanMode.NORMAL), Action.UPDATE).changedProperties());
    assertTrue(apply(Engine.PlanMode.NORMAL).succeeded());

    // Someone else's resource in the same place stays theirs.
    Path theirs = stateDir().resolve("queue/other.json");
    Files.writeString(
        theirs,
        "{\"address\": \"local:queue/other\", \"type\": \"local:queue\", \"tags\": {}, \"properties\": {}}");
    assertFalse(plan(Engine.PlanMode.NORMAL).hasChanges());

    Plan destroy = plan(Engine.PlanMode.DESTROY);
    assertEquals(10, destroy.count(Action.DELETE));
    assertEquals("local:budget/monthly", destroy.changes().get(0).address());
    assertTrue(
        indexOf(destroy, "local:trigger/resize/queue-orders")
            < indexOf(destroy, "local:queue/orders"),
        "a trigger goes before its queue");
    assertTrue(apply(Engine.PlanMode.DESTROY).succeeded());
    try (Stream<Path> left = Files.walk(stateDir())) {
      assertEquals(List.of(theirs), left.filter(Files::isRegularFile).toList());
    }
  }

  private static int indexOf(Plan p, String address) {
    for (int i = 0; i < p.changes().size(); i++)
      if (p.changes().get(i).address().equals(address)) return i;
    return -1;
  }

  @Test
  void aFailedStepIsReportedAndARerunConverges() throws Exception {
    // Something in the way of one resource's file: its write fails, as a cloud call would.
    Path blocked = stateDir().resolve("budget/monthly.json");
    Files.createDirectories(blocked.resolve("in-the-way"));
    ApplyReport failed = apply(Engine.PlanMode.NORMAL);
    assertFalse(failed.succeeded());
    assertEquals(
        List.of("local:budget/monthly"),
        failed.failed().keySet().stream().map(ResourceChange::address).toList());
    assertEquals(10, failed.done().size() + failed.failed().size() + failed.notStarted().size());
    assertFalse(
        Files.exists(stateDir().resolve("lock.json")), "the lock is released after a failure");

    Files.delete(blocked.resolve("in-the-way"));
    Files.delete(blocked);
    Plan rerun = plan(Engine.PlanMode.NORMAL);
    assertEquals(
        failed.failed().size() + failed.notStarted().size(),
        rerun.count(Action.CREATE),
        shape(rerun).toString());
    assertEquals(
        0, rerun.count(Action.UPDATE) + rerun.count(Action.DELETE) + rerun.count(Action.REPLACE));
    assertTrue(apply(Engine.PlanMode.NORMAL).succeeded());
    assertFalse(plan(Engine.PlanMode.NORMAL).hasChanges());
  }

  @Test
  void aSpecWithoutTargetsDeploysToTheImplicitLocalTarget() throws Exception {
    Files.writeString(
        spec,
        """
        apiVersion: fnctl.dev/v1
        stack: tiny
        functions:
          hello: { code: ./functions/resize, handler: main.handle, runtime: python3.12 }
        """);
    assertEquals(List.of(), engine.validate(spec));
    try (PlanSession s = engine.plan(spec, null, Engine.PlanMode.NORMAL)) {
      assertEquals("local", s.plan().target());
      assertTrue(engine.apply(s, ApplyOptions.defaults(), ApplyListener.NONE).succeeded());
    }
    assertTrue(Files.exists(project.resolve(".fnctl/local/tiny/local/function/hello.json")));
  }

  @Test
  void aChangedSettingIsExactlyOneUpdate() throws Exception {
    assertTrue(apply(Engine.PlanMode.NORMAL).succeeded());
    writeSpec(1024);
    Plan p = plan(Engine.PlanMode.NORMAL);
    assertEquals(List.of("~ local:function/resize"), shape(p));
    assertEquals("changed: memory", only(p, Action.UPDATE).reason());
  }

  @Test
  void reorderingListsWhoseOrderMeansNothingPlansNoChange() throws Exception {
    String spread =
        Files.readString(spec)
            .replace("events: [created]", "events: [created, deleted]")
            .replace(
                "- { at: 80%, notify: [ops@example.com] }",
                "- { at: 80%, notify: [ops@example.com, cto@example.com] }");
    Files.writeString(spec, spread);
    assertTrue(apply(Engine.PlanMode.NORMAL).succeeded());

    String permissions =
        "      - { bucket: uploads, access: read }\n      - { bucket: legacy, access: write }\n      - { queue: orders, access: consume }\n";
    String alerts =
        "      - { at: 80%, notify: [ops@example.com, cto@example.com] }\n      - { at: 100%, forecast: true, notify: [ops@example.com] }\n";
    assertTrue(spread.contains(permissions) && spread.contains(alerts), spread);
    Files.writeString(
        spec,
        spread
            .replace(
                permissions,
                "      - { queue: orders, access: consume }\n      - { bucket: uploads, access: read }\n      - { bucket: legacy, access: write }\n")
            .replace("events: [created, deleted]", "events: [deleted, created]")
            .replace(
                alerts,
                "      - { at: 100%, forecast: true, notify: [ops@example.com] }\n      - { at: 80%, notify: [cto@example.com, ops@example.com] }\n"));
    Plan p = plan(Engine.PlanMode.NORMAL);
    assertFalse(
        p.hasChanges(), "reordered permissions, events, alerts and recipients: " + shape(p));
  }

  @Test
  void triggersAreKeyedByWhatTheyAreNotWhereTheyAreListed() throws Exception {
    assertTrue(apply(Engine.PlanMode.NORMAL).succeeded());
    String triggers = "    triggers:\n";
    String http = "      - http: { method: POST, path: /resize, auth: none }\n";
    String topic = "      - topic: { topic: events }\n";
    String written = Files.readString(spec);
    assertTrue(written.contains(triggers + http) && written.contains(topic), written);

    // Moved: the same triggers in another order are no change at all.
    Files.writeString(
        spec, written.replace(triggers + http, triggers).replace(topic, topic + http));
    assertFalse(
        plan(Engine.PlanMode.NORMAL).hasChanges(), shape(plan(Engine.PlanMode.NORMAL)).toString());

    // Inserted first: exactly one create, nothing else moves.
    Files.writeString(
        spec,
        written.replace(triggers, triggers + "      - http: { method: GET, path: /sizes }\n"));
    Plan inserted = plan(Engine.PlanMode.NORMAL);
    assertEquals(1, shape(inserted).size(), shape(inserted).toString());
    assertTrue(
        only(inserted, Action.CREATE).address().startsWith("local:trigger/resize/http-"),
        shape(inserted).toString());
    assertTrue(apply(Engine.PlanMode.NORMAL).succeeded());

    // A setting outside the identity is updated in place; removing one trigger deletes just it.
    Files.writeString(spec, written.replace("auth: none", "auth: iam"));
    Plan changed = plan(Engine.PlanMode.NORMAL);
    String post = "local:trigger/resize/" + new Trigger.Http("POST", "/resize", "iam").slug();
    assertEquals(
        List.of("~ " + post, "- " + only(inserted, Action.CREATE).address()), shape(changed));
  }

  @Test
  void changingATriggersQueueReplacesIt() throws Exception {
    assertTrue(apply(Engine.PlanMode.NORMAL).succeeded());
    Files.writeString(
        spec,
        Files.readString(spec)
            .replace(
                "orders: { deadLetter: { maxReceives: 5 } }", "orders: { existing: legacy-jobs }"));
    Plan p = plan(Engine.PlanMode.NORMAL);
    ResourceChange trigger = only(p, Action.REPLACE);
    assertEquals("local:trigger/resize/queue-orders", trigger.address());
    assertEquals(Set.of("queue"), trigger.replacedBy());
    assertEquals("legacy-jobs", trigger.after().get("queue"));
    assertEquals(
        "local:queue/orders",
        only(p, Action.DELETE).address(),
        "no longer owned: deleted, the existing one is not");
    assertTrue(apply(Engine.PlanMode.NORMAL).succeeded());
    assertFalse(plan(Engine.PlanMode.NORMAL).hasChanges());
  }

  @Test
  void aNameTakenByAResourceTheStackDoesNotOwnIsRefused() throws Exception {
    Path file = stateDir().resolve("bucket/uploads.json");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        "{\"address\": \"local:bucket/uploads\", \"type\": \"local:bucket\", \"properties\": {\"name\": \"orders-dev-uploads\"}}");
    ClashException e = assertThrows(ClashException.class, () -> plan(Engine.PlanMode.NORMAL));
    assertTrue(
        e.getMessage()
            .startsWith("local:bucket/uploads (bucket uploads) already exists but is not owned"),
        e.getMessage());
  }

  @Test
  void aSavedPlanIsRefusedOnceTheDeployedStateOrTheSpecChanged() throws Exception {
    Plan saved = plan(Engine.PlanMode.NORMAL);
    try (PlanSession s = engine.reopen(saved)) {
      assertEquals(saved.changes(), s.plan().changes());
    }
    assertTrue(apply(Engine.PlanMode.NORMAL).succeeded());
    StalePlanException live = assertThrows(StalePlanException.class, () -> engine.reopen(saved));
    assertTrue(live.getMessage().contains("live state of target 'dev' changed"), live.getMessage());

    Plan now = plan(Engine.PlanMode.NORMAL);
    writeSpec(640);
    StalePlanException edited = assertThrows(StalePlanException.class, () -> engine.reopen(now));
    assertEquals("the spec file " + spec + " changed since the plan was made", edited.getMessage());
  }

  @Test
  void aHeldLockIsWaitedForThenNamedAndUnlockRemovesIt() throws Exception {
    Files.createDirectories(stateDir());
    Files.writeString(
        stateDir().resolve("lock.json"),
        "{\"id\": \"x\", \"who\": \"ci@runner\", \"operation\": \"apply\", \"since\": \"2026-11-25T06:00:00Z\"}");
    try (PlanSession s = engine.plan(spec, null, Engine.PlanMode.NORMAL)) {
      LockHeldException e =
          assertThrows(
              LockHeldException.class,
              () ->
                  engine.apply(
                      s,
                      new ApplyOptions(4, java.time.Duration.ofMillis(250), "apply"),
                      ApplyListener.NONE));
      assertEquals("ci@runner", e.holder().who());
    }
    assertEquals("ci@runner", engine.unlock(spec, null).orElseThrow().who());
    assertTrue(apply(Engine.PlanMode.NORMAL).succeeded());
    assertFalse(Files.exists(stateDir().resolve("lock.json")), "released after apply");
  }

  @Test
  void aBadIgnorePatternIsASpecProblemAtItsLineAndNothingIsTouched() throws Exception {
    Files.writeString(project.resolve("functions/resize/.fnctlignore"), "test_*.py\n[z-a]\n");
    Path ignore = project.resolve("functions/resize/.fnctlignore");
    assertEquals(
        List.of(
            ignore
                + ":2:1: functions.resize.code: '[z-a]' is not a valid pattern (illegal character range)"),
        engine.validate(spec).stream().map(Diagnostic::render).toList());
    SpecException e =
        assertThrows(SpecException.class, () -> engine.plan(spec, null, Engine.PlanMode.NORMAL));
    assertEquals(1, e.diagnostics().size());
    assertFalse(
        Files.exists(project.resolve(".fnctl")),
        "nothing is read or written before the spec is right");
  }

  @Test
  void anEmptyCodeDirectoryIsReportedByValidateNotFirstByPlan() throws Exception {
    Files.delete(project.resolve("functions/resize/main.py"));
    assertEquals(
        List.of(
            spec
                + ":8:11: functions.resize.code: code directory './functions/resize' has no files to package"),
        engine.validate(spec).stream().map(Diagnostic::render).toList());
    assertThrows(SpecException.class, () -> engine.plan(spec, null, Engine.PlanMode.NORMAL));
  }

  @Test
  void validationMapsTargetProblemsToTheSpec() throws Exception {
    Files.writeString(
        spec,
        Files.readString(spec)
            .replace(
                "dev: { provider: local }",
                "dev: { provider: local, dri: x }\n  prod: { provider: lcoal }"));
    List<String> problems = engine.validate(spec).stream().map(Diagnostic::render).toList();
    assertEquals(
        List.of(
            spec
                + ":4:32: targets.dev.dri: unknown setting 'dri' for provider 'local'; did you mean 'dir'? (known: dir)",
            spec
                + ":5:21: targets.prod.provider: unknown provider 'lcoal'; did you mean 'local'? (available: local)"),
        problems);
    SpecException e =
        assertThrows(SpecException.class, () -> engine.plan(spec, "dev", Engine.PlanMode.NORMAL));
    assertEquals(1, e.diagnostics().size());
  }
}
