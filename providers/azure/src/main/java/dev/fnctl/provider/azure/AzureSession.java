package dev.fnctl.provider.azure;

import dev.fnctl.provider.Ownership;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every resource type of one session needs: ARM, the blob data plane, the names, the region
 * and the ownership tags, and the ARM paths of this resource group.
 */
final class AzureSession {
  final Arm arm;
  final DataPlane data;
  final AzureNames names;
  final String region;
  final Ownership ownership;

  /**
   * Where OneDeploy is reached for an app: a template with {@code {app}} from the target's {@code
   * scmEndpoint} setting (a fake), else the app's SCM host name as ARM states it.
   */
  final String scmEndpoint;

  /** The cloud's storage suffix: {@code core.windows.net} in the public cloud. */
  final String storageSuffix;

  AzureSession(
      Arm arm,
      DataPlane data,
      AzureNames names,
      String region,
      String scmEndpoint,
      String storageSuffix) {
    this.scmEndpoint = scmEndpoint;
    this.storageSuffix = storageSuffix;
    this.arm = arm;
    this.data = data;
    this.names = names;
    this.region = region;
    this.ownership = new Ownership(names.stack(), names.target());
  }

  String resourceGroupPath() {
    return "/subscriptions/" + names.subscription() + "/resourceGroups/" + names.resourceGroup();
  }

  String accountPath(String account) {
    return resourceGroupPath() + "/providers/Microsoft.Storage/storageAccounts/" + account;
  }

  String containerPath(String account, String container) {
    return accountPath(account) + "/blobServices/default/containers/" + container;
  }

  String queuePath(String account, String queue) {
    return accountPath(account) + "/queueServices/default/queues/" + queue;
  }

  String planPath(String plan) {
    return resourceGroupPath() + "/providers/Microsoft.Web/serverfarms/" + plan;
  }

  String sitePath(String app) {
    return resourceGroupPath() + "/providers/Microsoft.Web/sites/" + app;
  }

  /** The OneDeploy URL of {@code app}, whose site ARM answered with {@code site}. */
  String publishUrl(String app, Map<String, Object> site)
      throws dev.fnctl.provider.ProviderException {
    String base = null;
    if (scmEndpoint != null) base = scmEndpoint.replace("{app}", app);
    else if (Arm.at(site, "properties", "enabledHostNames") instanceof java.util.List<?> hosts)
      for (Object h : hosts) if (String.valueOf(h).contains(".scm.")) base = "https://" + h;
    if (base == null)
      throw new dev.fnctl.provider.ProviderException(
          "function app " + app + " has no SCM host name to deploy its package to");
    return base.replaceAll("/+$", "") + "/api/publish?RemoteBuild=false&isAsync=true";
  }

  /** The ownership tags, plus {@code extra}. */
  Map<String, Object> tags(Map<String, String> extra) {
    Map<String, Object> t = new LinkedHashMap<>(ownership.tags());
    t.putAll(extra);
    return t;
  }

  /**
   * What marks a role assignment (which has no tags) as fnctl's: its description, parsed exactly.
   */
  String roleDescription(String app) {
    return Ownership.STACK_KEY
        + "="
        + names.stack()
        + " "
        + Ownership.TARGET_KEY
        + "="
        + names.target()
        + " app="
        + app;
  }
}
