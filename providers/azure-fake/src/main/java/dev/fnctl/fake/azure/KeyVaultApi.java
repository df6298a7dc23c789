package dev.fnctl.fake.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;
import java.util.UUID;

/**
 * Microsoft.KeyVault, as far as Key Vault references need it: vaults (RBAC authorization) and their
 * secrets through the control plane (PUT with a value; GET never answers the value, as ARM does
 * not). {@link KeyVaultReferences} resolves an app's references against them.
 */
final class KeyVaultApi {
  static final Set<String> VERSIONS =
      Set.of("2022-07-01", "2023-02-01", "2023-07-01", "2024-11-01");
  private final ArmContext ctx;

  KeyVaultApi(ArmContext ctx) {
    this.ctx = ctx;
  }

  void register(Router router) {
    var vault =
        "/subscriptions/(?<sub>[^/]+)/resourcegroups/(?<rg>[^/]+)/providers/Microsoft\\.KeyVault/vaults/(?<name>[^/]+)";
    router.add("PUT", vault, VERSIONS, this::putVault);
    router.add("GET", vault, VERSIONS, r -> ArmResponse.ok(require(vaultId(r))));
    router.add(
        "DELETE",
        vault,
        VERSIONS,
        r -> ctx.store.removeTree(vaultId(r)) > 0 ? ArmResponse.ok(null) : ArmResponse.noContent());
    router.add("PUT", vault + "/secrets/(?<secret>[^/]+)", VERSIONS, this::putSecret);
    router.add(
        "GET",
        vault + "/secrets/(?<secret>[^/]+)",
        VERSIONS,
        r -> ArmResponse.ok(withoutValue(require(vaultId(r) + "/secrets/" + r.group("secret")))));
  }

  private static String vaultId(ArmRequest r) {
    return ResourceIds.groupId(r.group("sub"), r.group("rg"))
        + "/providers/Microsoft.KeyVault/vaults/"
        + r.group("name");
  }

  private ObjectNode require(String id) {
    var body = ctx.store.get(id);
    if (body == null) {
      throw ArmException.notFound(
          "ResourceNotFound",
          "The Resource '"
              + ResourceIds.type(id)
              + "/"
              + ResourceIds.name(id)
              + "' was not found.");
    }
    return body;
  }

  private static ObjectNode withoutValue(ObjectNode secret) {
    secret.with("properties").remove("value");
    return secret;
  }

  private ArmResponse putVault(ArmRequest r) {
    ResourcesApi.requireGroup(ctx, r.group("sub"), r.group("rg"));
    var in = r.json();
    ctx.schemas.check("keyvault", "VaultCreateOrUpdateParameters", in);
    Tags.check(in.get("tags"));
    var location = Regions.require(Json.text(in, "location"), "Microsoft.KeyVault/vaults");
    var id = vaultId(r);
    var existing = ctx.store.get(id);
    var body = Json.object();
    body.put("id", id)
        .put("name", r.group("name"))
        .put("type", "Microsoft.KeyVault/vaults")
        .put("location", location);
    body.set("tags", in.has("tags") ? in.get("tags") : Json.object());
    var props = body.putObject("properties");
    props.setAll((ObjectNode) in.path("properties").deepCopy());
    if (!props.has("tenantId")) {
      props.put("tenantId", ArmContext.TENANT_ID);
    }
    props.put(
        "vaultUri",
        "https://" + r.group("name").toLowerCase(java.util.Locale.ROOT) + ".vault.azure.net/");
    props.put("provisioningState", "Succeeded");
    ctx.store.put(id, body);
    return existing == null ? ArmResponse.created(body) : ArmResponse.ok(body);
  }

  private ArmResponse putSecret(ArmRequest r) {
    var vault = require(vaultId(r));
    var in = r.json();
    ctx.schemas.check("keyvault", "SecretCreateOrUpdateParameters", in);
    Tags.check(in.get("tags"));
    var id = vaultId(r) + "/secrets/" + r.group("secret");
    var existing = ctx.store.get(id);
    var body = Json.object();
    body.put("id", id)
        .put("name", r.group("secret"))
        .put("type", "Microsoft.KeyVault/vaults/secrets")
        .put("location", Json.text(vault, "location"));
    var props = body.putObject("properties");
    props.put("value", in.path("properties").path("value").asText(""));
    var version = UUID.randomUUID().toString().replace("-", "");
    var uri = vault.path("properties").path("vaultUri").asText() + "secrets/" + r.group("secret");
    props.put("secretUri", uri);
    props.put("secretUriWithVersion", uri + "/" + version);
    ctx.store.put(id, body);
    return existing == null
        ? ArmResponse.created(withoutValue(body))
        : ArmResponse.ok(withoutValue(body));
  }
}
