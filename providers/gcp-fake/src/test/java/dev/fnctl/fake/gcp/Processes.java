package dev.fnctl.fake.gcp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Starting the processes the ITs talk to (the standalone fake, the Pub/Sub emulator) on free
 * loopback ports.
 */
final class Processes {
  private Processes() {}

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Starts a process and waits until a line of its output passes the test; returns the process. */
  static Process startUntil(
      ProcessBuilder builder, Predicate<String> ready, StringBuilder output, int seconds)
      throws Exception {
    Process process = builder.redirectErrorStream(true).start();
    CompletableFuture<Boolean> seen = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  synchronized (output) {
                    output.append(line).append('\n');
                  }
                  if (ready.test(line)) {
                    seen.complete(true);
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
              seen.complete(false);
            });
    reader.setDaemon(true);
    reader.start();
    boolean isReady;
    try {
      isReady = seen.get(seconds, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      isReady = false;
    }
    if (!isReady) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      throw new IllegalStateException(
          "the process was not ready within " + seconds + " s:\n" + output);
    }
    return process;
  }

  static void stop(Process process) throws InterruptedException {
    if (process != null) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }

  /** The module's directory (the tests run with it as working directory under Maven). */
  static Path module() {
    Path here = Path.of("").toAbsolutePath();
    return Files.exists(here.resolve("fake-cloud")) ? here : here.resolve("providers/gcp-fake");
  }
}
