package dev.fnctl.provider.gcp;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.List;
import java.util.Map;

/**
 * One member's roles in one resource's IAM policy, {@code gcp:iam:member/KIND/RESOURCE/WHO}. Only
 * that member's unconditional bindings are touched; every other binding of the policy survives.
 */
final class MemberType implements ResourceType {
  /** {@code serviceAccount:EMAIL} or {@code allUsers}. */
  static final String MEMBER = "member";

  /** The roles, sorted. */
  static final String ROLES = "roles";

  private final IamPolicies policies;

  MemberType(IamPolicies policies) {
    this.policies = policies;
  }

  @Override
  public String type() {
    return GcpTypes.MEMBER;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, Object> create(Address a, Resource desired, Map<String, Object> after)
      throws ProviderException {
    policies.setRoles(
        IamPolicies.Target.of(a), (String) after.get(MEMBER), (List<String>) after.get(ROLES));
    return Map.of();
  }

  @Override
  public Map<String, Object> update(
      Address a, Resource desired, Map<String, Object> after, LiveResource live)
      throws ProviderException {
    return create(a, desired, after);
  }

  @Override
  public void delete(Address a, LiveResource live) throws ProviderException {
    policies.setRoles(IamPolicies.Target.of(a), (String) live.properties().get(MEMBER), List.of());
  }
}
