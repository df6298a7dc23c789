package dev.fnctl.cli.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema {@code fnctl schema} prints is the one editors use: every sample and every template
 * must validate against it, or users would see red squiggles on our own examples.
 */
class SchemaIT {
  static JsonSchema schema;

  @TempDir Path dir;

  @BeforeAll
  static void loadSchema(@TempDir Path cwd) throws IOException {
    Launcher.Result r = Launcher.run(cwd, "schema").expect(0);
    JsonNode node = new ObjectMapper().readTree(r.out());
    schema = JsonSchemaFactory.getInstance(SpecVersionDetector.detect(node)).getSchema(node);
  }

  static List<Path> specs() {
    List<Path> specs = new ArrayList<>();
    for (Path sample : Launcher.samples()) specs.add(sample.resolve("fnctl.yaml"));
    for (String t : Launcher.templates())
      specs.add(Launcher.ROOT.resolve("templates").resolve(t).resolve("fnctl.yaml"));
    return specs;
  }

  @TestFactory
  Stream<DynamicTest> everySampleAndTemplateValidates() {
    Assumptions.assumeFalse(specs().isEmpty(), "no samples or templates in this checkout yet");
    return specs().stream()
        .map(
            spec ->
                DynamicTest.dynamicTest(
                    Launcher.ROOT.relativize(spec).toString(),
                    () -> {
                      Set<ValidationMessage> problems =
                          schema.validate(new YAMLMapper().readTree(spec.toFile()));
                      assertTrue(problems.isEmpty(), spec + ": " + problems);
                    }));
  }

  @Test
  void theSchemaRejectsWhatFnctlRejects() throws IOException {
    Path bad =
        Files.writeString(
            dir.resolve("fnctl.yaml"),
            "apiVersion: fnctl.dev/v1\nstack: s\nfunctions:\n  f:\n    code: ./f\n    memroy: 1\n");
    Set<ValidationMessage> problems = schema.validate(new YAMLMapper().readTree(bad.toFile()));
    assertTrue(!problems.isEmpty(), "an unknown field must fail the schema too");
  }
}
