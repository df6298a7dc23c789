package dev.fnctl.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/**
 * What the launcher runs once per build, under {@code -XX:ArchiveClassesAtExit}, so that its
 * class-data-sharing archive holds the classes typical runs load: {@code fnctl plan} of each spec
 * given, in one JVM (a dynamic archive records one process). The launcher passes a spec on the
 * local target and one on an AWS target whose endpoint is a closed loopback port, which loads the
 * SDK's clients and request path without reaching any cloud (the plan fails, as intended: only the
 * classes matter). Output is discarded.
 */
public final class CdsTraining {
  private CdsTraining() {}

  public static void main(String... specs) {
    Map<String, String> env =
        Map.of(
            "AWS_ACCESS_KEY_ID", "training",
            "AWS_SECRET_ACCESS_KEY", "training",
            "AWS_EC2_METADATA_DISABLED", "true",
            "NO_COLOR", "1");
    for (String spec : specs) {
      PrintWriter sink = new PrintWriter(new StringWriter());
      Main.run(sink, sink, env, "plan", "-f", spec);
    }
  }
}
