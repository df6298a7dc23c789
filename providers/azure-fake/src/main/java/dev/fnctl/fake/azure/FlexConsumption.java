package dev.fnctl.fake.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/**
 * The rules of the Flex Consumption plan (FC1) on a function app, from Microsoft's Flex Consumption
 * documentation: Linux only, functionAppConfig required, instance memory 512, 2048 or 4096 MB, 40
 * to 1000 instances, the supported runtimes, and the app settings Flex no longer accepts.
 * Server-side defaults are filled in as the platform does (100 instances, 2048 MB), which is what a
 * client must not read as drift.
 */
final class FlexConsumption {
  static final Set<Integer> MEMORY = Set.of(512, 2048, 4096);
  static final int MIN_INSTANCES = 40;
  static final int MAX_INSTANCES = 1000;
  static final Map<String, Set<String>> RUNTIMES =
      Map.of(
          "dotnet-isolated", Set.of("8.0", "9.0", "10.0"),
          "node", Set.of("20", "22"),
          "python", Set.of("3.10", "3.11", "3.12", "3.13"),
          "java", Set.of("11", "17", "21"),
          "powershell", Set.of("7.4"),
          "custom", Set.of("1.0"));

  /**
   * App settings the Flex Consumption documentation lists as deprecated for the plan (what they did
   * is in functionAppConfig or site properties now); the fake refuses them as Azure refuses
   * FUNCTIONS_WORKER_RUNTIME.
   */
  static final Set<String> REFUSED_SETTINGS =
      Set.of(
          "FUNCTIONS_EXTENSION_VERSION",
          "FUNCTIONS_WORKER_RUNTIME",
          "FUNCTIONS_WORKER_RUNTIME_VERSION",
          "FUNCTIONS_MAX_HTTP_CONCURRENCY",
          "FUNCTIONS_WORKER_PROCESS_COUNT",
          "FUNCTIONS_WORKER_DYNAMIC_CONCURRENCY_ENABLED",
          "SCM_DO_BUILD_DURING_DEPLOYMENT",
          "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING",
          "WEBSITE_CONTENTSHARE",
          "WEBSITE_CONTENTOVERVNET",
          "WEBSITE_NODE_DEFAULT_VERSION",
          "WEBSITE_RUN_FROM_PACKAGE",
          "WEBSITE_SKIP_CONTENTSHARE_VALIDATION",
          "WEBSITE_MAX_DYNAMIC_APPLICATION_SCALE_OUT",
          "WEBSITE_DNS_SERVER",
          "WEBSITE_VNET_ROUTE_ALL");

  /**
   * Checks a Flex app's functionAppConfig and answers it with the platform's defaults filled in.
   */
  ObjectNode validate(String kind, JsonNode given) {
    if (kind == null || !kind.contains("functionapp") || !kind.contains("linux")) {
      throw bad(
          "A site on a Flex Consumption plan must be of kind 'functionapp,linux' (was '"
              + kind
              + "').");
    }
    if (!(given instanceof ObjectNode in)) {
      throw bad(
          "Flex Consumption sites require properties.functionAppConfig (deployment storage, runtime, scaleAndConcurrency).");
    }
    var config = in.deepCopy();
    var storage = config.path("deployment").path("storage");
    if (!storage.isObject()
        || !"blobContainer".equals(storage.path("type").asText())
        || storage.path("value").asText("").isEmpty()) {
      throw bad(
          "functionAppConfig.deployment.storage must be of type 'blobContainer' with the container URL as value.");
    }
    var auth = storage.path("authentication");
    var authType = auth.path("type").asText("");
    switch (authType) {
      case "SystemAssignedIdentity" -> {}
      case "UserAssignedIdentity" -> {
        if (auth.path("userAssignedIdentityResourceId").asText("").isEmpty()) {
          throw bad(
              "functionAppConfig.deployment.storage.authentication of type UserAssignedIdentity needs userAssignedIdentityResourceId.");
        }
      }
      case "StorageAccountConnectionString" -> {
        if (auth.path("storageAccountConnectionStringName").asText("").isEmpty()) {
          throw bad(
              "functionAppConfig.deployment.storage.authentication of type StorageAccountConnectionString needs storageAccountConnectionStringName.");
        }
      }
      default ->
          throw bad(
              "functionAppConfig.deployment.storage.authentication.type must be SystemAssignedIdentity, UserAssignedIdentity or StorageAccountConnectionString (was '"
                  + authType
                  + "').");
    }
    var runtime = config.path("runtime");
    var name = runtime.path("name").asText("");
    var version = runtime.path("version").asText("");
    if (!RUNTIMES.containsKey(name)) {
      throw bad(
          "functionAppConfig.runtime.name '"
              + name
              + "' is not supported on Flex Consumption; supported: "
              + String.join(", ", new java.util.TreeSet<>(RUNTIMES.keySet()))
              + ".");
    }
    if (!name.equals("custom") && !RUNTIMES.get(name).contains(version)) {
      throw bad(
          "functionAppConfig.runtime.version '"
              + version
              + "' of "
              + name
              + " is not supported on Flex Consumption; supported: "
              + String.join(", ", new java.util.TreeSet<>(RUNTIMES.get(name)))
              + ".");
    }
    var scale = config.with("scaleAndConcurrency");
    if (!scale.has("instanceMemoryMB")) {
      scale.put("instanceMemoryMB", 2048);
    }
    if (!scale.has("maximumInstanceCount")) {
      scale.put("maximumInstanceCount", 100);
    }
    int memory = scale.get("instanceMemoryMB").asInt();
    if (!MEMORY.contains(memory)) {
      throw bad(
          "functionAppConfig.scaleAndConcurrency.instanceMemoryMB "
              + memory
              + " is not offered on Flex Consumption; choose 512, 2048 or 4096.");
    }
    int max = scale.get("maximumInstanceCount").asInt();
    if (max < MIN_INSTANCES || max > MAX_INSTANCES) {
      throw bad(
          "functionAppConfig.scaleAndConcurrency.maximumInstanceCount "
              + max
              + " is out of range; it must be between "
              + MIN_INSTANCES
              + " and "
              + MAX_INSTANCES
              + ".");
    }
    int ready = 0;
    for (var entry : scale.path("alwaysReady")) {
      var group = entry.path("name").asText("");
      if (!(group.equals("http")
          || group.equals("blob")
          || group.equals("durable")
          || group.startsWith("function:"))) {
        throw bad(
            "functionAppConfig.scaleAndConcurrency.alwaysReady name '"
                + group
                + "' must be 'http', 'blob', 'durable' or 'function:<name>'.");
      }
      int count = entry.path("instanceCount").asInt(-1);
      if (count < 0) {
        throw bad(
            "functionAppConfig.scaleAndConcurrency.alwaysReady instanceCount of '"
                + group
                + "' must be 0 or more.");
      }
      ready += count;
    }
    if (ready > max) {
      throw bad(
          "The always-ready instances (" + ready + ") exceed maximumInstanceCount (" + max + ").");
    }
    return config;
  }

  void checkSettings(ObjectNode settings) {
    settings
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (REFUSED_SETTINGS.contains(name.toUpperCase(java.util.Locale.ROOT))) {
                throw bad(
                    "The following app setting (Site.SiteConfig.AppSettings."
                        + name
                        + ") for Flex Consumption sites is invalid. Please remove or rename it before retrying.");
              }
            });
  }

  private static ArmException bad(String message) {
    return ArmException.badRequest("BadRequest", message);
  }
}
