package dev.fnctl.model.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The schema editors use agrees with the loader: what loads validates, and clear mistakes do not.
 */
class SpecSchemaTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final JsonSchema SCHEMA =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(SpecSchema.text());

  static Set<ValidationMessage> validate(Path yaml) throws IOException {
    Object doc = new Yaml().load(Files.readString(yaml));
    return SCHEMA.validate(JSON.valueToTree(doc));
  }

  static Stream<Path> validSpecs() throws IOException {
    try (Stream<Path> s = Files.list(SpecLoaderTest.VALID)) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList().stream();
    }
  }

  @Test
  void theDocsCopyIsIdentical() throws IOException {
    assertEquals(
        SpecSchema.text(),
        Files.readString(Path.of("../docs/fnctl.schema.json")),
        "copy model/src/main/resources/dev/fnctl/model/fnctl.schema.json to"
            + " docs/fnctl.schema.json");
  }

  @Test
  void isDraft202012WithDescriptions() throws IOException {
    JsonNode schema = JSON.readTree(SpecSchema.text());
    assertEquals("https://json-schema.org/draft/2020-12/schema", schema.get("$schema").asText());
    for (String field : SpecReader.FIELDS) {
      assertTrue(
          schema.at("/properties/" + field + "/description").isTextual()
              || schema.at("/properties/" + field + "/const").isTextual(),
          field + " has a description");
    }
  }

  @Test
  void namesTheSameFieldsAsTheLoader() throws IOException {
    JsonNode schema = JSON.readTree(SpecSchema.text());
    assertEquals(new TreeSet<>(SpecReader.FIELDS), names(schema.at("/properties")));
    assertEquals(
        new TreeSet<>(FunctionReader.FIELDS), names(schema.at("/$defs/function/properties")));
    assertEquals(
        new TreeSet<>(SettingsReader.FIELDS), names(schema.at("/$defs/settings/properties")));
    Set<String> kinds = new TreeSet<>();
    schema.at("/$defs/trigger/oneOf").forEach(t -> kinds.addAll(names(t.get("properties"))));
    assertEquals(new TreeSet<>(TriggerReader.KINDS), kinds);
  }

  private static Set<String> names(JsonNode object) {
    Set<String> out = new TreeSet<>();
    object.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @ParameterizedTest
  @MethodSource("validSpecs")
  void everySpecTheLoaderAcceptsValidates(Path spec) throws Exception {
    new SpecLoader(Map.of()).load(spec, null);
    assertEquals(Set.of(), validate(spec));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "unknown-fields",
        "wrong-types",
        "missing-top-level",
        "api-version-wrong",
        "memory-out-of-range",
        "timeouts",
        "concurrency",
        "architecture",
        "batch-size",
        "http",
        "storage",
        "names",
        "stack-too-long",
        "permissions-access",
        "trigger-shape",
        "env-and-secrets",
        "existing-with-settings",
        "budgets",
        "budget-limits",
        "targets",
        "types-in-sections",
        "rates",
        "missing-function-fields",
        "cron-field-count",
        "schedule-cron-and-rate",
        "quoted-numbers",
        "runtimes",
        "api-version-variable"
      })
  void rejectsWhatTheLoaderRejects(String name) throws IOException {
    Path spec = InvalidSpecsTest.DIR.resolve(name + ".yaml");
    assertFalse(validate(spec).isEmpty(), name + " should not validate");
  }

  @Test
  void rejectsEachMistakeOnItsOwn() throws Exception {
    String base = Files.readString(SpecLoaderTest.VALID.resolve("minimal.yaml"));
    List<String> mistakes =
        new ArrayList<>(
            List.of(
                "    memory: 64\n",
                "    timeout: 500ms\n",
                "    architecture: arm\n",
                "    permissions: [{ bucket: b, access: consume }]\n",
                "    concurrency: { max: 0 }\n",
                "    env: { lower: x }\n",
                "    secrets: { KEY: \"\" }\n",
                "    runtime: nodejs20.x\n",
                "    triggers: [{ http: { method: get, path: /a } }]\n",
                "    triggers: [{ http: { method: Post, path: /a } }]\n"));
    assertEquals(Set.of(), validate(write(base)));
    for (String m : mistakes) {
      assertFalse(validate(write(base + m)).isEmpty(), m);
    }
  }

  private static Path write(String text) throws IOException {
    Path p = Files.createTempFile("schema", ".yaml");
    Files.writeString(p, text);
    p.toFile().deleteOnExit();
    return p;
  }
}
