package dev.fnctl.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.engine.ApplyListener;
import dev.fnctl.engine.ApplyOptions;
import dev.fnctl.engine.Engine;
import dev.fnctl.engine.PlanSession;
import dev.fnctl.model.plan.Action;
import dev.fnctl.model.spec.BucketSpec;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.QueueSpec;
import dev.fnctl.model.spec.TopicSpec;
import dev.fnctl.model.spec.Trigger;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.testkit.aws.StrictAws.Answer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * States real AWS has and moto never shows, injected by the strict layer for chosen calls with the
 * shapes AWS gives: fnctl waits them out, or says exactly what blocks and what to do; a re-run
 * converges.
 */
class AwsInjectedStatesIT extends MotoTestBase {
  static final Map<String, String> EU = Map.of("region", "eu-west-1");

  Deployment queueSpec(int batchSize) {
    Map<String, FunctionSpec> fns = new LinkedHashMap<>();
    fns.put(
        "worker",
        TestSpecs.function("worker", List.of(new Trigger.Queue("jobs", batchSize)), List.of()));
    return TestSpecs.prod(
        TestSpecs.build(
            "busy",
            dir,
            fns,
            Map.of("jobs", new QueueSpec("jobs", null, null, null)),
            Map.of(),
            Map.of(),
            Map.of(),
            EU));
  }

  Deployment bucketSpec() {
    Map<String, FunctionSpec> fns = new LinkedHashMap<>();
    fns.put(
        "thumb",
        TestSpecs.function(
            "thumb",
            List.of(new Trigger.Storage("uploads", List.of("created"), "in/", null)),
            List.of()));
    return TestSpecs.prod(
        TestSpecs.build(
            "fresh",
            dir,
            fns,
            Map.of(),
            Map.of(),
            Map.of("uploads", new BucketSpec("uploads", null)),
            Map.of(),
            EU));
  }

  Deployment topicAndBucketSpec() {
    Map<String, FunctionSpec> fns = new LinkedHashMap<>();
    fns.put("fan", TestSpecs.function("fan", List.of(new Trigger.Topic("events")), List.of()));
    return TestSpecs.prod(
        TestSpecs.build(
            "stale",
            dir,
            fns,
            Map.of(),
            Map.of("events", new TopicSpec("events", null)),
            Map.of("archive", new BucketSpec("archive", null)),
            Map.of(),
            EU));
  }

  Deployment scheduleSpec() {
    Map<String, FunctionSpec> fns = new LinkedHashMap<>();
    fns.put(
        "tick",
        TestSpecs.function(
            "tick", List.of(new Trigger.Schedule(null, Duration.ofMinutes(5), null)), List.of()));
    return TestSpecs.prod(
        TestSpecs.build("timer", dir, fns, Map.of(), Map.of(), Map.of(), Map.of(), EU));
  }

  @org.junit.jupiter.api.BeforeEach
  void clearOperations() {
    proxy.strict().clearOperations();
  }

  /** The calls each wait makes (GetScheduleGroup, GetEventSourceMapping, ...) are in the policy. */
  @org.junit.jupiter.api.AfterEach
  void everyCallIsAllowedByTheDocumentedPolicy() throws Exception {
    java.util.Set<String> allowed = AwsIamPolicyIT.allowedActions();
    Map<String, String> missing = new java.util.TreeMap<>();
    for (String op : proxy.strict().operations()) {
      String[] parts = op.split(":", 2);
      String action = dev.fnctl.testkit.aws.IamActions.of(parts[0], parts[1]);
      if (action != null && !allowed.contains(action)) missing.put(op, action);
    }
    assertEquals(Map.of(), missing, "operations the documented policy does not allow");
  }

  /** Plans and applies with this step timeout. */
  Applied applyWithin(Deployment d, Duration stepTimeout) throws Exception {
    Engine engine = engine();
    try (PlanSession s = engine.plan(specs.put(d), d.target().name(), Engine.PlanMode.NORMAL)) {
      return Applied.of(
          engine.apply(
              s,
              new ApplyOptions(8, Duration.ofSeconds(10), "apply", stepTimeout, null),
              ApplyListener.NONE));
    }
  }

  @Test
  void anEventSourceMappingStillUpdatingIsWaitedOut() throws Exception {
    Deployment d = queueSpec(5);
    try (AwsCloud cloud = connect(d)) {
      assertTrue(apply(cloud, d, false).ok());
      proxy.strict().inject("lambda:UpdateEventSourceMapping", 2, Answer.resourceInUse());
      Deployment bigger = queueSpec(10);
      Applied changed = apply(cloud, bigger, false);
      assertTrue(changed.ok(), changed.toString());
      assertEquals(2, proxy.strict().answered("lambda:UpdateEventSourceMapping"));
      assertEquals("", describe(plan(cloud, bigger, false).changes()));
      try (LambdaClient lambda = client(LambdaClient.builder())) {
        assertEquals(10, lambda.listEventSourceMappings().eventSourceMappings().get(0).batchSize());
      }
      proxy.strict().inject("lambda:DeleteEventSourceMapping", 1, Answer.resourceInUse());
      Applied destroyed = apply(cloud, bigger, true);
      assertTrue(destroyed.ok(), destroyed.toString());
      assertEquals(1, proxy.strict().answered("lambda:DeleteEventSourceMapping"));
    }
  }

  @Test
  void aMappingOfTheSameQueueStillDeletingIsWaitedOutBeforeTheNewOneIsMade() throws Exception {
    Deployment d = queueSpec(5);
    String source = "arn:aws:sqs:eu-west-1:123456789012:busy-prod-jobs";
    String function = "arn:aws:lambda:eu-west-1:123456789012:function:busy-prod-worker";
    String old = "0b1d5c5e-0000-4000-8000-00000000dead";
    // A destroy a moment ago left the old mapping Deleting; Lambda refuses the new one until then.
    proxy
        .strict()
        .inject("lambda:CreateEventSourceMapping", 1, Answer.mappingExists(source, function, old));
    proxy
        .strict()
        .inject(
            "lambda:ListEventSourceMappings",
            "EventSourceArn=",
            1,
            Answer.mappingDeleting(source, function, old));
    try (AwsCloud cloud = connect(d)) {
      Applied applied = apply(cloud, d, false);
      assertTrue(applied.ok(), applied.toString());
      assertEquals(1, proxy.strict().answered("lambda:CreateEventSourceMapping"));
      assertEquals(1, proxy.strict().answered("lambda:ListEventSourceMappings"));
      assertEquals("", describe(plan(cloud, d, false).changes()));
      try (LambdaClient lambda = client(LambdaClient.builder())) {
        assertEquals(1, lambda.listEventSourceMappings().eventSourceMappings().size());
      }
    }
  }

  @Test
  void aMappingThatStaysBusyPastTheWindowIsReportedInOneLine() throws Exception {
    Deployment d = queueSpec(5);
    try (AwsCloud cloud = connect(d)) {
      assertTrue(apply(cloud, d, false).ok());
      proxy.strict().inject("lambda:UpdateEventSourceMapping", 1000, Answer.resourceInUse());
      Applied changed = apply(cloud, queueSpec(10), false);
      String message = changed.failed().values().iterator().next();
      assertTrue(
          message.startsWith("UpdateEventSourceMapping aws:lambda:event-source-mapping/"), message);
      assertTrue(message.contains("ResourceInUseException"), message);
      assertTrue(message.contains("(still so after 3 s)"), message);
      assertFalse(message.contains("\n"), message);
    }
  }

  @Test
  void aNewBucketNotYetVisibleToItsSubResourcesIsWaitedOut() throws Exception {
    Deployment d = bucketSpec();
    String bucket = "fresh-prod-uploads";
    proxy.strict().inject("s3:PutBucketTagging", bucket, 1, Answer.noSuchBucket(bucket));
    proxy
        .strict()
        .inject("s3:PutBucketNotificationConfiguration", bucket, 1, Answer.noSuchBucket(bucket));
    try (AwsCloud cloud = connect(d)) {
      Applied applied = apply(cloud, d, false);
      assertTrue(applied.ok(), applied.toString());
      assertEquals(1, proxy.strict().answered("s3:PutBucketTagging"));
      assertEquals(1, proxy.strict().answered("s3:PutBucketNotificationConfiguration"));
      assertEquals("", describe(plan(cloud, d, false).changes()));
    }
  }

  @Test
  void aBucketLeftWithoutItsTagsIsAdoptedNotAPermanentClash() throws Exception {
    Deployment d = bucketSpec();
    try (S3Client s3 = client(S3Client.builder())) {
      // What an apply stopped between CreateBucket and PutBucketTagging leaves.
      s3.createBucket(
          b ->
              b.bucket("fresh-prod-uploads")
                  .createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
    }
    try (AwsCloud cloud = connect(d)) {
      var planned = plan(cloud, d, false);
      assertTrue(
          planned.changes().stream()
              .anyMatch(
                  c ->
                      c.action() == Action.CREATE
                          && c.address()
                              .equals(AwsTypes.address(AwsTypes.BUCKET, "fresh-prod-uploads"))),
          describe(planned.changes()));
      Applied applied = apply(cloud, d, false);
      assertTrue(applied.ok(), applied.toString());
      assertEquals("", describe(plan(cloud, d, false).changes()));
    }
    try (S3Client s3 = client(S3Client.builder())) {
      assertTrue(
          s3.getBucketTagging(b -> b.bucket("fresh-prod-uploads")).tagSet().stream()
              .anyMatch(t -> t.key().equals(StackNames.STACK_TAG) && t.value().equals("fresh")));
    }
  }

  @Test
  void anUntaggedBucketHoldingObjectsIsSomeonesDataAndStaysAClash() throws Exception {
    Deployment d = bucketSpec();
    try (S3Client s3 = client(S3Client.builder())) {
      s3.createBucket(
          b ->
              b.bucket("fresh-prod-uploads")
                  .createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
      s3.putObject(
          b -> b.bucket("fresh-prod-uploads").key("report.csv"),
          software.amazon.awssdk.core.sync.RequestBody.fromString("a,b\n"));
    }
    try (AwsCloud cloud = connect(d)) {
      assertFalse(
          cloud
              .read(d, cloud.desired(d))
              .find(AwsTypes.address(AwsTypes.BUCKET, "fresh-prod-uploads"))
              .orElseThrow()
              .owned());
      assertThrows(dev.fnctl.engine.ClashException.class, () -> plan(cloud, d, false));
    }
    try (S3Client s3 = client(S3Client.builder())) {
      assertTrue(
          s3.getBucketTagging(b -> b.bucket("fresh-prod-uploads")).tagSet().isEmpty(),
          "fnctl must not tag someone else's bucket");
    } catch (software.amazon.awssdk.services.s3.model.S3Exception e) {
      assertEquals("NoSuchTagSet", e.awsErrorDetails().errorCode());
    }
  }

  @Test
  void aScheduleGroupStillDeletingIsWaitedOut() throws Exception {
    Deployment d = scheduleSpec();
    String group = "timer-prod";
    proxy.strict().inject("scheduler:CreateScheduleGroup", 1, Answer.scheduleGroupConflict(group));
    proxy
        .strict()
        .inject(
            "scheduler:GetScheduleGroup",
            2,
            Answer.scheduleGroupDeleting(
                "arn:aws:scheduler:eu-west-1:123456789012:schedule-group/" + group, group));
    try (AwsCloud cloud = connect(d)) {
      Applied applied = apply(cloud, d, false);
      assertTrue(applied.ok(), applied.toString());
      assertEquals(2, proxy.strict().answered("scheduler:GetScheduleGroup"));
      assertEquals("", describe(plan(cloud, d, false).changes()));
    }
  }

  @Test
  void aQueueNameDeletedAMomentAgoIsWaitedForWhenTheStepHasTime() throws Exception {
    Deployment d = queueSpec(5);
    proxy.strict().inject("sqs:CreateQueue", 1, Answer.queueDeletedRecently());
    try (AwsCloud cloud = connect(d)) {
      Applied applied = applyWithin(d, Duration.ofSeconds(90));
      assertTrue(applied.ok(), applied.toString());
      assertEquals(1, proxy.strict().answered("sqs:CreateQueue"));
      assertEquals("", describe(plan(cloud, d, false).changes()));
    }
  }

  @Test
  void aQueueNameDeletedAMomentAgoFailsClearlyWhenTheStepIsShorterThanTheWait() throws Exception {
    Deployment d = queueSpec(5);
    proxy.strict().inject("sqs:CreateQueue", 1, Answer.queueDeletedRecently());
    try (AwsCloud cloud = connect(d)) {
      Applied applied = applyWithin(d, Duration.ofSeconds(30));
      String message =
          applied.failed().getOrDefault(AwsTypes.address(AwsTypes.QUEUE, "busy-prod-jobs"), "");
      assertTrue(
          message.startsWith(
              "CreateQueue busy-prod-jobs: a queue of this name was deleted less than 60 seconds"
                  + " ago and SQS refuses the name until then, longer than this step has left"),
          message);
      assertTrue(
          message.endsWith("run apply again in a minute, or give it a longer --step-timeout"),
          message);
      assertFalse(message.contains("\n"), message);
      Applied rerun = apply(cloud, d, false);
      assertTrue(rerun.ok(), rerun.toString());
    }
  }

  Deployment visibilitySpec(long seconds) {
    return TestSpecs.prod(
        TestSpecs.build(
            "slowq",
            dir,
            Map.of(),
            Map.of("jobs", new QueueSpec("jobs", null, null, Duration.ofSeconds(seconds))),
            Map.of(),
            Map.of(),
            Map.of(),
            EU));
  }

  @Test
  void queueAttributesNotYetPropagatedAreWaitedForSoTheNextPlanIsClean() throws Exception {
    Deployment d = visibilitySpec(60);
    try (AwsCloud cloud = connect(d)) {
      assertTrue(apply(cloud, d, false).ok());
      // What GetQueueAttributes answers until the change propagates: the old values. The plan's
      // read takes one (and rightly plans the change), the apply's settling read the other two.
      proxy
          .strict()
          .inject(
              "sqs:GetQueueAttributes",
              3,
              Answer.queueAttributes(
                  Map.of(
                      "QueueArn", "arn:aws:sqs:eu-west-1:123456789012:slowq-prod-jobs",
                      "VisibilityTimeout", "60",
                      "MessageRetentionPeriod", "345600")));
      Deployment longer = visibilitySpec(120);
      Applied changed = apply(cloud, longer, false);
      assertTrue(changed.ok(), changed.toString());
      assertEquals(3, proxy.strict().answered("sqs:GetQueueAttributes"));
      assertEquals("", describe(plan(cloud, longer, false).changes()));
    }
  }

  @Test
  void staleTaggingEntriesOfDeletedTopicsAndBucketsAreNotTakenAsLive() throws Exception {
    Deployment d = topicAndBucketSpec();
    try (AwsCloud cloud = connect(d)) {
      assertTrue(apply(cloud, d, false).ok());
      List<String> tagged = taggedWith("stale");
      String topicArn = "arn:aws:sns:eu-west-1:123456789012:stale-prod-events";
      assertTrue(tagged.contains(topicArn), tagged.toString());
      try (SnsClient sns = client(SnsClient.builder());
          S3Client s3 = client(S3Client.builder())) {
        sns.deleteTopic(b -> b.topicArn(topicArn));
        s3.deleteBucket(b -> b.bucket("stale-prod-archive"));
      }
      // The tagging API keeps answering what was tagged, deleted or not.
      proxy
          .strict()
          .inject(
              "tagging:GetResources",
              1,
              Answer.taggedResources(
                  tagged.stream().filter(a -> !a.contains(":iam:")).toList(),
                  Map.of(StackNames.STACK_TAG, "stale", StackNames.TARGET_TAG, "prod")));
      var planned = plan(cloud, d, false);
      assertEquals(1, proxy.strict().answered("tagging:GetResources"));
      List<String> created =
          planned.changes().stream()
              .filter(c -> c.action() == Action.CREATE)
              .map(c -> c.address())
              .toList();
      assertTrue(
          created.contains(AwsTypes.address(AwsTypes.TOPIC, "stale-prod-events")),
          describe(planned.changes()));
      assertTrue(
          created.contains(AwsTypes.address(AwsTypes.BUCKET, "stale-prod-archive")),
          describe(planned.changes()));
    }
  }

  @Test
  void someoneElsesBrokenDestinationOnASharedBucketDoesNotBlockFnctl() throws Exception {
    String gone = "arn:aws:lambda:eu-west-1:123456789012:function:deleted-long-ago";
    try (S3Client s3 = client(S3Client.builder())) {
      // Another tool's entry, whose function was deleted since (straight to moto, which takes it).
      s3.createBucket(
          b ->
              b.bucket("team-shared-drop")
                  .createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
      s3.putBucketNotificationConfiguration(
          b ->
              b.bucket("team-shared-drop")
                  .notificationConfiguration(
                      n ->
                          n.lambdaFunctionConfigurations(
                              l ->
                                  l.id("other-tool")
                                      .lambdaFunctionArn(gone)
                                      .events(
                                          software.amazon.awssdk.services.s3.model.Event
                                              .S3_OBJECT_REMOVED))));
    }
    Map<String, FunctionSpec> fns = new LinkedHashMap<>();
    fns.put(
        "thumb",
        TestSpecs.function(
            "thumb",
            List.of(new Trigger.Storage("drop", List.of("created"), "in/", null)),
            List.of()));
    Deployment d =
        TestSpecs.prod(
            TestSpecs.build(
                "shared",
                dir,
                fns,
                Map.of(),
                Map.of(),
                Map.of("drop", new BucketSpec("drop", "arn:aws:s3:::team-shared-drop")),
                Map.of(),
                EU));
    try (AwsCloud cloud = connect(d)) {
      Applied applied = apply(cloud, d, false);
      assertTrue(applied.ok(), applied.toString());
      assertEquals("", describe(plan(cloud, d, false).changes()));
    }
    try (S3Client s3 = client(S3Client.builder())) {
      var entries =
          s3.getBucketNotificationConfiguration(b -> b.bucket("team-shared-drop"))
              .lambdaFunctionConfigurations();
      assertEquals(2, entries.size(), entries.toString());
      assertTrue(entries.stream().anyMatch(l -> l.lambdaFunctionArn().equals(gone)));
    }
  }

  @Test
  void aForeignEntryOverlappingTheTriggerIsNamedWithWhatToDo() throws Exception {
    String theirs = "arn:aws:lambda:eu-west-1:123456789012:function:ingest";
    try (S3Client s3 = client(S3Client.builder())) {
      s3.createBucket(
          b ->
              b.bucket("team-inbox")
                  .createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
      software.amazon.awssdk.services.s3.model.LambdaFunctionConfiguration ingest =
          software.amazon.awssdk.services.s3.model.LambdaFunctionConfiguration.builder()
              .id("ingest-all")
              .lambdaFunctionArn(theirs)
              .events(software.amazon.awssdk.services.s3.model.Event.S3_OBJECT_CREATED)
              .filter(f -> f.key(k -> k.filterRules(r -> r.name("prefix").value("in/"))))
              .build();
      s3.putBucketNotificationConfiguration(
          b ->
              b.bucket("team-inbox")
                  .notificationConfiguration(n -> n.lambdaFunctionConfigurations(ingest)));
    }
    Map<String, FunctionSpec> fns = new LinkedHashMap<>();
    fns.put(
        "thumb",
        TestSpecs.function(
            "thumb",
            List.of(new Trigger.Storage("inbox", List.of("created"), "in/images/", null)),
            List.of()));
    Deployment d =
        TestSpecs.prod(
            TestSpecs.build(
                "overlap",
                dir,
                fns,
                Map.of(),
                Map.of(),
                Map.of("inbox", new BucketSpec("inbox", "team-inbox")),
                Map.of(),
                EU));
    try (AwsCloud cloud = connect(d)) {
      Applied applied = apply(cloud, d, false);
      String message =
          applied.failed().entrySet().stream()
              .filter(e -> e.getKey().contains("notification"))
              .map(Map.Entry::getValue)
              .findFirst()
              .orElse(applied.toString());
      assertTrue(
          message.startsWith(
              "PutBucketNotificationConfiguration team-inbox: S3 refuses overlapping"
                  + " notifications: fnctl's 'fnctl-overlap-prod-thumb-storage-"),
          message);
      assertTrue(
          message.contains(
              " overlaps the bucket's entry 'ingest-all' (s3:ObjectCreated:*, prefix 'in/' to "
                  + theirs
                  + ") for the same event; give the trigger a prefix or suffix that does not"
                  + " overlap it, or have that entry's owner narrow or remove it"),
          message);
      assertFalse(message.contains("\n"), message);
    }
    try (S3Client s3 = client(S3Client.builder())) {
      assertEquals(
          List.of("ingest-all"),
          s3
              .getBucketNotificationConfiguration(b -> b.bucket("team-inbox"))
              .lambdaFunctionConfigurations()
              .stream()
              .map(l -> l.id())
              .toList(),
          "the bucket is left as it was");
    }
  }

  @Test
  void functionTagsWithheldAreAPermissionErrorNamingThePermission() throws Exception {
    Deployment d = queueSpec(5);
    try (AwsCloud cloud = connect(d)) {
      assertTrue(apply(cloud, d, false).ok());
      proxy
          .strict()
          .inject(
              "lambda:GetFunction",
              100,
              Answer.functionWithoutTags("busy-prod-worker", "python3.12"));
      ProviderException e = assertThrows(ProviderException.class, () -> plan(cloud, d, false));
      assertEquals(ProviderException.Kind.PERMISSION_DENIED, e.kind(), e.getMessage());
      assertTrue(e.getMessage().contains("lambda:ListTags"), e.getMessage());
    }
  }
}
