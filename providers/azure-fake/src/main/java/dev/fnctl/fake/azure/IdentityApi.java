package dev.fnctl.fake.azure;

import java.util.Set;
import java.util.UUID;

/**
 * Microsoft.ManagedIdentity: user-assigned identities, whose principal role assignments may name.
 */
final class IdentityApi {
  static final Set<String> VERSIONS = Set.of("2023-01-31", "2023-07-31-preview", "2024-11-30");
  private final ArmContext ctx;

  IdentityApi(ArmContext ctx) {
    this.ctx = ctx;
  }

  void register(Router router) {
    var group =
        "/subscriptions/(?<sub>[^/]+)/resourcegroups/(?<rg>[^/]+)/providers/Microsoft\\.ManagedIdentity/userAssignedIdentities";
    router.add("PUT", group + "/(?<name>[^/]+)", VERSIONS, this::put);
    router.add("GET", group + "/(?<name>[^/]+)", VERSIONS, r -> ArmResponse.ok(require(r)));
    router.add(
        "DELETE",
        group + "/(?<name>[^/]+)",
        VERSIONS,
        r -> ctx.store.removeTree(id(r)) > 0 ? ArmResponse.ok(null) : ArmResponse.noContent());
    router.add(
        "GET",
        group,
        VERSIONS,
        r ->
            ArmResponse.ok(
                ctx.page(
                    r,
                    ctx.store.children(
                        ResourceIds.groupId(r.group("sub"), r.group("rg"))
                            + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities"))));
  }

  private static String id(ArmRequest r) {
    return ResourceIds.groupId(r.group("sub"), r.group("rg"))
        + "/providers/Microsoft.ManagedIdentity/userAssignedIdentities/"
        + r.group("name");
  }

  private com.fasterxml.jackson.databind.node.ObjectNode require(ArmRequest r) {
    ResourcesApi.requireGroup(ctx, r.group("sub"), r.group("rg"));
    var body = ctx.store.get(id(r));
    if (body == null) {
      throw ArmException.resourceNotFound(
          "Microsoft.ManagedIdentity/userAssignedIdentities", r.group("name"), r.group("rg"));
    }
    return body;
  }

  private ArmResponse put(ArmRequest r) {
    ResourcesApi.requireGroup(ctx, r.group("sub"), r.group("rg"));
    var in = r.json();
    ctx.schemas.check("identity", "Identity", in);
    Tags.check(in.get("tags"));
    var location =
        Regions.require(
            Json.text(in, "location"), "Microsoft.ManagedIdentity/userAssignedIdentities");
    var existing = ctx.store.get(id(r));
    var body = existing != null ? existing : Json.object();
    body.put("id", id(r));
    body.put("name", r.group("name"));
    body.put("type", "Microsoft.ManagedIdentity/userAssignedIdentities");
    body.put("location", location);
    body.set("tags", in.has("tags") ? in.get("tags") : Json.object());
    if (existing == null) {
      body.putObject("properties")
          .put("tenantId", ArmContext.TENANT_ID)
          .put("principalId", ctx.newPrincipal())
          .put("clientId", UUID.randomUUID().toString());
    }
    ctx.store.put(id(r), body);
    return existing == null ? ArmResponse.created(body) : ArmResponse.ok(body);
  }
}
