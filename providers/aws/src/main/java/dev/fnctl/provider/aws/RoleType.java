package dev.fnctl.provider.aws;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/** An IAM role: its trust, managed policies and the inline policy fnctl writes. */
final class RoleType implements ResourceType {
  private final IamRoles roles;

  RoleType(IamRoles roles) {
    this.roles = roles;
  }

  @Override
  public String type() {
    return AwsTypes.ROLE;
  }

  @Override
  public Map<String, Object> create(Address a, Resource desired, Map<String, Object> after)
      throws ProviderException {
    return roles.create(a.name(), after);
  }

  @Override
  public Map<String, Object> update(
      Address a, Resource desired, Map<String, Object> after, LiveResource live)
      throws ProviderException {
    return roles.update(a.name(), after, live.properties());
  }

  @Override
  public void delete(Address a, LiveResource live) throws ProviderException {
    roles.delete(a.name());
  }
}
