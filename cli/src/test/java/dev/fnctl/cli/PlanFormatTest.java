package dev.fnctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.cli.view.PlanFixtures;
import dev.fnctl.model.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code plan --format}: which view prints, and where the saved-plan note goes. */
class PlanFormatTest extends CliTestBase {
  @BeforeEach
  void setUp() throws IOException {
    engine.plan = PlanFixtures.cases().get("mixed");
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
