package dev.fnctl.provider.azure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;

/**
 * Physical names of everything fnctl makes on Azure, derived deterministically from the
 * subscription, resource group, stack and target so that {@code plan} finds again what {@code
 * apply} made, each within its Azure limit:
 *
 * <ul>
 *   <li>storage accounts: 3-24 lower-case letters and digits, unique across all of Azure: {@code
 *       fn}, the stack and target's letters and digits (at most 12), a role letter ({@code h} for
 *       the functions' host storage, {@code d} for the stack's buckets and queues) and 8 hex digits
 *       of the SHA-256 of subscription/resourceGroup/stack/target, so two stacks, or one stack in
 *       two resource groups, never meet;
 *   <li>function apps: 2-60 characters, their host name unique across Azure: {@code
 *       <stack>-<target>-<function>-<6 hex of subscription/resourceGroup>}, cut and hashed like the
 *       AWS provider's names when longer;
 *   <li>role assignments: a GUID, name-based (UUID v3) on scope, principal and role, so the same
 *       grant always has the same name and a re-run converges on it.
 * </ul>
 */
record AzureNames(String subscription, String resourceGroup, String stack, String target) {

  static final int APP_MAX = 60;
  static final int ACCOUNT_MAX = 24;

  /** The prefix every name of this stack and target starts with: {@code orders-prod-}. */
  String prefix() {
    return stack + "-" + target + "-";
  }

  /** The function app (and its Flex Consumption plan) of function {@code function}. */
  String app(String function) {
    String full = prefix() + function + "-" + hex(subscription + "/" + resourceGroup, 6);
    return fit(full, APP_MAX);
  }

  /** The plan of an app: Flex Consumption takes one app per plan, so it bears the app's name. */
  String plan(String function) {
    return app(function);
  }

  /** The storage account the functions' hosts use (AzureWebJobsStorage, deployment packages). */
  String hostAccount() {
    return account('h');
  }

  /** The storage account holding the stack's buckets (containers) and queues. */
  String dataAccount() {
    return account('d');
  }

  private String account(char role) {
    String letters = (stack + target).replaceAll("[^a-z0-9]", "");
    if (letters.length() > 12) letters = letters.substring(0, 12);
    return "fn"
        + letters
        + role
        + hex(subscription + "/" + resourceGroup + "/" + stack + "/" + target, 8);
  }

  /** An Event Grid topic: 3-50 letters, digits and hyphens. */
  String topic(String topic) {
    return fit(prefix() + topic, 50);
  }

  /** The deployment container of a function's app, in the host account. */
  String deploymentContainer(String function) {
    return fitContainer("deploy-" + function);
  }

  /**
   * The storage account that holds the stack locks of every stack in the resource group. It is not
   * the stack's own: that one does not exist before the first apply, and the lock must.
   */
  static String lockAccount(String subscription, String resourceGroup) {
    return "fnctllock" + hex(subscription + "/" + resourceGroup.toLowerCase(Locale.ROOT), 15);
  }

  /** A role assignment's name: the same scope, principal and role always give the same GUID. */
  static String roleAssignment(String scope, String principalId, String roleId) {
    String key =
        scope.toLowerCase(Locale.ROOT)
            + "|"
            + principalId.toLowerCase(Locale.ROOT)
            + "|"
            + roleId.toLowerCase(Locale.ROOT);
    return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8)).toString();
  }

  /**
   * {@code name} if it fits in {@code max} characters, else cut so that a hyphen and the first 8
   * hex digits of the SHA-256 of the whole name fit after it: two long names never become one.
   */
  static String fit(String name, int max) {
    if (name.length() <= max) return name;
    String cut = name.substring(0, max - 9);
    while (cut.endsWith("-")) cut = cut.substring(0, cut.length() - 1);
    return cut + "-" + hex(name, 8);
  }

  /** Blob container names: 3-63 lower-case letters, digits and single hyphens. */
  private static String fitContainer(String name) {
    return fit(name.replaceAll("-{2,}", "-"), 63);
  }

  static String hex(String text, int digits) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d).substring(0, digits);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
