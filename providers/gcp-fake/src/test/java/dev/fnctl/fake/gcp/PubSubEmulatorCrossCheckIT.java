package dev.fnctl.fake.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same Pub/Sub requests to the fake and to Google's Pub/Sub emulator (from the Cloud SDK's
 * platform/pubsub-emulator, started on a free loopback port): the answers must agree in status,
 * error status and JSON shape. The fake may print more than the emulator only where the real
 * service does and the emulator predates it ({@link #NEWER_THAN_THE_EMULATOR}). Skipped, saying
 * why, when the emulator is not installed.
 */
class PubSubEmulatorCrossCheckIT {
  /** Output-only fields the real service prints that the emulator (0.8.x) does not have. */
  private static final Set<String> NEWER_THAN_THE_EMULATOR =
      Set.of("state", "expirationPolicy", "expirationPolicy.ttl");

  private static final Path EMULATOR_LIB =
      Path.of(
          System.getenv()
              .getOrDefault(
                  "FNCTL_PUBSUB_EMULATOR", "/usr/lib/google-cloud-sdk/platform/pubsub-emulator"),
          "lib");

  private static Process emulator;
  private static FakeGcp fake;

  private static Path emulatorJar() throws Exception {
    if (!Files.isDirectory(EMULATOR_LIB)) {
      return null;
    }
    try (var files = Files.list(EMULATOR_LIB)) {
      return files
          .filter(f -> f.getFileName().toString().matches("cloud-pubsub-emulator-.*-all\\.jar"))
          .findFirst()
          .orElse(null);
    }
  }

  private static Http emulatorHttp;

  @BeforeAll
  static void start() throws Exception {
    Path jar = emulatorJar();
    assumeTrue(
        jar != null,
        "the Pub/Sub emulator is not installed at "
            + EMULATOR_LIB
            + ": install it with `gcloud components install pubsub-emulator` (or the google-cloud-cli-pubsub-emulator package), or set FNCTL_PUBSUB_EMULATOR");
    int port = Processes.freePort();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    emulator =
        Processes.startUntil(
            new ProcessBuilder(java, "-jar", jar.toString(), "--host=127.0.0.1", "--port=" + port),
            line -> line.contains("Server started"),
            new StringBuilder(),
            120);
    emulatorHttp = new Http("http://127.0.0.1:" + port);
    fake = FakeGcp.start();
  }

  @AfterAll
  static void stop() throws Exception {
    Processes.stop(emulator);
    if (fake != null) {
      fake.close();
    }
  }

  private record Step(String verb, String path, String body) {}

  @Test
  void topicsAndSubscriptionsAnswerAlike() {
    List<Step> steps =
        List.of(
            new Step(
                "PUT", "/v1/projects/p/topics/orders", "{\"labels\":{\"fnctl-stack\":\"shop\"}}"),
            new Step("PUT", "/v1/projects/p/topics/orders", "{}"),
            new Step("PUT", "/v1/projects/p/topics/orders-dead", "{}"),
            new Step("PUT", "/v1/projects/p/topics/goog-reserved", "{}"),
            new Step("PUT", "/v1/projects/p/topics/bad-field", "{\"lables\":{}}"),
            new Step("GET", "/v1/projects/p/topics/orders", null),
            new Step("GET", "/v1/projects/p/topics/missing", null),
            new Step(
                "PUT",
                "/v1/projects/p/subscriptions/worker",
                "{\"topic\":\"projects/p/topics/orders\",\"labels\":{\"a\":\"b\"},"
                    + "\"deadLetterPolicy\":{\"deadLetterTopic\":\"projects/p/topics/orders-dead\",\"maxDeliveryAttempts\":7}}"),
            new Step(
                "PUT",
                "/v1/projects/p/subscriptions/worker",
                "{\"topic\":\"projects/p/topics/orders\"}"),
            new Step(
                "PUT",
                "/v1/projects/p/subscriptions/orphan",
                "{\"topic\":\"projects/p/topics/missing\"}"),
            new Step(
                "PUT",
                "/v1/projects/p/subscriptions/s1",
                "{\"topic\":\"projects/p/topics/orders\"}"),
            new Step("GET", "/v1/projects/p/topics", null),
            new Step("GET", "/v1/projects/p/topics/orders/subscriptions", null),
            new Step("GET", "/v1/projects/p/subscriptions/worker", null),
            new Step("DELETE", "/v1/projects/p/subscriptions/worker", null),
            new Step("DELETE", "/v1/projects/p/topics/orders", null),
            new Step("GET", "/v1/projects/p/topics/orders", null));
    Http fakeHttp = new Http(fake.endpoint());
    List<String> differences = new ArrayList<>();
    for (Step step : steps) {
      Http.Answer real = emulatorHttp.call(step.verb(), step.path(), step.body());
      Http.Answer ours = fakeHttp.call(step.verb(), step.path(), step.body());
      String what = step.verb() + " " + step.path() + " " + step.body();
      if (real.status() != ours.status()) {
        differences.add(
            what
                + ": emulator "
                + real.status()
                + " "
                + real.body()
                + " / fake "
                + ours.status()
                + " "
                + ours.body());
        continue;
      }
      JsonElement realJson = JsonParser.parseString(real.body().isBlank() ? "{}" : real.body());
      JsonElement ourJson = JsonParser.parseString(ours.body().isBlank() ? "{}" : ours.body());
      if (real.status() != 200) {
        String realStatus =
            realJson.getAsJsonObject().getAsJsonObject("error").get("status").getAsString();
        String ourStatus =
            ourJson.getAsJsonObject().getAsJsonObject("error").get("status").getAsString();
        if (!realStatus.equals(ourStatus)) {
          differences.add(what + ": emulator " + realStatus + " / fake " + ourStatus);
        }
        continue;
      }
      Set<String> realShape = shape(realJson, "");
      Set<String> ourShape = shape(ourJson, "");
      Set<String> missing = new TreeSet<>(realShape);
      missing.removeAll(ourShape);
      Set<String> extra = new TreeSet<>(ourShape);
      extra.removeAll(realShape);
      extra.removeIf(
          path ->
              NEWER_THAN_THE_EMULATOR.contains(
                  path.replaceFirst("^(topics|subscriptions)\\[]\\.", "")));
      if (!missing.isEmpty() || !extra.isEmpty()) {
        differences.add(what + ": the fake lacks " + missing + ", has more " + extra);
      }
    }
    assertEquals(List.of(), differences);
    assertTrue(steps.size() > 10);
  }

  /**
   * Every field path of a JSON value ({@code deadLetterPolicy.maxDeliveryAttempts}, {@code
   * topics[].name}); map keys are not paths.
   */
  private static Set<String> shape(JsonElement json, String at) {
    Set<String> paths = new TreeSet<>();
    if (json.isJsonObject()) {
      JsonObject object = json.getAsJsonObject();
      boolean isMap = at.endsWith("labels");
      if (isMap) {
        return paths;
      }
      for (var entry : object.entrySet()) {
        String path = at.isEmpty() ? entry.getKey() : at + "." + entry.getKey();
        paths.add(path);
        paths.addAll(shape(entry.getValue(), path));
      }
    } else if (json.isJsonArray()) {
      for (JsonElement item : json.getAsJsonArray()) {
        paths.addAll(shape(item, at + "[]"));
      }
    }
    return paths;
  }
}
