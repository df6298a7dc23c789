package dev.fnctl.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.Spec;
import dev.fnctl.testkit.aws.MotoProxy.Call;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.apigatewayv2.ApiGatewayV2Client;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * {@code concurrency.warm}: a published version behind the alias {@code live} with provisioned
 * concurrency, every trigger invoking the alias; new versions on code or configuration changes;
 * back to the plain function when {@code warm} goes. moto has no provisioned concurrency: the
 * testkit's fake answers those calls (and checks with moto that the alias exists).
 */
class AwsWarmIT extends MotoTestBase {
  static final String ALIAS_ARN = "arn:aws:lambda:eu-west-1:123456789012:function:%s:live";
  static final String FUNCTION_ARN = "arn:aws:lambda:eu-west-1:123456789012:function:%s";

  /** Every trigger kind, each function warm with two instances (at most five). */
  Spec warmSpec(UnaryOperator<Map<String, FunctionSpec>> change) {
    Spec s = TestSpecs.everything("hot", dir, null, Map.of());
    Map<String, FunctionSpec> fns = new LinkedHashMap<>();
    s.functions().forEach((name, f) -> fns.put(name, TestSpecs.withWarm(f, 5, 2)));
    return AwsResourcesIT.with(s, change.apply(fns), s.budgets());
  }

  static String lines(List<ResourceChange> changes) {
    StringBuilder sb = new StringBuilder();
    for (ResourceChange c : changes) {
      sb.append(c.action().word()).append(' ').append(c.address());
      if (c.action() != Action.DELETE) sb.append(' ').append(c.changedProperties());
      sb.append('\n');
    }
    return sb.toString();
  }

  @Test
  void warmFunctionsServeTheirTriggersThroughAnAliasWithProvisionedConcurrency() throws Exception {
    Deployment d = TestSpecs.prod(warmSpec(f -> f));
    try (AwsCloud cloud = connect(d)) {
      var first = plan(cloud, d, false);
      assertTrue(
          lines(first.changes())
              .contains(
                  "create aws:lambda:alias/hot-prod-api:live [provisionedConcurrency, version]\n"),
          lines(first.changes()));
      assertTrue(apply(cloud, first.deployment(), false).ok());
      assertEquals(
          "",
          describe(plan(cloud, d, false).changes()),
          "an applied warm spec plans to no changes");

      try (LambdaClient lambda = client(LambdaClient.builder())) {
        for (String fn : List.of("api", "tick", "worker", "thumb", "fan")) {
          String name = "hot-prod-" + fn;
          assertEquals(
              "1", lambda.getAlias(b -> b.functionName(name).name("live")).functionVersion(), name);
          assertEquals(2, proxy.provisionedConcurrency().requested(name, "live"), name);
          assertEquals(
              "live", lambda.getFunction(b -> b.functionName(name)).tags().get("fnctl-alias"));
        }
        String http =
            lambda.getPolicy(b -> b.functionName("hot-prod-api").qualifier("live")).policy();
        assertTrue(
            http.contains("\"Resource\": \"" + ALIAS_ARN.formatted("hot-prod-api") + "\""), http);
      }
      // Every trigger targets the alias, where the warm instances are.
      try (SchedulerClient scheduler = client(SchedulerClient.builder())) {
        String tick = "tick-" + d.functions().get("tick").triggers().get(0).slug();
        assertEquals(
            ALIAS_ARN.formatted("hot-prod-tick"),
            scheduler.getSchedule(b -> b.groupName("hot-prod").name(tick)).target().arn());
      }
      try (ApiGatewayV2Client apis = client(ApiGatewayV2Client.builder())) {
        String api = apis.getApis().items().get(0).apiId();
        assertEquals(
            ALIAS_ARN.formatted("hot-prod-api"),
            apis.getIntegrations(b -> b.apiId(api)).items().get(0).integrationUri());
      }
      try (S3Client s3 = client(S3Client.builder())) {
        assertEquals(
            ALIAS_ARN.formatted("hot-prod-thumb"),
            s3.getBucketNotificationConfiguration(b -> b.bucket("hot-prod-uploads"))
                .lambdaFunctionConfigurations()
                .get(0)
                .lambdaFunctionArn());
      }
      try (SnsClient sns = client(SnsClient.builder())) {
        assertEquals(
            ALIAS_ARN.formatted("hot-prod-fan"),
            sns.listSubscriptions().subscriptions().get(0).endpoint());
      }
      var mapping =
          plan(cloud, d, false)
              .live()
              .find("aws:lambda:event-source-mapping/hot-prod-worker/hot-prod-orders")
              .orElseThrow();
      assertEquals(ALIAS_ARN.formatted("hot-prod-worker"), mapping.properties().get("function"));
      String scheduler =
          String.valueOf(
              plan(cloud, d, false)
                  .live()
                  .find("aws:iam:role/hot-prod_scheduler")
                  .orElseThrow()
                  .properties()
                  .get("policy"));
      assertTrue(scheduler.contains(ALIAS_ARN.formatted("hot-prod-tick")), scheduler);

      // New code or configuration: a new version, and the alias moves to it.
      Deployment bigger =
          TestSpecs.prod(
              warmSpec(
                  f -> {
                    f.put("api", TestSpecs.withMemory(f.get("api"), 512));
                    return f;
                  }));
      var changes = plan(cloud, bigger, false).changes();
      assertEquals(
          "update aws:lambda:function/hot-prod-api [memory]\nupdate aws:lambda:alias/hot-prod-api:live [version]\n",
          lines(changes.stream().filter(c -> c.action() != Action.NO_OP).toList()));
      ResourceChange alias =
          changes.stream()
              .filter(c -> c.address().equals("aws:lambda:alias/hot-prod-api:live"))
              .findFirst()
              .orElseThrow();
      assertEquals(
          "1",
          alias.before().get("version"),
          "the alias serves version 1 until the new one is published");
      assertTrue(apply(cloud, bigger, false).ok());
      assertEquals("", describe(plan(cloud, bigger, false).changes()));
      try (LambdaClient lambda = client(LambdaClient.builder())) {
        var serving =
            lambda
                .getFunction(b -> b.functionName("hot-prod-api").qualifier("live"))
                .configuration();
        assertEquals("2", serving.version());
        assertEquals(512, serving.memorySize());
      }

      // More warm instances: only the alias's provisioned concurrency changes.
      Deployment warmer =
          TestSpecs.prod(
              warmSpec(
                  f -> {
                    f.put("api", TestSpecs.withWarm(TestSpecs.withMemory(f.get("api"), 512), 5, 4));
                    return f;
                  }));
      assertEquals(
          "update aws:lambda:alias/hot-prod-api:live [provisionedConcurrency]\n",
          describe(plan(cloud, warmer, false).changes()));
      assertTrue(apply(cloud, warmer, false).ok());
      assertEquals(4, proxy.provisionedConcurrency().requested("hot-prod-api", "live"));
    }
  }

  @Test
  void withoutWarmTheTriggersGoBackToTheFunctionAndTheAliasGoes() throws Exception {
    Deployment warm = TestSpecs.prod(warmSpec(f -> f));
    Deployment cold =
        TestSpecs.prod(
            warmSpec(
                f -> {
                  f.put("api", TestSpecs.withWarm(f.get("api"), 5, null));
                  f.put("worker", TestSpecs.withWarm(f.get("worker"), 5, null));
                  return f;
                }));
    try (AwsCloud cloud = connect(warm)) {
      assertTrue(apply(cloud, warm, false).ok());
      List<String> changes = lines(plan(cloud, cold, false).changes()).lines().sorted().toList();
      assertEquals(
          List.of(
              "create aws:lambda:permission/hot-prod-api/fnctl-http [api, principal]",
              "delete aws:lambda:alias/hot-prod-api:live",
              "delete aws:lambda:alias/hot-prod-worker:live",
              "delete aws:lambda:permission/hot-prod-api:live/fnctl-http",
              "update aws:apigatewayv2:integration/hot-prod/api [uri]",
              "update aws:lambda:event-source-mapping/hot-prod-worker/hot-prod-orders [function]"),
          changes);
      Applied cooled = apply(cloud, cold, false);
      assertTrue(cooled.ok(), cooled.toString());
      assertEquals("", describe(plan(cloud, cold, false).changes()));
      try (LambdaClient lambda = client(LambdaClient.builder())) {
        for (String name : List.of("hot-prod-api", "hot-prod-worker")) {
          assertThrowsNotFound(() -> lambda.getAlias(b -> b.functionName(name).name("live")));
          assertNull(
              proxy.provisionedConcurrency().requested(name, "live"),
              "no provisioned concurrency is left to pay for");
          assertNull(lambda.getFunction(b -> b.functionName(name)).tags().get("fnctl-alias"));
        }
      }
      var mapping =
          plan(cloud, cold, false)
              .live()
              .find("aws:lambda:event-source-mapping/hot-prod-worker/hot-prod-orders")
              .orElseThrow();
      assertEquals(FUNCTION_ARN.formatted("hot-prod-worker"), mapping.properties().get("function"));

      assertTrue(apply(cloud, cold, true).ok());
      assertEquals(List.of(), taggedWith("hot"));
      assertNull(proxy.provisionedConcurrency().requested("hot-prod-fan", "live"));
    }
  }

  @Test
  void aDeployStoppedBetweenPublishingAndMovingTheAliasConverges() throws Exception {
    Deployment d = TestSpecs.prod(warmSpec(f -> f));
    Deployment bigger =
        TestSpecs.prod(
            warmSpec(
                f -> {
                  f.put("api", TestSpecs.withMemory(f.get("api"), 512));
                  return f;
                }));
    try (AwsCloud cloud = connect(d)) {
      assertTrue(apply(cloud, d, false).ok());
      proxy.fail(Call.rest("PUT", "/2015-03-31/functions/hot-prod-api/aliases/live"), 500);
      Applied failed = apply(cloud, bigger, false);
      assertFalse(failed.ok());
      assertTrue(
          failed
              .failed()
              .get("aws:lambda:alias/hot-prod-api:live")
              .startsWith("UpdateAlias hot-prod-api:live: "),
          failed.toString());

      proxy.clearFaults();
      // $LATEST holds the new configuration, the alias still serves version 1: publish (again) and
      // move.
      assertEquals(
          "update aws:lambda:function/hot-prod-api [published]\nupdate aws:lambda:alias/hot-prod-api:live [version]\n",
          describe(plan(cloud, bigger, false).changes()));
      assertTrue(apply(cloud, bigger, false).ok());
      assertEquals("", describe(plan(cloud, bigger, false).changes()));
      try (LambdaClient lambda = client(LambdaClient.builder())) {
        assertEquals(
            512,
            lambda
                .getFunction(b -> b.functionName("hot-prod-api").qualifier("live"))
                .configuration()
                .memorySize());
      }
    }
  }

  @Test
  void provisionedConcurrencyThatCannotBeAllocatedFailsTheApplyWithTheReason() throws Exception {
    proxy
        .provisionedConcurrency()
        .failAllocation(
            "hot-prod-fan", "Insufficient unreserved concurrency available in the account");
    Deployment d = TestSpecs.prod(warmSpec(f -> f));
    try (AwsCloud cloud = connect(d)) {
      Applied report = apply(cloud, d, false);
      assertFalse(report.ok());
      String message = report.failed().get("aws:lambda:alias/hot-prod-fan:live");
      assertEquals(
          "hot-prod-fan:live: provisioned concurrency of 2 could not be allocated: Insufficient unreserved concurrency available"
              + " in the account (lower concurrency.warm, or ask AWS to raise the account's concurrency quota)",
          message);
    }
  }

  private static void assertThrowsNotFound(Runnable r) {
    try {
      r.run();
    } catch (ResourceNotFoundException expected) {
      return;
    }
    throw new AssertionError("expected ResourceNotFoundException");
  }
}
