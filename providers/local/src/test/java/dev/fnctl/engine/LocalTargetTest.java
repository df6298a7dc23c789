package dev.fnctl.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.local.LocalSpecs;
import dev.fnctl.model.diag.SpecException;
import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.model.spec.Spec;
import dev.fnctl.provider.Providers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local target through the real engine (found with ServiceLoader, as the CLI finds it), on a
 * hand-built spec: plan, apply, plan again, drift, change, clash, destroy. (In the engine's package
 * only to hand it the spec without YAML.)
 */
class LocalTargetTest {
  @TempDir Path project;
  private volatile Spec spec;
  private Engine engine;

  @BeforeEach
  void setUp() throws Exception {
    LocalSpecs.writeCode(project);
    spec = LocalSpecs.spec(project, 512, "d1");
    SpecSource source =
        new SpecSource() {
          @Override
          public Loaded load(Path file, String target) throws SpecException {
            return new Loaded(spec, "dev");
          }

          @Override
          public List<String> targets(Path file) {
            return List.of("dev");
          }
        };
    engine = new DefaultEngine(Providers.discover(), Map.of(), source);
  }

  private Plan plan(Engine.PlanMode mode) throws Exception {
    try (PlanSession s = engine.plan(project.resolve("fnctl.yaml"), null, mode)) {
      return s.plan();
    }
  }

  private ApplyReport apply(Engine.PlanMode mode) throws Exception {
    try (PlanSession s = engine.plan(project.resolve("fnctl.yaml"), null, mode)) {
      return engine.apply(s, ApplyOptions.defaults(), ApplyListener.NONE);
    }
  }

  private static List<String> shape(Plan p) {
    return p.changes().stream().filter(c -> c.action() != Action.NO_OP).map(c -> c.action().symbol() + " " + c.address()).toList();
  }

  private Path stateDir() {
    return project.resolve(".fnctl/local/orders/dev");
  }

  @Test
  void planApplyPlanAgainDriftChangeAndDestroy() throws Exception {
    assertTrue(engine.validate(project.resolve("fnctl.yaml")).isEmpty());

    Plan first = plan(Engine.PlanMode.NORMAL);
    assertEquals(10, first.count(Action.CREATE));
    ResourceChange http = first.changes().stream().filter(c -> c.address().endsWith("http-1")).findFirst().orElseThrow();
    assertEquals(java.util.Set.of("function"), http.unknown(), "the function's id is known after apply");

    ApplyReport report = apply(Engine.PlanMode.NORMAL);
    assertTrue(report.succeeded(), report.toString());
    assertEquals(10, report.done().size());
    assertEquals(Map.of("function resize POST /resize", "http://localhost/orders/dev/resize"), report.outputs());
    assertTrue(Files.exists(stateDir().resolve("function/resize.zip")));

    Plan again = plan(Engine.PlanMode.NORMAL);
    assertFalse(again.hasChanges(), "an applied spec plans to no changes: " + shape(again));
    assertEquals(first.outputs().size() + 1, again.outputs().size(), "the URL is known once deployed");

    // Drift: someone edits the deployed function by hand.
    Path fnFile = stateDir().resolve("function/resize.json");
    Files.writeString(fnFile, Files.readString(fnFile).replace("\"memory\": 512", "\"memory\": 1024"));
    Plan drift = plan(Engine.PlanMode.NORMAL);
    assertEquals(List.of("~ local:function/resize"), shape(drift));
    ResourceChange fn = drift.changes().stream().filter(c -> c.action() == Action.UPDATE).findFirst().orElseThrow();
    assertEquals(List.of("memory"), fn.changedProperties());
    assertEquals(1024L, fn.before().get("memory"));
    assertEquals(512L, fn.after().get("memory"));
    assertTrue(apply(Engine.PlanMode.NORMAL).succeeded());
    assertFalse(plan(Engine.PlanMode.NORMAL).hasChanges());

    // A code change is a change of exactly the function's code digest.
    Files.writeString(project.resolve("functions/resize/main.py"), "def handle(event, context):\n    return 2\n");
    Plan code = plan(Engine.PlanMode.NORMAL);
    assertEquals(List.of("~ local:function/resize"), shape(code));
    assertEquals(List.of("codeSha256"), code.changes().stream().filter(c -> c.action() == Action.UPDATE).findFirst().orElseThrow().changedProperties());
    assertTrue(apply(Engine.PlanMode.NORMAL).succeeded());

    // Someone else's resource in the same place stays theirs.
    Path theirs = stateDir().resolve("queue/other.json");
    Files.writeString(theirs, "{\"address\": \"local:queue/other\", \"type\": \"local:queue\", \"tags\": {}, \"properties\": {}}");
    assertFalse(plan(Engine.PlanMode.NORMAL).hasChanges());

    Plan destroy = plan(Engine.PlanMode.DESTROY);
    assertEquals(10, destroy.count(Action.DELETE));
    assertEquals("local:budget/monthly", destroy.changes().get(0).address());
    assertTrue(
        indexOf(destroy, "local:trigger/resize/queue-1") < indexOf(destroy, "local:queue/orders"),
        "a trigger goes before its queue");
    assertTrue(apply(Engine.PlanMode.DESTROY).succeeded());
    try (Stream<Path> left = Files.walk(stateDir())) {
      assertEquals(List.of(theirs), left.filter(Files::isRegularFile).toList());
    }
  }

  private static int indexOf(Plan p, String address) {
    for (int i = 0; i < p.changes().size(); i++) if (p.changes().get(i).address().equals(address)) return i;
    return -1;
  }

  @Test
  void aChangedSettingIsExactlyOneUpdate() throws Exception {
    assertTrue(apply(Engine.PlanMode.NORMAL).succeeded());
    spec = LocalSpecs.spec(project, 1024, "d2");
    Plan p = plan(Engine.PlanMode.NORMAL);
    assertEquals(List.of("~ local:function/resize"), shape(p));
    assertEquals("changed: memory", p.changes().stream().filter(c -> c.action() == Action.UPDATE).findFirst().orElseThrow().reason());
  }

  @Test
  void aNameTakenByAResourceTheStackDoesNotOwnIsRefused() throws Exception {
    Path file = stateDir().resolve("bucket/uploads.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"address\": \"local:bucket/uploads\", \"type\": \"local:bucket\", \"properties\": {\"name\": \"orders-dev-uploads\"}}");
    ClashException e = assertThrows(ClashException.class, () -> plan(Engine.PlanMode.NORMAL));
    assertTrue(e.getMessage().startsWith("local:bucket/uploads (bucket uploads) already exists but is not owned"), e.getMessage());
  }

  @Test
  void aSavedPlanIsRefusedOnceTheDeployedStateChanged() throws Exception {
    Plan saved = plan(Engine.PlanMode.NORMAL);
    assertTrue(apply(Engine.PlanMode.NORMAL).succeeded());
    StalePlanException e = assertThrows(StalePlanException.class, () -> engine.reopen(saved));
    assertTrue(e.getMessage().contains("live state of target 'dev' changed"), e.getMessage());
  }

  @Test
  void aSecondApplyWaitsForTheLockThenGivesUpNamingTheHolder() throws Exception {
    Files.createDirectories(stateDir());
    Files.writeString(stateDir().resolve("lock.json"), "{\"id\": \"x\", \"who\": \"ci@runner\", \"operation\": \"apply\", \"since\": \"2026-11-25T06:00:00Z\"}");
    try (PlanSession s = engine.plan(project.resolve("fnctl.yaml"), null, Engine.PlanMode.NORMAL)) {
      LockHeldException e =
          assertThrows(LockHeldException.class, () -> engine.apply(s, new ApplyOptions(4, java.time.Duration.ofMillis(250), "apply"), ApplyListener.NONE));
      assertEquals("ci@runner", e.holder().who());
    }
    assertEquals("ci@runner", engine.unlock(project.resolve("fnctl.yaml"), null).orElseThrow().who());
    assertTrue(apply(Engine.PlanMode.NORMAL).succeeded());
    assertFalse(Files.exists(stateDir().resolve("lock.json")));
  }
}
