package dev.fnctl.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.plan.Action;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.testkit.aws.MotoProxy.Call;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Faults injected between the SDK and moto: retried when transient, reported cleanly when not, and
 * a re-run converges.
 */
class AwsFaultsIT extends MotoTestBase {
  static final Call CREATE_FUNCTION = Call.rest("POST", "/2015-03-31/functions/?");
  static final Call CREATE_ROLE = Call.query("CreateRole");
  static final Call CREATE_QUEUE = Call.json("AmazonSQS.CreateQueue");
  static final Call CREATE_MAPPING = Call.rest("POST", "/2015-03-31/event-source-mappings/?");
  static final Call CREATE_SCHEDULE = Call.rest("POST", "/schedules/.*");

  Deployment spec() {
    return TestSpecs.prod(TestSpecs.everything("flaky", dir, null, Map.of("region", "eu-west-1")));
  }

  void assertNothingDuplicated() {
    try (LambdaClient lambda = client(LambdaClient.builder());
        SqsClient sqs = client(SqsClient.builder())) {
      assertEquals(5, lambda.listFunctions().functions().size());
      assertEquals(1, lambda.listEventSourceMappings().eventSourceMappings().size());
      assertEquals(2, sqs.listQueues().queueUrls().size());
    }
  }

  @Test
  void transientErrorsAndResetsAreRetried() throws Exception {
    proxy.failFirst(CREATE_FUNCTION, 500, 2);
    proxy.failFirst(CREATE_ROLE, 429, 2);
    proxy.failFirst(CREATE_QUEUE, 0, 1);
    proxy.failFirst(CREATE_SCHEDULE, 503, 1);
    Deployment d = spec();
    try (AwsCloud cloud = connect(d)) {
      Applied report = apply(cloud, d, false);
      assertTrue(report.ok(), report.toString());
      assertEquals("", describe(plan(cloud, d, false).changes()));
    }
    assertNothingDuplicated();
  }

  @Test
  void aPersistentFailureStopsCleanlyAndTheRerunConverges() throws Exception {
    proxy.fail(CREATE_MAPPING, 500);
    Deployment d = spec();
    try (AwsCloud cloud = connect(d)) {
      Applied report = apply(cloud, d, false);
      assertFalse(report.ok());
      String message =
          report
              .failed()
              .get("aws:lambda:event-source-mapping/flaky-prod-worker/flaky-prod-orders");
      assertTrue(
          message.startsWith(
              "CreateEventSourceMapping aws:lambda:event-source-mapping/flaky-prod-worker/flaky-prod-orders: "),
          message);
      assertFalse(message.contains("\n"), "one line: " + message);

      proxy.clearFaults();
      var again = plan(cloud, d, false);
      assertTrue(
          again.changes().stream().allMatch(c -> c.action() == Action.CREATE),
          describe(again.changes()));
      assertTrue(
          again.changes().stream().anyMatch(c -> c.address().contains("event-source-mapping")),
          describe(again.changes()));
      Applied rerun = apply(cloud, again.deployment(), false);
      assertTrue(rerun.ok(), rerun.toString());
      assertEquals("", describe(plan(cloud, d, false).changes()));
    }
    assertNothingDuplicated();
  }

  @Test
  void aConnectionResetOnEveryAttemptFailsWithOneLine() throws Exception {
    proxy.reset(CREATE_QUEUE);
    Deployment d = spec();
    try (AwsCloud cloud = connect(d)) {
      Applied report = apply(cloud, d, false);
      assertFalse(report.ok());
      String message = report.failed().values().iterator().next();
      assertTrue(message.startsWith("CreateQueue flaky-prod-orders"), message);
      proxy.clearFaults();
      assertTrue(apply(cloud, d, false).ok());
      assertEquals("", describe(plan(cloud, d, false).changes()));
    }
    assertNothingDuplicated();
  }

  @Test
  void refusedCredentialsAreOneClearLine() {
    proxy.respond(
        Call.query("GetCallerIdentity"),
        403,
        "text/xml",
        "<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code>"
            + "<Message>The security token included in the request is invalid.</Message></Error><RequestId>x</RequestId></ErrorResponse>");
    ProviderException e = assertThrows(ProviderException.class, () -> connect(spec()));
    assertEquals(
        "AWS credentials for target prod were refused: InvalidClientTokenId: The security token included in the request is invalid.",
        e.getMessage());
  }

  @Test
  void anUnavailableStsIsNotCalledRefusedCredentials() {
    proxy.respond(
        Call.query("GetCallerIdentity"),
        503,
        "text/xml",
        "<ErrorResponse><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code>"
            + "<Message>Service is unavailable.</Message></Error><RequestId>x</RequestId></ErrorResponse>");
    ProviderException e = assertThrows(ProviderException.class, () -> connect(spec()));
    assertTrue(
        e.getMessage()
            .startsWith(
                "AWS target prod: STS did not answer who the credentials belong to (throttled or"
                    + " unavailable), run again: "),
        e.getMessage());
    assertEquals(ProviderException.Kind.THROTTLED, e.kind());
  }

  @Test
  void functionTagsWithheldAreAPermissionErrorNotSomeoneElsesFunction() throws Exception {
    proxy.respond(
        Call.rest("GET", "/2015-03-31/functions/[^/?]+"),
        200,
        "application/json",
        "{\"Configuration\": {\"FunctionName\": \"flaky-prod-worker\", \"Runtime\":"
            + " \"python3.12\"}, \"TagsError\": {\"ErrorCode\": \"AccessDeniedException\","
            + " \"Message\": \"not authorized to perform: lambda:ListTags\"}}");
    Deployment d = spec();
    try (AwsCloud cloud = connect(d)) {
      ProviderException e = assertThrows(ProviderException.class, () -> plan(cloud, d, false));
      assertEquals(ProviderException.Kind.PERMISSION_DENIED, e.kind(), e.getMessage());
      assertTrue(e.getMessage().contains("allow lambda:ListTags"), e.getMessage());
    }
  }
}
