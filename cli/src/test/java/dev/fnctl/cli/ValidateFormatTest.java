package dev.fnctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.diag.Diagnostic;
import dev.fnctl.model.diag.Position;
import dev.fnctl.model.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code validate --format}: the same exit codes in every format, the report on stdout. */
class ValidateFormatTest extends CliTestBase {
  @Test
  void jsonListsEveryProblemWithItsPlace() {
    engine.problems =
        List.of(
            new Diagnostic(new Position("fnctl.yaml", 12, 13), "functions.f.memory", "too big"),
            new Diagnostic(Position.ofFile("fnctl.yaml"), "", "not YAML"));
    assertEquals(ExitCode.INVALID, run("validate", "-f", spec.toString(), "--format", "json"));
    Map<String, Object> json = Json.parseObject(out);
    assertEquals(false, json.get("valid"));
    List<?> d = (List<?>) json.get("diagnostics");
    assertEquals(
        Map.of(
            "file", "fnctl.yaml",
            "line", 12L,
            "column", 13L,
            "path", "functions.f.memory",
            "severity", "error",
            "message", "too big"),
        d.get(0));
    assertEquals(0L, ((Map<?, ?>) d.get(1)).get("line"));
    assertEquals("", err, "the report is on stdout only");
  }

  @Test
  void warningsAreListedButTheSpecIsValid() {
    engine.problems =
        List.of(
            new Diagnostic(
                new Position("fnctl.yaml", 9, 19),
                "functions.f.env.TOKEN",
                "looks like secret material",
                dev.fnctl.model.diag.Severity.WARNING));
    assertEquals(ExitCode.OK, run("validate", "-f", spec.toString(), "--format", "json"));
    Map<String, Object> json = Json.parseObject(out);
    assertEquals(true, json.get("valid"));
    assertEquals(
        "warning", ((Map<?, ?>) ((List<?>) json.get("diagnostics")).get(0)).get("severity"));

    assertEquals(ExitCode.OK, run("validate", "-f", spec.toString(), "--format", "sarif"));
    assertTrue(out.contains("\"level\": \"warning\""), out);
  }

  @Test
  void aValidSpecIsValidInEveryFormat() {
    assertEquals(0, run("validate", "-f", spec.toString(), "--format", "json"));
    assertEquals(true, Json.parseObject(out).get("valid"));
    assertEquals(0, run("validate", "-f", spec.toString(), "--format", "sarif"));
    assertTrue(out.contains("\"results\": []"), out);
    assertEquals(0, run("validate", "-f", spec.toString()));
    assertEquals(spec + " is valid.\n", out);
  }

  @Test
  void sarifExitsThreeOnProblems() {
    engine.problems = List.of(new Diagnostic(new Position("fnctl.yaml", 2, 8), "stack", "bad"));
    assertEquals(ExitCode.INVALID, run("validate", "-f", spec.toString(), "--format", "sarif"));
    assertTrue(out.contains("\"ruleId\": \"stack\""), out);
    assertEquals(ExitCode.INVALID, run("validate", "-f", spec.toString(), "--format", "xml"));
    assertTrue(err.contains("'xml' is not a validate format; use text, json or sarif"), err);
  }
}
