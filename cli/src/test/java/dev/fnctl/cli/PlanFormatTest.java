package dev.fnctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.cli.view.PlanFixtures;
import dev.fnctl.model.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plan --format}: which view prints, and where the saved-plan note goes. */
class PlanFormatTest {
  @TempDir Path dir;
  Path spec;
  final FakeEngine engine = new FakeEngine();
  final Map<String, String> env = new HashMap<>(Map.of("NO_COLOR", "1"));
  String out;
  String err;

  @BeforeEach
  void setUp() throws IOException {
    spec = Files.writeString(dir.resolve("fnctl.yaml"), "stack: orders\n");
    engine.plan = PlanFixtures.cases().get("mixed");
  }

  int run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    Cli cli = new Cli(new PrintWriter(o), new PrintWriter(e), env, Terminal.NONE, () -> engine);
    int code = Main.run(cli, args);
    out = o.toString();
    err = e.toString();
    return code;
  }

  @Test
  void textIsTheDefault() {
    assertEquals(0, run("plan", "-f", spec.toString()));
    assertTrue(out.startsWith("fnctl will change stack orders"), out);
    assertEquals(0, run("plan", "-f", spec.toString(), "--format", "text"));
    assertTrue(out.startsWith("fnctl will change stack orders"), out);
  }

  @Test
  void jsonAndItsShorthandPrintTheSameRecord() {
    assertEquals(0, run("plan", "-f", spec.toString(), "--format", "json"));
    String formatJson = out;
    assertEquals(0, run("plan", "-f", spec.toString(), "--json"));
    assertEquals(formatJson, out);
    assertEquals("orders", Json.parseObject(out).get("stack"));
    assertEquals(0, run("plan", "-f", spec.toString(), "--json", "--format", "json"));
  }

  @Test
  void markdownStartsWithTheSummaryAndKeepsTheSavedNoteOffStdout() {
    Path saved = dir.resolve("plan.json");
    assertEquals(
        0, run("plan", "-f", spec.toString(), "--format", "markdown", "--out", saved.toString()));
    assertTrue(out.startsWith("**Plan: 2 to add, 3 to change, 2 to destroy.**"), out);
    assertTrue(!out.contains("Saved the plan"), out);
    assertTrue(err.contains("Saved the plan to " + saved), err);
    assertTrue(Files.exists(saved));
  }

  @Test
  void jsonWithAnotherFormatIsABadCommandLine() {
    assertEquals(
        ExitCode.INVALID, run("plan", "-f", spec.toString(), "--json", "--format", "markdown"));
    assertTrue(err.contains("--json is short for --format json"), err);
    assertEquals(java.util.List.of(), engine.calls, "nothing is read");
  }

  @Test
  void unknownFormatIsABadCommandLine() {
    assertEquals(ExitCode.INVALID, run("plan", "-f", spec.toString(), "--format", "html"));
    assertTrue(err.contains("'html' is not a plan format; use text, json or markdown"), err);
  }
}
