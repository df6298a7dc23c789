package dev.fnctl.provider.azure;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.Deadline;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/**
 * One kind of Azure resource: how to create, change and delete it. Reading stays in {@link
 * LiveReader}, which reads every type at once with list calls (a read per handler would be a call
 * per resource). Every method is safe to repeat: a create that finds the resource converges on it
 * (ARM's PUT is create-or-update), a delete of one already gone succeeds.
 */
interface ResourceType {
  String type();

  Map<String, Object> create(Address a, Resource desired, Map<String, Object> after, Deadline d)
      throws ProviderException;

  /** The default: a PUT is create-or-update, so an update is the same call. */
  default Map<String, Object> update(
      Address a, Resource desired, Map<String, Object> after, LiveResource live, Deadline d)
      throws ProviderException {
    return create(a, desired, after, d);
  }

  void delete(Address a, LiveResource live, Deadline d) throws ProviderException;
}
