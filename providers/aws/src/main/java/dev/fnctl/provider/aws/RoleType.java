package dev.fnctl.provider.aws;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/** An IAM role: its trust, managed policies and the inline policy fnctl writes. */
final class RoleType implements ResourceType {
  /** The service principal the trust policy lets assume the role (IAM AssumeRolePolicyDocument). */
  static final String TRUST = "trust";

  /** The ARNs of the attached managed policies (IAM AttachRolePolicy). */
  static final String MANAGED_POLICIES = "managedPolicies";

  /** The inline policy document fnctl writes, or null for none (IAM PutRolePolicy). */
  static final String POLICY = "policy";

  /**
   * Inline policies other than fnctl's, by name with their documents. fnctl's roles carry none, so
   * any here was added outside fnctl and widens what the function may do: it shows in the plan as
   * drift and apply deletes it.
   */
  static final String OTHER_POLICIES = "otherPolicies";

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
