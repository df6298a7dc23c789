package dev.fnctl.provider.aws;

import static dev.fnctl.provider.aws.AwsTypes.BUCKET;
import static dev.fnctl.provider.aws.AwsTypes.NOTIFICATION;

import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.FilterRule;
import software.amazon.awssdk.services.s3.model.GetBucketNotificationConfigurationResponse;
import software.amazon.awssdk.services.s3.model.LambdaFunctionConfiguration;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NotificationConfiguration;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.Tag;

/**
 * S3 buckets and the stack's Lambda notifications on them. PutBucketNotificationConfiguration
 * replaces a bucket's whole configuration, so every change reads it, replaces only the entries
 * whose Id is fnctl's (prefix {@code fnctl-<stack>-<target>-}) and writes it back, one bucket at a
 * time: other owners' notifications survive apply and destroy.
 */
final class S3Buckets {
  private final AwsSession s;
  private final Map<String, Object> bucketLocks = new ConcurrentHashMap<>();

  S3Buckets(AwsSession s) {
    this.s = s;
  }

  private S3Client s3() {
    return s.clients.s3.get();
  }

  /** Whether a bucket exists at all (it may be someone else's: names are global). */
  boolean exists(String bucket) throws ProviderException {
    try {
      s.call("HeadBucket", bucket, () -> s3().headBucket(b -> b.bucket(bucket)));
      return true;
    } catch (ProviderException e) {
      if (e.getCause() instanceof NoSuchBucketException) return false;
      if (e.getCause() instanceof S3Exception se && se.statusCode() == 404) return false;
      if (e.getCause() instanceof S3Exception se && se.statusCode() == 403) return true;
      throw e;
    }
  }

  LiveResource bucket(String bucket, boolean owned) {
    String neutral = s.names.neutral(bucket);
    return new LiveResource(
        AwsTypes.address(BUCKET, bucket),
        BUCKET,
        "bucket " + (neutral == null ? bucket : neutral),
        owned,
        Map.of(),
        Map.of("arn", s.names.bucketArn(bucket)));
  }

  Map<String, Object> create(String bucket) throws ProviderException {
    try {
      s.call(
          "CreateBucket",
          bucket,
          () ->
              s3().createBucket(
                      b -> {
                        b.bucket(bucket);
                        if (!"us-east-1".equals(s.clients.region.id())) {
                          b.createBucketConfiguration(
                              c ->
                                  c.locationConstraint(
                                      BucketLocationConstraint.fromValue(s.clients.region.id())));
                        }
                      }));
    } catch (ProviderException e) {
      // Ours from an earlier, interrupted run (the engine refuses buckets it does not own).
      if (!(e.getCause()
          instanceof software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException))
        throw e;
    }
    s.call(
        "PutBucketTagging",
        bucket,
        () ->
            s3().putBucketTagging(
                    b ->
                        b.bucket(bucket)
                            .tagging(
                                t ->
                                    t.tagSet(
                                        Tag.builder()
                                            .key(StackNames.STACK_TAG)
                                            .value(s.names.stack())
                                            .build(),
                                        Tag.builder()
                                            .key(StackNames.TARGET_TAG)
                                            .value(s.names.target())
                                            .build()))));
    return Map.of("arn", s.names.bucketArn(bucket));
  }

  /** Deletes a bucket fnctl made. A bucket with objects is refused by S3, and that is reported. */
  void delete(String bucket, boolean emptyFirst) throws ProviderException {
    try {
      if (emptyFirst) {
        for (var o :
            s.call(
                "ListObjectsV2",
                bucket,
                () -> s3().listObjectsV2(b -> b.bucket(bucket)).contents())) {
          s.call(
              "DeleteObject",
              bucket + "/" + o.key(),
              () -> s3().deleteObject(b -> b.bucket(bucket).key(o.key())));
        }
      }
      s.call("DeleteBucket", bucket, () -> s3().deleteBucket(b -> b.bucket(bucket)));
    } catch (ProviderException e) {
      if (e.getCause() instanceof NoSuchBucketException) return;
      throw e;
    }
  }

  /**
   * fnctl's notifications on {@code bucket}. Notification ids cannot be tagged and their {@code
   * fnctl-<stack>-<target>-} prefix is not exact ({@code dev} is a prefix of {@code dev-eu}), so a
   * notification is this target's only when the function it invokes carries this stack's and
   * target's tags ({@code ownedFunctions}); others are read as not owned, never changed.
   */
  List<LiveResource> notifications(String bucket, Set<String> ownedFunctions)
      throws ProviderException {
    GetBucketNotificationConfigurationResponse c;
    try {
      c =
          s.call(
              "GetBucketNotificationConfiguration",
              bucket,
              () -> s3().getBucketNotificationConfiguration(b -> b.bucket(bucket)));
    } catch (ProviderException e) {
      if (e.getCause() instanceof NoSuchBucketException) return List.of();
      throw e;
    }
    List<LiveResource> out = new ArrayList<>();
    for (LambdaFunctionConfiguration l : c.lambdaFunctionConfigurations()) {
      String id = l.id();
      if (id == null || !id.startsWith(s.names.notificationPrefix())) continue;
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("function", l.lambdaFunctionArn());
      p.put("events", List.copyOf(new TreeSet<>(l.eventsAsStrings())));
      p.put("prefix", null);
      p.put("suffix", null);
      if (l.filter() != null && l.filter().key() != null) {
        for (FilterRule r : l.filter().key().filterRules()) {
          String n = r.nameAsString().toLowerCase(java.util.Locale.ROOT);
          if (n.equals("prefix") || n.equals("suffix")) p.put(n, r.value());
        }
      }
      String fn = StackNames.triggerFunction(id.substring(s.names.notificationPrefix().length()));
      String target = StackNames.functionName(StackNames.qualifiedName(l.lambdaFunctionArn()));
      out.add(
          new LiveResource(
              AwsTypes.address(NOTIFICATION, bucket + "/" + id),
              NOTIFICATION,
              "function " + fn,
              ownedFunctions.contains(target),
              p,
              Map.of(),
              List.of(
                  AwsTypes.address(BUCKET, bucket), AwsTypes.address(AwsTypes.FUNCTION, target))));
    }
    return out;
  }

  /** Read-modify-write of the bucket's notifications: sets (after != null) or removes one by Id. */
  @SuppressWarnings("unchecked")
  Map<String, Object> putNotification(String bucket, String id, Map<String, Object> after)
      throws ProviderException {
    synchronized (bucketLocks.computeIfAbsent(bucket, k -> new Object())) {
      GetBucketNotificationConfigurationResponse c;
      try {
        c =
            s.call(
                "GetBucketNotificationConfiguration",
                bucket,
                () -> s3().getBucketNotificationConfiguration(b -> b.bucket(bucket)));
      } catch (ProviderException e) {
        if (after == null && e.getCause() instanceof NoSuchBucketException) return Map.of();
        throw e;
      }
      List<LambdaFunctionConfiguration> lambdas = new ArrayList<>();
      for (LambdaFunctionConfiguration l : c.lambdaFunctionConfigurations())
        if (!id.equals(l.id())) lambdas.add(l);
      boolean changed = lambdas.size() != c.lambdaFunctionConfigurations().size();
      if (after != null) {
        // The API reference spells the names lower-case; the SDK's enum says "Prefix" (S3 accepts
        // both, moto only the documented form).
        List<FilterRule> rules = new ArrayList<>();
        if (after.get("prefix") != null)
          rules.add(
              FilterRule.builder().name("prefix").value((String) after.get("prefix")).build());
        if (after.get("suffix") != null)
          rules.add(
              FilterRule.builder().name("suffix").value((String) after.get("suffix")).build());
        LambdaFunctionConfiguration.Builder l =
            LambdaFunctionConfiguration.builder()
                .id(id)
                .lambdaFunctionArn((String) after.get("function"))
                .eventsWithStrings((List<String>) after.get("events"));
        if (!rules.isEmpty()) l.filter(f -> f.key(k -> k.filterRules(rules)));
        lambdas.add(l.build());
        changed = true;
      }
      if (!changed) return Map.of();
      NotificationConfiguration next =
          NotificationConfiguration.builder()
              .topicConfigurations(c.topicConfigurations())
              .queueConfigurations(c.queueConfigurations())
              .lambdaFunctionConfigurations(lambdas)
              .eventBridgeConfiguration(c.eventBridgeConfiguration())
              .build();
      try {
        s.call(
            "PutBucketNotificationConfiguration",
            bucket,
            () ->
                s3().putBucketNotificationConfiguration(
                        b -> b.bucket(bucket).notificationConfiguration(next)));
      } catch (ProviderException e) {
        // Removing a notification from a bucket that is gone (deleted in the same destroy): done.
        if (!(after == null && e.getCause() instanceof NoSuchBucketException)) throw e;
      }
      return Map.of();
    }
  }

  void upload(String bucket, String key, byte[] bytes) throws ProviderException {
    s.call(
        "PutObject",
        bucket + "/" + key,
        () ->
            s3().putObject(
                    b -> b.bucket(bucket).key(key),
                    software.amazon.awssdk.core.sync.RequestBody.fromBytes(bytes)));
  }
}
