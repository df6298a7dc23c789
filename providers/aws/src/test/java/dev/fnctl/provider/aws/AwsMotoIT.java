package dev.fnctl.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.engine.ClashException;
import dev.fnctl.model.plan.Action;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.Spec;
import dev.fnctl.model.spec.Trigger;
import dev.fnctl.provider.Cloud;
import dev.fnctl.provider.LiveState;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.LambdaFunctionConfiguration;
import software.amazon.awssdk.services.s3.model.NotificationConfiguration;
import software.amazon.awssdk.services.scheduler.SchedulerClient;

/** The AWS provider end to end against moto's server, through the real SDK. */
class AwsMotoIT extends MotoTestBase {
  @Test
  void everyTriggerKindAppliesReplansCleanlyDetectsDriftAndDestroys() throws Exception {
    String legacy = "acme-legacy-uploads";
    try (S3Client s3 = client(S3Client.builder())) {
      s3.createBucket(
          b -> b.bucket(legacy).createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
      s3.putBucketNotificationConfiguration(
          b ->
              b.bucket(legacy)
                  .notificationConfiguration(
                      NotificationConfiguration.builder()
                          .queueConfigurations(
                              q ->
                                  // a filter that does not overlap fnctl's (*.csv): S3 refuses
                                  // overlapping filters for the same event
                                  q.id("other-team")
                                      .queueArn("arn:aws:sqs:eu-west-1:123456789012:other")
                                      .filter(
                                          f ->
                                              f.key(
                                                  k ->
                                                      k.filterRules(
                                                          r -> r.name("suffix").value(".json"))))
                                      .events(
                                          software.amazon.awssdk.services.s3.model.Event
                                              .S3_OBJECT_CREATED))
                          .build()));
    }
    Spec spec = TestSpecs.everything("shop", dir, legacy, Map.of("region", "eu-west-1"));
    Deployment d = TestSpecs.prod(spec);
    assertEquals(List.of(), new AwsProvider().validate(d));
    try (AwsCloud cloud = connect(d)) {
      Planned first = plan(cloud, d, false);
      assertTrue(
          first.changes().stream().allMatch(c -> c.action() == Action.CREATE),
          describe(first.changes()));
      Applied report = apply(cloud, first.deployment(), false);
      assertTrue(report.ok(), report.toString());

      Planned again = plan(cloud, d, false);
      assertEquals("", describe(again.changes()), "an applied spec plans to no changes");
      assertFalse(cloud.outputs(again.live()).isEmpty(), "endpoint URLs are outputs");
      assertTrue(
          cloud.outputs(again.live()).get("GET /hello").endsWith("/hello"),
          cloud.outputs(again.live()).toString());

      // Someone else's notification on the shared bucket survived the merge.
      try (S3Client s3 = client(S3Client.builder())) {
        var n = s3.getBucketNotificationConfiguration(b -> b.bucket(legacy));
        assertEquals(1, n.queueConfigurations().size());
        assertEquals(1, n.lambdaFunctionConfigurations().size());
      }

      // One property changed: exactly one update.
      Map<String, FunctionSpec> fns = new LinkedHashMap<>(spec.functions());
      fns.put("worker", TestSpecs.withMemory(fns.get("worker"), 512));
      Spec changed =
          new Spec(
              spec.apiVersion(),
              spec.stack(),
              spec.targets(),
              spec.defaults(),
              fns,
              spec.queues(),
              spec.topics(),
              spec.buckets(),
              spec.budgets(),
              spec.file(),
              spec.baseDir(),
              spec.sourceMap(),
              spec.digest());
      Deployment d2 = TestSpecs.prod(changed);
      Planned one = plan(cloud, d2, false);
      assertEquals(
          "update aws:lambda:function/shop-prod-worker [memory]\n", describe(one.changes()));
      assertTrue(apply(cloud, one.deployment(), false).ok());
      assertEquals("", describe(plan(cloud, d2, false).changes()));

      // Drift made outside fnctl, with the aws CLI.
      moto.aws(
          "lambda",
          "update-function-configuration",
          "--function-name",
          "shop-prod-fan",
          "--timeout",
          "99");
      Planned drift = plan(cloud, d2, false);
      assertEquals(
          "update aws:lambda:function/shop-prod-fan [timeout]\n", describe(drift.changes()));
      assertTrue(apply(cloud, drift.deployment(), false).ok());
      assertEquals("", describe(plan(cloud, d2, false).changes()));

      // Destroy: nothing tagged with the stack remains; the shared bucket keeps its other
      // notification.
      Applied destroyed = apply(cloud, d2, true);
      assertTrue(destroyed.ok(), destroyed.toString());
      assertEquals(List.of(), taggedWith("shop"));
      assertEquals(
          "", describe(plan(cloud, d2, true).changes()), "nothing owned is left to destroy");
      try (S3Client s3 = client(S3Client.builder())) {
        var n = s3.getBucketNotificationConfiguration(b -> b.bucket(legacy));
        assertEquals(
            1, n.queueConfigurations().size(), "the other owner's notification survives destroy");
        assertEquals(List.<LambdaFunctionConfiguration>of(), n.lambdaFunctionConfigurations());
      }
    }
  }

  @Test
  void triggersAreKeyedByWhatTheyAreNotByTheirPlaceInTheList() throws Exception {
    Spec spec = TestSpecs.everything("keys", dir, null, Map.of());
    Deployment d = TestSpecs.prod(spec);
    try (AwsCloud cloud = connect(d)) {
      assertTrue(apply(cloud, d, false).ok());
      Map<String, FunctionSpec> fns = new LinkedHashMap<>(spec.functions());
      FunctionSpec tick = fns.get("tick");
      List<Trigger> reversed = new java.util.ArrayList<>(tick.triggers());
      java.util.Collections.reverse(reversed);
      fns.put(
          "tick",
          new FunctionSpec(
              tick.name(),
              tick.code(),
              tick.handler(),
              tick.settings(),
              tick.secrets(),
              reversed,
              tick.permissions()));
      Deployment reordered = TestSpecs.prod(AwsResourcesIT.with(spec, fns, spec.budgets()));
      assertEquals(
          "",
          describe(plan(cloud, reordered, false).changes()),
          "reordering triggers changes nothing");

      FunctionSpec thumb = fns.get("thumb");
      List<Trigger> inserted =
          new java.util.ArrayList<>(
              List.of(new Trigger.Storage("uploads", List.of("created"), "docs/", null)));
      inserted.addAll(thumb.triggers());
      fns.put(
          "thumb",
          new FunctionSpec(
              thumb.name(),
              thumb.code(),
              thumb.handler(),
              thumb.settings(),
              thumb.secrets(),
              inserted,
              thumb.permissions()));
      List<Trigger> early =
          new java.util.ArrayList<>(
              List.of(new Trigger.Schedule(null, java.time.Duration.ofHours(1), null)));
      early.addAll(reversed);
      fns.put(
          "tick",
          new FunctionSpec(
              tick.name(),
              tick.code(),
              tick.handler(),
              tick.settings(),
              tick.secrets(),
              early,
              tick.permissions()));
      Deployment more = TestSpecs.prod(AwsResourcesIT.with(spec, fns, spec.budgets()));
      String slug = early.get(0).slug();
      assertEquals(
          "create aws:scheduler:schedule/keys-prod/tick-"
              + slug
              + " [expression, role, state, target, timezone]\n"
              + "create aws:s3:notification/keys-prod-uploads/fnctl-keys-prod-thumb-"
              + inserted.get(0).slug()
              + " [events, function, prefix]\n",
          describe(plan(cloud, more, false).changes()),
          "inserting triggers first creates exactly them");
      assertTrue(apply(cloud, more, false).ok());
      assertEquals("", describe(plan(cloud, more, false).changes()));
    }
  }

  @Test
  void someoneElsesScheduleGroupWithTheStacksNameIsRefused() throws Exception {
    try (SchedulerClient scheduler = client(SchedulerClient.builder())) {
      scheduler.createScheduleGroup(b -> b.name("shop-prod"));
    }
    Deployment d = TestSpecs.prod(TestSpecs.everything("shop", dir, null, Map.of()));
    try (AwsCloud cloud = connect(d)) {
      List<Resource> desired = cloud.desired(d);
      LiveState live = cloud.read(d, desired);
      assertFalse(live.find("aws:scheduler:schedule-group/shop-prod").orElseThrow().owned());
      assertThrows(ClashException.class, () -> plan(cloud, d, false));
    }
  }

  @Test
  void anUntaggedFunctionWithTheSameNameIsRefused() throws Exception {
    try (IamClient iam = client(IamClient.builder());
        LambdaClient lambda = client(LambdaClient.builder())) {
      String role =
          iam.createRole(
                  b ->
                      b.roleName("someone")
                          .assumeRolePolicyDocument(PolicyDocuments.trust("lambda.amazonaws.com")))
              .role()
              .arn();
      lambda.createFunction(
          b ->
              b.functionName("shop-prod-fan")
                  .runtime("python3.12")
                  .handler("x.y")
                  .role(role)
                  .code(
                      c ->
                          c.zipFile(
                              SdkBytes.fromByteArray(
                                  new byte[] {
                                    80, 75, 5, 6, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                    0
                                  }))));
    }
    Deployment d = TestSpecs.prod(TestSpecs.everything("shop", dir, null, Map.of()));
    try (AwsCloud cloud = connect(d)) {
      List<Resource> desired = cloud.desired(d);
      LiveState live = cloud.read(d, desired);
      assertFalse(live.find("aws:lambda:function/shop-prod-fan").orElseThrow().owned());
      assertThrows(ClashException.class, () -> plan(cloud, d, false));
      assertThrows(
          ProviderException.class,
          () ->
              cloud.apply(
                  new Cloud.Step(
                      Action.DELETE,
                      "aws:lambda:function/shop-prod-fan",
                      null,
                      live.find("aws:lambda:function/shop-prod-fan").orElseThrow(),
                      Map.of())),
          "never deletes what it does not own");
    }
  }
}
