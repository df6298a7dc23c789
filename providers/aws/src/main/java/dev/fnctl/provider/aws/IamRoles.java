package dev.fnctl.provider.aws;

import static dev.fnctl.provider.aws.AwsTypes.ROLE;

import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.EntityType;
import software.amazon.awssdk.services.iam.model.GetAccountAuthorizationDetailsResponse;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PolicyDetail;
import software.amazon.awssdk.services.iam.model.RoleDetail;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * IAM roles: one per function (trusted by Lambda) and one for the scheduler. Read in bulk with
 * GetAccountAuthorizationDetails, which returns every role with its tags, attached and inline
 * policies in one page of up to 1000, instead of four calls per role.
 */
final class IamRoles {
  static final String INLINE_POLICY = "fnctl";

  private final AwsSession s;

  IamRoles(AwsSession s) {
    this.s = s;
  }

  private IamClient iam() {
    return s.clients.iam.get();
  }

  List<LiveResource> read(Set<String> desiredNames) throws ProviderException {
    List<LiveResource> out = new ArrayList<>();
    String marker = null;
    do {
      String m = marker;
      GetAccountAuthorizationDetailsResponse page =
          s.call(
              "GetAccountAuthorizationDetails",
              "roles",
              () ->
                  iam()
                      .getAccountAuthorizationDetails(
                          b -> b.filter(EntityType.ROLE).maxItems(1000).marker(m)));
      for (RoleDetail r : page.roleDetailList()) {
        String name = r.roleName();
        boolean ours = name.startsWith(s.names.prefix()) || name.equals(s.names.schedulerRole());
        if (!ours && !desiredNames.contains(name)) continue;
        boolean owned = owned(r.tags());
        if (!owned && !desiredNames.contains(name)) continue;
        out.add(live(r, owned));
      }
      marker = Boolean.TRUE.equals(page.isTruncated()) ? page.marker() : null;
    } while (marker != null);
    return out;
  }

  boolean owned(List<Tag> tags) {
    Map<String, String> map = new LinkedHashMap<>();
    for (Tag t : tags) map.put(t.key(), t.value());
    return s.names.stack().equals(map.get(StackNames.STACK_TAG))
        && s.names.target().equals(map.get(StackNames.TARGET_TAG));
  }

  private LiveResource live(RoleDetail r, boolean owned) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(
        RoleType.TRUST,
        r.assumeRolePolicyDocument() == null
            ? ""
            : PolicyDocuments.trustedService(r.assumeRolePolicyDocument()));
    TreeSet<String> managed = new TreeSet<>();
    for (AttachedPolicy a : r.attachedManagedPolicies()) managed.add(a.policyArn());
    p.put(RoleType.MANAGED_POLICIES, List.copyOf(managed));
    p.put(RoleType.POLICY, null);
    Map<String, Object> others = new java.util.TreeMap<>();
    for (PolicyDetail d : r.rolePolicyList()) {
      Object doc = PolicyDocuments.normalise(PolicyDocuments.parse(d.policyDocument()));
      if (INLINE_POLICY.equals(d.policyName())) p.put(RoleType.POLICY, doc);
      else others.put(d.policyName(), doc);
    }
    p.put(RoleType.OTHER_POLICIES, others);
    String name = r.roleName();
    String neutral = s.names.neutral(name);
    String item =
        name.equals(s.names.schedulerRole()) || neutral == null
            ? s.names.stackItem()
            : "function " + neutral;
    // fnctl never adds other inline policies, nor managed policies other than Lambda's basic
    // execution role: any such is drift.
    List<String> outside = new ArrayList<>();
    if (!others.isEmpty()) outside.add(RoleType.OTHER_POLICIES);
    String basic = s.names.managedPolicyArn(FunctionLayout.BASIC_EXECUTION);
    if (managed.stream().anyMatch(a -> !a.equals(basic))) outside.add(RoleType.MANAGED_POLICIES);
    return dev.fnctl.provider.Drift.mark(
        new LiveResource(
            AwsTypes.address(ROLE, name), ROLE, item, owned, p, Map.of(ResourceType.ARN, r.arn())),
        outside);
  }

  Map<String, Object> create(String name, Map<String, Object> after) throws ProviderException {
    String trust = PolicyDocuments.trust((String) after.get(RoleType.TRUST));
    String arn;
    try {
      arn =
          s.call(
              "CreateRole",
              name,
              () ->
                  iam()
                      .createRole(
                          b ->
                              b.roleName(name)
                                  .assumeRolePolicyDocument(trust)
                                  .description("fnctl " + s.names.stack() + "/" + s.names.target())
                                  .tags(
                                      Tag.builder()
                                          .key(StackNames.STACK_TAG)
                                          .value(s.names.stack())
                                          .build(),
                                      Tag.builder()
                                          .key(StackNames.TARGET_TAG)
                                          .value(s.names.target())
                                          .build()))
                      .role()
                      .arn());
    } catch (ProviderException e) {
      if (!(e.getCause()
          instanceof software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException))
        throw e;
      // Made by an earlier run that stopped part-way (the engine refuses roles it does not own).
      arn = s.call("GetRole", name, () -> iam().getRole(b -> b.roleName(name)).role().arn());
      s.call(
          "UpdateAssumeRolePolicy",
          name,
          () -> iam().updateAssumeRolePolicy(b -> b.roleName(name).policyDocument(trust)));
    }
    syncPolicies(name, after, Map.of());
    return Map.of(ResourceType.ARN, arn);
  }

  Map<String, Object> update(String name, Map<String, Object> after, Map<String, Object> before)
      throws ProviderException {
    if (!after.get(RoleType.TRUST).equals(before.get(RoleType.TRUST))) {
      String trust = PolicyDocuments.trust((String) after.get(RoleType.TRUST));
      s.call(
          "UpdateAssumeRolePolicy",
          name,
          () -> iam().updateAssumeRolePolicy(b -> b.roleName(name).policyDocument(trust)));
    }
    syncPolicies(name, after, before);
    return Map.of(ResourceType.ARN, s.names.roleArn(name));
  }

  @SuppressWarnings("unchecked")
  private void syncPolicies(String name, Map<String, Object> after, Map<String, Object> before)
      throws ProviderException {
    List<String> want = (List<String>) after.getOrDefault(RoleType.MANAGED_POLICIES, List.of());
    List<String> had = (List<String>) before.getOrDefault(RoleType.MANAGED_POLICIES, List.of());
    for (String arn : want) {
      if (!had.contains(arn))
        s.call(
            "AttachRolePolicy",
            name,
            () -> iam().attachRolePolicy(b -> b.roleName(name).policyArn(arn)));
    }
    for (String arn : had) {
      if (!want.contains(arn))
        s.call(
            "DetachRolePolicy",
            name,
            () -> iam().detachRolePolicy(b -> b.roleName(name).policyArn(arn)));
    }
    Map<String, Object> extra =
        (Map<String, Object>) before.getOrDefault(RoleType.OTHER_POLICIES, Map.of());
    for (String other : extra.keySet()) {
      ignoringGone(
          () ->
              s.call(
                  "DeleteRolePolicy",
                  name,
                  () -> iam().deleteRolePolicy(b -> b.roleName(name).policyName(other))));
    }
    Object policy = after.get(RoleType.POLICY);
    if (policy != null && !policy.equals(before.get(RoleType.POLICY))) {
      String doc = PolicyDocuments.write(policy);
      s.call(
          "PutRolePolicy",
          name,
          () ->
              iam()
                  .putRolePolicy(
                      b -> b.roleName(name).policyName(INLINE_POLICY).policyDocument(doc)));
    } else if (policy == null && before.get(RoleType.POLICY) != null) {
      s.call(
          "DeleteRolePolicy",
          name,
          () -> iam().deleteRolePolicy(b -> b.roleName(name).policyName(INLINE_POLICY)));
    }
  }

  /**
   * Deletes the role with its policies. Only DeleteRole's (or a listing's) NoSuchEntity means the
   * role is gone: the same error from detaching or deleting one policy means that policy is gone (a
   * retried call whose first reply was lost), and the role must still be deleted.
   */
  void delete(String name) throws ProviderException {
    List<AttachedPolicy> attached;
    List<String> inline;
    try {
      attached =
          s.call(
              "ListAttachedRolePolicies",
              name,
              () -> iam().listAttachedRolePolicies(b -> b.roleName(name)).attachedPolicies());
      inline =
          s.call(
              "ListRolePolicies",
              name,
              () -> iam().listRolePolicies(b -> b.roleName(name)).policyNames());
    } catch (ProviderException e) {
      if (e.getCause() instanceof NoSuchEntityException) return;
      throw e;
    }
    for (AttachedPolicy a : attached) {
      ignoringGone(
          () ->
              s.call(
                  "DetachRolePolicy",
                  name,
                  () -> iam().detachRolePolicy(b -> b.roleName(name).policyArn(a.policyArn()))));
    }
    for (String policy : inline) {
      ignoringGone(
          () ->
              s.call(
                  "DeleteRolePolicy",
                  name,
                  () -> iam().deleteRolePolicy(b -> b.roleName(name).policyName(policy))));
    }
    ignoringGone(() -> s.call("DeleteRole", name, () -> iam().deleteRole(b -> b.roleName(name))));
  }

  private interface Step {
    Object run() throws ProviderException;
  }

  private static void ignoringGone(Step step) throws ProviderException {
    try {
      step.run();
    } catch (ProviderException e) {
      if (!(e.getCause() instanceof NoSuchEntityException)) throw e;
    }
  }
}
