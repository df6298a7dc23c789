package dev.fnctl.provider.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.provider.CodeEntry;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The host.json and function.json files fnctl writes from the neutral triggers, checked against the
 * bindings' schema ({@code src/test/resources/schemas/function.json.schema.json}, from the binding
 * reference and SchemaStore's function.json schema) and against what they must say.
 */
class FunctionBindingsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private Deployment deployment() throws Exception {
    Files.createDirectories(dir.resolve("fn"));
    Files.writeString(dir.resolve("fn/main.py"), "def handle(e):\n  return 1\n");
    Path spec = dir.resolve("fnctl.yaml");
    Files.writeString(
        spec,
        """
        apiVersion: fnctl.dev/v1
        stack: orders
        targets:
          azure: { provider: azure, subscription: "11111111-2222-3333-4444-555555555555", resourceGroup: rg, region: westeurope }
        defaults: { runtime: python3.12, memory: 2048, timeout: 90s }
        functions:
          api:
            code: ./fn
            handler: app.handlers.handle
            triggers:
              - http: { method: POST, path: "/orders/{id}", auth: none }
              - http: { method: ANY, path: /admin, auth: iam }
              - schedule: { cron: "30 2 * * 1-5" }
              - schedule: { rate: 15m }
              - queue: { queue: jobs, batchSize: 16 }
              - storage: { bucket: uploads, events: [created], prefix: images/, suffix: .jpg }
        queues: { jobs: { deadLetter: { maxReceives: 3 }, visibilityTimeout: 2m } }
        buckets: { uploads: {} }
        """);
    return AzureSamples.load(spec, Map.of());
  }

  private static JsonSchema schema() throws Exception {
    try (InputStream in =
        FunctionBindingsTest.class.getResourceAsStream("/schemas/function.json.schema.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7)
          .getSchema(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }
  }

  private static JsonNode read(CodeEntry e) throws Exception {
    try (InputStream in = e.content().open()) {
      return JSON.readTree(in);
    }
  }

  @Test
  void everyFunctionJsonMatchesTheBindingSchema() throws Exception {
    Deployment d = deployment();
    FunctionSpec f = d.functions().get("api");
    List<CodeEntry> entries =
        new FunctionBindings(d.queues())
            .entries(f, FlexConsumption.runtime("python3.12").orElseThrow());
    JsonSchema schema = schema();
    int functionJsons = 0;
    for (CodeEntry e : entries) {
      if (!e.path().endsWith("/function.json")) continue;
      functionJsons++;
      Set<ValidationMessage> problems = schema.validate(read(e));
      assertEquals(Set.of(), problems, e.path());
      assertTrue(e.path().matches("api-[a-z]+-[a-z0-9-]+/function\\.json"), e.path());
    }
    assertEquals(f.triggers().size(), functionJsons, "one Azure function per trigger");
  }

  @Test
  void theBindingsSayWhatTheSpecSays() throws Exception {
    Deployment d = deployment();
    FunctionSpec f = d.functions().get("api");
    FunctionBindings b = new FunctionBindings(d.queues());
    var runtime = FlexConsumption.runtime("python3.12").orElseThrow();
    Map<String, Object> http = b.functionJson(f, f.triggers().get(0), runtime);
    assertEquals("../app/handlers.py", http.get("scriptFile"));
    assertEquals("handle", http.get("entryPoint"));
    String bindings = JSON.writeValueAsString(http.get("bindings"));
    assertTrue(bindings.contains("\"authLevel\":\"anonymous\""), bindings);
    assertTrue(bindings.contains("\"methods\":[\"post\"]"), bindings);
    assertTrue(bindings.contains("\"route\":\"orders/{id}\""), bindings);
    String admin = JSON.writeValueAsString(b.functionJson(f, f.triggers().get(1), runtime));
    assertTrue(admin.contains("\"authLevel\":\"function\""), admin);
    assertTrue(!admin.contains("methods"), "ANY is every method: " + admin);
    assertTrue(
        JSON.writeValueAsString(b.functionJson(f, f.triggers().get(2), runtime))
            .contains("\"schedule\":\"0 30 2 * * 1-5\""));
    assertTrue(
        JSON.writeValueAsString(b.functionJson(f, f.triggers().get(3), runtime))
            .contains("\"schedule\":\"0 */15 * * * *\""));
    String queue = JSON.writeValueAsString(b.functionJson(f, f.triggers().get(4), runtime));
    assertTrue(queue.contains("\"queueName\":\"jobs\""), queue);
    assertTrue(queue.contains("\"connection\":\"FNCTL_DATA\""), queue);
    String blob = JSON.writeValueAsString(b.functionJson(f, f.triggers().get(5), runtime));
    assertTrue(blob.contains("\"type\":\"blobTrigger\""), blob);
    assertTrue(blob.contains("\"source\":\"EventGrid\""), blob);
    assertTrue(blob.contains("\"path\":\"uploads/{name}\""), "filters are Event Grid's: " + blob);
    assertTrue(blob.contains("\"connection\":\"FNCTL_DATA\""), blob);
  }

  @Test
  void hostJsonCarriesTimeoutRoutePrefixAndQueueSettings() throws Exception {
    Deployment d = deployment();
    Map<String, Object> host = new FunctionBindings(d.queues()).hostJson(d.functions().get("api"));
    String json = JSON.writeValueAsString(host);
    assertEquals("2.0", host.get("version"));
    assertEquals("00:01:30", host.get("functionTimeout"));
    assertTrue(json.contains("\"routePrefix\":\"\""), json);
    assertTrue(json.contains("\"batchSize\":16"), json);
    assertTrue(json.contains("\"maxDequeueCount\":3"), json);
    assertTrue(json.contains("\"visibilityTimeout\":\"00:02:00\""), json);
    assertTrue(json.contains("Microsoft.Azure.Functions.ExtensionBundle"), json);
  }

  @Test
  void theFilesAreTheSameBytesEveryTime() throws Exception {
    Deployment d = deployment();
    FunctionSpec f = d.functions().get("api");
    var runtime = FlexConsumption.runtime("python3.12").orElseThrow();
    List<CodeEntry> one = new FunctionBindings(d.queues()).entries(f, runtime);
    List<CodeEntry> two = new FunctionBindings(d.queues()).entries(f, runtime);
    assertEquals(one.size(), two.size());
    for (int i = 0; i < one.size(); i++) {
      assertEquals(one.get(i).path(), two.get(i).path());
      try (InputStream a = one.get(i).content().open();
          InputStream b = two.get(i).content().open()) {
        assertTrue(java.util.Arrays.equals(a.readAllBytes(), b.readAllBytes()), one.get(i).path());
      }
    }
  }
}
