package dev.fnctl.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.engine.Engine;
import dev.fnctl.model.diag.Diagnostic;
import dev.fnctl.provider.Providers;
import dev.fnctl.provider.Resource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate} finds two spec items that become one AWS resource, through the AWS provider's
 * own naming, with no network and no credentials: the offline expansion names things with a
 * placeholder account.
 */
class AwsValidateNamesTest {
  @TempDir Path dir;

  // No endpoint, no credentials, a HOME with no profile: any call to AWS would fail.
  private final Engine engine =
      Engine.create(Providers.of(List.of(new AwsProvider())), Map.of("HOME", "/nowhere"));

  private Path spec(String queues) throws Exception {
    Files.createDirectories(dir.resolve("fn"));
    Files.writeString(dir.resolve("fn/main.py"), "def handle(event, context):\n    return 1\n");
    Path spec = dir.resolve("fnctl.yaml");
    Files.writeString(
        spec,
        String.join(
            "\n",
            "apiVersion: fnctl.dev/v1",
            "stack: orders",
            "targets:",
            "  prod: { provider: aws, region: eu-west-1 }",
            "functions:",
            "  work:",
            "    code: ./fn",
            "    runtime: python3.12",
            "    handler: main.handle",
            "queues:",
            queues,
            ""));
    return spec;
  }

  @Test
  void aQueueNamedLikeAnotherQueuesDeadLetterQueueIsReportedAtItsLine() throws Exception {
    Path spec = spec("  orders: { deadLetter: { maxReceives: 5 } }\n  orders-dlq: {}");
    List<String> problems = engine.validate(spec).stream().map(Diagnostic::render).toList();
    assertEquals(1, problems.size(), problems.toString());
    String p = problems.get(0);
    assertTrue(
        p.contains(
            "queue orders and queue orders-dlq both become aws:sqs:queue/orders-prod-orders-dlq"),
        p);
    assertTrue(p.contains("fnctl.yaml:12:"), p);
  }

  @Test
  void distinctNamesValidateCleanly() throws Exception {
    Path spec = spec("  orders: { deadLetter: { maxReceives: 5 } }\n  jobs: {}");
    assertEquals(List.of(), engine.validate(spec));
  }

  @Test
  void theOfflineExpansionPackagesNoCodeAndUsesThePlaceholderAccount() throws Exception {
    var loaded = new dev.fnctl.model.load.SpecLoader(Map.of()).load(spec("  jobs: {}"), "prod");
    List<Resource> resources =
        new AwsProvider().expandOffline(loaded.forTarget("prod")).orElseThrow();
    Resource fn =
        resources.stream()
            .filter(r -> r.type().equals(AwsTypes.FUNCTION))
            .findFirst()
            .orElseThrow();
    assertEquals("aws:lambda:function/orders-prod-work", fn.address());
    assertEquals(StackLayout.CODE_NOT_PACKAGED, fn.properties().get("codeSha256"));
    assertEquals(
        "arn:aws:iam::" + AwsProvider.PLACEHOLDER_ACCOUNT + ":role/orders-prod-work",
        fn.properties().get("role"));
  }
}
