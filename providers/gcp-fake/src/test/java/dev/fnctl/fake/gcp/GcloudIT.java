package dev.fnctl.fake.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Other tools read what was made: the standalone fake (providers/testkit/fake-cloud gcp, through
 * this module's fake-cloud script) is started as a process, resources are made through its REST
 * surface, and the gcloud CLI, pointed at it with its endpoint overrides and no credentials, reads
 * them back. Skipped, saying why, where gcloud is not installed.
 */
class GcloudIT {
  private static final String[] APIS = {
    "CLOUDFUNCTIONS", "PUBSUB", "STORAGE", "IAM", "CLOUDSCHEDULER", "EVENTARC", "SECRETMANAGER"
  };

  @TempDir static Path config;
  private static Process fake;
  private static String endpoint;
  private static Http http;

  private static Path gcloud() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
      Path candidate = Path.of(dir, "gcloud");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  @BeforeAll
  static void start() throws Exception {
    assumeTrue(
        gcloud() != null,
        "gcloud is not on the PATH: install the Google Cloud CLI (https://cloud.google.com/sdk/docs/install) to run GcloudIT");
    int port = Processes.freePort();
    Path testkit = Processes.module().resolve("../testkit/fake-cloud").normalize();
    StringBuilder output = new StringBuilder();
    fake =
        Processes.startUntil(
            new ProcessBuilder(testkit.toString(), "gcp", "--port", Integer.toString(port)),
            line -> line.startsWith("ready "),
            output,
            300);
    assertTrue(
        output.toString().contains("ready http://127.0.0.1:" + port + "\n"), output.toString());
    endpoint = "http://127.0.0.1:" + port;
    http = new Http(endpoint);
  }

  @AfterAll
  static void stop() throws Exception {
    Processes.stop(fake);
  }

  private static JsonArray gcloudJson(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(gcloud().toString()));
    command.addAll(List.of(args));
    command.add("--format=json");
    ProcessBuilder builder = new ProcessBuilder(command);
    Map<String, String> env = builder.environment();
    env.put("CLOUDSDK_CONFIG", config.toString());
    env.put("CLOUDSDK_AUTH_DISABLE_CREDENTIALS", "true");
    env.put("CLOUDSDK_CORE_PROJECT", "acme-test");
    env.put("CLOUDSDK_CORE_DISABLE_PROMPTS", "1");
    env.put("CLOUDSDK_COMPONENT_MANAGER_DISABLE_UPDATE_CHECK", "true");
    for (String api : APIS) {
      env.put("CLOUDSDK_API_ENDPOINT_OVERRIDES_" + api, endpoint + "/");
    }
    Path out = Files.createTempFile(config, "gcloud", ".out");
    Path err = Files.createTempFile(config, "gcloud", ".err");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "gcloud took too long");
    String stdout = Files.readString(out, StandardCharsets.UTF_8);
    assertEquals(
        0, process.exitValue(), String.join(" ", args) + ":\n" + stdout + Files.readString(err));
    return JsonParser.parseString(stdout).getAsJsonArray();
  }

  @Test
  void gcloudReadsBackFunctionsTopicsBucketsAccountsJobsAndSecrets() throws Exception {
    String location = "/v2/projects/acme-test/locations/europe-west1";
    var upload = http.call("POST", location + "/functions:generateUploadUrl", "{}").json();
    http.putZip(upload.get("uploadUrl").getAsString(), Http.zip("def main(request): return 'ok'"));
    var operation =
        http.call(
                "POST",
                location + "/functions?functionId=orders",
                "{\"buildConfig\":{\"runtime\":\"python312\",\"entryPoint\":\"main\",\"source\":{\"storageSource\":"
                    + upload.get("storageSource")
                    + "}},\"labels\":{\"fnctl-stack\":\"shop\"}}")
            .json();
    String opPath = "/v2/" + operation.get("name").getAsString();
    for (int i = 0; i < 5 && !http.call("GET", opPath, null).json().has("done"); i++) {
      Thread.sleep(10);
    }
    http.call(
        "PUT", "/v1/projects/acme-test/topics/orders", "{\"labels\":{\"fnctl-stack\":\"shop\"}}");
    http.call(
        "POST",
        "/storage/v1/b?project=acme-test",
        "{\"name\":\"shop-assets\",\"labels\":{\"fnctl-stack\":\"shop\"}}");
    http.call(
        "POST", "/v1/projects/acme-test/serviceAccounts", "{\"accountId\":\"fn-shop-orders\"}");
    http.call(
        "POST",
        "/v1/projects/acme-test/locations/europe-west1/jobs",
        "{\"name\":\"projects/acme-test/locations/europe-west1/jobs/fnctl--shop--nightly\",\"schedule\":\"0 3 * * *\","
            + "\"httpTarget\":{\"uri\":\"https://orders.a.run.app\"}}");
    http.call(
        "POST",
        "/v1/projects/acme-test/secrets?secretId=db-password",
        "{\"replication\":{\"automatic\":{}}}");

    JsonArray functions = gcloudJson("functions", "list", "--v2");
    assertEquals(
        "projects/acme-test/locations/europe-west1/functions/orders",
        functions.get(0).getAsJsonObject().get("name").getAsString());
    assertEquals("ACTIVE", functions.get(0).getAsJsonObject().get("state").getAsString());
    assertEquals(
        "shop",
        functions
            .get(0)
            .getAsJsonObject()
            .getAsJsonObject("labels")
            .get("fnctl-stack")
            .getAsString());

    assertEquals(
        "projects/acme-test/topics/orders",
        gcloudJson("pubsub", "topics", "list").get(0).getAsJsonObject().get("name").getAsString());
    JsonArray buckets = gcloudJson("storage", "buckets", "list");
    assertEquals("shop-assets", buckets.get(0).getAsJsonObject().get("name").getAsString());
    assertEquals(
        "fn-shop-orders@acme-test.iam.gserviceaccount.com",
        gcloudJson("iam", "service-accounts", "list")
            .get(0)
            .getAsJsonObject()
            .get("email")
            .getAsString());
    assertTrue(
        gcloudJson("scheduler", "jobs", "list", "--location=europe-west1")
            .toString()
            .contains("fnctl--shop--nightly"));
    assertTrue(
        gcloudJson("secrets", "list")
            .toString()
            .contains("projects/acme-test/secrets/db-password"));
  }
}
