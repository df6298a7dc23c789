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

  AzureSession(Arm arm, DataPlane data, AzureNames names, String region) {
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
