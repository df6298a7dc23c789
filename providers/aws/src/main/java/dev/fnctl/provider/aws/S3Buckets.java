package dev.fnctl.provider.aws;

import static dev.fnctl.provider.aws.AwsTypes.BUCKET;
import static dev.fnctl.provider.aws.AwsTypes.NOTIFICATION;

import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.SharedDocument;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.BucketLocationConstraint;
import software.amazon.awssdk.services.s3.model.FilterRule;
import software.amazon.awssdk.services.s3.model.GetBucketNotificationConfigurationResponse;
import software.amazon.awssdk.services.s3.model.LambdaFunctionConfiguration;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NotificationConfiguration;
import software.amazon.awssdk.services.s3.model.NotificationConfigurationFilter;
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
      if (!(e.getCause() instanceof BucketAlreadyOwnedByYouException)) throw e;
    }
    // A new bucket is not at once visible to its sub-resources (NoSuchBucket right after
    // CreateBucket): the SDK's waiter first, then the tagging waits out what is left.
    waitUntilExists(bucket);
    s.callWaiting(
        "PutBucketTagging",
        bucket,
        S3Buckets::isNoSuchBucket,
        NEW_BUCKET_VISIBLE,
        "the new bucket is not visible to S3's tagging yet",
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

  /** How long a new bucket may stay invisible to its sub-resources before fnctl gives up. */
  static final Duration NEW_BUCKET_VISIBLE = Duration.ofSeconds(60);

  static boolean isNoSuchBucket(AwsServiceException e) {
    return e instanceof NoSuchBucketException
        || (e.awsErrorDetails() != null && "NoSuchBucket".equals(e.awsErrorDetails().errorCode()));
  }

  /** S3's own waiter (HeadBucket until 200), within the step's deadline. */
  private void waitUntilExists(String bucket) throws ProviderException {
    Duration left = s.deadline().remaining();
    Duration within = left.compareTo(NEW_BUCKET_VISIBLE) < 0 ? left : NEW_BUCKET_VISIBLE;
    s.call(
        "HeadBucket",
        bucket,
        () ->
            s3().waiter()
                .waitUntilBucketExists(
                    b -> b.bucket(bucket), o -> o.waitTimeout(within).maxAttempts(30)));
  }

  /**
   * A desired bucket the tagging API did not list: absent, someone else's, or one this stack made
   * whose tags the tagging API does not show yet or that never got them (an apply stopped between
   * CreateBucket and PutBucketTagging). One GetBucketTagging tells them apart: NoSuchBucket is
   * absent; AccessDenied is another account's bucket; this stack's and target's tags are ours; no
   * tags at all on an empty bucket is reported as absent, so the plan creates it, CreateBucket
   * answers that we own it already and the tags are put: an untagged bucket of ours is never a
   * permanent clash. An untagged bucket holding objects is not one a stopped apply left (fnctl tags
   * before any object goes in), so it stays a clash: fnctl never adopts someone's data.
   */
  List<LiveResource> unlisted(String bucket) throws ProviderException {
    List<Tag> tags;
    try {
      tags =
          s.call(
              "GetBucketTagging",
              bucket,
              () -> s3().getBucketTagging(b -> b.bucket(bucket)).tagSet());
    } catch (ProviderException e) {
      if (e.getCause() instanceof AwsServiceException a) {
        if (isNoSuchBucket(a)) return List.of();
        String code = a.awsErrorDetails() == null ? "" : a.awsErrorDetails().errorCode();
        // No tags: ours only if empty (what a stopped apply leaves); one holding objects is
        // someone's data, which fnctl never takes over.
        if ("NoSuchTagSet".equals(code))
          return isEmpty(bucket) ? List.of() : List.of(bucket(bucket, false));
        if (a.statusCode() == 403 || a.statusCode() == 301) return List.of(bucket(bucket, false));
      }
      throw e;
    }
    boolean ours =
        tags.stream()
                .anyMatch(
                    t -> t.key().equals(StackNames.STACK_TAG) && t.value().equals(s.names.stack()))
            && tags.stream()
                .anyMatch(
                    t ->
                        t.key().equals(StackNames.TARGET_TAG)
                            && t.value().equals(s.names.target()));
    return List.of(bucket(bucket, ours));
  }

  /** Whether {@code bucket} holds no object (one ListObjectsV2 of one key). */
  private boolean isEmpty(String bucket) throws ProviderException {
    return s.call(
                "ListObjectsV2", bucket, () -> s3().listObjectsV2(b -> b.bucket(bucket).maxKeys(1)))
            .keyCount()
        == 0;
  }

  /**
   * A bucket the tagging API lists as this stack's, with fnctl's notifications on it; none when S3
   * says there is no such bucket. The tagging API also lists buckets deleted a while ago ("tagged
   * or previously tagged"), so the notification read, made for every owned bucket anyway, is what
   * confirms it exists: no extra call.
   */
  List<LiveResource> owned(String bucket, Set<String> ownedFunctions) throws ProviderException {
    Optional<List<LiveResource>> notifications = notificationsIfExists(bucket, ownedFunctions);
    if (notifications.isEmpty()) return List.of();
    List<LiveResource> out = new ArrayList<>();
    out.add(bucket(bucket, true));
    out.addAll(notifications.get());
    return out;
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
    return notificationsIfExists(bucket, ownedFunctions).orElse(List.of());
  }

  private Optional<List<LiveResource>> notificationsIfExists(
      String bucket, Set<String> ownedFunctions) throws ProviderException {
    GetBucketNotificationConfigurationResponse c;
    try {
      c =
          s.call(
              "GetBucketNotificationConfiguration",
              bucket,
              () -> s3().getBucketNotificationConfiguration(b -> b.bucket(bucket)));
    } catch (ProviderException e) {
      if (e.getCause() instanceof AwsServiceException a && isNoSuchBucket(a))
        return Optional.empty();
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
          String n = r.nameAsString().toLowerCase(Locale.ROOT);
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
    return Optional.of(out);
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
    boolean removingOnly = entries.values().stream().allMatch(Objects::isNull);
    SharedDocument<NotificationConfiguration> config =
        new SharedDocument<>(
            AwsTypes.notificationsOf(bucket),
            () -> readConfiguration(bucket, removingOnly),
            (next, version) -> writeConfiguration(bucket, next, removingOnly, entries.keySet()));
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
          s.callWaiting(
              "GetBucketNotificationConfiguration",
              bucket,
              e -> !removing && isNoSuchBucket(e),
              NEW_BUCKET_VISIBLE,
              "the new bucket is not visible to S3's notifications yet",
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

  private void writeConfiguration(
      String bucket, NotificationConfiguration next, boolean removing, Set<String> changed)
      throws ProviderException {
    try {
      // S3 checks every destination of the configuration, other owners' too: one broken entry
      // someone else left would block fnctl's change. SkipDestinationValidation sends the
      // configuration as it is; fnctl's own destination (its function, permission granted first)
      // is valid by construction.
      s.callWaiting(
          "PutBucketNotificationConfiguration",
          bucket,
          e -> !removing && isNoSuchBucket(e),
          NEW_BUCKET_VISIBLE,
          "the new bucket is not visible to S3's notifications yet",
          () ->
              s3().putBucketNotificationConfiguration(
                      b ->
                          b.bucket(bucket)
                              .notificationConfiguration(next)
                              .skipDestinationValidation(true)));
    } catch (ProviderException e) {
      // Removing a notification from a bucket that is gone (deleted in the same destroy): done.
      if (removing && e.getCause() instanceof NoSuchBucketException) return;
      String blocking = overlapping(next, changed);
      if (blocking != null && e.getCause() instanceof S3Exception se && se.statusCode() == 400)
        // INVALID, not CONFLICT: writing again cannot help (SharedDocument retries conflicts).
        throw new ProviderException(
            ProviderException.Kind.INVALID,
            "PutBucketNotificationConfiguration " + bucket + ": " + blocking,
            e.getCause());
      throw e;
    }
  }

  /** One entry of a bucket's notification configuration, of any destination kind. */
  record Rule(String id, List<String> events, String prefix, String suffix, String destination) {
    boolean overlaps(Rule o) {
      boolean sameEvent = false;
      for (String a : events) for (String b : o.events) sameEvent |= eventsOverlap(a, b);
      return sameEvent
          && (prefix.startsWith(o.prefix) || o.prefix.startsWith(prefix))
          && (suffix.endsWith(o.suffix) || o.suffix.endsWith(suffix));
    }

    String describe() {
      return "'"
          + id
          + "' ("
          + String.join(", ", events)
          + (prefix.isEmpty() ? "" : ", prefix '" + prefix + "'")
          + (suffix.isEmpty() ? "" : ", suffix '" + suffix + "'")
          + " to "
          + destination
          + ")";
    }
  }

  /** {@code s3:ObjectCreated:*} covers {@code s3:ObjectCreated:Put}. */
  static boolean eventsOverlap(String a, String b) {
    if (a.equals(b)) return true;
    if (a.endsWith(":*") && b.startsWith(a.substring(0, a.length() - 1))) return true;
    return b.endsWith(":*") && a.startsWith(b.substring(0, b.length() - 1));
  }

  /**
   * S3 refuses a configuration in which two entries for the same event have overlapping prefixes
   * and suffixes. When an entry fnctl is setting ({@code changed}) overlaps another (someone
   * else's, or another trigger's), says which and what to do; null when none does.
   */
  static String overlapping(NotificationConfiguration c, Set<String> changed) {
    List<Rule> rules = rules(c);
    for (Rule mine : rules) {
      if (!changed.contains(mine.id())) continue;
      for (Rule other : rules) {
        if (other == mine || !mine.overlaps(other)) continue;
        return "S3 refuses overlapping notifications: fnctl's "
            + mine.describe()
            + " overlaps the bucket's entry "
            + other.describe()
            + " for the same event; give the trigger a prefix or suffix that does not overlap it,"
            + " or have that entry's owner narrow or remove it";
      }
    }
    return null;
  }

  static List<Rule> rules(NotificationConfiguration c) {
    List<Rule> out = new ArrayList<>();
    for (LambdaFunctionConfiguration l : c.lambdaFunctionConfigurations())
      out.add(rule(l.id(), l.eventsAsStrings(), l.filter(), l.lambdaFunctionArn()));
    for (var q : c.queueConfigurations())
      out.add(rule(q.id(), q.eventsAsStrings(), q.filter(), q.queueArn()));
    for (var t : c.topicConfigurations())
      out.add(rule(t.id(), t.eventsAsStrings(), t.filter(), t.topicArn()));
    return out;
  }

  private static Rule rule(
      String id, List<String> events, NotificationConfigurationFilter filter, String destination) {
    String prefix = "";
    String suffix = "";
    if (filter != null && filter.key() != null) {
      for (FilterRule r : filter.key().filterRules()) {
        String n = r.nameAsString().toLowerCase(Locale.ROOT);
        if (n.equals("prefix")) prefix = r.value();
        if (n.equals("suffix")) suffix = r.value();
      }
    }
    return new Rule(String.valueOf(id), events, prefix, suffix, destination);
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
  void upload(String bucket, String key, Path file) throws ProviderException {
    s.call(
        "PutObject",
        bucket + "/" + key,
        () -> s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file)));
  }
}
