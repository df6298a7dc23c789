package dev.fnctl.fake.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Compares the fake with what Azure really answered in a recorded session of the Azure SDK for
 * Java's own tests (src/test/resources/recorded: an excerpt of
 * FunctionAppsTests.canCRUDLinuxFunctionApp from Azure/azure-sdk-assets, path and commit inside):
 * the same requests, the same status, the same polling headers and the same answer shapes, down to
 * the location spelling.
 */
class RecordedSessionIT {
  static final String GROUP =
      "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/javacsmrg798883b9";

  FakeArm arm;
  ArmClient client;
  JsonNode entries;

  @BeforeEach
  void start() throws IOException {
    arm = FakeArm.start();
    client = new ArmClient(arm);
    try (var in =
        getClass()
            .getResourceAsStream(
                "/recorded/FunctionAppsTests.canCRUDLinuxFunctionApp.excerpt.json")) {
      entries = Json.read(in).path("Entries");
    }
    assertEquals(
        201,
        client
            .send("PUT", GROUP + "?api-version=2024-03-01", "{\"location\":\"eastus\"}")
            .status());
  }

  @AfterEach
  void stop() {
    arm.close();
  }

  /** Sends a recorded request (its path and query, its body) to the fake. */
  ArmClient.Reply replay(JsonNode entry) {
    var uri = entry.path("RequestUri").asText().replace("https://REDACTED", "");
    var body = entry.path("RequestBody");
    return client.send(
        entry.path("RequestMethod").asText(),
        uri,
        body.isMissingNode() || body.isNull() ? null : Json.write(body));
  }

  @Test
  void storageAccountCreateAnswersAsRecorded() {
    var recorded = entries.get(0);
    var reply = replay(recorded);
    assertEquals(recorded.path("StatusCode").asInt(), reply.status(), reply.text());
    assertNull(reply.body(), "no body, as recorded");
    assertEquals(
        recorded.path("ResponseHeaders").path("Retry-After").asText(), reply.header("Retry-After"));
    var shape =
        "^https?://[^/]+/subscriptions/[^/]+/providers/Microsoft\\.Storage/locations/eastus/asyncoperations/[^/?]+\\?monitor=true&api-version=2023-05-01$";
    assertTrue(
        recorded.path("ResponseHeaders").path("Location").asText().matches(shape),
        "the recorded Location has the shape the test expects");
    assertTrue(reply.header("Location").matches(shape), reply.header("Location"));
  }

  @Test
  void planAndAppSettingsAnswerAsRecorded() {
    var plan = entries.get(1);
    var put = replay(plan);
    assertEquals(200, put.status(), put.text());
    ExamplesReplayIT.assertSameShape(plan.path("ResponseBody"), put.body(), "serverfarm PUT");
    assertEquals(
        "eastus", put.body().path("location").asText(), "a PUT answers the location as sent");

    var site = GROUP + "/providers/Microsoft.Web/sites/java-func-11067b0";
    var created =
        client.send(
            "PUT",
            site + "?api-version=2024-11-01",
            "{\"location\":\"eastus\",\"kind\":\"functionapp,linux\",\"properties\":{\"serverFarmId\":\""
                + plan.path("ResponseBody").path("id").asText()
                + "\",\"siteConfig\":{\"linuxFxVersion\":\"java|8\"}}}");
    assertEquals(202, created.status(), created.text());

    var get = replay(entries.get(2));
    ExamplesReplayIT.assertSameShape(
        entries.get(2).path("ResponseBody"), get.body(), "serverfarm GET");
    assertEquals("East US", get.body().path("location").asText(), "a GET answers the display name");
    assertEquals(1, get.body().path("properties").path("numberOfSites").asInt());

    var empty = replay(entries.get(3));
    assertEquals(
        entries.get(3).path("ResponseBody"),
        empty.body(),
        "a new app's settings are empty, as recorded");

    var settings = replay(entries.get(4));
    assertEquals(200, settings.status(), settings.text());
    ExamplesReplayIT.assertSameShape(
        entries.get(4).path("ResponseBody"), settings.body(), "appsettings PUT");
    assertEquals(
        entries.get(4).path("ResponseBody").path("properties"), settings.body().path("properties"));
  }
}
