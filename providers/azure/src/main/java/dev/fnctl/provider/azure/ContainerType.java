package dev.fnctl.provider.azure;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.Deadline;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/**
 * A blob container ({@code <account>/<container>}): a bucket, or a function app's deployment
 * container. Containers take no tags; the ownership tags go in their metadata, so a container
 * someone else adds to the stack's account is never taken for the stack's.
 */
final class ContainerType implements ResourceType {
  private final AzureSession s;

  ContainerType(AzureSession s) {
    this.s = s;
  }

  @Override
  public String type() {
    return AzureTypes.CONTAINER;
  }

  @Override
  public Map<String, Object> create(
      Address a, Resource desired, Map<String, Object> after, Deadline d) throws ProviderException {
    Map<String, Object> body =
        Map.of("properties", Map.of("publicAccess", "None", "metadata", s.tags(Map.of())));
    Map<String, Object> r =
        s.arm.put(s.containerPath(a.first(), a.rest()), ApiVersions.STORAGE, body, d);
    return Map.of("id", String.valueOf(r.get("id")));
  }

  @Override
  public void delete(Address a, LiveResource live, Deadline d) throws ProviderException {
    s.arm.delete(s.containerPath(a.first(), a.rest()), ApiVersions.STORAGE, d);
  }
}
