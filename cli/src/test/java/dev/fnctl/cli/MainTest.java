package dev.fnctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.cli.view.PlanFixtures;
import dev.fnctl.engine.Engine;
import dev.fnctl.engine.LockHeldException;
import dev.fnctl.model.diag.Diagnostic;
import dev.fnctl.model.diag.Position;
import dev.fnctl.model.diag.SpecException;
import dev.fnctl.model.json.Json;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.PlanDocument;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.StackLock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every command in-process, against a fake engine: parsing, exit codes, messages, prompts. */
class MainTest {
  @TempDir Path dir;
  Path spec;
  final FakeEngine engine = new FakeEngine();
  final Map<String, String> env = new HashMap<>(Map.of("NO_COLOR", "1"));
  Terminal terminal = Terminal.NONE;
  Templates templates;
  String out;
  String err;

  /**
   * Signal handlers installed now, how often any was, and the exit codes a second signal asked for.
   */
  final List<Runnable> signalHandlers = new ArrayList<>();

  int signalInstalls;
  final List<Integer> exits = new ArrayList<>();
  final Interrupts interrupts =
      new Interrupts(
          received -> {
            signalInstalls++;
            signalHandlers.add(received);
            return () -> signalHandlers.remove(received);
          },
          exits::add);

  @BeforeEach
  void setUp() throws IOException {
    spec = Files.writeString(dir.resolve("fnctl.yaml"), "stack: orders\n");
    engine.plan = PlanFixtures.cases().get("mixed");
    engine.destroyPlan = PlanFixtures.cases().get("delete");
  }

  int run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    Cli cli = new Cli(new PrintWriter(o), new PrintWriter(e), env, terminal, () -> engine);
    if (templates != null) cli.templates = templates;
    cli.interrupts = interrupts;
    int code = Main.run(cli, args);
    out = o.toString();
    err = e.toString();
    return code;
  }

  /** A terminal that answers from a script. */
  static Terminal answering(String... answers) {
    Deque<String> queue = new ArrayDeque<>(List.of(answers));
    return new Terminal() {
      @Override
      public boolean interactive() {
        return true;
      }

      @Override
      public Optional<String> ask(String prompt) {
        return Optional.ofNullable(queue.poll());
      }
    };
  }

  private void assertNoStackTrace() {
    assertFalse(err.contains("\tat "), err);
    assertFalse(out.contains("\tat "), out);
  }

  @Test
  void version() {
    assertEquals(0, run("--version"));
    assertTrue(out.startsWith("fnctl "), out);
  }

  @ParameterizedTest
  @ValueSource(strings = {"validate", "plan", "apply", "destroy", "init", "schema", "unlock"})
  void everyCommandHasHelp(String command) {
    assertEquals(0, run(command, "--help"), err);
    assertTrue(out.startsWith("Usage: fnctl " + command), out);
    assertTrue(out.contains("-h, --help"), out);
    assertTrue(engine.calls.isEmpty(), "help must not touch the engine");
  }

  @Test
  void topLevelHelpListsEveryCommandAndTheExitCodes() {
    assertEquals(0, run("--help"));
    for (String c :
        new String[] {"validate", "plan", "apply", "destroy", "init", "schema", "unlock"}) {
      assertTrue(out.contains("  " + c + " "), c + " missing in\n" + out);
    }
    assertTrue(out.contains("Exit codes:"), out);
    // Each command's summary is its first description line: a whole sentence, not a lead-in.
    String commands =
        out.substring(out.indexOf("Commands:") + "Commands:".length(), out.indexOf("Exit codes:"));
    for (String summary :
        commands.replace(System.lineSeparator(), "\n").strip().split("\n  (?=[a-z])")) {
      assertTrue(summary.strip().endsWith("."), "summary does not end a sentence: " + summary);
    }
  }

  @Test
  void schemaHelpNamesTheFileTheDocsUse() {
    assertEquals(0, run("schema", "--help"));
    assertTrue(out.contains("fnctl schema > fnctl.schema.json"), out);
  }

  @Test
  void noCommandIsAUsageError() {
    assertEquals(ExitCode.INVALID, run());
    assertTrue(err.contains("Usage: fnctl"), err);
  }

  @Test
  void unknownOptionIsAUsageErrorWithASuggestion() {
    assertEquals(ExitCode.INVALID, run("plan", "--detailed-exit-code"));
    assertTrue(err.contains("Unknown option: '--detailed-exit-code'"), err);
    assertTrue(err.contains("--detailed-exitcode"), "suggestion expected: " + err);
    assertNoStackTrace();
  }

  @Test
  void unknownCommandIsAUsageError() {
    assertEquals(ExitCode.INVALID, run("aply"));
    assertTrue(err.contains("apply"), err);
  }

  @Test
  void missingSpecFileIsInvalidInput() {
    assertEquals(ExitCode.INVALID, run("validate", "-f", dir.resolve("nope.yaml").toString()));
    assertTrue(err.startsWith("Error: "), err);
    assertTrue(err.contains("nope.yaml: no such spec file"), err);
    assertTrue(engine.calls.isEmpty());
  }

  @Test
  void validatePrintsEveryProblemOnItsOwnLine() {
    engine.problems =
        List.of(
            new Diagnostic(
                new Position("fnctl.yaml", 3, 5), "functions.a.memory", "must be at least 128"),
            new Diagnostic(new Position("fnctl.yaml", 9, 1), "queues", "unknown field 'queus'"));
    assertEquals(ExitCode.INVALID, run("validate", "-f", spec.toString()));
    assertEquals(
        "fnctl.yaml:3:5: functions.a.memory: must be at least 128\nfnctl.yaml:9:1: queues: unknown field 'queus'\n",
        err.replace(System.lineSeparator(), "\n"));
    assertNoStackTrace();
  }

  @Test
  void validateOfAGoodSpec() {
    assertEquals(0, run("validate", "-f", spec.toString()));
    assertTrue(out.contains("is valid"), out);
  }

  @Test
  void planShowsChangesAndExitsZeroWithoutDetailedExitCode() {
    assertEquals(0, run("plan", "-f", spec.toString(), "-t", "dev"));
    assertTrue(out.contains("Plan: 2 to add, 3 to change, 2 to destroy."), out);
    assertEquals(List.of("plan " + spec + " dev NORMAL"), engine.calls);
    assertEquals(0, engine.openSessions, "the session must be closed");
  }

  @Test
  void detailedExitCode() {
    assertEquals(ExitCode.CHANGES, run("plan", "-f", spec.toString(), "--detailed-exitcode"));
    engine.plan = PlanFixtures.cases().get("no-op");
    assertEquals(ExitCode.OK, run("plan", "-f", spec.toString(), "--detailed-exitcode"));
    assertTrue(out.contains("No changes."), out);
  }

  @Test
  void planJsonIsTheRecord() {
    assertEquals(0, run("plan", "-f", spec.toString(), "--json"));
    Map<String, Object> json = Json.parseObject(out);
    assertEquals("orders", json.get("stack"));
    assertEquals(engine.plan.changes().size(), ((List<?>) json.get("changes")).size());
  }

  @Test
  void savedPlanIsReopenedWithItsDigestAndApplied() throws IOException {
    Path saved = dir.resolve("plan.json");
    assertEquals(0, run("plan", "-f", spec.toString(), "--out", saved.toString()));
    assertTrue(out.contains("Saved the plan to " + saved), out);
    Plan read = PlanDocument.read(Files.readString(saved));
    assertEquals(engine.plan.liveDigest(), read.liveDigest());

    assertEquals(0, run("apply", "--auto-approve", saved.toString()));
    assertEquals(engine.plan.liveDigest(), engine.reopened.liveDigest());
    assertTrue(out.contains("Apply complete! Resources: 2 added, 3 changed, 2 destroyed."), out);
  }

  @Test
  void aSavedPlanIsReadableByItsOwnerOnly() throws IOException {
    Path saved = dir.resolve("plan.json");
    Files.writeString(saved, "an older, world-readable file");
    Files.setPosixFilePermissions(saved, PosixFilePermissions.fromString("rw-r--r--"));
    assertEquals(0, run("plan", "-f", spec.toString(), "--out", saved.toString()));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(saved)));
    assertEquals(PlanDocument.write(engine.plan), Files.readString(saved));
    try (var files = Files.list(dir)) {
      assertEquals(
          List.of("fnctl.yaml", "plan.json"),
          files.map(f -> f.getFileName().toString()).sorted().toList(),
          "no temporary file is left behind");
    }
  }

  @Test
  void outIntoAMissingDirectoryOrOntoADirectoryIsRefusedBeforePlanning() throws IOException {
    Path missing = dir.resolve("no/such/dir/plan.json");
    assertEquals(ExitCode.INVALID, run("plan", "-f", spec.toString(), "--out", missing.toString()));
    assertEquals(
        "Error: --out "
            + missing
            + ": the directory "
            + missing.getParent()
            + " does not exist (create it first)\n",
        err.replace(System.lineSeparator(), "\n"));
    assertFalse(Files.exists(dir.resolve("no")), "nothing is created");

    Path directory = Files.createDirectories(dir.resolve("plans"));
    assertEquals(
        ExitCode.INVALID, run("plan", "-f", spec.toString(), "--out", directory.toString()));
    assertTrue(err.contains("is a directory: name a file to save the plan in"), err);
    assertTrue(engine.calls.isEmpty(), "refused before planning: " + engine.calls);
  }

  @Test
  void aCutOffPlanFileIsTheUsersInputProblemWithItsPosition() throws IOException {
    String whole = PlanDocument.write(engine.plan);
    Path cut = Files.writeString(dir.resolve("cut.plan"), whole.substring(0, whole.length() / 2));
    assertEquals(ExitCode.INVALID, run("apply", "--auto-approve", cut.toString()));
    assertTrue(
        err.matches(
            "Error: "
                + java.util.regex.Pattern.quote(cut.toString())
                + ":\\d+:\\d+: not a fnctl plan: the JSON ends early \\(is the file cut off\\?\\)\\R"),
        err);
    assertTrue(engine.calls.isEmpty(), engine.calls.toString());

    Path escape = Files.writeString(dir.resolve("escape.plan"), "{\n  \"stack\": \"a\\qb\"\n}\n");
    assertEquals(ExitCode.INVALID, run("apply", "--auto-approve", escape.toString()));
    assertTrue(err.startsWith("Error: " + escape + ":2:"), err);
    assertTrue(err.contains("not a fnctl plan: invalid escape"), err);

    Path deep = Files.writeString(dir.resolve("deep.plan"), "[".repeat(100_000));
    assertEquals(ExitCode.INVALID, run("apply", "--auto-approve", deep.toString()));
    assertTrue(err.contains("not a fnctl plan"), err);
    assertFalse(err.contains("internal error"), err);

    assertEquals(ExitCode.INVALID, run("apply", "--auto-approve", dir.toString()));
    assertTrue(err.contains("is a directory, not a plan file"), err);
  }

  @Test
  void aSavedDestroyPlanIsAppliedAsADestroy() throws IOException {
    Path saved = dir.resolve("destroy.plan");
    assertEquals(0, run("plan", "--destroy", "-f", spec.toString(), "--out", saved.toString()));
    assertEquals(List.of("plan " + spec + " null DESTROY"), engine.calls);
    engine.calls.clear();
    Plan asSaved =
        new Plan(
            engine.destroyPlan.formatVersion(),
            engine.destroyPlan.fnctlVersion(),
            Plan.Mode.DESTROY,
            engine.destroyPlan.stack(),
            engine.destroyPlan.target(),
            engine.destroyPlan.provider(),
            engine.destroyPlan.specFile(),
            engine.destroyPlan.specFileAbsolute(),
            engine.destroyPlan.specDigest(),
            engine.destroyPlan.liveDigest(),
            engine.destroyPlan.changes(),
            engine.destroyPlan.outputs());
    Files.writeString(saved, PlanDocument.write(asSaved));
    assertEquals(0, run("apply", "--auto-approve", saved.toString()));
    assertEquals(Plan.Mode.DESTROY, engine.reopened.mode());
    assertEquals("destroy", engine.applied.operation());
  }

  @Test
  void planJsonWithOutKeepsStdoutPureJson() {
    Path saved = dir.resolve("plan.json");
    assertEquals(0, run("plan", "-f", spec.toString(), "--json", "--out", saved.toString()));
    Json.parseObject(out);
    assertTrue(err.contains("Saved the plan"), err);
  }

  @Test
  void stalePlanIsRefused() throws IOException {
    Path saved = dir.resolve("plan.json");
    Files.writeString(saved, PlanDocument.write(engine.plan));
    engine.staleBecause = "the live state changed since the plan was made";
    assertEquals(ExitCode.ERROR, run("apply", "--auto-approve", saved.toString()));
    assertEquals(
        "Error: the saved plan is stale: the live state changed since the plan was made; run 'fnctl plan' again\n",
        err.replace(System.lineSeparator(), "\n"));
    assertNull(engine.applied);
  }

  @Test
  void savedPlanNeedsConfirmationLikeAnyApply() throws IOException {
    Path saved = dir.resolve("plan.json");
    Files.writeString(saved, PlanDocument.write(engine.plan));
    assertEquals(ExitCode.ERROR, run("apply", saved.toString()));
    assertTrue(err.contains("apply needs confirmation"), err);
    assertTrue(engine.calls.isEmpty(), "refused before reading the cloud: " + engine.calls);

    terminal = answering("yes");
    assertEquals(0, run("apply", saved.toString()));
    assertTrue(out.contains("Only 'yes' will be accepted"), out);
    assertTrue(out.contains("Apply complete!"), out);
  }

  @Test
  void savedPlanWithFileOptionIsAUsageError() throws IOException {
    Path saved = dir.resolve("plan.json");
    Files.writeString(saved, PlanDocument.write(engine.plan));
    assertEquals(ExitCode.INVALID, run("apply", "-f", spec.toString(), saved.toString()));
    assertTrue(err.contains("drop -f/-t"), err);
  }

  @Test
  void notAPlanFile() throws IOException {
    Path saved = Files.writeString(dir.resolve("plan.json"), "{\"formatVersion\": \"9\"}");
    assertEquals(ExitCode.INVALID, run("apply", saved.toString()));
    assertTrue(err.contains("not a fnctl plan: plan format 9 is not supported"), err);
    assertEquals(ExitCode.INVALID, run("apply", dir.resolve("missing.json").toString()));
    assertTrue(err.contains("no such plan file"), err);
  }

  @Test
  void applyWithoutTerminalOrAutoApproveIsRefusedBeforeReadingTheCloud() {
    assertEquals(ExitCode.ERROR, run("apply", "-f", spec.toString()));
    assertTrue(err.startsWith("Error: apply needs confirmation, but there is no terminal"), err);
    assertTrue(err.contains("--auto-approve"), err);
    assertTrue(engine.calls.isEmpty(), engine.calls.toString());
  }

  @Test
  void applyOnATerminalAsksAndGoesAheadOnYes() {
    terminal = answering("yes");
    assertEquals(0, run("apply", "-f", spec.toString()));
    assertTrue(out.contains("Only 'yes' will be accepted"), out);
    assertTrue(out.contains("Apply complete!"), out);
    assertEquals(ApplyOptionsDefaults.PARALLELISM, engine.applied.parallelism());
    assertEquals(Duration.ZERO, engine.applied.lockTimeout());
    assertEquals("apply", engine.applied.operation());
  }

  @ParameterizedTest
  @ValueSource(strings = {"no", "y", "YES please", ""})
  void anythingButYesCancels(String answer) {
    terminal = answering(answer);
    assertEquals(ExitCode.ERROR, run("apply", "-f", spec.toString()));
    assertTrue(err.contains("apply cancelled; nothing was changed"), err);
    assertNull(engine.applied);
  }

  @Test
  void endOfInputCancels() {
    terminal = answering();
    assertEquals(ExitCode.ERROR, run("apply", "-f", spec.toString()));
    assertNull(engine.applied);
  }

  @Test
  void applyWithNoChangesDoesNotAskOrApply() {
    terminal = answering();
    engine.plan = PlanFixtures.cases().get("no-op");
    assertEquals(0, run("apply", "-f", spec.toString()));
    assertTrue(out.contains("No changes."), out);
    assertNull(engine.applied);
  }

  @Test
  void autoApproveAppliesWithOptionsAndShowsOutputs() {
    engine.outputs = Map.of("resize", "http://127.0.0.1:8080/resize");
    assertEquals(
        0,
        run(
            "apply",
            "-f",
            spec.toString(),
            "--auto-approve",
            "--parallelism",
            "3",
            "--lock-timeout",
            "1m30s"));
    assertEquals(3, engine.applied.parallelism());
    assertEquals(Duration.ofSeconds(90), engine.applied.lockTimeout());
    assertNull(engine.applied.stepTimeout(), "the provider's default");

    assertTrue(out.contains("+ local:queue/orders-dev-orders: creating..."), out);
    assertTrue(out.contains("+ local:queue/orders-dev-orders: created (1.2s)"), out);
    assertTrue(out.contains("Outputs:\n  resize: http://127.0.0.1:8080/resize"), out);
  }

  @Test
  void stepTimeoutIsPassedOnAndAZeroOneRefused() {
    assertEquals(0, run("apply", "-f", spec.toString(), "--auto-approve", "--step-timeout", "20m"));
    assertEquals(Duration.ofMinutes(20), engine.applied.stepTimeout());
    assertEquals(Duration.ofSeconds(10), engine.applied.progressEvery());
    engine.applied = null;
    assertEquals(
        ExitCode.INVALID,
        run("apply", "-f", spec.toString(), "--auto-approve", "--step-timeout", "0s"));
    assertTrue(err.contains("--step-timeout must be more than 0s"), err);
    assertNull(engine.applied, "nothing applied");
  }

  @Test
  void failedApplyReportsDoneFailedAndNotStarted() {
    engine.failing = "local:bucket/orders-dev-uploads";
    assertEquals(ExitCode.ERROR, run("apply", "-f", spec.toString(), "--auto-approve"));
    String text = out.replace(System.lineSeparator(), "\n");
    assertTrue(text.contains("Apply failed: 2 done, 1 failed, 3 not started."), text);
    assertTrue(
        text.contains(
            "Done:\n  + local:queue/orders-dev-orders\n  ~ local:function/orders-dev-report\n"),
        text);
    assertTrue(
        text.contains("Failed:\n  -/+ local:bucket/orders-dev-uploads: the cloud said no\n"), text);
    assertTrue(text.contains("Not started:\n  ~ local:function/orders-dev-charge\n"), text);
    assertFalse(text.contains("Apply complete"), text);
  }

  /** A SIGINT or SIGTERM, as the operating system would deliver it to the installed handlers. */
  void signal() {
    List.copyOf(signalHandlers).forEach(Runnable::run);
  }

  @Test
  void anInterruptStopsTheApplyReportsItAndExitsOne() {
    List<Integer> installedDuringApply = new ArrayList<>();
    engine.afterFirstChange =
        () -> {
          installedDuringApply.add(signalHandlers.size());
          signal();
        };
    assertEquals(ExitCode.ERROR, run("apply", "-f", spec.toString(), "--auto-approve"));
    assertEquals(List.of(1), installedDuringApply);
    assertEquals(1, signalInstalls);
    assertEquals(
        "Interrupt received: no new changes will start; waiting for the ones in flight to finish (interrupt again to"
            + " exit at once and leave the stack lock held).\n",
        err.replace(System.lineSeparator(), "\n"));
    String text = out.replace(System.lineSeparator(), "\n");
    assertTrue(text.contains("Apply interrupted: 1 done, 0 failed, 5 not started."), text);
    assertTrue(
        text.contains(
            "Done:\n  + local:queue/orders-dev-orders\nNot started:\n  ~ local:function/orders-dev-report\n"),
        text);
    assertTrue(text.endsWith("Run apply again: finished changes are not repeated.\n"), text);
    assertEquals(List.of(), exits);
    assertEquals(List.of(), signalHandlers, "the previous signal handling is back after the apply");
    assertFalse(Thread.interrupted(), "the interrupt does not outlive the apply");
  }

  @Test
  void aSecondInterruptExitsAtOnceAndSaysTheLockMayNeedUnlocking() {
    engine.afterFirstChange =
        () -> {
          signal();
          signal();
        };
    run("destroy", "-f", spec.toString(), "--auto-approve");
    assertEquals(List.of(ExitCode.ERROR), exits);
    List<String> lines = err.lines().toList();
    assertEquals(2, lines.size(), err);
    assertEquals(
        "Interrupted again: exiting now. Changes in flight may be cut short and the stack lock stays held: run"
            + " 'fnctl unlock' (with the same -f/-t) before the next destroy.",
        lines.get(1));
    Thread.interrupted();
  }

  @Test
  void signalsAreLeftAloneOutsideApplyAndDestroy() {
    engine.afterFirstChange = this::signal;
    engine.plan = PlanFixtures.cases().get("no-op");
    assertEquals(0, run("apply", "-f", spec.toString(), "--auto-approve"));
    engine.plan = PlanFixtures.cases().get("mixed");
    assertEquals(0, run("plan", "-f", spec.toString()));
    assertEquals(ExitCode.CHANGES, run("plan", "-f", spec.toString(), "--detailed-exitcode"));
    terminal = answering("no");
    assertEquals(ExitCode.ERROR, run("apply", "-f", spec.toString()));
    assertEquals(
        0, signalInstalls, "plans, prompts and no-change applies keep the default signal handling");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-2"})
  void parallelismMustBePositive(String n) {
    assertEquals(
        ExitCode.INVALID,
        run("apply", "-f", spec.toString(), "--auto-approve", "--parallelism", n));
    assertNull(engine.applied);
  }

  @Test
  void badLockTimeoutIsAUsageError() {
    assertEquals(ExitCode.INVALID, run("apply", "--auto-approve", "--lock-timeout", "soon"));
    assertTrue(err.contains("'soon' is not a duration"), err);
  }

  @Test
  void specProblemsFromPlanExitThree() {
    engine.specProblem =
        new SpecException(
            List.of(
                new Diagnostic(new Position("fnctl.yaml", 2, 3), "targets", "choose one with -t")));
    assertEquals(ExitCode.INVALID, run("plan", "-f", spec.toString()));
    assertEquals(
        "fnctl.yaml:2:3: targets: choose one with -t\n", err.replace(System.lineSeparator(), "\n"));
  }

  @Test
  void providerErrorIsOneLine() {
    engine.providerProblem =
        new ProviderException("reading lambda functions: AccessDenied", new RuntimeException("x"));
    assertEquals(ExitCode.ERROR, run("plan", "-f", spec.toString()));
    assertEquals(
        "Error: reading lambda functions: AccessDenied\n",
        err.replace(System.lineSeparator(), "\n"));
  }

  @Test
  void multiLineCloudMessagesAreFoldedIntoOneLine() {
    engine.providerProblem =
        new ProviderException("PutBucketNotification failed:\n  Access Denied\n");
    assertEquals(ExitCode.ERROR, run("plan", "-f", spec.toString()));
    assertEquals(
        "Error: PutBucketNotification failed: Access Denied\n",
        err.replace(System.lineSeparator(), "\n"));
  }

  @Test
  void heldLockExitsOne() {
    engine.providerProblem =
        new LockHeldException(
            new StackLock.Holder(
                "abc", "ci@runner", "apply", Instant.parse("2026-01-01T00:00:00Z")));
    assertEquals(ExitCode.ERROR, run("apply", "-f", spec.toString(), "--auto-approve"));
    assertTrue(err.startsWith("Error: the stack is locked by ci@runner"), err);
  }

  @Test
  void internalErrorsHideTheStackTraceUnlessDebugging() {
    Engine broken =
        new FakeEngine() {
          @Override
          public List<Diagnostic> validate(Path specFile) {
            throw new IllegalStateException("boom");
          }
        };
    StringWriter e = new StringWriter();
    Cli cli =
        new Cli(
            new PrintWriter(new StringWriter()), new PrintWriter(e), env, terminal, () -> broken);
    assertEquals(ExitCode.ERROR, Main.run(cli, "validate", "-f", spec.toString()));
    assertTrue(
        e.toString().startsWith("Error: internal error: java.lang.IllegalStateException: boom"),
        e.toString());
    assertFalse(e.toString().contains("\tat "), e.toString());

    env.put("FNCTL_DEBUG", "1");
    StringWriter e2 = new StringWriter();
    Cli debug =
        new Cli(
            new PrintWriter(new StringWriter()), new PrintWriter(e2), env, terminal, () -> broken);
    assertEquals(ExitCode.ERROR, Main.run(debug, "validate", "-f", spec.toString()));
    assertTrue(e2.toString().contains("\tat "), e2.toString());
  }

  @Test
  void destroyPlansDestructionAndReports() {
    assertEquals(0, run("destroy", "-f", spec.toString(), "--auto-approve"));
    assertEquals("plan " + spec + " null DESTROY", engine.calls.get(0));
    assertEquals("destroy", engine.applied.operation());
    assertTrue(out.contains("Destroy complete! Resources: 1 destroyed."), out);
  }

  @Test
  void destroyOfNothing() {
    engine.destroyPlan = PlanFixtures.cases().get("no-op");
    assertEquals(0, run("destroy", "-f", spec.toString(), "--auto-approve"));
    assertEquals(
        "Nothing to destroy: stack orders owns no resources on target dev.\n",
        out.replace(System.lineSeparator(), "\n"));
    assertNull(engine.applied);
  }

  @Test
  void destroyWithoutTerminalIsRefused() {
    assertEquals(ExitCode.ERROR, run("destroy", "-f", spec.toString()));
    assertTrue(err.contains("destroy needs confirmation"), err);
    assertTrue(engine.calls.isEmpty());
  }

  @Test
  void unlock() {
    engine.lock =
        Optional.of(
            new StackLock.Holder(
                "abc", "ci@runner", "apply", Instant.parse("2026-01-01T00:00:00Z")));
    assertEquals(0, run("unlock", "-f", spec.toString(), "-t", "prod"));
    assertTrue(
        out.contains(
            "Removed the lock held by ci@runner (apply since 2026-01-01T00:00:00Z, lock id abc)."),
        out);
    assertEquals(0, run("unlock", "-f", spec.toString()));
    assertTrue(out.contains("No lock was held."), out);
  }

  @Test
  void schemaPrintsTheModelsJsonSchema() {
    assertEquals(0, run("schema"));
    Map<String, Object> schema = Json.parseObject(out);
    assertTrue(schema.containsKey("$schema"), out);
    assertTrue(engine.calls.isEmpty());
  }

  @Test
  void initListsAndScaffoldsWithoutOverwriting() throws IOException {
    templates = new Templates(getClass().getClassLoader(), "test-templates/");
    assertEquals(0, run("init", "--list"));
    assertEquals(
        "demo   A demo template for tests\nother  Another one\n",
        out.replace(System.lineSeparator(), "\n"));

    Path project = dir.resolve("new");
    assertEquals(0, run("init", "--template", "demo", project.toString()));
    assertTrue(Files.readString(project.resolve("fnctl.yaml")).contains("stack: demo"));
    assertTrue(Files.exists(project.resolve(".gitignore")));
    assertTrue(Files.isExecutable(project.resolve("functions/hello/run.sh")));
    assertTrue(out.contains("Created 4 files"), out);

    Files.writeString(project.resolve("fnctl.yaml"), "mine");
    assertEquals(ExitCode.ERROR, run("init", "--template", "demo", project.toString()));
    assertTrue(err.contains("already exists"), err);
    assertEquals("mine", Files.readString(project.resolve("fnctl.yaml")));

    assertEquals(ExitCode.INVALID, run("init", "--template", "nope", dir.resolve("x").toString()));
    assertTrue(err.contains("no template named 'nope'; choose one of: demo, other"), err);
    assertEquals(ExitCode.INVALID, run("init"));
  }

  @Test
  void initRefusesWhatIsInTheWayWithAClearMessage() throws IOException {
    templates = new Templates(getClass().getClassLoader(), "test-templates/");
    Path file = Files.writeString(dir.resolve("existing-file"), "mine");
    assertEquals(ExitCode.INVALID, run("init", "--template", "demo", file.toString()));
    assertEquals(
        "Error: "
            + file
            + " is a file, not a directory; name the directory to create the project in\n",
        err.replace(System.lineSeparator(), "\n"));
    assertEquals(
        ExitCode.INVALID, run("init", "--template", "demo", file.resolve("sub").toString()));
    assertTrue(err.startsWith("Error: " + file + " is a file, not a directory"), err);

    // A non-empty directory is fine as long as nothing the template writes is in the way...
    Path project = Files.createDirectories(dir.resolve("existing"));
    Files.writeString(project.resolve("notes.txt"), "mine");
    assertEquals(0, run("init", "--template", "demo", project.toString()), err);
    assertEquals("mine", Files.readString(project.resolve("notes.txt")));

    // ...and a file where the template needs a directory is in the way.
    Path other = Files.createDirectories(dir.resolve("other"));
    Files.writeString(other.resolve("functions"), "mine");
    assertEquals(ExitCode.ERROR, run("init", "--template", "demo", other.toString()));
    assertTrue(
        err.startsWith(
            "Error: " + other.resolve("functions") + " already exists; init never overwrites"),
        err);
    assertFalse(err.contains("internal error"), err);
    assertFalse(
        Files.exists(other.resolve("fnctl.yaml")),
        "nothing is written when something is in the way");
  }

  @Test
  void initAddsToAGitignoreThereIsInsteadOfRefusing() throws IOException {
    templates = new Templates(getClass().getClassLoader(), "test-templates/");
    Path repo = Files.createDirectories(dir.resolve("repo"));
    Files.writeString(repo.resolve(".gitignore"), "node_modules/");
    assertEquals(0, run("init", "--template", "demo", repo.toString()), err);
    assertEquals(
        "node_modules/\n\n# fnctl: the local target's state and local leftovers\n.fnctl/\n",
        Files.readString(repo.resolve(".gitignore")));
    assertTrue(out.contains("Created 3 files"), out);
    assertTrue(out.contains("Added .fnctl/ to " + repo.resolve(".gitignore") + "."), out);

    Path again = Files.createDirectories(dir.resolve("again"));
    Files.writeString(again.resolve(".gitignore"), ".fnctl/\n");
    assertEquals(0, run("init", "--template", "demo", again.toString()), err);
    assertEquals(
        ".fnctl/\n",
        Files.readString(again.resolve(".gitignore")),
        "nothing to add, nothing changed");
    assertFalse(out.contains("Added"), out);
  }

  @Test
  void initIntoARelativeDirectory() throws IOException {
    templates = new Templates(getClass().getClassLoader(), "test-templates/");
    Path relative = Path.of("target", "init-" + System.nanoTime());
    try {
      assertEquals(0, run("init", "--template", "demo", relative.toString()), err);
      assertTrue(Files.isRegularFile(relative.resolve("fnctl.yaml")));
    } finally {
      try (var files = Files.walk(relative)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
    }
  }

  static final class ApplyOptionsDefaults {
    static final int PARALLELISM = dev.fnctl.engine.ApplyOptions.DEFAULT_PARALLELISM;
  }
}
