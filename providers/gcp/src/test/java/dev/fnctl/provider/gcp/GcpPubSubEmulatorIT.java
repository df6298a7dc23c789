package dev.fnctl.provider.gcp;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonParser;
import dev.fnctl.provider.Context;
import dev.fnctl.provider.LiveResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The provider's topics against Google's real Pub/Sub emulator, found through {@code
 * PUBSUB_EMULATOR_HOST} as every Google tool finds it, and checked with the emulator's own REST API
 * (an independent client). Skipped, saying how to install it, when the emulator is absent.
 */
class GcpPubSubEmulatorIT {
  @RegisterExtension static PubSubEmulator emulator = new PubSubEmulator();

  private GcpSession session(String stack) throws Exception {
    GcpNames names = new GcpNames(stack, "dev", "emu-project", "europe-west1");
    // Every other API points at a closed port: only Pub/Sub may be called here.
    return GcpSession.open(
        names,
        "http://127.0.0.1:9",
        new Context(
            Path.of("."), Map.of("PUBSUB_EMULATOR_HOST", emulator.host()), Context.Log.SILENT));
  }

  private String rest(String path) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://" + emulator.host() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    return r.body();
  }

  @Test
  void topicsAreCreatedWithLabelsFoundByThemAndDeletedIdempotently() throws Exception {
    try (GcpSession s = session("orders")) {
      Topics topics = new Topics(s);
      topics.create("orders-dev-events");
      topics.create("orders-dev-events"); // a create that finds it there converges
      var labels =
          JsonParser.parseString(rest("/v1/projects/emu-project/topics/orders-dev-events"))
              .getAsJsonObject()
              .getAsJsonObject("labels");
      assertEquals("orders", labels.get("fnctl-stack").getAsString());
      assertEquals("dev", labels.get("fnctl-target").getAsString());

      // someone else's topic in the same project is neither listed as ours nor touched
      try (GcpSession other = session("billing")) {
        new Topics(other).create("billing-dev-events");
      }
      List<LiveResource> live = topics.list(Set.of());
      assertEquals(
          List.of("gcp:pubsub:topic/orders-dev-events"),
          live.stream().map(LiveResource::address).toList());
      assertTrue(live.get(0).owned());
      // a desired name someone else holds is read, as not owned
      List<LiveResource> clash = topics.list(Set.of("billing-dev-events"));
      assertEquals(2, clash.size());
      assertFalse(
          clash.stream()
              .filter(r -> r.address().endsWith("billing-dev-events"))
              .findFirst()
              .orElseThrow()
              .owned());

      topics.delete("orders-dev-events");
      topics.delete("orders-dev-events"); // already gone: fine
      assertTrue(topics.list(Set.of()).isEmpty());
      assertTrue(rest("/v1/projects/emu-project/topics").contains("billing-dev-events"));
    }
  }
}
