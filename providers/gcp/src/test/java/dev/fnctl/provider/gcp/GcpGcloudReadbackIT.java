package dev.fnctl.provider.gcp;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dev.fnctl.engine.Engine;
import dev.fnctl.fake.gcp.FakeGcp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What fnctl made, read back with Google's own {@code gcloud} pointed at the fake (API endpoint
 * overrides, credentials disabled): an independent client that knows the real APIs. Skipped, saying
 * so, when gcloud is not installed.
 */
class GcpGcloudReadbackIT {
  static FakeGcp fake;
  static EngineOnFake on;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    fake = FakeGcp.start();
    on = new EngineOnFake(fake.endpoint());
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  static Path gcloud() {
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(d, "gcloud");
      if (Files.isExecutable(p)) return p;
    }
    return null;
  }

  private JsonArray gcloud(Path config, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(gcloud().toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--format=json", "--project=" + GcpSpecs.PROJECT, "--quiet"));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(false);
    Map<String, String> env = pb.environment();
    String base = fake.endpoint() + "/";
    env.put("CLOUDSDK_CONFIG", config.toString());
    env.put("CLOUDSDK_AUTH_DISABLE_CREDENTIALS", "true");
    env.put("CLOUDSDK_CORE_DISABLE_USAGE_REPORTING", "true");
    env.put("CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK", "true");
    env.put("CLOUDSDK_CORE_DISABLE_PROMPTS", "1");
    for (String api : List.of("CLOUDFUNCTIONS", "PUBSUB", "IAM", "CLOUDSCHEDULER", "EVENTARC"))
      env.put("CLOUDSDK_API_ENDPOINT_OVERRIDES_" + api, base);
    Path out = config.resolve("out.json");
    Path err = config.resolve("err.txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "gcloud " + String.join(" ", args) + " hung");
    assertEquals(
        0, p.exitValue(), "gcloud " + String.join(" ", args) + ": " + Files.readString(err));
    JsonElement e = JsonParser.parseString(Files.readString(out));
    if (e.isJsonArray()) return e.getAsJsonArray();
    JsonArray one = new JsonArray();
    one.add(e);
    return one;
  }

  private static List<String> names(JsonArray a, String key) {
    List<String> out = new ArrayList<>();
    for (JsonElement e : a) out.add(e.getAsJsonObject().get(key).getAsString());
    return out;
  }

  @Test
  void gcloudSeesWhatFnctlMade() throws Exception {
    Assumptions.assumeTrue(
        gcloud() != null,
        "gcloud is not installed: install the Google Cloud CLI to read back what fnctl made");
    Path spec =
        GcpSpecs.write(
            dir,
            """
            apiVersion: fnctl.dev/v1
            stack: readback
            targets:
              gcp: %s
            defaults: { runtime: python3.12, timeout: 30s }
            functions:
              hello:
                code: ./functions/hello
                handler: main.handle
                triggers:
                  - schedule: { cron: "0 9 * * 1-5", timezone: Europe/Berlin }
                permissions:
                  - { topic: events, access: publish }
            topics:
              events: {}
            """
                .formatted(GcpSpecs.target(fake.endpoint())));
    on.applyOk(spec, "gcp", Engine.PlanMode.NORMAL);
    Path config = Files.createDirectories(dir.resolve("gcloud"));

    // (functions list first lists the v1 API's locations, which the fake does not serve)
    JsonArray functions =
        gcloud(
            config,
            "functions",
            "describe",
            "readback-gcp-hello",
            "--gen2",
            "--region=" + GcpSpecs.REGION);
    assertEquals(
        List.of("projects/fnctl-test/locations/europe-west1/functions/readback-gcp-hello"),
        names(functions, "name"));
    var fn = functions.get(0).getAsJsonObject();
    assertEquals("python312", fn.getAsJsonObject("buildConfig").get("runtime").getAsString());
    assertEquals("readback", fn.getAsJsonObject("labels").get("fnctl-stack").getAsString());
    JsonArray topics = gcloud(config, "pubsub", "topics", "list");
    assertEquals(List.of("projects/fnctl-test/topics/readback-gcp-events"), names(topics, "name"));
    JsonArray jobs = gcloud(config, "scheduler", "jobs", "list", "--location=" + GcpSpecs.REGION);
    assertEquals(1, jobs.size(), jobs.toString());
    assertEquals("0 9 * * 1-5", jobs.get(0).getAsJsonObject().get("schedule").getAsString());
    assertEquals("Europe/Berlin", jobs.get(0).getAsJsonObject().get("timeZone").getAsString());
    on.applyOk(spec, "gcp", Engine.PlanMode.DESTROY);
  }
}
