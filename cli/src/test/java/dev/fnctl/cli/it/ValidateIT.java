package dev.fnctl.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad spec is reported with file:line:column for every problem, exit 3, no stack trace. */
class ValidateIT {
  @TempDir Path dir;

  @Test
  void badSpecPrintsEveryProblemWithItsPosition() throws IOException {
    Files.writeString(
        dir.resolve("fnctl.yaml"),
        String.join(
            "\n",
            "apiVersion: fnctl.dev/v1",
            "stack: orders",
            "functions:",
            "  resize:",
            "    code: ./fn",
            "    handler: main.handle",
            "    runtime: python3.12",
            "    memroy: 512",
            "    triggers:",
            "      - schedule: { cron: \"61 9 * * 1-5\" }",
            ""));
    Launcher.Result r = Launcher.run(dir, "validate").expect(3).noStackTrace();
    assertEquals("", r.out());
    List<String> lines = r.err().lines().toList();
    assertTrue(lines.size() >= 2, r.err());
    for (String line : lines)
      assertTrue(line.matches("fnctl\\.yaml:\\d+:\\d+: \\S.*"), "no position: " + line);
    assertTrue(r.err().contains("fnctl.yaml:8:5: functions.resize.memroy: "), r.err());
    assertTrue(r.err().contains("did you mean 'memory'"), r.err());
    assertTrue(r.err().contains("fnctl.yaml:10:"), "the cron problem's line: " + r.err());
    assertFalse(Files.exists(dir.resolve(".fnctl")), "validate must not touch the target");
  }

  @Test
  void everyTargetIsCheckedWhateverTheAliasesAndWithNoDefaultTarget() throws IOException {
    StringBuilder yaml =
        new StringBuilder(
            String.join(
                "\n",
                "apiVersion: fnctl.dev/v1",
                "stack: orders",
                "x-base: &base { runtime: python3.12, handler: main.handle, code: ./fn }",
                "targets:",
                "  eu: { provider: aws, region: eu-west-1 }",
                "  us: { provider: aws, region: us-east-1, regoin: x }",
                "functions:",
                ""));
    for (int i = 0; i < 60; i++) yaml.append("  f").append(i).append(": *base\n");
    Files.writeString(dir.resolve("fnctl.yaml"), yaml.toString());
    Files.createDirectories(dir.resolve("fn"));
    Files.writeString(dir.resolve("fn/main.py"), "def handle(event, context):\n    return 1\n");
    Launcher.Result r = Launcher.run(dir, "validate").expect(3).noStackTrace();
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(
        r.err()
            .startsWith(
                "fnctl.yaml:6:51: targets.us.regoin: unknown setting 'regoin' for provider 'aws'; did you mean 'region'?"),
        r.err());
  }

  @Test
  void providerProblemsAreReportedInTheSameRunAsTheModelsOwn() throws IOException {
    Files.writeString(
        dir.resolve("fnctl.yaml"),
        String.join(
            "\n",
            "apiVersion: fnctl.dev/v1",
            "stack: orders",
            "targets:",
            "  dev: { provider: local, dri: x }",
            "  prod: { provider: nosuch }",
            "functions:",
            "  resize: { code: ./fn, handler: main.handle, runtime: python3.12, memory: lots }",
            ""));
    Files.createDirectories(dir.resolve("fn"));
    Files.writeString(dir.resolve("fn/main.py"), "def handle(event, context):\n    return 1\n");
    Launcher.Result r = Launcher.run(dir, "validate").expect(3).noStackTrace();
    // In file order, whichever check found each.
    assertEquals(
        List.of(
            "fnctl.yaml:4:32: targets.dev.dri: unknown setting 'dri' for provider 'local'; did you mean 'dir'? (known: dir)",
            "fnctl.yaml:5:21: targets.prod.provider: unknown provider 'nosuch' (available: aws, azure, gcp, local)",
            "fnctl.yaml:7:76: functions.resize.memory: expected a whole number, got 'lots'"),
        r.err().lines().toList());
  }

  @Test
  void aDuplicateKeyIsOneLineAndNothingElseIsPrinted() throws IOException {
    Files.writeString(
        dir.resolve("fnctl.yaml"), "apiVersion: fnctl.dev/v1\nstack: orders\nstack: orders\n");
    Launcher.Result r = Launcher.run(dir, "validate").expect(3).noStackTrace();
    assertEquals(
        List.of("fnctl.yaml:3:1: stack: duplicate key 'stack' (first written at line 2); keep one"),
        r.err().lines().toList());
  }

  @Test
  void aBadIgnorePatternIsInvalidInputAtItsLineAndNothingIsTouched() throws IOException {
    Project.create(dir, 256);
    Files.writeString(dir.resolve("functions/hello/.fnctlignore"), "# local tooling\n[z-a]\n");
    List<String> expected =
        List.of(
            "functions/hello/.fnctlignore:2:1: functions.hello.code: '[z-a]' is not a valid pattern (illegal character range)");
    assertEquals(
        expected, Launcher.run(dir, "validate").expect(3).noStackTrace().err().lines().toList());
    assertEquals(
        expected,
        Launcher.run(dir, "apply", "--auto-approve")
            .expect(3)
            .noStackTrace()
            .err()
            .lines()
            .toList());
    assertFalse(Files.exists(dir.resolve(".fnctl")), "nothing may be touched");
  }

  @Test
  void yamlSyntaxErrorHasAPosition() throws IOException {
    Files.writeString(dir.resolve("fnctl.yaml"), "apiVersion: fnctl.dev/v1\nstack: [orders\n");
    Launcher.Result r = Launcher.run(dir, "validate").expect(3).noStackTrace();
    assertTrue(r.err().matches("(?s)fnctl\\.yaml:\\d+:\\d+: .*"), r.err());
  }

  @Test
  void missingSpecIsInvalidInput() {
    Launcher.Result r = Launcher.run(dir, "plan").expect(3).noStackTrace();
    assertTrue(r.err().startsWith("Error: fnctl.yaml: no such spec file"), r.err());
  }
}
