package dev.fnctl.provider.aws;

import static dev.fnctl.provider.aws.AwsTypes.BUCKET;
import static dev.fnctl.provider.aws.AwsTypes.NOTIFICATION;

import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.SharedDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
 * replaces a bucket's whole configuration, so every change reads it, replaces only the entry whose
 * Id it changes (fnctl's ids start {@code fnctl-<stack>-<target>-}) and writes it back: other
 * owners' notifications survive apply and destroy. Each notification names the bucket's
 * configuration as its container ({@link AwsTypes#notificationsOf}), so the engine never runs two
 * of these read-modify-writes on one bucket at once; S3 offers no version to write against, so the
 * write itself is unconditional.
 */
final class S3Buckets {
  private final AwsSession s;

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
        Map.of(ResourceType.ARN, s.names.bucketArn(bucket)));
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
    return Map.of(ResourceType.ARN, s.names.bucketArn(bucket));
  }

  /** Deletes a bucket fnctl made. A bucket with objects is refused by S3, and that is reported. */
  void delete(String bucket, boolean emptyFirst) throws ProviderException {
    try {
      // every page: a listing holds at most 1,000 objects
      String token = null;
      while (emptyFirst) {
        String t = token;
        var page =
            s.call(
                "ListObjectsV2",
                bucket,
                () -> s3().listObjectsV2(b -> b.bucket(bucket).continuationToken(t)));
        for (var o : page.contents()) {
          s.call(
              "DeleteObject",
              bucket + "/" + o.key(),
              () -> s3().deleteObject(b -> b.bucket(bucket).key(o.key())));
        }
        token = page.nextContinuationToken();
        if (!Boolean.TRUE.equals(page.isTruncated()) || token == null) break;
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
      p.put(NotificationType.FUNCTION, l.lambdaFunctionArn());
      p.put(NotificationType.EVENTS, List.copyOf(new TreeSet<>(l.eventsAsStrings())));
      p.put(NotificationType.PREFIX, null);
      p.put(NotificationType.SUFFIX, null);
      if (l.filter() != null && l.filter().key() != null) {
        for (FilterRule r : l.filter().key().filterRules()) {
          String n = r.nameAsString().toLowerCase(java.util.Locale.ROOT);
          if (n.equals("prefix")) p.put(NotificationType.PREFIX, r.value());
          if (n.equals("suffix")) p.put(NotificationType.SUFFIX, r.value());
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
                      AwsTypes.address(BUCKET, bucket),
                      AwsTypes.address(AwsTypes.FUNCTION, target)))
              .inContainer(AwsTypes.notificationsOf(bucket)));
    }
    return out;
  }

  /** Read-modify-write of the bucket's notifications: sets (after != null) or removes one by Id. */
  Map<String, Object> putNotification(String bucket, String id, Map<String, Object> after)
      throws ProviderException {
    Map<String, Map<String, Object>> entries = new LinkedHashMap<>();
    entries.put(id, after);
    return putNotifications(bucket, entries);
  }

  /**
   * Sets or removes (a null value) several entries by Id in one read and one write: the bucket's
   * configuration never holds an entry beside the one replacing it, which S3 refuses when their
   * filters overlap.
   */
  Map<String, Object> putNotifications(String bucket, Map<String, Map<String, Object>> entries)
      throws ProviderException {
    boolean removingOnly = entries.values().stream().allMatch(java.util.Objects::isNull);
    SharedDocument<NotificationConfiguration> config =
        new SharedDocument<>(
            AwsTypes.notificationsOf(bucket),
            () -> readConfiguration(bucket, removingOnly),
            (next, version) -> writeConfiguration(bucket, next, removingOnly));
    config.update(
        c -> {
          NotificationConfiguration next = c;
          boolean changed = false;
          for (Map.Entry<String, Map<String, Object>> e : entries.entrySet()) {
            NotificationConfiguration n = withEntry(next, e.getKey(), e.getValue());
            if (n != null) {
              next = n;
              changed = true;
            }
          }
          return changed ? next : null;
        });
    return Map.of();
  }

  /** The configuration now; an empty one for a bucket gone while removing (same destroy). */
  private SharedDocument.Versioned<NotificationConfiguration> readConfiguration(
      String bucket, boolean removing) throws ProviderException {
    try {
      GetBucketNotificationConfigurationResponse c =
          s.call(
              "GetBucketNotificationConfiguration",
              bucket,
              () -> s3().getBucketNotificationConfiguration(b -> b.bucket(bucket)));
      return new SharedDocument.Versioned<>(
          NotificationConfiguration.builder()
              .topicConfigurations(c.topicConfigurations())
              .queueConfigurations(c.queueConfigurations())
              .lambdaFunctionConfigurations(c.lambdaFunctionConfigurations())
              .eventBridgeConfiguration(c.eventBridgeConfiguration())
              .build(),
          null);
    } catch (ProviderException e) {
      if (removing && e.getCause() instanceof NoSuchBucketException)
        return new SharedDocument.Versioned<>(NotificationConfiguration.builder().build(), null);
      throw e;
    }
  }

  private void writeConfiguration(String bucket, NotificationConfiguration next, boolean removing)
      throws ProviderException {
    try {
      s.call(
          "PutBucketNotificationConfiguration",
          bucket,
          () ->
              s3().putBucketNotificationConfiguration(
                      b -> b.bucket(bucket).notificationConfiguration(next)));
    } catch (ProviderException e) {
      // Removing a notification from a bucket that is gone (deleted in the same destroy): done.
      if (!(removing && e.getCause() instanceof NoSuchBucketException)) throw e;
    }
  }

  /**
   * The configuration with the entry {@code id} set to {@code after} (or removed when null), every
   * other entry as it was; null when that changes nothing.
   */
  @SuppressWarnings("unchecked")
  private static NotificationConfiguration withEntry(
      NotificationConfiguration c, String id, Map<String, Object> after) {
    List<LambdaFunctionConfiguration> lambdas = new ArrayList<>();
    for (LambdaFunctionConfiguration l : c.lambdaFunctionConfigurations())
      if (!id.equals(l.id())) lambdas.add(l);
    boolean changed = lambdas.size() != c.lambdaFunctionConfigurations().size();
    if (after != null) {
      // The API reference spells the names lower-case; the SDK's enum says "Prefix" (S3 accepts
      // both, moto only the documented form).
      List<FilterRule> rules = new ArrayList<>();
      if (after.get(NotificationType.PREFIX) != null)
        rules.add(
            FilterRule.builder()
                .name("prefix")
                .value((String) after.get(NotificationType.PREFIX))
                .build());
      if (after.get(NotificationType.SUFFIX) != null)
        rules.add(
            FilterRule.builder()
                .name("suffix")
                .value((String) after.get(NotificationType.SUFFIX))
                .build());
      LambdaFunctionConfiguration.Builder l =
          LambdaFunctionConfiguration.builder()
              .id(id)
              .lambdaFunctionArn((String) after.get(NotificationType.FUNCTION))
              .eventsWithStrings((List<String>) after.get(NotificationType.EVENTS));
      if (!rules.isEmpty()) l.filter(f -> f.key(k -> k.filterRules(rules)));
      lambdas.add(l.build());
      changed = true;
    }
    if (!changed) return null;
    return c.toBuilder().lambdaFunctionConfigurations(lambdas).build();
  }

  /** Uploads a file, streamed from disk (a code package may be hundreds of megabytes). */
  void upload(String bucket, String key, java.nio.file.Path file) throws ProviderException {
    s.call(
        "PutObject",
        bucket + "/" + key,
        () ->
            s3().putObject(
                    b -> b.bucket(bucket).key(key),
                    software.amazon.awssdk.core.sync.RequestBody.fromFile(file)));
  }
}
