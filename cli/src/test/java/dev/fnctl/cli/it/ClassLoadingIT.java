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
  /** The cloud SDKs on the class path, by the provider that uses each. */
  private static final Map<String, String> SDKS =
      Map.of("aws", "software.amazon.", "gcp", "com.google.cloud.", "azure", "com.azure.");

  /** A plan target per cloud whose endpoint is a closed loopback port, with its credentials. */
  private record CloudTarget(String id, String yaml, int memory, Map<String, String> env) {}

  private static final List<CloudTarget> CLOUDS =
      List.of(
          new CloudTarget(
              "aws",
              "aws: { provider: aws, region: eu-west-1, endpoint: \"http://127.0.0.1:9\","
                  + " account: \"123456789012\" }",
              256,
              Map.of(
                  "AWS_ACCESS_KEY_ID", "test",
                  "AWS_SECRET_ACCESS_KEY", "test",
                  "AWS_EC2_METADATA_DISABLED", "true")),
          new CloudTarget(
              "gcp",
              "gcp: { provider: gcp, project: test-project, region: europe-west1,"
                  + " endpoint: \"http://127.0.0.1:9\" }",
              256,
              Map.of()),
          new CloudTarget(
              "azure",
              "azure: { provider: azure, subscription: \"00000000-0000-0000-0000-000000000000\","
                  + " resourceGroup: test, region: westeurope, endpoint: \"https://127.0.0.1:9\" }",
              2048,
              // A loopback ARM endpoint gets a placeholder token: nothing signs in anywhere.
              Map.of()));

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
    List<String> sdk =
        lines.stream().filter(l -> SDKS.values().stream().anyMatch(l::contains)).limit(5).toList();
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
  void validateOfASpecWithCloudTargetsLoadsNoSdk() throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        awsProviderRegistered(), "the AWS provider is not on this branch yet");
    Project.create(dir.resolve("p"), 2048);
    Path spec = dir.resolve("p/fnctl.yaml");
    String targets =
        CLOUDS.stream().map(c -> "\n  " + c.yaml()).collect(java.util.stream.Collectors.joining());
    Files.writeString(
        spec,
        Files.readString(spec)
            // Pub/Sub takes 5..100 delivery attempts (GCP); 5 suits every provider.
            .replace("maxReceives: 3", "maxReceives: 5")
            .replace("  dev: { provider: local }", "  dev: { provider: local }" + targets));
    List<String> lines = loadedClasses(dir.resolve("p"), 0, "validate");
    assertNoSdk(lines, "validate");
  }

  /**
   * The control: planning a cloud target does load its SDK (so the assertions above can fail), and
   * no other cloud's. The endpoint is a closed loopback port, so no request leaves the machine; the
   * failure to connect must read as one line. The launcher's class-data archive is trained with
   * such plans (CdsTraining): the SDK comes from it.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(strings = {"aws", "gcp", "azure"})
  void aCloudTargetLoadsItsSdkFromTheArchiveAndFailsInOneLine(String id) throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        awsProviderRegistered(), "the AWS provider is not on this branch yet");
    CloudTarget cloud = CLOUDS.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    Path p = Project.create(dir.resolve(id), cloud.memory());
    Path spec = p.resolve("fnctl.yaml");
    Files.writeString(
        spec,
        Files.readString(spec)
            // Pub/Sub takes 5..100 delivery attempts (GCP); 5 suits every provider.
            .replace("maxReceives: 3", "maxReceives: 5")
            .replace(
                "  dev: { provider: local }", "  dev: { provider: local }\n  " + cloud.yaml()));
    Path log = dir.resolve(id + "-classes.log");
    Map<String, String> env = new java.util.HashMap<>(cloud.env());
    env.put("FNCTL_JAVA_OPTS", "-Xlog:class+load=info:file=" + log);
    Launcher.Result r = Launcher.run(p, env, "plan", "-t", id).expect(1).noStackTrace();
    List<String> loaded = Files.readAllLines(log);
    String sdkPrefix = SDKS.get(id);
    assertTrue(loaded.stream().anyMatch(l -> l.contains(sdkPrefix)), "a plan must load the SDK");
    for (var other : SDKS.entrySet()) {
      if (other.getKey().equals(id)) continue;
      assertTrue(
          loaded.stream().noneMatch(l -> l.contains(other.getValue())),
          "a " + id + " plan loaded the " + other.getKey() + " SDK");
    }
    // The training leaves Azure out (JDK 17's dynamic dump crashes on its classes: CdsTraining).
    if (id.equals("azure")) {
      assertTrue(r.err().startsWith("Error: "), r.err());
      assertTrue(r.err().lines().count() == 1, "one line expected:\n" + r.err());
      return;
    }
    long sdk = loaded.stream().filter(l -> l.contains(sdkPrefix)).count();
    long shared =
        loaded.stream()
            .filter(l -> l.contains(sdkPrefix) && l.contains("shared objects file"))
            .count();
    assertTrue(
        shared * 10 >= sdk * 9,
        shared + " of " + sdk + " " + id + " SDK classes came from the class-data archive");
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
