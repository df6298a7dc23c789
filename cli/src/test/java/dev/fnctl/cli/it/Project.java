package dev.fnctl.cli.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A small project on the local target, written by the test so it does not depend on samples. */
final class Project {
  private Project() {}

  static Path create(Path dir, int memory) {
    try {
      Files.createDirectories(dir.resolve("functions/hello"));
      Files.writeString(
          dir.resolve("functions/hello/main.py"),
          "def handle(event, context):\n    return 'hello'\n");
      spec(dir, memory);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Rewrites the spec with another memory size: a one-property change. */
  static void spec(Path dir, int memory) {
    try {
      Files.writeString(
          dir.resolve("fnctl.yaml"),
          String.join(
              "\n",
              "apiVersion: fnctl.dev/v1",
              "stack: itest",
              "targets:",
              "  dev: { provider: local }",
              "defaults: { runtime: python3.12, memory: 256, timeout: 30s }",
              "functions:",
              "  hello:",
              "    code: ./functions/hello",
              "    handler: main.handle",
              "    memory: " + memory,
              "    env: { GREETING: hello }",
              "    triggers:",
              "      - http: { method: GET, path: /hello, auth: none }",
              "      - queue: { queue: jobs, batchSize: 5 }",
              "    permissions:",
              "      - { queue: jobs, access: consume }",
              "      - { bucket: files, access: write }",
              "queues:",
              "  jobs: { deadLetter: { maxReceives: 3 } }",
              "buckets:",
              "  files: {}",
              ""));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
