package dev.fnctl.provider.aws;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/** A statement in a function's (or alias's) resource policy: {@code <function>/<statement id>}. */
final class PermissionType implements ResourceType {
  /** The service allowed to invoke, e.g. {@code s3.amazonaws.com} (AddPermission Principal). */
  static final String PRINCIPAL = "principal";

  /** The ARN of what may invoke (AddPermission SourceArn); absent for an HTTP API. */
  static final String SOURCE = "source";

  /** The account that must own the source (AddPermission SourceAccount); with {@link #SOURCE}. */
  static final String SOURCE_ACCOUNT = "sourceAccount";

  /** The id of the HTTP API that may invoke, instead of {@link #SOURCE} (its execute-api ARN). */
  static final String API = "api";

  private final InvokePermissions permissions;

  PermissionType(InvokePermissions permissions) {
    this.permissions = permissions;
  }

  @Override
  public String type() {
    return AwsTypes.PERMISSION;
  }

  @Override
  public Map<String, Object> create(Address a, Resource desired, Map<String, Object> after)
      throws ProviderException {
    return permissions.put(a.first(), a.rest(), after, false);
  }

  @Override
  public Map<String, Object> update(
      Address a, Resource desired, Map<String, Object> after, LiveResource live)
      throws ProviderException {
    return permissions.put(a.first(), a.rest(), after, true);
  }

  @Override
  public void delete(Address a, LiveResource live) throws ProviderException {
    permissions.remove(a.first(), a.rest());
  }
}
