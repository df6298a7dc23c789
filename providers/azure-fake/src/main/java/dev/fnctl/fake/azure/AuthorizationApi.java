package dev.fnctl.fake.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Microsoft.Authorization role assignments at any scope (subscription, group, resource): PUT with a
 * GUID name (409 RoleAssignmentExists when the same principal, role and scope exist under another
 * name), GET, DELETE, and the list at a scope with {@code $filter=atScope()} and/or {@code
 * principalId eq '...'}. Role definitions must exist (the built-in ones below, or ones a test adds)
 * and principals must be known (identities the fake issued, or ones a test adds), as in Entra ID.
 */
final class AuthorizationApi {
  static final Set<String> VERSIONS =
      Set.of("2020-04-01-preview", "2020-10-01-preview", "2022-04-01");
  private static final Pattern GUID =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
  private static final Pattern ROLE_DEFINITION_ID =
      Pattern.compile(
          "^(?:/subscriptions/[^/]+)?/providers/Microsoft\\.Authorization/roleDefinitions/(?<guid>[^/]+)$",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern PRINCIPAL_FILTER =
      Pattern.compile("principalId\\s+eq\\s+'(?<id>[^']+)'", Pattern.CASE_INSENSITIVE);
  private static final Pattern ASSIGNED_TO =
      Pattern.compile("assignedTo\\('(?<id>[^']+)'\\)", Pattern.CASE_INSENSITIVE);

  /** Built-in role definitions fnctl's access words map to (id -> role name), from Azure's list. */
  static final Map<String, String> BUILT_IN =
      Map.ofEntries(
          Map.entry("8e3af657-a8ff-443c-a75c-2fe8c4bcb635", "Owner"),
          Map.entry("b24988ac-6180-42a0-ab88-20f7382dd24c", "Contributor"),
          Map.entry("acdd72a7-3385-48ef-bd42-f606fba81ae7", "Reader"),
          Map.entry("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "User Access Administrator"),
          Map.entry("17d1049b-9a84-46fb-8f53-869881c3d3ab", "Storage Account Contributor"),
          Map.entry("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Storage Blob Data Owner"),
          Map.entry("ba92f5b4-2d11-453d-a403-e96b0029c9fe", "Storage Blob Data Contributor"),
          Map.entry("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", "Storage Blob Data Reader"),
          Map.entry("974c5e8b-45b9-4653-ba55-5f855dd0fb88", "Storage Queue Data Contributor"),
          Map.entry("19e7f393-937e-4f77-808e-94535e297925", "Storage Queue Data Reader"),
          Map.entry("c6a89b2d-59bc-44d0-9896-0f6e12d7b80a", "Storage Queue Data Message Sender"),
          Map.entry("8a0f0c08-91a1-4084-bc3d-661d67233fed", "Storage Queue Data Message Processor"),
          Map.entry("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Storage Table Data Contributor"),
          Map.entry("76199698-9eea-4c19-bc75-cec21354c6b6", "Storage Table Data Reader"),
          Map.entry("4633458b-17de-408a-b874-0445c86b69e6", "Key Vault Secrets User"),
          Map.entry("00482a5a-887f-4fb3-b363-3b7fe8e74483", "Key Vault Administrator"),
          Map.entry("b86a8fe4-44ce-4948-aee5-eccb2c155cd7", "Key Vault Secrets Officer"),
          Map.entry("69a216fc-b8fb-44d8-bc22-1f3c2cd27a39", "Azure Service Bus Data Sender"),
          Map.entry("4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0", "Azure Service Bus Data Receiver"),
          Map.entry("090c5cfd-751d-490a-894a-3ce6f1109419", "Azure Service Bus Data Owner"),
          Map.entry("d5a91429-5739-47e2-a06b-3470a27159e7", "EventGrid Data Sender"),
          Map.entry("3913510d-42f4-4e42-8a64-420c390055eb", "Monitoring Metrics Publisher"),
          Map.entry("de139f84-1756-47ae-9be6-808fbbe84772", "Website Contributor"));

  private final ArmContext ctx;
  final Map<String, String> roleDefinitions = new ConcurrentHashMap<>(BUILT_IN);

  AuthorizationApi(ArmContext ctx) {
    this.ctx = ctx;
  }

  void register(Router router) {
    var scope =
        "(?<scope>/subscriptions/[^/]+(?:/.+?)?)/providers/Microsoft\\.Authorization/roleAssignments";
    router.add("PUT", scope + "/(?<name>[^/]+)", VERSIONS, this::put);
    router.add("GET", scope + "/(?<name>[^/]+)", VERSIONS, r -> ArmResponse.ok(require(r)));
    router.add("DELETE", scope + "/(?<name>[^/]+)", VERSIONS, this::delete);
    router.add("GET", scope, VERSIONS, this::list);
  }

  private static String id(ArmRequest r) {
    return r.group("scope")
        + "/providers/Microsoft.Authorization/roleAssignments/"
        + r.group("name");
  }

  private ObjectNode require(ArmRequest r) {
    var body = ctx.store.get(id(r));
    if (body == null) {
      throw ArmException.notFound(
          "RoleAssignmentNotFound", "The role assignment '" + r.group("name") + "' is not found.");
    }
    return body;
  }

  /** The scope must exist: the subscription (any), a group, or a resource the fake holds. */
  private void requireScope(String scope) {
    var group = ResourceIds.resourceGroup(scope);
    if (group != null) {
      ResourcesApi.requireGroup(ctx, ResourceIds.subscription(scope), group);
      if (scope.toLowerCase(Locale.ROOT).contains("/providers/") && !ctx.store.contains(scope)) {
        throw ArmException.notFound(
            "ResourceNotFound",
            "The Resource '"
                + ResourceIds.type(scope)
                + "/"
                + ResourceIds.name(scope)
                + "' under resource group '"
                + group
                + "' was not found.");
      }
    }
  }

  private ArmResponse put(ArmRequest r) {
    var name = r.group("name");
    if (!GUID.matcher(name).matches()) {
      throw ArmException.badRequest(
          "InvalidRoleAssignmentId",
          "The role assignment ID '"
              + name
              + "' is not valid. The role assignment ID must be a GUID.");
    }
    var scope = r.group("scope");
    requireScope(scope);
    var in = r.json();
    ctx.schemas.check("authorization", "RoleAssignmentCreateParameters", in);
    Tags.check(in.get("tags"));
    var props = in.path("properties");
    var roleDefinitionId = props.path("roleDefinitionId").asText("");
    var principalId = props.path("principalId").asText("");
    var definition = ROLE_DEFINITION_ID.matcher(roleDefinitionId);
    if (!definition.matches()) {
      throw ArmException.badRequest(
          "LinkedInvalidPropertyId",
          "Property id '"
              + roleDefinitionId
              + "' at path 'properties.roleDefinitionId' is invalid. Expect fully qualified resource Id that start with '/subscriptions/{subscriptionId}' or '/providers/{resourceProviderNamespace}/'.");
    }
    var roleGuid = definition.group("guid").toLowerCase(Locale.ROOT);
    if (!roleDefinitions.containsKey(roleGuid)) {
      throw ArmException.badRequest(
          "RoleDefinitionDoesNotExist",
          "The specified role definition with ID '"
              + definition.group("guid")
              + "' does not exist.");
    }
    if (!ctx.principals.contains(principalId)) {
      throw ArmException.badRequest(
          "PrincipalNotFound",
          "Principal "
              + principalId.replace("-", "")
              + " does not exist in the directory "
              + ArmContext.TENANT_ID
              + ". Check that you have the correct principal ID. If you are creating this principal and then immediately assigning a role, this error might be related to a replication delay. In this case, set the role assignment principalType property to a value, such as ServicePrincipal, User, or Group.  See https://aka.ms/docs-principaltype");
    }
    var subscription = ResourceIds.subscription(scope);
    var normalRole =
        "/subscriptions/"
            + subscription
            + "/providers/Microsoft.Authorization/roleDefinitions/"
            + roleGuid;
    var id = id(r);
    var existing = ctx.store.get(id);
    if (existing != null) {
      var same =
          existing.path("properties").path("principalId").asText().equals(principalId)
              && existing
                  .path("properties")
                  .path("roleDefinitionId")
                  .asText()
                  .toLowerCase(Locale.ROOT)
                  .endsWith(roleGuid);
      if (!same) {
        throw ArmException.badRequest(
            "RoleAssignmentUpdateNotPermitted",
            "Tenant ID, application ID, principal ID, and scope are not allowed to be updated.");
      }
      return ArmResponse.created(existing);
    }
    for (var other : atScope(scope)) {
      var p = other.path("properties");
      if (ResourceIds.sameId(p.path("scope").asText(), scope)
          && p.path("principalId").asText().equals(principalId)
          && p.path("roleDefinitionId").asText().toLowerCase(Locale.ROOT).endsWith(roleGuid)) {
        throw ArmException.conflict("RoleAssignmentExists", "The role assignment already exists.");
      }
    }
    var body = Json.object();
    var out = body.putObject("properties");
    out.put("roleDefinitionId", normalRole);
    out.put("principalId", principalId);
    out.put("principalType", props.path("principalType").asText("User"));
    out.put("scope", scope);
    out.set("condition", props.has("condition") ? props.get("condition") : null);
    out.set(
        "conditionVersion", props.has("conditionVersion") ? props.get("conditionVersion") : null);
    out.set("description", props.has("description") ? props.get("description") : null);
    var now = Instant.now().toString();
    out.put("createdOn", now);
    out.put("updatedOn", now);
    out.put("createdBy", "00000000-0000-0000-0000-00000000f4c7");
    out.put("updatedBy", "00000000-0000-0000-0000-00000000f4c7");
    out.putNull("delegatedManagedIdentityResourceId");
    body.put("id", id);
    body.put("type", "Microsoft.Authorization/roleAssignments");
    body.put("name", name);
    ctx.store.put(id, body);
    return ArmResponse.created(body);
  }

  private ArmResponse delete(ArmRequest r) {
    var body = ctx.store.remove(id(r));
    return body == null ? ArmResponse.noContent() : ArmResponse.ok(body);
  }

  /** Every assignment whose id is under the subscription of this scope. */
  private java.util.List<ObjectNode> atScope(String scope) {
    var prefix = ResourceStore.key("/subscriptions/" + ResourceIds.subscription(scope)) + "/";
    return ctx.store.find(
        k ->
            k.startsWith(prefix)
                && k.contains("/providers/microsoft.authorization/roleassignments/"));
  }

  private ArmResponse list(ArmRequest r) {
    var scope = r.group("scope");
    requireScope(scope);
    var filter = r.query.getOrDefault("$filter", "");
    boolean onlyAtOrAbove = filter.toLowerCase(Locale.ROOT).contains("atscope()");
    var principal = PRINCIPAL_FILTER.matcher(filter);
    var assignedTo = ASSIGNED_TO.matcher(filter);
    String principalId =
        principal.find()
            ? principal.group("id")
            : assignedTo.find() ? assignedTo.group("id") : null;
    var out = new ArrayList<ObjectNode>();
    for (var assignment : atScope(scope)) {
      var at = assignment.path("properties").path("scope").asText();
      boolean above = ResourceIds.isUnder(scope, at);
      boolean below = ResourceIds.isUnder(at, scope);
      if (!(above || (below && !onlyAtOrAbove))) {
        continue;
      }
      if (principalId != null
          && !principalId.equals(assignment.path("properties").path("principalId").asText())) {
        continue;
      }
      out.add(assignment);
    }
    return ArmResponse.ok(ctx.page(r, out));
  }
}
