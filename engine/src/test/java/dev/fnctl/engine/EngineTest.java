package dev.fnctl.engine;

import static dev.fnctl.engine.TestSpecs.props;
import static dev.fnctl.engine.TestSpecs.ref;
import static dev.fnctl.engine.TestSpecs.res;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.diag.Diagnostic;
import dev.fnctl.model.diag.Position;
import dev.fnctl.model.diag.SpecException;
import dev.fnctl.model.json.Json;
import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.model.plan.SensitiveValues;
import dev.fnctl.provider.Problem;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Providers;
import dev.fnctl.provider.StackLock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EngineTest {
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

  private ApplyReport planAndApply(int parallelism, RecordingListener listener) throws Exception {
    try (PlanSession s = engine.plan(TestSpecs.FILE, null, Engine.PlanMode.NORMAL)) {
      return engine.apply(s, new ApplyOptions(parallelism, Duration.ZERO, "apply"), listener);
    }
  }

  private static List<String> addresses(List<ResourceChange> changes) {
    return changes.stream().map(ResourceChange::address).toList();
  }

  // --- validate

  @Test
  void validateNamesAnUnknownProviderWithASuggestionAndWhereItIsWritten() {
    specs.spec = TestSpecs.spec("fak", Map.of(), "d");
    List<Diagnostic> problems = engine.validate(TestSpecs.FILE);
    assertEquals(1, problems.size());
    assertEquals(
        "fnctl.yaml:3:18: targets.dev.provider: unknown provider 'fak'; did you mean 'fake'? (available: fake)",
        problems.get(0).render());
  }

  @Test
  void validateNamesUnknownTargetSettingsWithASuggestion() {
    specs.spec = TestSpecs.spec("fake", Map.of("regoin", "eu-west-1"), "d");
    List<Diagnostic> problems = engine.validate(TestSpecs.FILE);
    assertEquals(
        List.of(
            "fnctl.yaml:4:5: targets.dev.regoin: unknown setting 'regoin' for provider 'fake'; did you mean 'region'?"
                + " (known: endpoint, region)"),
        problems.stream().map(Diagnostic::render).toList());
  }

  @Test
  void anUnknownProviderAndSettingAreReportedWithTheModelsOwnProblems() {
    Diagnostic memory =
        new Diagnostic(
            new Position("fnctl.yaml", 9, 13),
            "functions.resize.memory",
            "'lots' is not a whole number");
    specs.modelProblems = List.of(memory);
    specs.spec = TestSpecs.spec("fak", Map.of(), "d");
    assertEquals(
        List.of(
            "fnctl.yaml:3:18: targets.dev.provider: unknown provider 'fak'; did you mean 'fake'? (available: fake)",
            memory.render()),
        engine.validate(TestSpecs.FILE).stream().map(Diagnostic::render).toList());

    specs.spec = TestSpecs.spec("fake", Map.of("regoin", "eu-west-1"), "d");
    provider.problems.add(new Problem("functions.resize.timeout", "a provider's limit"));
    assertEquals(
        List.of(
            "fnctl.yaml:4:5: targets.dev.regoin: unknown setting 'regoin' for provider 'fake'; did you mean 'region'?"
                + " (known: endpoint, region)",
            memory.render(),
            "fnctl.yaml: functions.resize.timeout: a provider's limit"),
        engine.validate(TestSpecs.FILE).stream().map(Diagnostic::render).toList());
  }

  @Test
  void theProvidersRulesRunInTheSameRunAsTheModelsButNotWhereTheModelFoundAProblem() {
    Diagnostic memory =
        new Diagnostic(
            new Position("fnctl.yaml", 9, 13),
            "functions.resize.memory",
            "'lots' is not a whole number");
    specs.modelProblems = List.of(memory);
    provider.problems.add(new Problem("functions.resize.memory", "256 MB is too little here"));
    provider.problems.add(
        new Problem("functions.resize.runtime", "runtime 'nodejs16' is not offered"));
    assertEquals(
        List.of(
            memory.render(),
            "fnctl.yaml: functions.resize.runtime: runtime 'nodejs16' is not offered"),
        engine.validate(TestSpecs.FILE).stream().map(Diagnostic::render).toList());
  }

  @Test
  void aProviderThatCannotReadAPartialSpecLeavesItToTheModelsProblems() {
    Diagnostic memory =
        new Diagnostic(new Position("fnctl.yaml", 9, 13), "functions.resize.memory", "bad");
    specs.modelProblems = List.of(memory);
    provider.failOnValidate = true;
    assertEquals(List.of(memory), engine.validate(TestSpecs.FILE));
  }

  @Test
  void warningsNeitherFailValidateNorStopAPlanAndTheSessionCarriesThem() throws Exception {
    provider.problems.add(Problem.warning("functions.resize.memory", "more than it needs"));
    List<Diagnostic> problems = engine.validate(TestSpecs.FILE);
    assertEquals(
        List.of("fnctl.yaml:9:13: warning: functions.resize.memory: more than it needs"),
        problems.stream().map(Diagnostic::render).toList());
    assertFalse(Diagnostic.anyError(problems));
    try (PlanSession s = engine.plan(TestSpecs.FILE, null, Engine.PlanMode.NORMAL)) {
      assertEquals(problems, s.warnings());
    }
    assertEquals(1, cloud.reads.get());
  }

  @Test
  void providerProblemsPointAtTheSpec() {
    provider.problems.add(
        new Problem("functions.resize.memory", "memory must be at most 10240 MB on target dev"));
    provider.problems.add(new Problem("functions.resize.timeout", "too long"));
    List<String> rendered =
        engine.validate(TestSpecs.FILE).stream().map(Diagnostic::render).toList();
    assertEquals(
        List.of(
            "fnctl.yaml:9:13: functions.resize.memory: memory must be at most 10240 MB on target dev",
            "fnctl.yaml: functions.resize.timeout: too long"),
        rendered);
  }

  @Test
  void aMissingCodePathIsASpecProblemWithItsPosition() {
    dev.fnctl.model.spec.FunctionSpec fn =
        new dev.fnctl.model.spec.FunctionSpec(
            "resize",
            "./functions/nowhere",
            "main.handle",
            dev.fnctl.model.spec.FunctionSettings.NONE,
            Map.of(),
            List.of(),
            List.of());
    specs.spec = TestSpecs.spec("fake", Map.of(), "d", Map.of("resize", fn));
    List<String> rendered =
        engine.validate(TestSpecs.FILE).stream().map(Diagnostic::render).toList();
    assertEquals(1, rendered.size(), rendered.toString());
    assertTrue(
        rendered
            .get(0)
            .startsWith(
                "fnctl.yaml:8:11: functions.resize.code: code path './functions/nowhere' does not exist (looked for /"),
        rendered.get(0));
    assertThrows(
        SpecException.class, () -> engine.plan(TestSpecs.FILE, null, Engine.PlanMode.NORMAL));
  }

  @Test
  void planRefusesAnInvalidSpecBeforeTouchingTheCloud() {
    provider.problems.add(new Problem("functions.resize.memory", "too much"));
    SpecException e =
        assertThrows(
            SpecException.class, () -> engine.plan(TestSpecs.FILE, null, Engine.PlanMode.NORMAL));
    assertEquals(1, e.diagnostics().size());
    assertEquals(0, cloud.reads.get());
    assertEquals(null, provider.context);
  }

  // --- plan and apply

  @Test
  void planApplyAndPlanAgainShowsNoChanges() throws Exception {
    cloud.desired =
        List.of(
            res("fn", props("role", ref("role"), "memory", 256)), res("role", props("name", "r")));
    Plan first = plan();
    assertEquals(List.of("role", "fn"), addresses(first.changes()));
    assertEquals(Plan.FORMAT_VERSION, first.formatVersion());
    assertEquals("digest-1", first.specDigest());
    assertEquals("dev", first.target());
    assertEquals("fake", first.provider());
    assertEquals(Set.of("role"), first.changes().get(1).unknown());

    RecordingListener listener = new RecordingListener();
    ApplyReport report = planAndApply(10, listener);
    assertTrue(report.succeeded());
    assertEquals(List.of("role", "fn"), addresses(report.done()));
    assertEquals(List.of("create role", "create fn"), cloud.calls);
    assertEquals(
        cloud.state.get("role").outputs().get("id"),
        cloud.state.get("fn").properties().get("role"));
    assertEquals(null, cloud.lock.held.get(), "lock released");

    Plan again = plan();
    assertFalse(again.hasChanges(), again.changes().toString());
    assertEquals(2, again.changes().size(), "no-ops are listed");
  }

  @Test
  void applyDeletesDependentsFirstAndDestroyRemovesEverythingOwned() throws Exception {
    cloud.desired =
        List.of(res("a", props()), res("b", props("a", ref("a"))), res("c", props("b", ref("b"))));
    planAndApply(10, new RecordingListener());
    cloud.put("not-ours", false, props(), Map.of());
    cloud.calls.clear();
    try (PlanSession s = engine.plan(TestSpecs.FILE, null, Engine.PlanMode.DESTROY)) {
      assertEquals(List.of("c", "b", "a"), addresses(s.plan().changes()));
      ApplyReport r =
          engine.apply(s, new ApplyOptions(10, Duration.ZERO, "destroy"), ApplyListener.NONE);
      assertTrue(r.succeeded());
    }
    assertEquals(List.of("delete c", "delete b", "delete a"), cloud.calls);
    assertEquals(Set.of("not-ours"), cloud.state.keySet());
  }

  @Test
  void replaceDeletesThenCreatesAndDependentsGetTheNewOutput() throws Exception {
    cloud.desired =
        List.of(
            res("src", props("queue", "orders"), Set.of("queue")),
            res("fn", props("src", ref("src"))));
    planAndApply(10, new RecordingListener());
    Object oldId = cloud.state.get("src").outputs().get("id");
    cloud.calls.clear();

    cloud.desired =
        List.of(
            res("src", props("queue", "jobs"), Set.of("queue")),
            res("fn", props("src", ref("src"))));
    Plan p = plan();
    assertEquals(
        List.of(Action.REPLACE, Action.UPDATE),
        p.changes().stream().map(ResourceChange::action).toList());
    assertEquals(Set.of("queue"), p.changes().get(0).replacedBy());
    assertTrue(planAndApply(10, new RecordingListener()).succeeded());
    assertEquals(List.of("delete src", "create src", "update fn"), cloud.calls);
    Object newId = cloud.state.get("src").outputs().get("id");
    assertFalse(oldId.equals(newId));
    assertEquals(newId, cloud.state.get("fn").properties().get("src"));
    assertFalse(plan().hasChanges());
  }

  @Test
  void aClashWithAnUnownedResourceIsAnErrorAndNothingIsTouched() {
    cloud.put("fn", false, props("memory", 128L), Map.of("id", "theirs"));
    cloud.desired = List.of(res("fn", props("memory", 256)));
    ClashException e =
        assertThrows(
            ClashException.class, () -> engine.plan(TestSpecs.FILE, null, Engine.PlanMode.NORMAL));
    assertTrue(
        e.getMessage()
            .startsWith(
                "fn (thing fn) already exists but is not owned by stack 'orders' on target 'dev'"));
    assertEquals(List.of(), cloud.calls);
  }

  // --- failures

  @Test
  void onAFailureNoNewWorkStartsInFlightWorkFinishesAndTheReportIsExact() throws Exception {
    cloud.desired =
        List.of(
            res("slow", props()),
            res("bad", props()),
            res("after-bad", props("bad", ref("bad"))),
            res("later-1", props()),
            res("later-2", props()));
    java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
    cloud.gates.put("slow", gate);
    cloud.failOn.add("bad");
    RecordingListener listener =
        new RecordingListener() {
          @Override
          public void failed(ResourceChange change, String message) {
            super.failed(change, message);
            gate.countDown(); // "slow" is still running when "bad" fails
          }
        };

    ApplyReport report = planAndApply(2, listener);

    assertFalse(report.succeeded());
    assertEquals(List.of("slow"), addresses(report.done()));
    assertEquals(List.of("bad"), addresses(List.copyOf(report.failed().keySet())));
    assertEquals("injected failure at bad", report.failed().values().iterator().next());
    assertEquals(List.of("after-bad", "later-1", "later-2"), addresses(report.notStarted()));
    assertEquals(Set.of("slow", "bad"), Set.copyOf(listener.starts()));
    assertEquals(Set.of("create slow", "create bad"), Set.copyOf(cloud.calls));
    assertTrue(listener.events.contains("finished slow"));
    assertEquals(null, cloud.lock.held.get(), "lock released after a failure");

    // The user fixes the cause and re-runs: the plan picks up exactly what is missing.
    cloud.failOn.clear();
    cloud.calls.clear();
    Plan rerun = plan();
    assertEquals(
        List.of("  slow", "+ bad", "+ after-bad", "+ later-1", "+ later-2"),
        rerun.changes().stream().map(c -> c.action().symbol() + " " + c.address()).toList());
    assertTrue(planAndApply(2, new RecordingListener()).succeeded());
    assertFalse(plan().hasChanges());
  }

  @Test
  void parallelismIsBoundedAndUsed() throws Exception {
    List<dev.fnctl.provider.Resource> many = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) many.add(res("r" + i, props()));
    cloud.desired = many;
    cloud.stepMillis = 40;
    assertTrue(planAndApply(3, new RecordingListener()).succeeded());
    assertEquals(3, cloud.maxInFlight.get());
    assertEquals(12, cloud.state.size());

    cloud.state.clear();
    cloud.maxInFlight.set(0);
    assertTrue(planAndApply(1, new RecordingListener()).succeeded());
    assertEquals(1, cloud.maxInFlight.get());
  }

  @Test
  void dependentsNeverStartBeforeWhatTheyNeedIsDone() throws Exception {
    cloud.desired =
        List.of(
            res("d", props("c", ref("c"))),
            res("c", props("b", ref("b"))),
            res("b", props(), "a"),
            res("a", props()),
            res("x", props()));
    cloud.stepMillis = 20;
    RecordingListener listener = new RecordingListener();
    assertTrue(planAndApply(10, listener).succeeded());
    List<String> e = listener.events;
    for (String[] pair : new String[][] {{"a", "b"}, {"b", "c"}, {"c", "d"}}) {
      assertTrue(e.indexOf("finished " + pair[0]) < e.indexOf("started " + pair[1]), e.toString());
    }
  }

  @Test
  void anInterruptedApplyFinishesWhatRunsKeepsTheLockUntilThenAndReportsTheRest() throws Exception {
    cloud.desired = List.of(res("a", props()), res("b", props("a", ref("a"))));
    java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch aStarted = new java.util.concurrent.CountDownLatch(1);
    cloud.gates.put("a", gate);
    cloud.startedSignals.put("a", aStarted);
    cloud.lock.refusesInterruptedThreads = true;
    java.util.concurrent.atomic.AtomicReference<ApplyReport> report =
        new java.util.concurrent.atomic.AtomicReference<>();
    java.util.concurrent.atomic.AtomicBoolean stillInterrupted =
        new java.util.concurrent.atomic.AtomicBoolean();
    Thread applying =
        new Thread(
            () -> {
              try {
                report.set(planAndApply(4, new RecordingListener()));
                stillInterrupted.set(Thread.currentThread().isInterrupted());
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    applying.start();
    assertTrue(aStarted.await(5, java.util.concurrent.TimeUnit.SECONDS));
    applying.interrupt();
    Thread.sleep(100);
    assertTrue(cloud.lock.held.get() != null, "the lock is held while a change runs");
    gate.countDown();
    applying.join(5000);
    assertEquals(List.of("a"), addresses(report.get().done()));
    assertEquals(List.of("b"), addresses(report.get().notStarted()));
    assertTrue(report.get().interrupted());
    assertTrue(stillInterrupted.get(), "the interrupt is kept for the caller");
    assertEquals(
        null, cloud.lock.held.get(), "released although the lock refuses interrupted threads");
  }

  @Test
  void anApplyInterruptedBeforeItsFirstStepStartsNothingAndReleasesTheLock() throws Exception {
    cloud.desired = List.of(res("a", props()), res("b", props()));
    cloud.lock.refusesInterruptedThreads = true;
    ApplyReport report;
    boolean stillInterrupted;
    try (PlanSession s = engine.plan(TestSpecs.FILE, null, Engine.PlanMode.NORMAL)) {
      Thread.currentThread().interrupt();
      try {
        report = engine.apply(s, ApplyOptions.defaults(), ApplyListener.NONE);
      } finally {
        stillInterrupted = Thread.interrupted();
      }
    }
    assertEquals(List.of(), cloud.calls);
    assertEquals(List.of("a", "b"), addresses(report.notStarted()));
    assertTrue(report.interrupted());
    assertFalse(report.succeeded());
    assertTrue(stillInterrupted, "the interrupt is kept for the caller");
    assertEquals(null, cloud.lock.held.get());
  }

  // --- saved plans

  @Test
  void aSavedPlanIsAppliedWhenNothingChanged() throws Exception {
    cloud.desired = List.of(res("a", props("v", 1)));
    Plan saved = plan();
    try (PlanSession s = engine.reopen(saved)) {
      assertEquals(addresses(saved.changes()), addresses(s.plan().changes()));
      assertTrue(engine.apply(s, ApplyOptions.defaults(), ApplyListener.NONE).succeeded());
    }
    assertEquals(List.of("create a"), cloud.calls);
  }

  @Test
  void aSavedDestroyPlanStaysADestroy() throws Exception {
    cloud.desired = List.of(res("a", props("v", 1)));
    planAndApply(1, new RecordingListener());
    Plan saved;
    try (PlanSession s = engine.plan(TestSpecs.FILE, null, Engine.PlanMode.DESTROY)) {
      saved = s.plan();
    }
    try (PlanSession s = engine.reopen(saved)) {
      assertEquals(
          List.of(Action.DELETE), s.plan().changes().stream().map(ResourceChange::action).toList());
    }
  }

  @Test
  void aSavedPlanIsRefusedWhenTheLiveStateChanged() throws Exception {
    cloud.desired = List.of(res("a", props("v", 1)));
    Plan saved = plan();
    cloud.put("a", true, props("v", 2L), Map.of("id", "a#9")); // someone applied meanwhile
    StalePlanException e = assertThrows(StalePlanException.class, () -> engine.reopen(saved));
    assertTrue(e.getMessage().contains("live state of target 'dev' changed"), e.getMessage());
    assertTrue(
        e.getMessage()
            .endsWith(
                "changed since the plan was made (an apply ran, or something was changed outside fnctl)"),
        e.getMessage());
  }

  @Test
  void aSavedPlanIsRefusedWhenTheSpecChanged() throws Exception {
    cloud.desired = List.of(res("a", props("v", 1)));
    Plan saved = plan();
    specs.spec = TestSpecs.spec("fake", Map.of(), "digest-2");
    cloud.reads.set(0);
    StalePlanException e = assertThrows(StalePlanException.class, () -> engine.reopen(saved));
    assertTrue(e.getMessage().contains("the spec file fnctl.yaml changed"), e.getMessage());
    assertEquals(0, cloud.reads.get(), "the spec is checked before the cloud is read");
  }

  /**
   * The plan as {@code plan --out} saves it: sensitive values masked, numbers as JSON reads them.
   */
  private static Plan asSaved(Plan p) {
    List<ResourceChange> changes = new java.util.ArrayList<>();
    for (ResourceChange c : p.changes()) {
      changes.add(
          new ResourceChange(
              c.address(),
              c.type(),
              c.item(),
              c.action(),
              c.reason(),
              fromFile(c.before(), c.sensitive()),
              fromFile(c.after(), c.sensitive()),
              c.unknown(),
              c.replacedBy(),
              c.sensitive(),
              c.dependsOn(),
              c.sensitiveDigest()));
    }
    return new Plan(
        p.formatVersion(),
        p.fnctlVersion(),
        p.mode(),
        p.stack(),
        p.target(),
        p.provider(),
        p.specFile(),
        p.specFileAbsolute(),
        p.specDigest(),
        p.liveDigest(),
        changes,
        p.outputs());
  }

  private static Map<String, Object> fromFile(Map<String, Object> values, Set<String> sensitive) {
    return Json.parseObject(Json.write(SensitiveValues.masked(values, sensitive)));
  }

  private static dev.fnctl.provider.Resource secretive(String address, Map<String, Object> props) {
    return new dev.fnctl.provider.Resource(
        address,
        "fake:thing",
        "thing " + address,
        props,
        Set.of(),
        Set.of("secrets"),
        List.of(),
        null);
  }

  @Test
  void aSavedPlanIsRefusedWhenWhatTheSpecAsksForChangedThoughTheFileDidNot() throws Exception {
    // memory: "${env:MEM:-256}", planned with MEM=512 and applied with MEM=4096: same file, same
    // cloud.
    cloud.put("a", true, props("memory", 256L, "code", "sha-1"), Map.of("id", "a#1"));
    cloud.desired = List.of(res("a", props("memory", 512L, "code", "sha-1")), res("b", props()));
    Plan saved = asSaved(plan());
    cloud.desired = List.of(res("a", props("memory", 4096L, "code", "sha-2")), res("b", props()));
    cloud.reads.set(0);

    StalePlanException e = assertThrows(StalePlanException.class, () -> engine.reopen(saved));
    assertEquals(
        "what the spec calls for now differs from the plan: a code: the plan has \"sha-1\", now \"sha-2\";"
            + " a memory: the plan has 512, now 4096",
        e.getMessage());
    assertEquals(List.of(), cloud.calls);

    cloud.desired = List.of(res("a", props("memory", 512L, "code", "sha-1")));
    StalePlanException gone = assertThrows(StalePlanException.class, () -> engine.reopen(saved));
    assertTrue(
        gone.getMessage().endsWith("b: the plan would create it, now nothing needs doing"),
        gone.getMessage());
  }

  @Test
  void aSavedPlanIsCheckedOnItsSensitiveValuesWithoutHoldingThem() throws Exception {
    cloud.desired =
        List.of(secretive("a", props("secrets", Map.of("KEY", "stripe-key"), "memory", 128L)));
    Plan saved = asSaved(plan());
    assertFalse(saved.changes().get(0).toString().contains("stripe-key"), saved.toString());

    cloud.desired =
        List.of(secretive("a", props("secrets", Map.of("KEY", "other-key"), "memory", 128L)));
    StalePlanException e = assertThrows(StalePlanException.class, () -> engine.reopen(saved));
    assertEquals(
        "what the spec calls for now differs from the plan: a: a sensitive value (secrets) is not the one in the plan",
        e.getMessage());
    // Told against the normal reading of the plan, never as "now it needs delete".
    cloud.desired =
        List.of(secretive("a", props("secrets", Map.of("KEY", "other-key"), "memory", 256L)));
    e = assertThrows(StalePlanException.class, () -> engine.reopen(saved));
    assertEquals(
        "what the spec calls for now differs from the plan: a memory: the plan has 128, now 256;"
            + " a: a sensitive value (secrets) is not the one in the plan",
        e.getMessage());
    assertFalse(e.getMessage().contains("other-key"));

    cloud.desired =
        List.of(secretive("a", props("secrets", Map.of("KEY", "stripe-key"), "memory", 128L)));
    try (PlanSession s = engine.reopen(saved)) {
      // The plan shows masks; what is applied is the spec's real value.
      assertEquals(SensitiveValues.MASK, s.plan().changes().get(0).after().get("secrets"));
      assertTrue(engine.apply(s, ApplyOptions.defaults(), ApplyListener.NONE).succeeded());
    }
    assertEquals(List.of("create a"), cloud.calls);
    assertEquals(
        "stripe-key", ((Map<?, ?>) cloud.state.get("a").properties().get("secrets")).get("KEY"));
  }

  @Test
  void aSecretReferenceIsMaskedWhereverAProviderCopiedIt() throws Exception {
    String arn = "arn:aws:secretsmanager:eu-west-1:123:secret:stripe-key-??????";
    Map<String, Object> statement =
        props("Sid", "SecretsRead", "Resource", List.of(arn, "arn:aws:s3:::stripe-keys"));
    cloud.desired =
        List.of(
            secretive("fn", props("secrets", Map.of("KEY", "stripe-key"))),
            res("role", props("policy", props("Statement", List.of(statement)))));
    Plan p = plan();
    assertFalse(p.toString().matches("(?s).*stripe-key(?!s).*"), p.toString());
    ResourceChange role = p.changes().get(1);
    assertEquals(Set.of("policy.Statement.0.Resource.0"), role.sensitive());
    Map<?, ?> shown =
        (Map<?, ?>) ((List<?>) ((Map<?, ?>) role.after().get("policy")).get("Statement")).get(0);
    // Only what mentions the reference as a whole word is hidden: stripe-keys is another name.
    assertEquals(List.of(SensitiveValues.MASK, "arn:aws:s3:::stripe-keys"), shown.get("Resource"));
    assertEquals("SecretsRead", shown.get("Sid"));
    assertTrue(role.sensitiveDigest().startsWith("sha256:"));

    // A changed reference shows as a changed mask, and the saved plan is checked by its digest.
    cloud.put("role", true, props("policy", props("Statement", List.of(statement))), Map.of());
    cloud.put("fn", true, props("secrets", Map.of("KEY", "stripe-key")), Map.of());
    cloud.desired =
        List.of(
            secretive("fn", props("secrets", Map.of("KEY", "stripe-key-2"))),
            res(
                "role",
                props(
                    "policy",
                    props(
                        "Statement",
                        List.of(
                            props(
                                "Sid",
                                "SecretsRead",
                                "Resource",
                                List.of(arn.replace("stripe-key", "stripe-key-2"))))))));
    Plan changed = plan();
    // The old reference, no longer in the spec, is hidden too: the live side's sensitive values
    // count.
    assertFalse(changed.toString().matches("(?s).*stripe-key(?!s).*"), changed.toString());
    ResourceChange fn = changed.changes().get(0);
    assertEquals(Action.UPDATE, fn.action());
    assertEquals(SensitiveValues.MASK, fn.before().get("secrets"));
    assertEquals(SensitiveValues.MASK_CHANGED, fn.after().get("secrets"));
    assertEquals(Action.UPDATE, changed.changes().get(1).action());
  }

  @Test
  void aDeletedFunctionsSecretReferencesAreMaskedFromItsLiveMarks() throws Exception {
    // The spec no longer has the function: the delete has no desired side to mark the reference.
    cloud.desired = List.of();
    cloud.state.put(
        "gone",
        new dev.fnctl.provider.LiveResource(
                "gone",
                "fake:thing",
                "thing gone",
                true,
                props("environment", props("KEY_SECRET_ID", "old-stripe-key", "MODE", "live")),
                Map.of(),
                List.of())
            .withSensitive(Set.of("environment.KEY_SECRET_ID")));
    Plan p = plan();
    ResourceChange delete = p.changes().get(0);
    assertEquals(Action.DELETE, delete.action());
    assertFalse(p.toString().contains("old-stripe-key"), p.toString());
    Map<?, ?> env = (Map<?, ?>) delete.before().get("environment");
    assertEquals(SensitiveValues.MASK, env.get("KEY_SECRET_ID"));
    assertEquals("live", env.get("MODE"));
  }

  @Test
  void aSavedDestroyPlanIsCheckedAndAppliedAsADestroy() throws Exception {
    cloud.desired = List.of(res("a", props("v", 1L)));
    planAndApply(10, new RecordingListener());
    Plan saved;
    try (PlanSession s = engine.plan(TestSpecs.FILE, null, Engine.PlanMode.DESTROY)) {
      saved = asSaved(s.plan());
    }
    assertEquals(Plan.Mode.DESTROY, saved.mode());
    cloud.calls.clear();
    try (PlanSession s = engine.reopen(saved)) {
      assertEquals(Plan.Mode.DESTROY, s.plan().mode());
      assertTrue(
          engine
              .apply(s, new ApplyOptions(10, Duration.ZERO, "destroy"), ApplyListener.NONE)
              .succeeded());
    }
    assertEquals(List.of("delete a"), cloud.calls);

    // An apply plan whose changes happen to be deletes is not read as a destroy, nor the reverse.
    cloud.desired = List.of(res("b", props()));
    cloud.put("a", true, props("v", 1L), Map.of());
    cloud.put("b", true, props(), Map.of());
    Plan destroyBoth;
    try (PlanSession s = engine.plan(TestSpecs.FILE, null, Engine.PlanMode.DESTROY)) {
      destroyBoth = asSaved(s.plan());
    }
    Plan applyPlan = asSaved(plan());
    assertEquals(
        List.of("a"),
        addresses(applyPlan.changes().stream().filter(c -> c.action() == Action.DELETE).toList()));
    cloud.calls.clear();
    StalePlanException e =
        assertThrows(
            StalePlanException.class,
            () ->
                engine.reopen(
                    new Plan(
                        destroyBoth.formatVersion(),
                        destroyBoth.fnctlVersion(),
                        Plan.Mode.APPLY,
                        destroyBoth.stack(),
                        destroyBoth.target(),
                        destroyBoth.provider(),
                        destroyBoth.specFile(),
                        destroyBoth.specFileAbsolute(),
                        destroyBoth.specDigest(),
                        destroyBoth.liveDigest(),
                        destroyBoth.changes(),
                        destroyBoth.outputs())));
    assertTrue(e.getMessage().contains("b: the plan would delete it"), e.getMessage());
  }

  @Test
  void aSavedPlanIsRefusedWhenAnActionChanged() throws Exception {
    cloud.desired = List.of(res("a", props("v", 1L), Set.of("v")));
    cloud.put("a", true, props("v", 0L), Map.of("id", "a#1"));
    Plan saved = asSaved(plan());
    assertEquals(Action.REPLACE, saved.changes().get(0).action());
    cloud.desired = List.of(res("a", props("v", 1L)));
    StalePlanException e = assertThrows(StalePlanException.class, () -> engine.reopen(saved));
    assertTrue(
        e.getMessage().endsWith("a: the plan would replace it, now it needs update"),
        e.getMessage());
  }

  @Test
  void applyRefusesWhenTheCloudChangedBetweenPlanAndApply() throws Exception {
    cloud.desired = List.of(res("a", props("v", 1)));
    try (PlanSession s = engine.plan(TestSpecs.FILE, null, Engine.PlanMode.NORMAL)) {
      cloud.put("a", true, props("v", 1L), Map.of("id", "a#1")); // another run created it meanwhile
      ProviderException e =
          assertThrows(
              ProviderException.class,
              () -> engine.apply(s, ApplyOptions.defaults(), ApplyListener.NONE));
      assertTrue(e.getMessage().contains("changed since the plan was made"), e.getMessage());
    }
    assertEquals(List.of(), cloud.calls);
    assertEquals(null, cloud.lock.held.get());
  }

  // --- locking

  private static final StackLock.Holder OTHER =
      new StackLock.Holder("lock-1", "ci@runner-7", "apply", Instant.parse("2026-11-25T06:00:00Z"));

  @Test
  void aHeldLockIsReportedWithItsHolder() throws Exception {
    cloud.desired = List.of(res("a", props()));
    cloud.lock.held.set(OTHER);
    try (PlanSession s = engine.plan(TestSpecs.FILE, null, Engine.PlanMode.NORMAL)) {
      LockHeldException e =
          assertThrows(
              LockHeldException.class,
              () ->
                  engine.apply(
                      s,
                      new ApplyOptions(10, Duration.ofMillis(300), "apply"),
                      ApplyListener.NONE));
      assertEquals(OTHER, e.holder());
      assertTrue(e.getMessage().contains("ci@runner-7"), e.getMessage());
    }
    assertTrue(cloud.lock.attempts.get() >= 2, "retried until the timeout");
    assertEquals(List.of(), cloud.calls);
    assertEquals(OTHER, cloud.lock.held.get(), "someone else's lock is left alone");
  }

  @Test
  void applyWaitsForALockReleasedWithinTheTimeout() throws Exception {
    cloud.desired = List.of(res("a", props()));
    cloud.lock.held.set(OTHER);
    Thread releaser =
        new Thread(
            () -> {
              try {
                Thread.sleep(300);
              } catch (InterruptedException e) {
                return;
              }
              cloud.lock.forceRelease();
            });
    releaser.start();
    RecordingListener listener = new RecordingListener();
    try (PlanSession s = engine.plan(TestSpecs.FILE, null, Engine.PlanMode.NORMAL)) {
      assertTrue(
          engine
              .apply(s, new ApplyOptions(10, Duration.ofSeconds(5), "apply"), listener)
              .succeeded());
    }
    releaser.join();
    assertTrue(
        listener.events.stream()
            .anyMatch(
                e ->
                    e.startsWith("note waiting up to ")
                        && e.contains("for the stack lock held by ci@runner-7 (apply since")),
        listener.events.toString());
    assertEquals(null, cloud.lock.held.get());
  }

  @Test
  void unlockRemovesALeftOverLockAndSaysWhose() throws Exception {
    cloud.lock.held.set(OTHER);
    assertEquals(OTHER, engine.unlock(TestSpecs.FILE, null).orElseThrow());
    assertEquals(null, cloud.lock.held.get());
    assertTrue(engine.unlock(TestSpecs.FILE, null).isEmpty());
  }
}
