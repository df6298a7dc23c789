package dev.fnctl.testkit.aws;

import java.io.File;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * moto's server (the AWS APIs, emulated) on a free loopback port, for the lifetime of a test class
 * ({@code @RegisterExtension static MotoServer moto = new MotoServer();}) or of a
 * try-with-resources block. Fails with a clear message when {@code moto_server} is not on PATH.
 */
public final class MotoServer implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
  private Process process;
  private int port;
  private Path log;

  /** Starts moto and waits until it answers. Idempotent. */
  public synchronized MotoServer start() {
    if (process != null) return this;
    Path exe = find("moto_server");
    try {
      port = freePort();
      log = Files.createTempFile("moto-", ".log");
      ProcessBuilder pb =
          new ProcessBuilder(exe.toString(), "-H", "127.0.0.1", "-p", String.valueOf(port))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      // Real accounts have AWS managed policies (AWSLambdaBasicExecutionRole); moto loads them on
      // request.
      pb.environment().put("MOTO_IAM_LOAD_MANAGED_POLICIES", "true");
      process = pb.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start " + exe + ": " + e.getMessage(), e);
    }
    awaitUp(Duration.ofSeconds(60));
    return this;
  }

  /** The executable on PATH, or an error saying how to get it. */
  public static Path find(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) continue;
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) return p;
    }
    throw new IllegalStateException(
        name
            + " is not on PATH: install moto's server (pip install 'moto[server]==5.2.1')"
            + " so the AWS integration tests can run against it");
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void awaitUp(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) throw new IllegalStateException("moto_server exited: " + tail());
      try {
        HttpURLConnection c =
            (HttpURLConnection) URI.create(endpoint() + "/moto-api/").toURL().openConnection();
        c.setConnectTimeout(500);
        c.setReadTimeout(2000);
        if (c.getResponseCode() < 500) return;
      } catch (IOException e) {
        // not up yet
      }
      sleep(200);
    }
    throw new IllegalStateException(
        "moto_server did not answer on "
            + endpoint()
            + " within "
            + timeout.toSeconds()
            + "s: "
            + tail());
  }

  private String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Forgets every resource (moto's reset API), so tests do not see each other's. */
  public void reset() {
    try {
      HttpURLConnection c =
          (HttpURLConnection) URI.create(endpoint() + "/moto-api/reset").toURL().openConnection();
      c.setRequestMethod("POST");
      c.setDoOutput(true);
      c.getOutputStream().close();
      if (c.getResponseCode() != 200)
        throw new IllegalStateException("moto reset answered " + c.getResponseCode());
    } catch (IOException e) {
      throw new IllegalStateException("moto reset failed: " + e.getMessage(), e);
    }
  }

  /** An environment for the AWS SDK and CLI pointed at this server (fake keys, fixed region). */
  public Map<String, String> env() {
    return Map.of(
        "AWS_ACCESS_KEY_ID", "testing",
        "AWS_SECRET_ACCESS_KEY", "testing",
        "AWS_REGION", "eu-west-1",
        "AWS_DEFAULT_REGION", "eu-west-1",
        "AWS_ENDPOINT_URL", endpoint());
  }

  /**
   * Runs the {@code aws} CLI against this server and returns its stdout (fails on a non-zero exit).
   */
  public String aws(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(find("aws").toString());
    cmd.add("--endpoint-url");
    cmd.add(endpoint());
    cmd.add("--output");
    cmd.add("json");
    cmd.addAll(List.of(args));
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      pb.environment().putAll(env());
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes());
      if (p.waitFor() != 0)
        throw new IllegalStateException("aws " + String.join(" ", args) + " failed: " + out);
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run aws: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public synchronized void close() {
    if (process == null) return;
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS))
        process.destroyForcibly().waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }
}
