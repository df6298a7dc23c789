package dev.fnctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.cli.view.PlanFixtures;
import dev.fnctl.model.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code plan/apply --only}: the engine is cut down, the user is warned, saved plans record it. */
class OnlyOptionTest extends CliTestBase {
  @BeforeEach
  void setUp() throws IOException {
    engine.plan = PlanFixtures.cases().get("mixed");
  }

  @Test
  void planShowsOnlyTheItemAfterAWarning() {
    assertEquals(0, run("plan", "-f", spec.toString(), "--only", "function:report"));
    assertTrue(engine.calls.contains("only function:report"), engine.calls.toString());
    assertTrue(out.startsWith("Warning: --only function:report: this plan holds only"), out);
    assertTrue(out.contains("~ local:function/orders-dev-report"), out);
    assertFalse(out.contains("orders-dev-uploads"), out);
    assertTrue(out.contains("Plan: 0 to add, 1 to change, 0 to destroy."), out);
  }

  @Test
  void theMarkdownPlanSaysItIsPartialRightAfterTheSummary() {
    assertEquals(
        0, run("plan", "-f", spec.toString(), "--only", "function:report", "--format", "markdown"));
    assertTrue(
        out.startsWith(
            "**Plan: 0 to add, 1 to change, 0 to destroy.** Stack `orders` on target `dev`"
                + " (local).\n\n> [!WARNING]\n> --only function:report: this plan holds only"),
        out);
    assertTrue(err.startsWith("Warning: --only function:report"), err);
  }

  @Test
  void anUnknownItemOrABadFormIsABadCommandLine() {
    assertEquals(ExitCode.INVALID, run("plan", "-f", spec.toString(), "--only", "function:nope"));
    assertTrue(err.contains("has no spec item 'function nope'"), err);
    assertEquals(ExitCode.INVALID, run("plan", "-f", spec.toString(), "--only", "report"));
    assertTrue(err.contains("write KIND:NAME, e.g. function:api"), err);
  }

  @Test
  void aSavedPlanRecordsItAndApplyingItCutsTheSameWay() throws IOException {
    Path saved = dir.resolve("plan.json");
    assertEquals(
        0,
        run("plan", "-f", spec.toString(), "--only", "function:report", "--out", saved.toString()));
    Map<String, Object> json = Json.parseObject(Files.readString(saved));
    assertEquals("function:report", json.get("only"));
    assertEquals(1, ((List<?>) json.get("changes")).size());

    engine.calls.clear();
    engine.only = null;
    assertEquals(0, run("apply", "--auto-approve", saved.toString()));
    assertTrue(engine.calls.contains("only function:report"), engine.calls.toString());
    assertTrue(out.startsWith("Warning: --only function:report"), out);
    assertTrue(out.contains("Apply complete! Resources: 0 added, 1 changed, 0 destroyed."), out);

    assertEquals(
        ExitCode.INVALID,
        run("apply", "--auto-approve", "--only", "function:report", saved.toString()));
    assertTrue(err.contains("a saved plan records its own --only"), err);
  }

  @Test
  void aPlanWithoutOnlySavesTheSameBytesAsBefore() throws IOException {
    Path saved = dir.resolve("plan.json");
    assertEquals(0, run("plan", "-f", spec.toString(), "--out", saved.toString()));
    assertFalse(Json.parseObject(Files.readString(saved)).containsKey("only"));
  }

  @Test
  void applyOnlyWarnsOnStderrWhenStdoutIsAnEventStream() throws IOException {
    assertEquals(
        0,
        run(
            "apply",
            "-f",
            spec.toString(),
            "--only",
            "function:report",
            "--json",
            "--auto-approve"));
    assertTrue(err.startsWith("Warning: --only function:report"), err);
    assertTrue(out.lines().allMatch(l -> l.startsWith("{")), out);
  }
}
