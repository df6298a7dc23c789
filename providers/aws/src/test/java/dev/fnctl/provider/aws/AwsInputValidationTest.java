package dev.fnctl.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.fnctl.model.load.SpecLoader;
import dev.fnctl.model.spec.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input only AWS can judge: endpoint URLs, existing: names that are the stack's own, sizes. */
class AwsInputValidationTest {
  @TempDir Path tmp;

  private List<String> problems(String target, String resources) throws Exception {
    Path file = tmp.resolve("fnctl.yaml");
    Files.writeString(
        file,
        String.join(
            "\n",
            "apiVersion: fnctl.dev/v1",
            "stack: shop",
            "targets:",
            "  prod: { provider: aws, region: eu-west-1" + target + " }",
            resources,
            ""));
    Deployment d = new SpecLoader(Map.of()).load(file, "prod").forTarget("prod");
    return new AwsProvider().validate(d).stream().map(p -> p.path() + ": " + p.message()).toList();
  }

  @Test
  void anEndpointMustBeAnHttpUrl() throws Exception {
    assertEquals(List.of(), problems(", endpoint: \"http://127.0.0.1:5000\"", ""));
    for (String bad : List.of("not a url", "localhost:5000", "ftp://host", "http://")) {
      assertEquals(
          List.of(
              "targets.prod.endpoint: '"
                  + bad
                  + "' is not an http:// or https:// URL with a host (e.g. http://localhost:5000)"),
          problems(", endpoint: \"" + bad + "\"", ""),
          bad);
    }
  }

  @Test
  void existingMayNotNameWhatTheStackItselfMakes() throws Exception {
    String resources =
        String.join(
            "\n",
            "queues:",
            "  orders: { deadLetter: { maxReceives: 5 } }",
            "  old: { existing: shop-prod-orders }",
            "  dlq: { existing: \"arn:aws:sqs:eu-west-1:123456789012:shop-prod-orders-dlq\" }",
            "  theirs: { existing: shop-dev-orders }",
            "buckets:",
            "  uploads: {}",
            "  legacy: { existing: shop-prod-uploads }",
            "  acme: { existing: acme-legacy-uploads }");
    assertEquals(
        List.of(
            "queues.old.existing: 'shop-prod-orders' is queue 'orders' of this stack on AWS, which"
                + " the stack itself creates and deletes: existing: names something the stack does"
                + " not own; use the declared one by its spec name instead",
            "queues.dlq.existing: 'arn:aws:sqs:eu-west-1:123456789012:shop-prod-orders-dlq' is the"
                + " dead-letter queue of queue 'orders' of this stack on AWS, which the stack itself"
                + " creates and deletes: existing: names something the stack does not own; use the"
                + " declared one by its spec name instead",
            "buckets.legacy.existing: 'shop-prod-uploads' is bucket 'uploads' of this stack on AWS,"
                + " which the stack itself creates and deletes: existing: names something the stack"
                + " does not own; use the declared one by its spec name instead"),
        problems("", resources));
  }

  @Test
  void thePackageLimitIsLambdas250MegabytesUnzipped() {
    assertEquals(250L * 1024 * 1024, new AwsProvider().maxPackageBytes());
  }
}
