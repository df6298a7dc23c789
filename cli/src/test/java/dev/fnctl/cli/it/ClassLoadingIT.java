package dev.fnctl.cli.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Start-up is part of the product: commands that need no cloud must not load a cloud SDK class,
 * even though the SDKs are on the class path and every provider is discovered. Proven from the
 * JVM's own class-loading log of the real launcher.
 */
class ClassLoadingIT {
  private static final String SDK = "software.amazon.";

  @TempDir Path dir;

  private List<String> loadedClasses(Path cwd, int exit, String... args) throws IOException {
    Path log = dir.resolve("classes-" + System.nanoTime() + ".log");
    Launcher.run(cwd, Map.of("FNCTL_JAVA_OPTS", "-Xlog:class+load=info:file=" + log), args)
        .expect(exit);
    List<String> lines = Files.readAllLines(log);
    assertTrue(
        lines.stream().anyMatch(l -> l.contains(" dev.fnctl.cli.Main ")),
        "the log must record fnctl's own classes");
    return lines;
  }

  private static void assertNoSdk(List<String> lines, String what) {
    List<String> sdk = lines.stream().filter(l -> l.contains(SDK)).limit(5).toList();
    assertTrue(sdk.isEmpty(), what + " loaded cloud SDK classes: " + sdk);
  }

  @Test
  void theSdkIsOnTheClassPathSoTheAssertionsMeanSomething() throws IOException {
    boolean found = false;
    try (Stream<Path> jars = Files.list(Launcher.ROOT.resolve("cli/target/lib"))) {
      for (Path jar : jars.toList()) {
        try (JarFile j = new JarFile(jar.toFile())) {
          if (j.stream().anyMatch(e -> e.getName().startsWith("software/amazon/"))) found = true;
        }
      }
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(
        found, "the AWS provider and its SDK are not on this branch yet");
  }

  /** Whether a provider jar in lib/ registers an AWS provider with ServiceLoader. */
  static boolean awsProviderRegistered() throws IOException {
    try (Stream<Path> jars = Files.list(Launcher.ROOT.resolve("cli/target/lib"))) {
      for (Path jar : jars.toList()) {
        try (JarFile j = new JarFile(jar.toFile())) {
          var e = j.getEntry("META-INF/services/dev.fnctl.provider.Provider");
          if (e != null && new String(j.getInputStream(e).readAllBytes()).contains(".aws."))
            return true;
        }
      }
    }
    return false;
  }

  @Test
  void validateOfASpecWithACloudTargetLoadsNoSdk() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        awsProviderRegistered(), "the AWS provider is not on this branch yet");
    Project.create(dir.resolve("p"), 256);
    Path spec = dir.resolve("p/fnctl.yaml");
    Files.writeString(
        spec,
        Files.readString(spec)
            .replace(
                "  dev: { provider: local }",
                "  dev: { provider: local }\n  aws: { provider: aws, region: eu-west-1 }"));
    List<String> lines = loadedClasses(dir.resolve("p"), 0, "validate");
    assertNoSdk(lines, "validate");
  }

  /**
   * The control: planning a cloud target does load the SDK (so the assertions above can fail). The
   * endpoint is a closed loopback port, so no request leaves the machine; the failure to connect
   * must read as one line.
   */
  @Test
  void aCloudTargetDoesLoadItsSdkAndFailsInOneLine() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        awsProviderRegistered(), "the AWS provider is not on this branch yet");
    Path p = Project.create(dir.resolve("aws"), 256);
    Path spec = p.resolve("fnctl.yaml");
    Files.writeString(
        spec,
        Files.readString(spec)
            .replace(
                "  dev: { provider: local }",
                "  dev: { provider: local }\n  aws: { provider: aws, region: eu-west-1, endpoint: \"http://127.0.0.1:9\", account: \"123456789012\" }"));
    Path log = dir.resolve("aws-classes.log");
    Launcher.Result r =
        Launcher.run(
                p,
                Map.of(
                    "FNCTL_JAVA_OPTS", "-Xlog:class+load=info:file=" + log,
                    "AWS_ACCESS_KEY_ID", "test",
                    "AWS_SECRET_ACCESS_KEY", "test",
                    "AWS_EC2_METADATA_DISABLED", "true"),
                "plan",
                "-t",
                "aws")
            .expect(1)
            .noStackTrace();
    List<String> loaded = Files.readAllLines(log);
    assertTrue(loaded.stream().anyMatch(l -> l.contains(SDK)), "an AWS plan must load the SDK");
    // The launcher's class-data archive is trained with such a plan (CdsTraining): the SDK comes
    // from it.
    long sdk = loaded.stream().filter(l -> l.contains(SDK)).count();
    long shared =
        loaded.stream().filter(l -> l.contains(SDK) && l.contains("shared objects file")).count();
    assertTrue(
        shared * 10 >= sdk * 9,
        shared + " of " + sdk + " SDK classes came from the class-data archive");
    assertTrue(r.err().startsWith("Error: "), r.err());
    assertTrue(r.err().lines().count() == 1, "one line expected:\n" + r.err());
  }

  @Test
  void schemaInitAndHelpLoadNoSdk() throws IOException {
    assertNoSdk(loadedClasses(dir, 0, "schema"), "schema");
    assertNoSdk(loadedClasses(dir, 0, "init", "--list"), "init --list");
    assertNoSdk(loadedClasses(dir, 0, "--help"), "--help");
    List<String> templates = Launcher.templates();
    if (!templates.isEmpty()) {
      assertNoSdk(
          loadedClasses(dir, 0, "init", "--template", templates.get(0), "t"), "init --template");
    }
  }

  @Test
  void theLocalTargetLoadsNoSdk() throws IOException {
    Path p = Project.create(dir.resolve("local"), 256);
    assertNoSdk(loadedClasses(p, 2, "plan", "--detailed-exitcode"), "plan on local");
    assertNoSdk(loadedClasses(p, 0, "apply", "--auto-approve"), "apply on local");
    assertNoSdk(loadedClasses(p, 0, "destroy", "--auto-approve"), "destroy on local");
  }
}
