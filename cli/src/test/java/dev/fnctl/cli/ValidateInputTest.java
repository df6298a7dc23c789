package dev.fnctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input through the real command line, engine and providers: each is exit 3 with
 * file:line:column and a message, found by validate (and refused the same way by plan), never a
 * crash; warnings are printed without failing.
 */
class ValidateInputTest {
  @TempDir Path dir;
  String out;
  String err;

  @BeforeEach
  void code() throws IOException {
    Files.createDirectories(dir.resolve("fn"));
    Files.writeString(dir.resolve("fn/main.py"), "def handle(event, context):\n    return 1\n");
  }

  int run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = Main.run(new PrintWriter(o), new PrintWriter(e), Map.of("NO_COLOR", "1"), args);
    out = o.toString();
    err = e.toString();
    assertFalse(err.contains("\tat ") || err.contains("internal error"), err);
    return code;
  }

  private Path spec(String... lines) throws IOException {
    return Files.writeString(dir.resolve("fnctl.yaml"), String.join("\n", lines) + "\n");
  }

  private Path function(String code, String... more) throws IOException {
    List<String> lines =
        new java.util.ArrayList<>(
            List.of(
                "apiVersion: fnctl.dev/v1",
                "stack: demo",
                "functions:",
                "  hello:",
                "    code: " + code,
                "    handler: main.handle",
                "    runtime: python3.12"));
    lines.addAll(List.of(more));
    return spec(lines.toArray(String[]::new));
  }

  @Test
  void aDirectoryGivenWithDashFSaysSo() {
    assertEquals(3, run("validate", "-f", dir.toString()));
    assertEquals(
        "Error: "
            + dir
            + ": is a directory; point -f at the spec file inside it, e.g. -f "
            + dir.resolve("fnctl.yaml")
            + "\n",
        err);
    assertEquals(3, run("plan", "-f", dir.toString()));
    assertTrue(err.contains("is a directory"), err);
  }

  @Test
  void warningsArePrintedAndDoNotFail() throws IOException {
    Path spec =
        function(
            "./fn", "    env: { TOKEN: ghp_aB3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5, MODE: fast }");
    assertEquals(0, run("validate", "-f", spec.toString()));
    assertEquals(
        spec
            + ":8:19: warning: functions.hello.env.TOKEN: the value looks like secret material (a"
            + " GitHub token); env values are stored in clear in the function's settings and shown"
            + " in plans: put it in the provider's secret store and refer to it under secrets:"
            + " instead, e.g. secrets: { TOKEN: my-token }\n",
        err);
    assertEquals(spec + " is valid (1 warning).\n", out);
    assertFalse(err.contains("ghp_"), "the value itself is never printed");

    assertEquals(0, run("plan", "-f", spec.toString()));
    assertTrue(err.startsWith(spec + ":8:19: warning: functions.hello.env.TOKEN: "), err);
    assertTrue(out.contains("+ local:function/hello"), out);
  }

  @Test
  void secretMaterialUnderSecretsIsRefused() throws IOException {
    Path spec = function("./fn", "    secrets: { STRIPE: sk_live_51HxQ2cLkP0aZ9yVb3TgR7uWm }");
    assertEquals(3, run("validate", "-f", spec.toString()));
    assertTrue(
        err.startsWith(
            spec
                + ":8:24: functions.hello.secrets.STRIPE: the value looks like secret material (a"
                + " Stripe live key), not a reference to it"),
        err);
    assertFalse(err.contains("sk_live"), err);
  }

  @Test
  void twoItemsAtOnePhysicalNameAreFoundByValidateWithNoCredentials() throws IOException {
    Path spec =
        spec(
            "apiVersion: fnctl.dev/v1",
            "stack: demo",
            "targets:",
            "  dev: { provider: local }",
            "  aws: { provider: aws, region: eu-west-1 }",
            "functions:",
            "  hello:",
            "    code: ./fn",
            "    handler: main.handle",
            "    runtime: python3.12",
            "queues:",
            "  jobs: { deadLetter: { maxReceives: 3 } }",
            "  jobs-dlq: {}");
    // The AWS provider's own naming makes jobs' dead-letter queue jobs-dlq; local names differ.
    assertEquals(3, run("validate", "-f", spec.toString()));
    assertEquals(
        spec
            + ":13:3: queues.jobs-dlq: queue jobs and queue jobs-dlq both become"
            + " aws:sqs:queue/demo-aws-jobs-dlq: rename one of them (physical names must differ"
            + " after expansion)\n",
        err);
  }

  @Test
  void theModelsAndEveryProvidersProblemsComeInOneRun() throws IOException {
    Path spec =
        spec(
            "apiVersion: fnctl.dev/v1",
            "stack: demo",
            "targets:",
            "  dev: { provider: local }",
            "  aws: { provider: aws, region: eu-west-1 }",
            "functions:",
            "  hello:",
            "    code: ./fn",
            "    handler: main.handle",
            "    runtime: python3.12",
            "    memory: lots",
            "  report:",
            "    code: ./fn",
            "    handler: main.handle",
            "    runtime: python3.8",
            "    triggers:",
            "      - schedule: { cron: \"0 9 1 * 1\" }");
    assertEquals(3, run("validate", "-f", spec.toString()));
    List<String> lines = err.lines().toList();
    assertEquals(3, lines.size(), err);
    assertTrue(lines.get(0).startsWith(spec + ":11:13: functions.hello.memory: "), err);
    assertTrue(
        lines
            .get(1)
            .startsWith(
                spec
                    + ":15:14: functions.report.runtime: runtime 'python3.8' was deprecated by"
                    + " Lambda on 2024-10-14"),
        err);
    assertTrue(
        lines
            .get(2)
            .startsWith(
                spec
                    + ":17:27: functions.report.triggers[0].schedule.cron: schedule restricts both day-of-month and day-of-week"),
        err);
  }

  @Test
  void codeThatWouldNeverFinishPackagingOrLeavesTheProjectIsRefused() throws Exception {
    assumeTrue(Files.exists(Path.of("/dev/zero")));
    assertEquals(3, run("validate", "-f", function("/dev/zero").toString()));
    assertTrue(
        err.contains(":5:11: functions.hello.code: code path '/dev/zero' is outside the project"),
        err);
    assertEquals(
        3,
        run(
            "validate",
            "-f",
            function("/dev/zero", "    allowCodeOutsideProject: true").toString()));
    assertTrue(err.contains("is not a directory or a regular file"), err);

    assertEquals(3, run("validate", "-f", function("../../../../etc").toString()));
    assertTrue(err.contains("is outside the project"), err);

    Files.createSymbolicLink(dir.resolve("fn/passwd"), Path.of("/etc/passwd"));
    assertEquals(3, run("plan", "-f", function("./fn").toString()));
    assertTrue(
        err.contains(
            ":5:11: functions.hello.code: 'passwd' in code directory './fn' is a symbolic link leading outside it"),
        err);
    assertFalse(Files.exists(dir.resolve(".fnctl")), "plan refused before touching the target");
  }

  @Test
  void anEndpointThatIsNotAUrlIsAProblemAtItsPlace() throws IOException {
    Path spec =
        spec(
            "apiVersion: fnctl.dev/v1",
            "stack: demo",
            "targets:",
            "  aws: { provider: aws, region: eu-west-1, endpoint: \"not a url\" }");
    assertEquals(3, run("validate", "-f", spec.toString()));
    assertEquals(
        spec
            + ":4:54: targets.aws.endpoint: 'not a url' is not an http:// or https:// URL with a"
            + " host (e.g. http://localhost:5000)\n",
        err);
  }

  @Test
  void aHandlerOrRuntimeThatDoesNotMatchTheCodeIsCaught() throws IOException {
    Path spec = function("./fn");
    Files.writeString(
        spec, Files.readString(spec).replace("handler: main.handle", "handler: mian.handle"));
    assertEquals(3, run("validate", "-f", spec.toString()));
    assertTrue(
        err.contains(":6:14: functions.hello.handler: handler 'mian.handle' names module 'mian'"),
        err);
    Files.writeString(
        spec,
        Files.readString(spec)
            .replace("handler: mian.handle", "handler: index.handler")
            .replace("python3.12", "nodejs22"));
    assertEquals(3, run("validate", "-f", spec.toString()));
    assertTrue(
        err.contains(":7:14: functions.hello.runtime: runtime nodejs22 does not match the code"),
        err);
  }
}
