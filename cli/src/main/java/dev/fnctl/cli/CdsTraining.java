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
 * target and of the same spec on an AWS target whose endpoint is a closed loopback port, in one JVM
 * (a dynamic archive records one process). The AWS plan loads the SDK's clients and request path
 * without reaching any cloud (it fails, as intended: only the classes matter). The specs are
 * written to a scratch directory removed afterwards, so both launchers (the checkout's {@code
 * ./fnctl} and the release archive's {@code bin/fnctl}) train the same way. Output is discarded.
 */
public final class CdsTraining {
  private CdsTraining() {}

  private static final String SPEC =
      """
      apiVersion: fnctl.dev/v1
      stack: training
      targets:
        %s
      defaults: { runtime: python3.12, memory: 256, timeout: 30s }
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
      Path local =
          Files.writeString(
              dir.resolve("fnctl.yaml"), SPEC.formatted("local: { provider: local }", "./fn"));
      Path aws =
          Files.writeString(
              // Beside the local one: code outside a spec's project is refused at validate.
              dir.resolve("fnctl-aws.yaml"),
              SPEC.formatted(
                  "aws: { provider: aws, region: eu-west-1, endpoint: \"http://127.0.0.1:9\","
                      + " account: \"123456789012\" }",
                  "./fn"));
      plan(List.of(local, aws));
    } finally {
      delete(dir);
    }
  }

  private static void plan(List<Path> specs) {
    Map<String, String> env =
        Map.of(
            "AWS_ACCESS_KEY_ID", "training",
            "AWS_SECRET_ACCESS_KEY", "training",
            "AWS_EC2_METADATA_DISABLED", "true",
            "NO_COLOR", "1");
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
