package dev.fnctl.fake.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Resolves an app setting's Key Vault reference ({@code @Microsoft.KeyVault(SecretUri=...)} or
 * {@code @Microsoft.KeyVault(VaultName=...;SecretName=...)}) the way App Service reports it on
 * {@code GET sites/{app}/config/configreferences/appsettings}: InvalidSyntax, MSINotEnabled,
 * VaultNotFound, SecretNotFound, AccessToKeyVaultDenied (the app's identity has no role that reads
 * secrets on the vault or the secret) or Resolved.
 */
final class KeyVaultReferences {
  private static final Pattern REFERENCE =
      Pattern.compile("^@Microsoft\\.KeyVault\\((?<body>.*)\\)$");
  private static final Pattern SECRET_URI =
      Pattern.compile(
          "^https://(?<vault>[a-zA-Z0-9-]{3,24})\\.vault\\.azure\\.net/secrets/(?<secret>[a-zA-Z0-9-]{1,127})(?:/(?<version>[a-f0-9]{32}))?/?$");

  /**
   * Roles whose data actions read secret values: Key Vault Secrets User and Officer, Key Vault
   * Administrator.
   */
  static final Set<String> READ_ROLES =
      Set.of(
          "4633458b-17de-408a-b874-0445c86b69e6",
          "b86a8fe4-44ce-4948-aee5-eccb2c155cd7",
          "00482a5a-887f-4fb3-b363-3b7fe8e74483");

  private final ArmContext ctx;

  KeyVaultReferences(ArmContext ctx) {
    this.ctx = ctx;
  }

  static boolean isReference(String value) {
    return value != null && value.startsWith("@Microsoft.KeyVault(");
  }

  ObjectNode resolve(ObjectNode site, String settingName, String value) {
    var body = Json.object();
    body.put("id", Json.text(site, "id") + "/config/configreferences/appsettings/" + settingName);
    body.put("name", settingName);
    body.put("type", "Microsoft.Web/sites/config/reference");
    var props = body.putObject("properties");
    props.put("reference", value);
    props.put("source", "KeyVault");
    var m = REFERENCE.matcher(value);
    String vault = null;
    String secret = null;
    String version = null;
    if (m.matches()) {
      var inner = m.group("body");
      if (inner.startsWith("SecretUri=")) {
        var uri = SECRET_URI.matcher(inner.substring("SecretUri=".length()));
        if (uri.matches()) {
          vault = uri.group("vault");
          secret = uri.group("secret");
          version = uri.group("version");
        }
      } else {
        for (var part : inner.split(";")) {
          var kv = part.split("=", 2);
          if (kv.length == 2) {
            switch (kv[0]) {
              case "VaultName" -> vault = kv[1];
              case "SecretName" -> secret = kv[1];
              case "SecretVersion" -> version = kv[1];
              default -> {}
            }
          }
        }
      }
    }
    if (vault == null || secret == null) {
      return status(
          body,
          "InvalidSyntax",
          "The reference is not @Microsoft.KeyVault(SecretUri=https://<vault>.vault.azure.net/secrets/<name>[/<version>]) nor @Microsoft.KeyVault(VaultName=<vault>;SecretName=<name>[;SecretVersion=<version>]).");
    }
    props.put("vaultName", vault);
    props.put("secretName", secret);
    if (version != null) {
      props.put("secretVersion", version);
    }
    var principal = site.path("identity").path("principalId").asText(null);
    props.put("identityType", principal == null ? "None" : "SystemAssigned");
    if (principal == null) {
      return status(
          body, "MSINotEnabled", "The app has no managed identity to read the secret with.");
    }
    var vaultSuffix = "/providers/microsoft.keyvault/vaults/" + vault.toLowerCase(Locale.ROOT);
    var vaults = ctx.store.find(k -> k.endsWith(vaultSuffix));
    if (vaults.isEmpty()) {
      return status(body, "VaultNotFound", "Key Vault '" + vault + "' was not found.");
    }
    var vaultId = Json.text(vaults.get(0), "id");
    var secretId = vaultId + "/secrets/" + secret;
    if (!ctx.store.contains(secretId)) {
      return status(
          body,
          "SecretNotFound",
          "Secret '" + secret + "' was not found in Key Vault '" + vault + "'.");
    }
    if (!canRead(principal, secretId)) {
      return status(
          body,
          "AccessToKeyVaultDenied",
          "The app's identity "
              + principal
              + " has no role that reads secrets on '"
              + vaultId
              + "'.");
    }
    return status(body, "Resolved", "");
  }

  private boolean canRead(String principal, String secretId) {
    var prefix = ResourceStore.key("/subscriptions/" + ResourceIds.subscription(secretId)) + "/";
    for (JsonNode assignment :
        ctx.store.find(
            k ->
                k.startsWith(prefix)
                    && k.contains("/providers/microsoft.authorization/roleassignments/"))) {
      var p = assignment.path("properties");
      var role = p.path("roleDefinitionId").asText();
      if (principal.equals(p.path("principalId").asText())
          && READ_ROLES.contains(role.substring(role.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT))
          && ResourceIds.isUnder(secretId, p.path("scope").asText())) {
        return true;
      }
    }
    return false;
  }

  private static ObjectNode status(ObjectNode body, String status, String details) {
    body.with("properties").put("status", status).put("details", details);
    return body;
  }
}
