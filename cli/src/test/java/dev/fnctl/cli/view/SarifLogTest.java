package dev.fnctl.cli.view;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.fnctl.engine.Engine;
import dev.fnctl.model.diag.Diagnostic;
import dev.fnctl.model.json.Json;
import dev.fnctl.provider.Providers;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code validate --format sarif} from a real spec with problems, validated by the real engine:
 * compared with a golden file, and checked against the SARIF 2.1.0 JSON Schema (vendored under
 * {@code src/test/resources/sarif}, source noted there).
 */
class SarifLogTest {
  private static final Path CASE = Path.of("src/test/resources/golden/validate-problems");
  private static final boolean UPDATE = Boolean.getBoolean("fnctl.golden.update");
  static List<Diagnostic> problems;

  @BeforeAll
  static void validate() {
    problems = Engine.create(Providers.discover(), Map.of()).validate(CASE.resolve("fnctl.yaml"));
  }

  @Test
  void matchesTheGoldenFile() throws IOException {
    assertTrue(problems.size() >= 3, "problems: " + problems);
    String sarif = SarifLog.write("0.0.0-test", problems);
    Path golden = CASE.resolve("validate.sarif");
    if (UPDATE) Files.writeString(golden, sarif, StandardCharsets.UTF_8);
    assertEquals(Files.readString(golden, StandardCharsets.UTF_8), sarif);
  }

  @Test
  void isValidSarif210() throws IOException {
    JsonSchema schema;
    try (InputStream in = getClass().getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
    }
    for (List<Diagnostic> ps : List.of(problems, List.<Diagnostic>of())) {
      JsonNode log = new ObjectMapper().readTree(SarifLog.write("0.0.0-test", ps));
      Set<ValidationMessage> errors = schema.validate(log);
      assertTrue(errors.isEmpty(), errors.toString());
    }
  }

  @Test
  void everyResultHasARuleAndARegionOnTheProblemsLine() {
    Map<String, Object> log = Json.parseObject(SarifLog.write("0.0.0-test", problems));
    Map<?, ?> run = (Map<?, ?>) ((List<?>) log.get("runs")).get(0);
    List<?> rules =
        (List<?>) ((Map<?, ?>) ((Map<?, ?>) run.get("tool")).get("driver")).get("rules");
    List<?> results = (List<?>) run.get("results");
    assertEquals(problems.size(), results.size());
    for (int i = 0; i < results.size(); i++) {
      Map<?, ?> result = (Map<?, ?>) results.get(i);
      Map<?, ?> rule = (Map<?, ?>) rules.get(((Number) result.get("ruleIndex")).intValue());
      assertEquals(rule.get("id"), result.get("ruleId"));
      Map<?, ?> physical =
          (Map<?, ?>)
              ((Map<?, ?>) ((List<?>) result.get("locations")).get(0)).get("physicalLocation");
      Map<?, ?> region = (Map<?, ?>) physical.get("region");
      assertEquals((long) problems.get(i).position().line(), region.get("startLine"));
      assertEquals((long) problems.get(i).position().column(), region.get("startColumn"));
      assertEquals(
          "src/test/resources/golden/validate-problems/fnctl.yaml",
          ((Map<?, ?>) physical.get("artifactLocation")).get("uri"));
    }
  }

  @Test
  void ruleIdsAreTheFieldWithNamesGeneralised() {
    assertEquals("functions.*.memory", SarifLog.ruleId("functions.resize.memory"));
    assertEquals(
        "functions.*.triggers[].schedule.cron",
        SarifLog.ruleId("functions.resize.triggers[1].schedule.cron"));
    assertEquals("targets.*.functions.*.env.*", SarifLog.ruleId("targets.prod.functions.f.env.X"));
    assertEquals("stack", SarifLog.ruleId("stack"));
    assertEquals("spec", SarifLog.ruleId(""));
  }
}
