package dev.fnctl.fake.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The standalone entry point that providers/azure-fake/fake-cloud runs: the line {@code ready URL}
 * on stdout when listening, state kept between requests, stopped by a signal.
 */
class StandaloneIT {
  @Test
  void printsOneReadyLineAndKeepsState() throws Exception {
    int port;
    try (var socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var process =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                FakeArm.class.getName(),
                "--port",
                Integer.toString(port))
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try (var out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("ready https://127.0.0.1:" + port, out.readLine());
      var ssl = FakeArm.start();
      var trust = ssl.sslContext();
      ssl.close();
      var client = HttpClient.newBuilder().sslContext(trust).build();
      var group =
          "https://127.0.0.1:"
              + port
              + "/subscriptions/s1/resourceGroups/orders-rg?api-version=2021-04-01";
      var put =
          client.send(
              HttpRequest.newBuilder(URI.create(group))
                  .header("Authorization", "Bearer any")
                  .header("Content-Type", "application/json")
                  .PUT(HttpRequest.BodyPublishers.ofString("{\"location\":\"westeurope\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(201, put.statusCode(), put.body());
      var get =
          client.send(
              HttpRequest.newBuilder(URI.create(group))
                  .header("Authorization", "Bearer any")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, get.statusCode(), "the state is kept: " + get.body());
      process.destroy();
      assertTrue(process.waitFor(10, TimeUnit.SECONDS), "it stops when told to");
    } finally {
      process.destroyForcibly();
    }
  }
}
