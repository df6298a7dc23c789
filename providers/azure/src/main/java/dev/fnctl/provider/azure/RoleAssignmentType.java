package dev.fnctl.provider.azure;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.Deadline;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A role assignment of a function app's identity on one scope. Its name is a GUID made from scope,
 * principal and role ({@link AzureNames#roleAssignment}), so a re-run PUTs the same one; role
 * assignments take no tags, so fnctl's ownership is written in the description and parsed exactly.
 * Assignments are immutable: any change is a replacement.
 */
final class RoleAssignmentType implements ResourceType {
  static final String SCOPE = "scope";
  static final String ROLE = "role";
  static final String PRINCIPAL = "principal";
  static final String ID = "id";

  private final AzureSession s;

  RoleAssignmentType(AzureSession s) {
    this.s = s;
  }

  @Override
  public String type() {
    return AzureTypes.ROLE_ASSIGNMENT;
  }

  @Override
  public Map<String, Object> create(
      Address a, Resource desired, Map<String, Object> after, Deadline d) throws ProviderException {
    String scope = String.valueOf(after.get(SCOPE));
    String role = String.valueOf(after.get(ROLE));
    String principal = String.valueOf(after.get(PRINCIPAL));
    String path =
        scope
            + "/providers/Microsoft.Authorization/roleAssignments/"
            + AzureNames.roleAssignment(scope, principal, role);
    Map<String, Object> props = new LinkedHashMap<>();
    props.put(
        "roleDefinitionId",
        "/subscriptions/"
            + s.names.subscription()
            + "/providers/Microsoft.Authorization/roleDefinitions/"
            + role);
    props.put("principalId", principal);
    props.put("principalType", "ServicePrincipal");
    props.put("description", s.roleDescription(a.first()));
    try {
      Map<String, Object> r =
          s.arm.put(path, ApiVersions.AUTHORIZATION, Map.of("properties", props), d);
      return Map.of(ID, String.valueOf(r.getOrDefault("id", path)));
    } catch (ProviderException e) {
      // The same grant made by a run that was killed before it saw the answer.
      if (e.getMessage().contains("RoleAssignmentExists")) return Map.of(ID, path);
      throw e;
    }
  }

  @Override
  public void delete(Address a, LiveResource live, Deadline d) throws ProviderException {
    Object id = live.outputs().get(ID);
    if (id == null) return;
    s.arm.delete(id.toString(), ApiVersions.AUTHORIZATION, d);
  }

  static Map<String, Object> properties(Map<String, Object> r) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(SCOPE, String.valueOf(Arm.at(r, "properties", "scope")).toLowerCase(Locale.ROOT));
    String def = String.valueOf(Arm.at(r, "properties", "roleDefinitionId"));
    p.put(ROLE, def.substring(def.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT));
    p.put(PRINCIPAL, Arm.at(r, "properties", "principalId"));
    return p;
  }
}
