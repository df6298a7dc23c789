package dev.fnctl.provider.azure;

import dev.fnctl.fake.azure.FakeArm;
import dev.fnctl.provider.Providers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The Azure a test class deploys to: the stateful ARM fake over HTTPS and Azurite's blob service
 * (the stack lock's lease), each on a free 127.0.0.1 port, started once per class and stopped after
 * it. Azurite is found through {@code FNCTL_AZURITE} (set by {@code .ci/run}), the cache directory
 * {@code .ci/run} installs it into, or {@code azurite-blob} on PATH.
 *
 * <p>{@code @RegisterExtension static AzureFakes azure = new AzureFakes();}
 */
final class AzureFakes implements BeforeAllCallback, AfterAllCallback {
  static final String SUBSCRIPTION = AzureSamples.SUBSCRIPTION;
  static final String GROUP = AzureSamples.GROUP;

  /** Azurite's well-known development account and key (documented, not a secret). */
  static final String AZURITE_ACCOUNT = "devstoreaccount1";

  static final String AZURITE_KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  FakeArm arm;
  private Process azurite;
  private int blobPort;
  private Path workDir;

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    arm = FakeArm.start();
    workDir = Files.createTempDirectory("fnctl-azurite");
    blobPort = freePort();
    azurite =
        new ProcessBuilder(
                azuriteBlob(),
                "--blobHost",
                "127.0.0.1",
                "--blobPort",
                String.valueOf(blobPort),
                "--inMemoryPersistence",
                "--skipApiVersionCheck",
                "--silent")
            .directory(workDir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(workDir.resolve("azurite.log").toFile())
            .start();
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!listening(blobPort)) {
      if (!azurite.isAlive())
        throw new IllegalStateException(
            "Azurite exited: " + Files.readString(workDir.resolve("azurite.log")));
      if (System.nanoTime() > until)
        throw new IllegalStateException("Azurite did not start in 30s");
      Thread.sleep(100);
    }
    resetGroup();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (arm != null) arm.close();
    if (azurite != null) {
      // Azurite's graceful stop waits for idle keep-alive connections to close: give it a moment.
      azurite.destroy();
      try {
        if (!azurite.waitFor(2, java.util.concurrent.TimeUnit.SECONDS))
          azurite.destroyForcibly().waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The resource group every test deploys into, as someone made it before fnctl (not owned). */
  void resetGroup() {
    arm.put(
        groupId(),
        """
        {"id": "%s", "name": "%s", "type": "Microsoft.Resources/resourceGroups",
         "location": "westeurope", "properties": {"provisioningState": "Succeeded"}}
        """
            .formatted(groupId(), GROUP));
  }

  static String groupId() {
    return "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + GROUP;
  }

  /** The extra target settings that point the provider at these fakes. */
  String settings() {
    return "endpoint: \""
        + arm.endpoint()
        + "\", scmEndpoint: \""
        + arm.endpoint()
        + "/_scm/{app}\", blobEndpoint: \"http://127.0.0.1:"
        + blobPort
        + "/"
        + AZURITE_ACCOUNT
        + "\"";
  }

  /** A whole target entry, as YAML flow. */
  String target() {
    return AzureSamples.target(settings());
  }

  Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("FNCTL_AZURE_STORAGE_KEY", AZURITE_KEY);
    env.put("FNCTL_AZURE_POLL_MS", "20");
    env.put("FNCTL_AZURE_RETRIES", "3");
    return env;
  }

  /**
   * GETs an ARM path from the fake with an independent client (the JDK's, trusting the fake's
   * certificate), as another tool would read what fnctl made.
   */
  String armGet(String pathAndQuery) throws Exception {
    var client = java.net.http.HttpClient.newBuilder().sslContext(arm.sslContext()).build();
    var response =
        client.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(arm.endpoint() + pathAndQuery))
                .header("Authorization", "Bearer independent-reader")
                .GET()
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200)
      throw new IllegalStateException(
          pathAndQuery + ": " + response.statusCode() + " " + response.body());
    return response.body();
  }

  Providers providers() {
    return Providers.of(List.of(provider()));
  }

  AzureProvider provider() {
    return new AzureProvider(arm.sslContext(), () -> "fnctl-test-token");
  }

  private static String azuriteBlob() {
    String env = System.getenv("FNCTL_AZURITE");
    if (env != null && !env.isBlank()) return sibling(Path.of(env));
    Path cached =
        Path.of(
            System.getenv()
                .getOrDefault("XDG_CACHE_HOME", System.getProperty("user.home") + "/.cache"),
            "fnctl/azurite-3.37.0/node_modules/.bin/azurite");
    if (Files.isExecutable(cached)) return sibling(cached);
    return "azurite-blob";
  }

  /** {@code azurite-blob} next to {@code azurite}: only the blob service is needed. */
  private static String sibling(Path azurite) {
    Path blob = azurite.resolveSibling("azurite-blob");
    return Files.isExecutable(blob) ? blob.toString() : azurite.toString();
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
