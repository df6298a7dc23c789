package dev.fnctl.provider.gcp;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/**
 * One kind of Google Cloud resource fnctl manages: how to create, update and delete it. {@link
 * GcpCloud} looks the handler up by {@link #type()} in {@link ResourceTypes}. Reading is not per
 * handler: {@link LiveReader} lists every kind at once, in parallel.
 *
 * <p>Ownership is checked before a handler is called: {@link #delete} only sees owned resources.
 */
interface ResourceType {

  String type();

  Map<String, Object> create(Address address, Resource desired, Map<String, Object> after)
      throws ProviderException;

  /** Changes a live resource in place; the default suits a type with nothing to change. */
  default Map<String, Object> update(
      Address address, Resource desired, Map<String, Object> after, LiveResource live)
      throws ProviderException {
    return live.outputs();
  }

  void delete(Address address, LiveResource live) throws ProviderException;
}
