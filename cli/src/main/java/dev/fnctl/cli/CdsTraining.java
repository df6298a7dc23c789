package dev.fnctl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a launcher runs once, under {@code -XX:ArchiveClassesAtExit}, so that its class-data-sharing
 * archive holds the classes typical runs load: {@code fnctl plan} of a small spec on the local
 * target and of the same spec on an AWS and a Google Cloud target whose endpoints are a closed
 * loopback port, in one JVM (a dynamic archive records one process). Each cloud plan loads its
 * SDK's clients and request path without reaching any cloud (it fails, as intended: only the
 * classes matter); a loopback endpoint needs no credentials, so nothing signs in anywhere. The
 * specs are written to a scratch directory removed afterwards, so both launchers (the checkout's
 * {@code ./fnctl} and the release archive's {@code bin/fnctl}) train the same way. Output is
 * discarded.
 */
public final class CdsTraining {
  private CdsTraining() {}

  private static final String SPEC =
      """
      apiVersion: fnctl.dev/v1
      stack: training
      targets:
        %s
      defaults: { runtime: python3.12, memory: %d, timeout: 30s }
      functions:
        work:
          code: %s
          handler: main.handle
          env: { MODE: training }
          triggers:
            - http: { method: POST, path: /work, auth: none }
            - schedule: { cron: "0 9 * * 1-5" }
            - queue: { queue: jobs }
          permissions:
            - { queue: jobs, access: consume }
            - { bucket: data, access: read }
      queues:
        jobs: {}
      buckets:
        data: {}
      """;

  public static void main(String... args) throws IOException {
    Path dir = Files.createTempDirectory("fnctl-cds-training");
    try {
      Files.createDirectories(dir.resolve("fn"));
      Files.writeString(dir.resolve("fn/main.py"), "def handle(event, context):\n    return {}\n");
      Path local = spec(dir, "fnctl.yaml", "local: { provider: local }", 256);
      // Beside the local one: code outside a spec's project is refused at validate.
      Path aws =
          spec(
              dir,
              "fnctl-aws.yaml",
              "aws: { provider: aws, region: eu-west-1, endpoint: \"http://127.0.0.1:9\","
                  + " account: \"123456789012\" }",
              256);
      Path gcp =
          spec(
              dir,
              "fnctl-gcp.yaml",
              "gcp: { provider: gcp, project: training, region: europe-west1,"
                  + " endpoint: \"http://127.0.0.1:9\" }",
              256);
      // No Azure plan: JDK 17's dynamic archive dump crashes (SIGSEGV in
      // SystemDictionaryShared::adjust_lambda_proxy_class_dictionary, seen on 17.0.15) once the
      // Azure SDK's classes are loaded, and a crashed training leaves no archive for anyone. An
      // Azure plan starts without the archive's help for its SDK until that is fixed.
      plan(List.of(local, aws, gcp));
    } finally {
      delete(dir);
    }
  }

  private static Path spec(Path dir, String file, String target, int memory) throws IOException {
    return Files.writeString(dir.resolve(file), SPEC.formatted(target, memory, "./fn"));
  }

  private static void plan(List<Path> specs) {
    Map<String, String> env =
        Map.ofEntries(
            Map.entry("AWS_ACCESS_KEY_ID", "training"),
            Map.entry("AWS_SECRET_ACCESS_KEY", "training"),
            Map.entry("AWS_EC2_METADATA_DISABLED", "true"),
            Map.entry("NO_COLOR", "1"));
    for (Path spec : specs) {
      PrintWriter sink = new PrintWriter(new StringWriter());
      Main.run(sink, sink, env, "plan", "-f", spec.toString());
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
