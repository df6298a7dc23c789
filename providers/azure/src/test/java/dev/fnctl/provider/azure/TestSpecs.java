package dev.fnctl.provider.azure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Specs written for the Azure tests: {@code n} Python functions with an http trigger each. */
final class TestSpecs {
  private TestSpecs() {}

  static Path functions(Path dir, String stack, String target, int n) throws IOException {
    Files.createDirectories(dir.resolve("functions/hello"));
    Files.writeString(
        dir.resolve("functions/hello/main.py"), "def handle(req):\n    return 'hi'\n");
    StringBuilder sb =
        new StringBuilder(
            """
            apiVersion: fnctl.dev/v1
            stack: %s
            targets:
              azure: %s
            defaults: { runtime: python3.12, memory: 2048, timeout: 30s }
            functions:
            """
                .formatted(stack, target));
    for (int i = 0; i < n; i++) {
      sb.append(
          """
            f%d:
              code: ./functions/hello
              handler: main.handle
              env: { INDEX: "%d" }
              triggers:
                - http: { method: GET, path: /f%d, auth: none }
          """
              .formatted(i, i, i));
      // The first function also runs on a timer, so every run deploys a timerTrigger too.
      if (i == 0) sb.append("      - schedule: { cron: \"0 9 * * 1-5\" }\n");
    }
    Path spec = dir.resolve("fnctl.yaml");
    Files.writeString(spec, sb.toString());
    return spec;
  }
}
