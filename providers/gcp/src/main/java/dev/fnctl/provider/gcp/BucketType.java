package dev.fnctl.provider.gcp;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/** A Cloud Storage bucket, labelled with the stack. */
final class BucketType implements ResourceType {
  /** Where the bucket lives, upper case as Google reports it ({@code EUROPE-WEST1}). */
  static final String LOCATION = "location";

  static final String NAME = "name";

  private final Buckets buckets;

  BucketType(Buckets buckets) {
    this.buckets = buckets;
  }

  @Override
  public String type() {
    return GcpTypes.BUCKET;
  }

  @Override
  public Map<String, Object> create(Address a, Resource desired, Map<String, Object> after)
      throws ProviderException {
    return buckets.create(a.name(), (String) after.get(LOCATION));
  }

  @Override
  public void delete(Address a, LiveResource live) throws ProviderException {
    buckets.delete(a.name());
  }
}
