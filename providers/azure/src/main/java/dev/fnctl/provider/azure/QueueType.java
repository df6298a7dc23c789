package dev.fnctl.provider.azure;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.Deadline;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/**
 * A storage queue ({@code <account>/<queue>}), its ownership tags in its metadata as for
 * containers. Failed messages go to {@code <queue>-poison}, which the Functions host makes.
 */
final class QueueType implements ResourceType {
  private final AzureSession s;

  QueueType(AzureSession s) {
    this.s = s;
  }

  @Override
  public String type() {
    return AzureTypes.QUEUE;
  }

  @Override
  public Map<String, Object> create(
      Address a, Resource desired, Map<String, Object> after, Deadline d) throws ProviderException {
    Map<String, Object> body = Map.of("properties", Map.of("metadata", s.tags(Map.of())));
    Map<String, Object> r =
        s.arm.put(s.queuePath(a.first(), a.rest()), ApiVersions.STORAGE, body, d);
    return Map.of("id", String.valueOf(r.get("id")));
  }

  @Override
  public void delete(Address a, LiveResource live, Deadline d) throws ProviderException {
    s.arm.delete(s.queuePath(a.first(), a.rest()), ApiVersions.STORAGE, d);
  }
}
