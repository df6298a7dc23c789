package dev.fnctl.provider.gcp;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Google client classes are loaded only for a GCP session: validating a spec with a gcp target
 * (settings, validate, the offline expansion) loads none, although the libraries are on the class
 * path. Proven from the class-loading log of a JVM of its own.
 */
class GcpClassLoadingTest {
  @TempDir Path dir;

  @Test
  void validateLoadsNoGoogleClass() throws Exception {
    Path spec = GcpSpecs.sample("webhook-queue", dir, "http://127.0.0.1:9");
    Path log = dir.resolve("classes.log");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-Xlog:class+load=info:file=" + log,
                "-cp",
                System.getProperty("java.class.path"),
                ValidateOnly.class.getName(),
                spec.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.contains("validated"), out);
    List<String> lines = Files.readAllLines(log);
    assertTrue(lines.stream().anyMatch(l -> l.contains(" dev.fnctl.provider.gcp.GcpProvider ")));
    assertTrue(
        lines.stream().anyMatch(l -> l.contains(" dev.fnctl.provider.gcp.StackLayout ")),
        "the offline expansion ran");
    List<String> google =
        lines.stream()
            .filter(
                l ->
                    l.contains(" com.google.")
                        || l.contains(" io.grpc.")
                        || l.contains(" com.google.api."))
            .limit(5)
            .toList();
    assertEquals(List.of(), google, "validate loaded Google client classes");
  }
}
