package dev.fnctl.provider.azure;

import java.util.Map;

/**
 * Azure's clouds by their Resource Manager endpoint: where a storage account's services live
 * ({@code https://<account>.blob.<suffix>/}). Computing the endpoints from the account's name keeps
 * a plan from reading every account just to learn them.
 */
final class AzureClouds {
  private AzureClouds() {}

  static final String PUBLIC_ARM = "https://management.azure.com";

  private static final Map<String, String> SUFFIXES =
      Map.of(
          "management.azure.com", "core.windows.net",
          "management.chinacloudapi.cn", "core.chinacloudapi.cn",
          "management.usgovcloudapi.net", "core.usgovcloudapi.net");

  /** The storage suffix of the cloud {@code armEndpoint} belongs to; the public one's otherwise. */
  static String storageSuffix(String armEndpoint, String override) {
    if (override != null && !override.isBlank()) return override;
    if (armEndpoint == null) return "core.windows.net";
    String host = java.net.URI.create(armEndpoint).getHost();
    return SUFFIXES.getOrDefault(host == null ? "" : host, "core.windows.net");
  }

  static String blobEndpoint(String account, String suffix) {
    return "https://" + account + ".blob." + suffix + "/";
  }

  static String queueEndpoint(String account, String suffix) {
    return "https://" + account + ".queue." + suffix + "/";
  }
}
