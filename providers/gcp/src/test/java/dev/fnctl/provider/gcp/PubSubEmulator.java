package dev.fnctl.provider.gcp;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Google's Pub/Sub emulator (from the Google Cloud CLI's {@code platform/pubsub-emulator}) on a
 * free 127.0.0.1 port for one test class. Tests that need it are skipped, saying how to install it,
 * when it is absent.
 */
final class PubSubEmulator implements BeforeAllCallback, AfterAllCallback {
  static final Path HOME =
      Path.of(
          System.getenv()
              .getOrDefault(
                  "PUBSUB_EMULATOR_DIR", "/usr/lib/google-cloud-sdk/platform/pubsub-emulator"));

  static final String INSTALL =
      "the Pub/Sub emulator is not installed at "
          + HOME
          + ": install it with 'gcloud components install pubsub-emulator' or 'apt-get install"
          + " google-cloud-cli-pubsub-emulator' (or set PUBSUB_EMULATOR_DIR)";

  private Process process;
  private int port;

  static Path jar() {
    try (Stream<Path> s = Files.list(HOME.resolve("lib"))) {
      return s.filter(p -> p.getFileName().toString().startsWith("cloud-pubsub-emulator"))
          .filter(p -> p.toString().endsWith(".jar"))
          .findFirst()
          .orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    Path jar = jar();
    Assumptions.assumeTrue(jar != null, INSTALL);
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    process =
        new ProcessBuilder(
                List.of(java, "-jar", jar.toString(), "--host=127.0.0.1", "--port=" + port))
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < until) {
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return;
      } catch (IOException notYet) {
        if (!process.isAlive()) throw new IllegalStateException("the Pub/Sub emulator exited");
        Thread.sleep(200);
      }
    }
    throw new IllegalStateException("the Pub/Sub emulator did not listen within 60s");
  }

  /** What PUBSUB_EMULATOR_HOST is set to. */
  String host() {
    return "127.0.0.1:" + port;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
