package dev.fnctl.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.engine.ApplyListener;
import dev.fnctl.engine.ApplyOptions;
import dev.fnctl.engine.ApplyReport;
import dev.fnctl.engine.Engine;
import dev.fnctl.engine.PlanSession;
import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.ReplaceMode;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.provider.Cloud;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Providers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.lambda.model.LambdaException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.LambdaFunctionConfiguration;
import software.amazon.awssdk.services.s3.model.NotificationConfiguration;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The SPI's shared containers, replacement order and error kinds on AWS, through the real engine
 * against moto.
 */
class AwsSharedContainersIT extends MotoTestBase {

  private static final String SPEC =
      """
      apiVersion: fnctl.dev/v1
      stack: box
      targets:
        aws: { provider: aws, region: eu-west-1 }
      defaults: { runtime: python3.12 }
      functions:
        a:
          code: ./code
          handler: main.handle
          WARM
          triggers:
            - storage: { bucket: uploads, prefix: a/ }
            - topic: { topic: events }
        b: { code: ./code, handler: main.handle, triggers: [ { storage: { bucket: uploads, prefix: b/ } } ] }
        c: { code: ./code, handler: main.handle, triggers: [ { storage: { bucket: uploads, prefix: c/ } } ] }
        d: { code: ./code, handler: main.handle, triggers: [ { storage: { bucket: uploads, prefix: d/ } } ] }
      buckets: { uploads: {} }
      topics: { events: {} }
      """;

  private Path spec(String warm) throws Exception {
    Path file = dir.resolve("fnctl.yaml");
    Files.writeString(file, SPEC.replace("WARM", warm));
    return file;
  }

  private Engine fileEngine() {
    return Engine.create(Providers.discover(), env());
  }

  private Plan plan(Engine engine, Path spec) throws Exception {
    try (PlanSession s = engine.plan(spec, "aws", Engine.PlanMode.NORMAL)) {
      return s.plan();
    }
  }

  private ApplyReport apply(Engine engine, Path spec, Engine.PlanMode mode) throws Exception {
    try (PlanSession s = engine.plan(spec, "aws", mode)) {
      ApplyReport r =
          engine.apply(s, new ApplyOptions(10, Duration.ZERO, "apply"), ApplyListener.NONE);
      assertTrue(r.succeeded(), r.failed() + " not started " + r.notStarted());
      return r;
    }
  }

  private Set<String> notificationIds(String bucket) {
    try (S3Client s3 = client(S3Client.builder())) {
      NotificationConfiguration n =
          NotificationConfiguration.builder()
              .lambdaFunctionConfigurations(
                  s3.getBucketNotificationConfiguration(b -> b.bucket(bucket))
                      .lambdaFunctionConfigurations())
              .build();
      Set<String> ids = new TreeSet<>();
      for (LambdaFunctionConfiguration l : n.lambdaFunctionConfigurations()) ids.add(l.id());
      return ids;
    }
  }

  @Test
  void notificationsOnOneBucketAreWrittenOneAtATimeAndOthersEntriesSurvive() throws Exception {
    Path spec = spec("");
    Engine engine = fileEngine();
    apply(engine, spec, Engine.PlanMode.NORMAL);
    // Four entries written by parallel steps: without one step per container at a time, the
    // read-modify-writes overwrite each other and entries go missing.
    assertEquals(4, notificationIds("box-aws-uploads").size(), "every trigger's entry is there");
    assertFalse(plan(engine, spec).hasChanges());

    // Someone else's entry, then a change to ours: theirs survives.
    try (S3Client s3 = client(S3Client.builder())) {
      var now = s3.getBucketNotificationConfiguration(b -> b.bucket("box-aws-uploads"));
      s3.putBucketNotificationConfiguration(
          b ->
              b.bucket("box-aws-uploads")
                  .notificationConfiguration(
                      NotificationConfiguration.builder()
                          .lambdaFunctionConfigurations(now.lambdaFunctionConfigurations())
                          .queueConfigurations(
                              q ->
                                  q.id("other-team")
                                      .queueArn("arn:aws:sqs:eu-west-1:123456789012:other")
                                      .events(
                                          software.amazon.awssdk.services.s3.model.Event
                                              .S3_OBJECT_REMOVED))
                          .build()));
    }
    Files.writeString(spec, Files.readString(spec).replace("prefix: d/", "prefix: e/"));
    apply(engine, spec, Engine.PlanMode.NORMAL);
    assertEquals(4, notificationIds("box-aws-uploads").size());
    try (S3Client s3 = client(S3Client.builder())) {
      assertEquals(
          1,
          s3.getBucketNotificationConfiguration(b -> b.bucket("box-aws-uploads"))
              .queueConfigurations()
              .size(),
          "the other owner's entry survives");
    }
    assertFalse(plan(engine, spec).hasChanges());
  }

  /** The AWS provider, recording the steps the engine hands it. */
  static final class Recording implements dev.fnctl.provider.Provider {
    final AwsProvider aws = new AwsProvider();
    final List<String> writes = java.util.Collections.synchronizedList(new ArrayList<>());

    @Override
    public String id() {
      return aws.id();
    }

    @Override
    public java.util.Map<String, String> settings() {
      return aws.settings();
    }

    @Override
    public List<dev.fnctl.provider.Problem> validate(dev.fnctl.model.spec.Deployment d) {
      return aws.validate(d);
    }

    @Override
    public Cloud connect(dev.fnctl.model.spec.Deployment d, dev.fnctl.provider.Context c)
        throws ProviderException {
      Cloud cloud = aws.connect(d, c);
      return new Cloud() {
        public List<dev.fnctl.provider.Resource> desired(dev.fnctl.model.spec.Deployment d)
            throws ProviderException {
          return cloud.desired(d);
        }

        public dev.fnctl.provider.LiveState read(
            dev.fnctl.model.spec.Deployment d, List<dev.fnctl.provider.Resource> desired)
            throws ProviderException {
          return cloud.read(d, desired);
        }

        public java.util.Map<String, Object> apply(Step step) throws ProviderException {
          if (step.address().startsWith(AwsTypes.NOTIFICATION))
            writes.add(step.action().word() + " " + step.address());
          return cloud.apply(step);
        }

        public boolean writesTogether(String container) {
          return cloud.writesTogether(container);
        }

        public java.util.Map<String, java.util.Map<String, Object>> applyTogether(
            String container, List<Step> steps) throws ProviderException {
          List<String> parts = new ArrayList<>();
          for (Step s : steps) parts.add(s.action().word() + " " + s.address());
          writes.add(container + ": " + String.join(", ", parts));
          return cloud.applyTogether(container, steps);
        }

        public dev.fnctl.provider.StackLock lock() {
          return cloud.lock();
        }

        public java.util.Map<String, String> outputs(dev.fnctl.provider.LiveState live) {
          return cloud.outputs(live);
        }

        public void close() {
          cloud.close();
        }
      };
    }
  }

  @Test
  void aChangedStoragePrefixIsOneWriteNeverOldAndNewSideBySide() throws Exception {
    Path spec = spec("");
    Recording recording = new Recording();
    Engine engine = Engine.create(Providers.of(List.of(recording)), env());
    apply(engine, spec, Engine.PlanMode.NORMAL);
    assertEquals(1, recording.writes.size(), "four new entries, one write: " + recording.writes);

    recording.writes.clear();
    Files.writeString(spec, Files.readString(spec).replace("prefix: d/", "prefix: e/"));
    apply(engine, spec, Engine.PlanMode.NORMAL);
    assertEquals(1, recording.writes.size(), recording.writes.toString());
    String write = recording.writes.get(0);
    assertTrue(write.startsWith("aws:s3:bucket-notifications/box-aws-uploads: create "), write);
    assertTrue(write.contains(", delete aws:s3:notification/box-aws-uploads/"), write);
    try (S3Client s3 = client(S3Client.builder())) {
      var lambdas =
          s3.getBucketNotificationConfiguration(b -> b.bucket("box-aws-uploads"))
              .lambdaFunctionConfigurations();
      assertEquals(4, lambdas.size());
      assertEquals(
          Set.of("a/", "b/", "c/", "e/"),
          lambdas.stream()
              .map(l -> l.filter().key().filterRules().get(0).value())
              .collect(java.util.stream.Collectors.toSet()));
    }
    assertFalse(plan(engine, spec).hasChanges());
  }

  @Test
  void aSubscriptionIsReplacedCreateFirstAndOnlyTheNewOneRemains() throws Exception {
    Path spec = spec("");
    Engine engine = fileEngine();
    apply(engine, spec, Engine.PlanMode.NORMAL);

    // Warm: the topic now invokes the alias, a new endpoint, so a new subscription.
    Files.writeString(spec, SPEC.replace("WARM", "concurrency: { warm: 1 }"));
    ResourceChange sub =
        plan(engine, spec).changes().stream()
            .filter(c -> c.type().equals("aws:sns:subscription"))
            .findFirst()
            .orElseThrow();
    assertEquals(Action.REPLACE, sub.action());
    assertEquals(ReplaceMode.CREATE_THEN_DELETE, sub.replaceMode());
    assertEquals("+/-", sub.symbol());

    apply(engine, spec, Engine.PlanMode.NORMAL);
    try (SnsClient sns = client(SnsClient.builder())) {
      var subs =
          sns.listSubscriptionsByTopic(
                  b -> b.topicArn("arn:aws:sns:eu-west-1:123456789012:box-aws-events"))
              .subscriptions();
      assertEquals(1, subs.size(), subs.toString());
      assertTrue(subs.get(0).endpoint().endsWith(":live"), subs.get(0).endpoint());
    }
    assertFalse(plan(engine, spec).hasChanges());
  }

  @Test
  void awsErrorsGetTheirKindInOnePlaceAndAMissingPermissionIsNamed() {
    ProviderException denied =
        AwsSession.failure(
            "GetFunction box-aws-a: AccessDeniedException: ...",
            error(
                403,
                "AccessDeniedException",
                "User: arn:aws:iam::123456789012:user/ci is not authorized to perform:"
                    + " lambda:ListTags on resource: arn:aws:lambda:eu-west-1:123456789012:function:box-aws-a"));
    assertEquals(ProviderException.Kind.PERMISSION_DENIED, denied.kind());
    assertEquals("lambda:ListTags", denied.permission());
    assertEquals(kind(429, "TooManyRequestsException"), ProviderException.Kind.THROTTLED);
    assertEquals(kind(400, "ThrottlingException"), ProviderException.Kind.THROTTLED);
    assertEquals(kind(409, "ResourceConflictException"), ProviderException.Kind.CONFLICT);
    assertEquals(kind(404, "ResourceNotFoundException"), ProviderException.Kind.NOT_FOUND);
    assertEquals(kind(400, "CodeStorageExceededException"), ProviderException.Kind.QUOTA);
    assertEquals(kind(400, "ServiceQuotaExceededException"), ProviderException.Kind.QUOTA);
    assertEquals(kind(400, "InvalidParameterValueException"), ProviderException.Kind.INVALID);
    assertEquals(kind(500, "ServiceException"), ProviderException.Kind.OTHER);
    assertNull(
        AwsSession.failure("x", error(403, "AccessDenied", "Access Denied")).permission(),
        "S3 does not say which permission");
  }

  private static ProviderException.Kind kind(int status, String code) {
    return AwsSession.kind(error(status, code, "message"));
  }

  private static LambdaException error(int status, String code, String message) {
    return (LambdaException)
        LambdaException.builder()
            .statusCode(status)
            .message(message)
            .awsErrorDetails(
                AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
            .build();
  }
}
