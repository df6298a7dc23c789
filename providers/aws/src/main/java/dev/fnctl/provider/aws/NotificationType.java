package dev.fnctl.provider.aws;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/**
 * One entry of a bucket's notification configuration: {@code <bucket>/<notification id>}. Steps on
 * one bucket are normally written together ({@link AwsCloud#applyTogether}); this is the one-entry
 * path.
 */
final class NotificationType implements ResourceType {
  /** The ARN of the function (or alias) S3 invokes (LambdaFunctionArn). */
  static final String FUNCTION = "function";

  /** The S3 event types, sorted, e.g. {@code s3:ObjectCreated:*} (Events). */
  static final String EVENTS = "events";

  /** The object key prefix filter, or null (Filter.Key prefix rule). */
  static final String PREFIX = "prefix";

  /** The object key suffix filter, or null (Filter.Key suffix rule). */
  static final String SUFFIX = "suffix";

  private final S3Buckets buckets;

  NotificationType(S3Buckets buckets) {
    this.buckets = buckets;
  }

  @Override
  public String type() {
    return AwsTypes.NOTIFICATION;
  }

  @Override
  public Map<String, Object> create(Address a, Resource desired, Map<String, Object> after)
      throws ProviderException {
    return buckets.putNotification(a.first(), a.rest(), after);
  }

  @Override
  public Map<String, Object> update(
      Address a, Resource desired, Map<String, Object> after, LiveResource live)
      throws ProviderException {
    return buckets.putNotification(a.first(), a.rest(), after);
  }

  @Override
  public void delete(Address a, LiveResource live) throws ProviderException {
    buckets.putNotification(a.first(), a.rest(), null);
  }
}
