package dev.fnctl.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.fnctl.model.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher on the http-api template and the local target: the forms for reviews and
 * machines (Markdown plan, SARIF, the apply event stream, show and output) from a real run.
 */
class MachineOutputIT {
  @TempDir Path scratch;

  @Test
  void aProjectsLifeInMachineForms() throws IOException {
    Path dir = scratch.resolve("api");
    Launcher.run(scratch, "init", "--template", "http-api", dir.toString()).expect(0);

    Launcher.Result md = Launcher.run(dir, "plan", "--format", "markdown").expect(0);
    assertTrue(md.out().startsWith("**Plan: "), md.out());
    assertTrue(md.out().contains("<details><summary><code>function api</code>"), md.out());

    Launcher.Result sarif = Launcher.run(dir, "validate", "--format", "sarif").expect(0);
    assertEquals(List.of(), results(sarif.out()));

    Launcher.Result apply =
        Launcher.run(dir, "apply", "--json", "--auto-approve").expect(0).noStackTrace();
    JsonSchema events =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
            .getSchema(
                new ObjectMapper()
                    .readTree(Launcher.ROOT.resolve("docs/json-events.schema.json").toFile()));
    List<String> lines = apply.out().lines().toList();
    for (String line : lines) {
      Set<ValidationMessage> problems = events.validate(new ObjectMapper().readTree(line));
      assertTrue(problems.isEmpty(), line + ": " + problems);
    }
    Map<String, Object> last = Json.parseObject(lines.get(lines.size() - 1));
    assertEquals("complete", last.get("result"), apply.out());

    Launcher.Result show = Launcher.run(dir, "show").expect(0).noStackTrace();
    assertTrue(show.out().startsWith("Stack http-api on target local (local): "), show.out());
    assertTrue(show.out().contains("\nfunction api\n"), show.out());
    assertTrue(show.out().contains("\nbucket items\n"), show.out());

    Launcher.Result all = Launcher.run(dir, "output", "--json").expect(0);
    Map<String, Object> outputs = Json.parseObject(all.out());
    assertFalse(outputs.isEmpty(), "the API's endpoints: " + all.out());
    String name = outputs.keySet().iterator().next();
    Launcher.Result one = Launcher.run(dir, "output", name).expect(0);
    assertEquals(outputs.get(name) + "\n", one.out());
    Launcher.Result unknown = Launcher.run(dir, "output", "no-such-output").expect(1);
    assertTrue(unknown.err().startsWith("Error: no output called 'no-such-output'"), unknown.err());

    Launcher.Result destroy =
        Launcher.run(dir, "destroy", "--json", "--auto-approve").expect(0).noStackTrace();
    for (String line : destroy.out().lines().toList())
      assertTrue(events.validate(new ObjectMapper().readTree(line)).isEmpty(), line);
    Launcher.Result empty = Launcher.run(dir, "show").expect(0);
    assertTrue(empty.out().contains("has nothing deployed"), empty.out());
  }

  @Test
  void sarifOfABadSpecPointsAtItsLinesAndIsValidSarif() throws IOException {
    Files.writeString(
        scratch.resolve("fnctl.yaml"),
        "apiVersion: fnctl.dev/v1\nstack: s\nfunctions:\n  f:\n    code: ./f\n    memroy: 1\n");
    Launcher.Result r = Launcher.run(scratch, "validate", "--format", "sarif").expect(3);
    JsonSchema sarif;
    try (InputStream in = getClass().getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
      sarif = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
    }
    assertTrue(sarif.validate(new ObjectMapper().readTree(r.out())).isEmpty(), r.out());
    assertTrue(r.out().contains("\"uri\": \"fnctl.yaml\""), r.out());
    assertTrue(r.out().contains("\"startLine\": 6"), r.out());
    assertFalse(results(r.out()).isEmpty());
  }

  private static List<?> results(String sarif) {
    Map<?, ?> run = (Map<?, ?>) ((List<?>) Json.parseObject(sarif).get("runs")).get(0);
    return (List<?>) run.get("results");
  }
}
