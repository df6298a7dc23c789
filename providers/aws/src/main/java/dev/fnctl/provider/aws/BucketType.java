package dev.fnctl.provider.aws;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/**
 * An S3 bucket: nothing to change in place. The stack's artifact bucket holds only fnctl's code
 * uploads, so it is emptied before it is deleted; any other bucket is deleted only when empty.
 */
final class BucketType implements ResourceType {
  private final S3Buckets buckets;
  private final StackNames names;

  BucketType(S3Buckets buckets, StackNames names) {
    this.buckets = buckets;
    this.names = names;
  }

  @Override
  public String type() {
    return AwsTypes.BUCKET;
  }

  @Override
  public Map<String, Object> create(Address a, Resource desired, Map<String, Object> after)
      throws ProviderException {
    return buckets.create(a.name());
  }

  @Override
  public void delete(Address a, LiveResource live) throws ProviderException {
    buckets.delete(a.name(), a.name().equals(names.artifactBucket()));
  }
}
