package dev.fnctl.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.json.Json;
import dev.fnctl.testkit.aws.MotoProxy;
import dev.fnctl.testkit.aws.MotoProxy.Call;
import dev.fnctl.testkit.aws.MotoServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * fnctl stopped mid-apply, as a process, against moto: killed (-9), terminated (SIGTERM, a CI job
 * cancel) and terminated twice. Lambda's CreateFunction is slowed in the proxy so that the run is
 * caught with changes done, changes in flight and changes not started; the re-run must converge
 * with nothing duplicated or lost, counted with the aws CLI against moto directly.
 */
class InterruptedApplyIT {
  @RegisterExtension static MotoServer moto = new MotoServer();
  static MotoProxy proxy;

  static final Call CREATE_FUNCTION = Call.rest("POST", "/2015-03-31/functions/?");

  /** Long enough to catch the run with functions in flight, even on a loaded machine. */
  static final int SLOW_MILLIS = 4000;

  /**
   * For the run that is never waited for: ample time to send the second signal before the first is
   * done with.
   */
  static final int VERY_SLOW_MILLIS = 10_000;

  static final Duration RUN = Duration.ofMinutes(2);

  static final Pattern STARTED = Pattern.compile("(?m)^\\+ (\\S+): creating\\.\\.\\.$");
  static final Pattern FUNCTION_STARTED =
      Pattern.compile("(?m)^\\+ aws:lambda:function/\\S+: creating\\.\\.\\.$");
  static final Pattern FINISHED = Pattern.compile("(?m)^\\+ (\\S+): created \\(");

  @TempDir Path dir;

  @BeforeAll
  static void proxy() {
    proxy = new MotoProxy(moto.start().endpoint());
  }

  @AfterAll
  static void stopProxy() {
    proxy.close();
  }

  @BeforeEach
  void fresh() {
    moto.reset();
    proxy.clearFaults();
  }

  @Test
  void killedMidApplyLeavesTheLockAndTheRerunAfterUnlockConverges() throws IOException {
    project("killed");
    Launcher.Running apply = midApply(SLOW_MILLIS);
    long killed = System.nanoTime();
    apply.kill();
    assertEquals(137, apply.finish(RUN).code(), "killed by SIGKILL");
    proxy.clearFaults();

    Launcher.Result locked = fnctl("apply", "--auto-approve").expect(1).noStackTrace();
    assertTrue(
        locked
            .err()
            .startsWith("Error: the stack is locked by " + System.getProperty("user.name") + "@"),
        locked.err());
    assertTrue(locked.err().contains("(apply since "), locked.err());
    assertTrue(locked.err().contains("fnctl unlock"), locked.err());

    Launcher.Result unlock = fnctl("unlock").expect(0);
    assertTrue(unlock.out().startsWith("Removed the lock held by "), unlock.out());

    // The calls the killed run had sent still reach moto once their delay is over (as they would
    // reach AWS): the re-run starts after that, so what it plans against stays put.
    sleepUntil(killed + Duration.ofMillis(SLOW_MILLIS + 1000).toNanos());
    Launcher.Result rerun = fnctl("apply", "--auto-approve").expect(0).noStackTrace();
    assertTrue(rerun.out().contains("Apply complete!"), rerun.out());
    fnctl("plan", "--detailed-exitcode").expect(0);
    assertEquals(expectedInventory(), inventory("killed"));
  }

  @Test
  void sigtermMidApplyFinishesWhatRunsReportsReleasesTheLockAndExitsOne() throws IOException {
    project("termed");
    Launcher.Result stopped =
        midApply(SLOW_MILLIS).terminate().finish(RUN).expect(1).noStackTrace();

    assertEquals(
        List.of(
            "Interrupt received: no new changes will start; waiting for the ones in flight to finish (interrupt"
                + " again to exit at once and leave the stack lock held)."),
        stopped.err().lines().toList());
    String out = stopped.out();
    Set<String> started = addresses(STARTED, out);
    assertTrue(
        started.stream().anyMatch(a -> a.startsWith("aws:lambda:function/")),
        "a function was in flight:\n" + out);
    assertEquals(started, addresses(FINISHED, out), "every change in flight finished:\n" + out);
    Matcher totals =
        Pattern.compile("(?m)^Apply interrupted: (\\d+) done, 0 failed, (\\d+) not started\\.$")
            .matcher(out);
    assertTrue(totals.find(), out);
    assertEquals(started.size(), Integer.parseInt(totals.group(1)), out);
    assertTrue(Integer.parseInt(totals.group(2)) > 0, out);
    String notStarted = out.substring(out.indexOf("\nNot started:\n"));
    assertTrue(notStarted.contains("+ aws:lambda:event-source-mapping/"), out);
    assertTrue(notStarted.contains("+ aws:apigatewayv2:route/"), out);
    for (String address : started)
      assertFalse(notStarted.contains(" " + address + "\n"), address + " started and not started");
    assertTrue(out.strip().endsWith("Run apply again: finished changes are not repeated."), out);

    proxy.clearFaults();
    Launcher.Result rerun = fnctl("apply", "--auto-approve").expect(0).noStackTrace();
    assertTrue(
        rerun
            .out()
            .contains(
                "Apply complete! Resources: "
                    + totals.group(2)
                    + " added, 0 changed, 0 destroyed."),
        rerun.out());
    fnctl("plan", "--detailed-exitcode").expect(0);
    assertEquals(expectedInventory(), inventory("termed"));
  }

  @Test
  void aSecondSigtermExitsAtOnceAndLeavesTheLockForUnlock() throws IOException {
    project("twice");
    Launcher.Running apply = midApply(VERY_SLOW_MILLIS).terminate();
    apply.awaitErr(e -> e.contains("Interrupt received"), RUN, "the first signal is acknowledged");
    long second = System.nanoTime();
    Launcher.Result r = apply.terminate().finish(RUN).expect(1);
    assertTrue(
        System.nanoTime() - second < Duration.ofMillis(VERY_SLOW_MILLIS).toNanos(),
        "did not wait for the changes in flight");
    assertTrue(r.err().contains("Interrupted again: exiting now."), r.err());
    assertTrue(r.err().contains("run 'fnctl unlock'"), r.err());
    assertFalse(
        r.out().contains("Apply interrupted"), "no report after a second signal:\n" + r.out());

    proxy.clearFaults();
    assertTrue(fnctl("unlock").expect(0).out().startsWith("Removed the lock held by "));
  }

  /**
   * Starts an apply and returns once a slowed CreateFunction is in flight: its role is done, its
   * triggers are not started.
   */
  Launcher.Running midApply(int slowMillis) {
    proxy.slow(CREATE_FUNCTION, slowMillis);
    return Launcher.start(dir, env(), "apply", "--auto-approve")
        .awaitOut(
            o -> FUNCTION_STARTED.matcher(o).find(),
            RUN,
            "a function is being created (after its role)");
  }

  Launcher.Result fnctl(String... args) {
    return Launcher.run(dir, env(), args);
  }

  Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("AWS_ACCESS_KEY_ID", "testing");
    env.put("AWS_SECRET_ACCESS_KEY", "testing");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    env.put("FNCTL_AWS_CONSISTENCY_WINDOW_MS", "3000");
    for (String unset : List.of("AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_ENDPOINT_URL"))
      env.put(unset, "");
    return env;
  }

  /**
   * Six functions (one behind an http route, one fed by a queue with a dead letter), on moto
   * through the proxy.
   */
  void project(String stack) throws IOException {
    Files.createDirectories(dir.resolve("functions/app"));
    Files.writeString(
        dir.resolve("functions/app/main.py"),
        "def handle(event, context):\n    return {'ok': True}\n");
    List<String> spec =
        new ArrayList<>(
            List.of(
                "apiVersion: fnctl.dev/v1",
                "stack: " + stack,
                "targets:",
                "  aws: { provider: aws, region: eu-west-1, endpoint: \""
                    + proxy.endpoint()
                    + "\" }",
                "defaults: { runtime: python3.12, memory: 128, timeout: 10s }",
                "functions:",
                "  web:",
                "    code: ./functions/app",
                "    handler: main.handle",
                "    triggers:",
                "      - http: { method: GET, path: /hello, auth: none }",
                "  worker:",
                "    code: ./functions/app",
                "    handler: main.handle",
                "    triggers:",
                "      - queue: { queue: jobs, batchSize: 5 }",
                "    permissions:",
                "      - { queue: jobs, access: consume }"));
    for (int i = 1; i <= 4; i++) {
      spec.addAll(
          List.of("  task" + i + ":", "    code: ./functions/app", "    handler: main.handle"));
    }
    spec.addAll(List.of("queues:", "  jobs: { deadLetter: { maxReceives: 3 } }", ""));
    Files.writeString(dir.resolve("fnctl.yaml"), String.join("\n", spec));
  }

  static Map<String, Integer> expectedInventory() {
    return Map.of(
        "functions",
        6,
        "roles",
        6,
        "queues",
        2,
        "event source mappings",
        1,
        "apis",
        1,
        "routes",
        1);
  }

  /**
   * What the stack has in moto, counted by the aws CLI, not by fnctl (in parallel: each call starts
   * Python).
   */
  @SuppressWarnings("unchecked")
  static Map<String, Integer> inventory(String stack) {
    String prefix = stack + "-aws-";
    Map<String, String[]> calls =
        Map.of(
            "functions", new String[] {"lambda", "list-functions"},
            "roles", new String[] {"iam", "list-roles"},
            "queues", new String[] {"sqs", "list-queues"},
            "event source mappings", new String[] {"lambda", "list-event-source-mappings"},
            "apis", new String[] {"apigatewayv2", "get-apis"});
    Map<String, String> answers = new LinkedHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    try {
      Map<String, Future<String>> running = new LinkedHashMap<>();
      calls.forEach((what, args) -> running.put(what, pool.submit(() -> moto.aws(args))));
      for (var r : running.entrySet()) answers.put(r.getKey(), r.getValue().get());
    } catch (InterruptedException | ExecutionException e) {
      throw new AssertionError("aws CLI: " + e, e);
    } finally {
      pool.shutdownNow();
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put(
        "functions",
        count(
            list(answers.get("functions"), "Functions"),
            f -> name(f, "FunctionName").startsWith(prefix)));
    counts.put(
        "roles",
        count(list(answers.get("roles"), "Roles"), r -> name(r, "RoleName").startsWith(prefix)));
    counts.put(
        "queues",
        count(
            list(answers.get("queues"), "QueueUrls"),
            q -> String.valueOf(q).contains("/" + prefix)));
    counts.put(
        "event source mappings",
        count(
            list(answers.get("event source mappings"), "EventSourceMappings"),
            m -> name(m, "FunctionArn").contains(":" + prefix)));
    List<Object> apis =
        list(answers.get("apis"), "Items").stream()
            .filter(
                a ->
                    stack.equals(
                        ((Map<String, Object>)
                                ((Map<String, Object>) a).getOrDefault("Tags", Map.of()))
                            .get("fnctl-stack")))
            .toList();
    counts.put("apis", apis.size());
    int routes = 0;
    for (Object a : apis)
      routes +=
          list(moto.aws("apigatewayv2", "get-routes", "--api-id", name(a, "ApiId")), "Items")
              .size();
    counts.put("routes", routes);
    return Map.copyOf(counts);
  }

  private static int count(List<Object> items, Predicate<Object> ours) {
    return (int) items.stream().filter(ours).count();
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(String json, String key) {
    if (json.isBlank()) return List.of();
    return (List<Object>) Json.parseObject(json).getOrDefault(key, List.of());
  }

  @SuppressWarnings("unchecked")
  private static String name(Object item, String key) {
    return String.valueOf(((Map<String, Object>) item).get(key));
  }

  private static Set<String> addresses(Pattern p, String out) {
    Set<String> found = new LinkedHashSet<>();
    Matcher m = p.matcher(out);
    while (m.find()) found.add(m.group(1));
    return found;
  }

  private static void sleepUntil(long nanoTime) {
    long left = nanoTime - System.nanoTime();
    if (left > 0) Launcher.sleep(left / 1_000_000 + 1);
  }
}
