package dev.fnctl.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitHub Action's scripts run as the runner runs them: the env the action.yml steps set, the
 * runner's files ({@code GITHUB_OUTPUT}, {@code GITHUB_STEP_SUMMARY}, {@code GITHUB_PATH}), event
 * payload files, the real installed fnctl on PATH (as {@code GITHUB_PATH} puts it there for later
 * steps), and a stateful fake of GitHub's comments API and release downloads on 127.0.0.1.
 */
class ActionIT {
  static final Path ACTION = Installed.ROOT.resolve("action");
  static final String REPO = "acme/orders";

  @TempDir static Path scratch;
  static Installed installed;
  static FakeGitHub github;

  @BeforeAll
  static void start() throws IOException {
    installed = Installed.unpack(Installed.TAR_GZ, scratch.resolve("installed"));
    github = new FakeGitHub();
  }

  @AfterAll
  static void stop() {
    github.close();
  }

  /** One step's run: its exit code, what it printed, and the runner files it wrote. */
  record Step(Installed.Result result, Map<String, String> outputs, String summary) {}

  /** Runs {@code action/SCRIPT} in {@code dir} as a step of a job whose event is {@code event}. */
  static Step step(Path dir, String script, Path event, Map<String, String> stepEnv)
      throws IOException {
    Path runner = Files.createTempDirectory(scratch, "runner");
    Path output = Files.createFile(runner.resolve("output"));
    Path summary = Files.createFile(runner.resolve("summary"));
    Map<String, String> env = new HashMap<>(installed.env());
    env.put("GITHUB_ACTIONS", "true");
    env.put("GITHUB_OUTPUT", output.toString());
    env.put("GITHUB_STEP_SUMMARY", summary.toString());
    env.put("GITHUB_PATH", Files.createFile(runner.resolve("path")).toString());
    env.put("GITHUB_REPOSITORY", REPO);
    env.put("GITHUB_API_URL", github.url());
    env.put("GITHUB_EVENT_PATH", event.toString());
    env.put("GITHUB_ACTION_PATH", Installed.ROOT.toString());
    env.put("GITHUB_WORKSPACE", scratch.resolve("projects").toString());
    env.put("RUNNER_TOOL_CACHE", runner.resolve("tool-cache").toString());
    env.put("GITHUB_TOKEN", FakeGitHub.TOKEN);
    env.putAll(stepEnv);
    Installed.Result r =
        Installed.exec(dir, env, List.of("bash", ACTION.resolve(script).toString()));
    return new Step(r, outputs(output), Files.readString(summary));
  }

  /** GITHUB_OUTPUT's name=value lines. */
  static Map<String, String> outputs(Path file) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      int eq = line.indexOf('=');
      out.put(line.substring(0, eq), line.substring(eq + 1));
    }
    return out;
  }

  static Path event(String name, String json) throws IOException {
    return Files.writeString(scratch.resolve(name + ".json"), json);
  }

  static Path pullRequest(int number) throws IOException {
    return event(
        "pull_request-" + number,
        "{\"action\":\"synchronize\",\"number\":"
            + number
            + ",\"pull_request\":{\"number\":"
            + number
            + ",\"head\":{\"ref\":\"feature\"}},\"repository\":{\"full_name\":\""
            + REPO
            + "\"}}");
  }

  static Path project(String name) throws IOException {
    Path dir = scratch.resolve("projects").resolve(name);
    Files.createDirectories(dir.getParent());
    installed.fnctl(dir.getParent(), "init", "--template", "http-api", name).expect(0);
    return dir;
  }

  static String fnctlComment(int issue) {
    List<FakeGitHub.Comment> ours =
        github.on(issue).stream().filter(c -> c.body().startsWith("<!-- fnctl-plan:")).toList();
    assertEquals(1, ours.size(), "fnctl comments on #" + issue + ": " + ours);
    return ours.get(0).body();
  }

  @Test
  void installsFromTheReleaseUrlOnceThenFromTheCache() throws IOException {
    github.downloads.put("v1/fnctl.tar.gz", Installed.TAR_GZ);
    Path toolDir = scratch.resolve("tool-cache/fnctl/" + Installed.VERSION);
    Map<String, String> env =
        Map.of(
            "PATH",
            installed.tools.toString(), // no fnctl yet
            "FNCTL_VERSION",
            Installed.VERSION,
            "FNCTL_DOWNLOAD_URL",
            github.url() + "/download/v1/fnctl.tar.gz",
            "FNCTL_INSTALL_DIR",
            toolDir.toString());
    Path push = event("push", "{\"ref\":\"refs/heads/main\"}");

    Step first = step(scratch, "install.sh", push, env);
    first.result().expect(0);
    assertTrue(first.result().out().contains("fnctl " + Installed.VERSION), first.result().out());
    assertEquals(1, github.count("GET /download/v1/fnctl.tar.gz"));
    assertTrue(Files.isExecutable(toolDir.resolve("bin/fnctl")));

    // What actions/cache restores: the same directory; nothing is downloaded again.
    Step second = step(scratch, "install.sh", push, env);
    second.result().expect(0);
    assertTrue(second.result().out().contains("(cached)"), second.result().out());
    assertEquals(1, github.count("GET /download/v1/fnctl.tar.gz"));
  }

  @Test
  void installReportsAMissingArchiveAndAWrongChecksum() throws IOException {
    github.downloads.put("v2/fnctl.tar.gz", Installed.TAR_GZ);
    Path push = event("push", "{\"ref\":\"refs/heads/main\"}");
    Map<String, String> env = new HashMap<>();
    env.put("PATH", installed.tools.toString());
    env.put("FNCTL_VERSION", "9.9.9");
    env.put("FNCTL_DOWNLOAD_URL", github.url() + "/download/nowhere/fnctl-{version}.tar.gz");
    env.put("FNCTL_INSTALL_DIR", scratch.resolve("tool-missing").toString());
    Step missing = step(scratch, "install.sh", push, env);
    missing.result().expect(1);
    assertTrue(
        missing
            .result()
            .out()
            .contains(
                "::error title=fnctl install::could not download "
                    + github.url()
                    + "/download/nowhere/fnctl-9.9.9.tar.gz"),
        missing.result().out());

    env.put("FNCTL_DOWNLOAD_URL", github.url() + "/download/v2/fnctl.tar.gz");
    env.put("FNCTL_SHA256", "0".repeat(64));
    env.put("FNCTL_INSTALL_DIR", scratch.resolve("tool-bad-sum").toString());
    Step badSum = step(scratch, "install.sh", push, env);
    badSum.result().expect(1);
    assertTrue(badSum.result().out().contains("not the expected " + "0".repeat(64)));
    assertFalse(Files.exists(scratch.resolve("tool-bad-sum")), "installed despite the checksum");
  }

  @Test
  void pullRequestPlanIsOneCommentUpdatedOnEveryRunAndApplyAppliesTheSavedPlan()
      throws IOException {
    Path project = project("pr");
    github.seed(7, 120, "reviewer"); // the fnctl comment lands on page 2 of the list
    Path pr = pullRequest(7);
    Map<String, String> plan =
        Map.of("FNCTL_COMMAND", "plan", "FNCTL_TARGET", "local", "FNCTL_COMMENT_ON_PR", "true");

    Step first = step(project, "run.sh", pr, plan);
    first.result().expect(0);
    assertEquals("2", first.outputs().get("exitcode"), first.outputs().toString());
    assertEquals("true", first.outputs().get("has-changes"));
    Path saved = Path.of(first.outputs().get("plan-file"));
    assertEquals(project.resolve("fnctl.plan"), saved);
    assertTrue(Files.readString(saved).contains("\"formatVersion\""), "not a saved plan");
    Files.copy(saved, project.resolve("reviewed.plan"));
    assertTrue(
        first.summary().startsWith("### fnctl plan: `fnctl.yaml` on target `local`\n\n**Plan: "),
        first.summary());
    String comment = fnctlComment(7);
    assertTrue(comment.startsWith("<!-- fnctl-plan: pr/fnctl.yaml local -->\n"), comment);
    assertTrue(comment.contains("**Plan: "), comment);
    assertTrue(comment.contains(first.summary().strip()), comment);
    assertEquals(1, github.count("POST /repos/" + REPO + "/issues/7/comments"));

    // The deploy job: exactly the saved plan.
    Step apply =
        step(
            project,
            "run.sh",
            event("push-main", "{\"ref\":\"refs/heads/main\"}"),
            Map.of("FNCTL_COMMAND", "apply", "FNCTL_PLAN_FILE", "fnctl.plan"));
    apply.result().expect(0);
    assertEquals("0", apply.outputs().get("exitcode"));
    assertEquals("true", apply.outputs().get("has-changes"));
    assertEquals(saved.toString(), apply.outputs().get("plan-file"));
    assertTrue(apply.summary().contains("Apply complete!"), apply.summary());

    // The next push to the pull request: the same comment, updated; no second one.
    Step again = step(project, "run.sh", pr, plan);
    again.result().expect(0);
    assertEquals("0", again.outputs().get("exitcode"));
    assertEquals("false", again.outputs().get("has-changes"));
    String updated = fnctlComment(7);
    assertTrue(updated.contains("**No changes.**"), updated);
    assertEquals(1, github.count("POST /repos/" + REPO + "/issues/7/comments"));
    assertEquals(1, github.count("PATCH /repos/" + REPO + "/issues/comments/"));
    assertEquals(121, github.on(7).size());

    // Applying the new, empty plan changes nothing.
    Step noop =
        step(
            project,
            "run.sh",
            event("push-main", "{\"ref\":\"refs/heads/main\"}"),
            Map.of("FNCTL_COMMAND", "apply", "FNCTL_PLAN_FILE", "fnctl.plan"));
    noop.result().expect(0);
    assertEquals("false", noop.outputs().get("has-changes"), noop.result().out());

    // The first plan again: the cloud has changed since it was made, so it is refused as stale.
    Step stale =
        step(
            project,
            "run.sh",
            event("push-main", "{\"ref\":\"refs/heads/main\"}"),
            Map.of("FNCTL_COMMAND", "apply", "FNCTL_PLAN_FILE", "reviewed.plan"));
    stale.result().expect(1);
    assertEquals("1", stale.outputs().get("exitcode"));
    assertTrue(stale.summary().contains("stale"), stale.summary());
  }

  @Test
  void anInvalidSpecFailsTheStepWithItsProblemsInTheSummaryAndTheComment() throws IOException {
    Path project = project("invalid");
    Path spec = project.resolve("fnctl.yaml");
    Files.writeString(spec, Files.readString(spec).replaceFirst("memory: \\d+", "memory: lots"));
    Step step =
        step(
            project,
            "run.sh",
            pullRequest(8),
            Map.of("FNCTL_COMMAND", "plan", "FNCTL_COMMENT_ON_PR", "true"));
    step.result().expect(3);
    assertEquals("3", step.outputs().get("exitcode"));
    assertEquals("false", step.outputs().get("has-changes"));
    assertTrue(step.summary().startsWith("### fnctl: `fnctl.yaml` is not valid"), step.summary());
    assertTrue(step.summary().contains("fnctl.yaml:"), step.summary());
    assertTrue(fnctlComment(8).contains("memory"), fnctlComment(8));
    assertFalse(Files.exists(project.resolve("fnctl.plan")), "planned despite the problems");
  }

  @Test
  void outsideAPullRequestNoCommentIsWritten() throws IOException {
    Path project = project("push");
    long before = github.requests.size();
    Step step =
        step(
            project,
            "run.sh",
            event("push-only", "{\"ref\":\"refs/heads/main\"}"),
            Map.of("FNCTL_COMMAND", "plan", "FNCTL_COMMENT_ON_PR", "true"));
    step.result().expect(0);
    assertTrue(step.result().out().contains("not a pull-request event"), step.result().out());
    assertEquals(before, github.requests.size(), "API calls: " + github.requests);
    assertTrue(step.summary().contains("**Plan: "), step.summary());
  }

  @Test
  void aRefusedCommentIsAWarningNotAFailure() throws IOException {
    Path project = project("fork");
    Map<String, String> env = new HashMap<>();
    env.put("FNCTL_COMMAND", "plan");
    env.put("FNCTL_COMMENT_ON_PR", "true");
    env.put("GITHUB_TOKEN", "read-only-token-of-a-fork");
    Step step = step(project, "run.sh", pullRequest(9), env);
    step.result().expect(0);
    assertTrue(
        step.result().out().contains("::warning title=fnctl::could not write the pull-request"),
        step.result().out());
    assertEquals("2", step.outputs().get("exitcode"));
  }

  /**
   * A cancelled job's SIGINT reaches the action's script, not fnctl: the script passes it on (as
   * SIGTERM, which a background process does not ignore) and reports fnctl's own exit. A stand-in
   * fnctl records the signal it gets, since a local apply ends before a test could interrupt it.
   */
  @Test
  void aCancelSignalIsPassedOnToFnctl() throws Exception {
    Path fake = Files.createDirectories(scratch.resolve("fake-fnctl"));
    Path got = scratch.resolve("fake-fnctl.signal");
    Path started = scratch.resolve("fake-fnctl.started");
    Files.writeString(
        fake.resolve("fnctl"),
        "#!/usr/bin/env bash\n"
            + "trap 'echo TERM > "
            + got
            + "; echo \"Apply interrupted: 0 done\"; exit 1' TERM\n"
            + "echo \"$*\" > "
            + started
            + "\n"
            + "while true; do sleep 0.1; done\n");
    fake.resolve("fnctl").toFile().setExecutable(true);
    Path runner = Files.createTempDirectory(scratch, "runner");
    Path output = Files.createFile(runner.resolve("output"));
    Map<String, String> env = new HashMap<>(installed.env());
    env.put("PATH", fake + File.pathSeparator + installed.tools);
    env.put("GITHUB_OUTPUT", output.toString());
    env.put("GITHUB_STEP_SUMMARY", Files.createFile(runner.resolve("summary")).toString());
    env.put("FNCTL_COMMAND", "apply");
    ProcessBuilder pb =
        new ProcessBuilder(
                installed.tools.resolve("bash").toString(), ACTION.resolve("run.sh").toString())
            .directory(scratch.toFile())
            .redirectErrorStream(true)
            .redirectOutput(runner.resolve("log").toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    Process step = pb.start();
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (!Files.exists(started) && System.nanoTime() < deadline) Thread.sleep(50);
    assertTrue(Files.exists(started), "the stand-in fnctl never started");
    assertEquals("apply --auto-approve -f fnctl.yaml", Files.readString(started).strip());

    new ProcessBuilder("kill", "-INT", Long.toString(step.pid())).start().waitFor();
    assertTrue(step.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "the step did not end");
    assertEquals(1, step.exitValue(), Files.readString(runner.resolve("log")));
    assertEquals("TERM", Files.readString(got).strip());
    assertEquals("1", outputs(output).get("exitcode"));
    assertTrue(Files.readString(runner.resolve("log")).contains("Apply interrupted"));
  }

  /**
   * docs/ci.md's workflows are YAML, and every step that uses the action gives it only inputs it
   * has and reads only outputs it sets.
   */
  @Test
  @SuppressWarnings("unchecked")
  void theWorkflowsInTheCiGuideUseTheActionAsItIs() throws IOException {
    org.yaml.snakeyaml.Yaml yaml = new org.yaml.snakeyaml.Yaml();
    Map<String, Object> action = yaml.load(Files.readString(Installed.ROOT.resolve("action.yml")));
    Set<String> inputs = ((Map<String, Object>) action.get("inputs")).keySet();
    Set<String> outputs = ((Map<String, Object>) action.get("outputs")).keySet();

    String guide = Files.readString(Installed.ROOT.resolve("docs/ci.md"));
    Matcher block = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(guide);
    int uses = 0;
    while (block.find()) {
      Object doc = yaml.load(block.group(1)); // fails on a block that is not YAML
      for (Map<String, Object> step : steps(doc)) {
        if (!String.valueOf(step.get("uses")).startsWith("OWNER/fnctl@")) continue;
        uses++;
        Map<String, Object> with = (Map<String, Object>) step.getOrDefault("with", Map.of());
        for (String key : with.keySet())
          assertTrue(inputs.contains(key), "docs/ci.md gives the action an unknown input " + key);
        assertTrue(with.containsKey("version"), "docs/ci.md uses the action without version");
      }
    }
    assertTrue(uses >= 3, "uses of the action in docs/ci.md: " + uses);
    Matcher read = Pattern.compile("steps\\.fnctl\\.outputs\\.([a-z-]+)").matcher(guide);
    while (read.find())
      assertTrue(outputs.contains(read.group(1)), "docs/ci.md reads output " + read.group(1));
  }

  /** Every step of every job of a workflow (or the list of steps itself). */
  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> steps(Object doc) {
    List<Map<String, Object>> steps = new java.util.ArrayList<>();
    if (doc instanceof List<?> list) {
      for (Object o : list) if (o instanceof Map<?, ?> m) steps.add((Map<String, Object>) m);
    } else if (doc instanceof Map<?, ?> workflow
        && workflow.get("jobs") instanceof Map<?, ?> jobs) {
      for (Object job : jobs.values())
        if (job instanceof Map<?, ?> j && j.get("steps") instanceof List<?> s)
          steps.addAll(steps(s));
    }
    return steps;
  }

  @Test
  void actionYmlPassesEveryVariableTheScriptsReadAndUsesEveryInput() throws IOException {
    String action = Files.readString(Installed.ROOT.resolve("action.yml"));
    Set<String> read = new TreeSet<>();
    for (String script : List.of("install.sh", "run.sh", "comment.sh")) {
      Matcher m =
          Pattern.compile("\\$\\{?(FNCTL_[A-Z0-9_]+)")
              .matcher(Files.readString(ACTION.resolve(script)));
      while (m.find()) read.add(m.group(1));
    }
    for (String var : read)
      assertTrue(
          action.contains(var + ": ${{ "), var + " is read by a script but not set in action.yml");

    String inputs = action.substring(action.indexOf("\ninputs:"), action.indexOf("\noutputs:"));
    Matcher m = Pattern.compile("\n  ([a-z0-9-]+):\n").matcher(inputs);
    int found = 0;
    while (m.find()) {
      found++;
      assertTrue(
          action.contains("inputs." + m.group(1) + " }}"), "input " + m.group(1) + " is unused");
    }
    assertTrue(found >= 9, "inputs found: " + found);
    for (String output : List.of("exitcode", "has-changes", "plan-file"))
      assertTrue(action.contains("steps.run.outputs." + output + " }}"), output);
    assertTrue(new File(ACTION.resolve("run.sh").toString()).canExecute());
  }
}
