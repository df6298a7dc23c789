package dev.fnctl.fake.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What Microsoft.Web answers beyond what a client sent: the defaults of a site's siteConfig and the
 * platform's read-only properties of sites and plans, in the shape of Microsoft's examples
 * (CreateOrUpdateFunctionAppFlexConsumption*.json, CreateOrUpdateAppServicePlan.json in
 * src/test/resources/examples) so that clients meet every property they will meet in Azure.
 */
final class SiteDefaults {
  private SiteDefaults() {}

  static ObjectNode siteConfig() {
    var c = Json.object();
    c.put("numberOfWorkers", 1);
    c.put("netFrameworkVersion", "");
    c.put("phpVersion", "");
    c.put("pythonVersion", "");
    c.put("nodeVersion", "");
    c.put("powerShellVersion", "");
    c.put("linuxFxVersion", "");
    c.put("requestTracingEnabled", false);
    c.put("remoteDebuggingEnabled", false);
    c.put("httpLoggingEnabled", false);
    c.put("acrUseManagedIdentityCreds", false);
    c.put("logsDirectorySizeLimit", 35);
    c.put("detailedErrorLoggingEnabled", false);
    c.put("use32BitWorkerProcess", false);
    c.put("webSocketsEnabled", false);
    c.put("alwaysOn", false);
    c.put("appCommandLine", "");
    c.put("managedPipelineMode", "Integrated");
    c.putArray("virtualApplications")
        .addObject()
        .put("virtualPath", "/")
        .put("physicalPath", "site\\wwwroot")
        .put("preloadEnabled", false);
    c.put("loadBalancing", "LeastRequests");
    c.put("autoHealEnabled", false);
    c.put("vnetName", "");
    c.put("vnetRouteAllEnabled", false);
    c.put("vnetPrivatePortsCount", 0);
    c.put("keyVaultReferenceIdentity", "");
    for (var name : new String[] {"ipSecurityRestrictions", "scmIpSecurityRestrictions"}) {
      c.putArray(name)
          .addObject()
          .put("ipAddress", "Any")
          .put("action", "Allow")
          .put("priority", 2147483647)
          .put("name", "Allow all")
          .put("description", "Allow all access");
    }
    c.put("http20Enabled", false);
    c.put("minTlsVersion", "1.2");
    c.put("scmMinTlsVersion", "1.2");
    c.put("ftpsState", "AllAllowed");
    c.put("functionAppScaleLimit", 0);
    c.put("functionsRuntimeScaleMonitoringEnabled", false);
    c.put("minimumElasticInstanceCount", 0);
    c.putObject("azureStorageAccounts");
    return c;
  }

  /** The read-only properties the platform adds to a site; Flex sizes follow instance memory. */
  static void addPlatformProperties(ObjectNode out, JsonNode functionAppConfig) {
    int memory =
        functionAppConfig == null
            ? 1536
            : functionAppConfig.path("scaleAndConcurrency").path("instanceMemoryMB").asInt(2048);
    out.put("isXenon", false);
    out.put("hyperV", false);
    out.put("scmSiteAlsoStopped", false);
    out.put("clientCertEnabled", false);
    out.put("containerSize", memory);
    out.put("dailyMemoryTimeQuota", 0);
    out.put("outboundIpAddresses", "127.0.0.1");
    out.put("possibleOutboundIpAddresses", "127.0.0.1");
    var routing = out.putObject("outboundVnetRouting");
    for (var name :
        new String[] {
          "allTraffic",
          "applicationTraffic",
          "contentShareTraffic",
          "imagePullTraffic",
          "backupRestoreTraffic"
        }) {
      routing.put(name, false);
    }
    var resources = out.putObject("resourceConfig");
    resources.put("cpu", memory >= 4096 ? 2.0 : memory >= 2048 ? 1.0 : 0.25);
    resources.put("memory", String.format(java.util.Locale.ROOT, "%.1fGi", memory / 1024.0));
  }

  static void planProperties(ObjectNode props, String location, boolean reserved, String group) {
    props.put("status", "Ready");
    props.put("maximumNumberOfWorkers", reserved ? 1000 : 20);
    props.put("geoRegion", Regions.display(location));
    props.put("numberOfSites", 0);
    props.put("isSpot", false);
    props.put("reserved", reserved);
    props.put("isXenon", false);
    props.put("hyperV", false);
    props.put("targetWorkerCount", 0);
    props.put("targetWorkerSizeId", 0);
    props.put("provisioningState", "Succeeded");
    props.put("asyncScalingEnabled", false);
    props.put("resourceGroup", group);
    props.put("maximumElasticWorkerCount", 1);
  }
}
