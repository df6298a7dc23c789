package dev.fnctl.fake.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Microsoft.Web: App Service plans (serverfarms, the FC1 Flex Consumption sku) and sites (function
 * apps with functionAppConfig), their app settings (PUT replaces the whole set, POST list reads
 * it), host and function keys and the functions a deployment brought ({@link KuduApi}).
 */
final class WebApi {
  static final Set<String> VERSIONS =
      Set.of("2023-12-01", "2024-04-01", "2024-11-01", "2025-03-01");
  private static final Pattern SITE_NAME =
      Pattern.compile("^[a-zA-Z0-9][a-zA-Z0-9-]{0,58}[a-zA-Z0-9]$");

  private final ArmContext ctx;
  private final FlexConsumption flex;

  WebApi(ArmContext ctx) {
    this.ctx = ctx;
    this.flex = new FlexConsumption();
  }

  void register(Router router) {
    var group =
        "/subscriptions/(?<sub>[^/]+)/resourcegroups/(?<rg>[^/]+)/providers/Microsoft\\.Web";
    var farm = group + "/serverfarms/(?<name>[^/]+)";
    router.add("PUT", farm, VERSIONS, this::putFarm);
    router.add(
        "GET", farm, VERSIONS, r -> ArmResponse.ok(withSiteCount(require(r, "serverfarms"))));
    router.add("DELETE", farm, VERSIONS, this::deleteFarm);
    router.add(
        "GET",
        group + "/serverfarms",
        VERSIONS,
        r -> ArmResponse.ok(ctx.page(r, ctx.store.children(collection(r, "serverfarms")))));
    var site = group + "/sites/(?<name>[^/]+)";
    router.add("PUT", site, VERSIONS, this::putSite);
    router.add("PATCH", site, VERSIONS, this::patchSite);
    router.add("GET", site, VERSIONS, r -> ArmResponse.ok(require(r, "sites")));
    router.add("DELETE", site, VERSIONS, this::deleteSite);
    router.add(
        "GET",
        group + "/sites",
        VERSIONS,
        r -> ArmResponse.ok(ctx.page(r, ctx.store.children(collection(r, "sites")))));
    router.add("PUT", site + "/config/appsettings", VERSIONS, this::putSettings);
    router.add(
        "POST", site + "/config/appsettings/list", VERSIONS, r -> ArmResponse.ok(settings(r)));
    router.add("GET", site + "/config/configreferences/appsettings", VERSIONS, this::references);
    new FunctionKeysApi(ctx, this).register(router, site);
    router.add(
        "POST",
        "/subscriptions/(?<sub>[^/]+)/providers/Microsoft\\.Web/checknameavailability",
        VERSIONS,
        this::checkName);
    // Actions clients call after a deployment; the fake has nothing to restart or sync.
    router.add(
        "POST",
        site + "/syncfunctiontriggers",
        VERSIONS,
        r -> {
          require(r, "sites");
          return ArmResponse.noContent();
        });
    router.add(
        "POST",
        site + "/restart",
        VERSIONS,
        r -> {
          require(r, "sites");
          return ArmResponse.ok(null);
        });
  }

  private static String collection(ArmRequest r, String type) {
    return ResourceIds.groupId(r.group("sub"), r.group("rg")) + "/providers/Microsoft.Web/" + type;
  }

  static String siteId(ArmRequest r) {
    return collection(r, "sites") + "/" + r.group("name");
  }

  ObjectNode require(ArmRequest r, String type) {
    ResourcesApi.requireGroup(ctx, r.group("sub"), r.group("rg"));
    var body = ctx.store.get(collection(r, type) + "/" + r.group("name"));
    if (body == null) {
      throw ArmException.resourceNotFound("Microsoft.Web/" + type, r.group("name"), r.group("rg"));
    }
    return body;
  }

  // ---- plans

  private ArmResponse putFarm(ArmRequest r) {
    ResourcesApi.requireGroup(ctx, r.group("sub"), r.group("rg"));
    var in = r.json();
    ctx.schemas.check("web", "AppServicePlan", in);
    Tags.check(in.get("tags"));
    var location = Regions.require(Json.text(in, "location"), "Microsoft.Web/serverfarms");
    var sku = in.path("sku");
    var skuName = sku.path("name").asText("");
    if (skuName.isEmpty()) {
      throw ArmException.badRequest("BadRequest", "The parameter sku has an invalid value.");
    }
    var reserved = in.path("properties").path("reserved").asBoolean(false);
    if (skuName.equalsIgnoreCase("FC1") && !reserved) {
      throw ArmException.badRequest(
          "BadRequest",
          "The Flex Consumption plan (FC1) runs Linux only: set properties.reserved to true.");
    }
    var id = collection(r, "serverfarms") + "/" + r.group("name");
    var existing = ctx.store.get(id);
    var body = Json.object();
    body.put("id", id);
    body.put("name", r.group("name"));
    body.put("type", "Microsoft.Web/serverfarms");
    body.put(
        "kind",
        Json.text(in, "kind") == null ? (reserved ? "linux" : "app") : Json.text(in, "kind"));
    body.put("location", Regions.display(location));
    body.set("tags", in.has("tags") ? in.get("tags") : Json.object());
    var outSku = body.putObject("sku");
    outSku.put("name", skuName);
    if (skuName.equalsIgnoreCase("FC1")) {
      outSku
          .put("tier", "FlexConsumption")
          .put("size", "FC1")
          .put("family", "FC")
          .put("capacity", 0);
    } else {
      outSku.setAll((ObjectNode) sku);
      // The platform fills in what the sku name implies (Y1: family Y, capacity 0).
      if (!outSku.has("size")) {
        outSku.put("size", skuName);
      }
      if (!outSku.has("family")) {
        outSku.put("family", skuName.replaceAll("[0-9]", ""));
      }
      if (!outSku.has("capacity")) {
        outSku.put("capacity", skuName.startsWith("Y") ? 0 : 1);
      }
    }
    // Consumption plans (Dynamic, FlexConsumption) are answered as kind functionapp whatever
    // the request said, as the recorded session shows (kind linux in, functionapp out).
    var tier = outSku.path("tier").asText("");
    if (tier.equals("Dynamic") || tier.equals("FlexConsumption")) {
      body.put("kind", "functionapp");
    }
    var props = body.putObject("properties");
    if (in.get("properties") instanceof ObjectNode inProps) {
      props.setAll(inProps);
    }
    SiteDefaults.planProperties(props, location, reserved, r.group("rg"));
    ctx.store.put(id, body);
    return ArmResponse.ok(echoLocation(withSiteCount(body), in));
  }

  /**
   * A Flex app created without serverFarmId gets a Flex plan from the platform, as Microsoft's
   * CreateOrUpdateFunctionAppFlexConsumption example shows (serverFarmId .../serverfarms/DefaultAsp
   * in the answer to a request that names none).
   */
  private String defaultFlexPlan(ArmRequest r, String location) {
    var id = collection(r, "serverfarms") + "/DefaultAsp";
    if (!ctx.store.contains(id)) {
      var body = Json.object();
      body.put("id", id).put("name", "DefaultAsp").put("type", "Microsoft.Web/serverfarms");
      body.put("kind", "functionapp").put("location", Regions.display(location));
      body.putObject("tags");
      body.putObject("sku")
          .put("name", "FC1")
          .put("tier", "FlexConsumption")
          .put("size", "FC1")
          .put("family", "FC")
          .put("capacity", 0);
      SiteDefaults.planProperties(body.putObject("properties"), location, true, r.group("rg"));
      ctx.store.put(id, body);
    }
    return id;
  }

  /**
   * Microsoft.Web answers a PUT with the location as the request spelt it ("eastus") and every
   * later GET with the region's display name ("East US"), as the recorded FunctionAppsTests session
   * shows; a client must compare locations normalised.
   */
  private static ObjectNode echoLocation(ObjectNode body, JsonNode in) {
    var answer = body.deepCopy();
    answer.put("location", Json.text(in, "location"));
    return answer;
  }

  private ArmResponse deleteFarm(ArmRequest r) {
    ResourcesApi.requireGroup(ctx, r.group("sub"), r.group("rg"));
    var id = collection(r, "serverfarms") + "/" + r.group("name");
    if (!ctx.store.contains(id)) {
      return ArmResponse.noContent();
    }
    var users =
        ctx.store.children(collection(r, "sites")).stream()
            .filter(
                s -> ResourceIds.sameId(s.path("properties").path("serverFarmId").asText(null), id))
            .map(s -> Json.text(s, "name"))
            .toList();
    if (!users.isEmpty()) {
      throw ArmException.conflict(
          "Conflict",
          "Server farm '"
              + r.group("name")
              + "' cannot be deleted because it has web app(s) "
              + String.join(",", users)
              + " assigned to it.");
    }
    ctx.store.removeTree(id);
    return ArmResponse.ok(null);
  }

  private ObjectNode withSiteCount(ObjectNode farm) {
    var id = Json.text(farm, "id");
    var prefix =
        ResourceStore.key(
                ResourceIds.groupId(ResourceIds.subscription(id), ResourceIds.resourceGroup(id))
                    + "/providers/Microsoft.Web/sites")
            + "/";
    long count =
        ctx.store.find(k -> k.startsWith(prefix) && k.indexOf('/', prefix.length()) < 0).stream()
            .filter(
                s -> ResourceIds.sameId(s.path("properties").path("serverFarmId").asText(null), id))
            .count();
    farm.with("properties").put("numberOfSites", count);
    return farm;
  }

  /** App names are global (they are host names under azurewebsites.net). */
  private ArmResponse checkName(ArmRequest r) {
    var in = r.json();
    ctx.schemas.check("web", "ResourceNameAvailabilityRequest", in);
    var name = in.path("name").asText("");
    var type = in.path("type").asText("");
    var body = Json.object();
    if (!type.equalsIgnoreCase("Site") && !type.equalsIgnoreCase("Microsoft.Web/sites")) {
      throw ArmException.badRequest(
          "BadRequest", "This fake checks names of type Site (Microsoft.Web/sites) only.");
    }
    if (!SITE_NAME.matcher(name).matches()) {
      return ArmResponse.ok(
          body.put("nameAvailable", false)
              .put("reason", "Invalid")
              .put(
                  "message",
                  "The name '"
                      + name
                      + "' is not valid: 2 to 60 letters, digits and hyphens, not starting or ending with a hyphen."));
    }
    var suffix = "/providers/microsoft.web/sites/" + name.toLowerCase(Locale.ROOT);
    if (!ctx.store.find(k -> k.endsWith(suffix)).isEmpty()) {
      return ArmResponse.ok(
          body.put("nameAvailable", false)
              .put("reason", "AlreadyExists")
              .put(
                  "message",
                  "Hostname '" + name + "' already exists. Please select a different name."));
    }
    return ArmResponse.ok(body.put("nameAvailable", true));
  }

  // ---- sites

  /**
   * A Flex Consumption plan hosts one app ("There can only be one site per Flex Consumption
   * serverfarm"), so each app needs its own plan.
   */
  private void requireNoOtherSite(String farmId, String siteId) {
    var prefix =
        ResourceStore.key(
                ResourceIds.groupId(
                        ResourceIds.subscription(farmId), ResourceIds.resourceGroup(farmId))
                    + "/providers/Microsoft.Web/sites")
            + "/";
    for (var other :
        ctx.store.find(k -> k.startsWith(prefix) && k.indexOf('/', prefix.length()) < 0)) {
      if (ResourceIds.sameId(other.path("properties").path("serverFarmId").asText(null), farmId)
          && !ResourceIds.sameId(Json.text(other, "id"), siteId)) {
        throw ArmException.badRequest(
            "BadRequest",
            "There can only be one site per Flex Consumption serverfarm. The plan '"
                + ResourceIds.name(farmId)
                + "' hosts '"
                + Json.text(other, "name")
                + "'.");
      }
    }
  }

  private ArmResponse putSite(ArmRequest r) {
    ResourcesApi.requireGroup(ctx, r.group("sub"), r.group("rg"));
    var name = r.group("name");
    if (!SITE_NAME.matcher(name).matches()) {
      throw ArmException.badRequest(
          "BadRequest",
          "The site name '"
              + name
              + "' is invalid: 2 to 60 letters, digits and hyphens, not starting or ending with a hyphen.");
    }
    var in = r.json();
    ctx.schemas.check("web", "Site", in);
    Tags.check(in.get("tags"));
    var location = Regions.require(Json.text(in, "location"), "Microsoft.Web/sites");
    var id = siteId(r);
    var existing = ctx.store.get(id);
    if (existing == null) {
      var suffix = "/providers/microsoft.web/sites/" + name.toLowerCase(Locale.ROOT);
      if (!ctx.store.find(k -> k.endsWith(suffix)).isEmpty()) {
        throw ArmException.conflict(
            "Conflict", "Website with given name " + name + " already exists.");
      }
    }
    var props = in.path("properties");
    var farmId = props.path("serverFarmId").asText(null);
    if (farmId == null && props.has("functionAppConfig")) {
      farmId = defaultFlexPlan(r, location);
    }
    if (farmId == null) {
      throw ArmException.badRequest(
          "BadRequest",
          "The parameter properties.serverFarmId has an invalid value: a function app on Flex Consumption names its FC1 plan.");
    }
    var farm = ctx.store.get(farmId);
    if (farm == null) {
      throw ArmException.notFound(
          "NotFound", "Cannot find ServerFarm with name " + ResourceIds.name(farmId) + ".");
    }
    var kind = Json.text(in, "kind") == null ? "app" : Json.text(in, "kind");
    var isFlex = farm.path("sku").path("name").asText().equalsIgnoreCase("FC1");
    JsonNode functionAppConfig = props.get("functionAppConfig");
    if (isFlex) {
      functionAppConfig = flex.validate(kind, functionAppConfig);
      requireNoOtherSite(Json.text(farm, "id"), id);
    }
    var settings = settingsFrom(props.path("siteConfig").get("appSettings"));
    if (isFlex && settings != null) {
      flex.checkSettings(settings);
    }
    var body = Json.object();
    body.put("id", id);
    body.put("name", name);
    body.put("type", "Microsoft.Web/sites");
    body.put("kind", kind);
    body.put("location", Regions.display(location));
    body.set("tags", in.has("tags") ? in.get("tags") : Json.object());
    var identity = identity(in.get("identity"), existing == null ? null : existing.get("identity"));
    if (identity != null) {
      body.set("identity", identity);
    }
    var out = body.putObject("properties");
    var host = name.toLowerCase(Locale.ROOT) + ".azurewebsites.net";
    var scm = name.toLowerCase(Locale.ROOT) + ".scm.azurewebsites.net";
    out.put("state", "Running");
    out.putArray("hostNames").add(host);
    out.put("repositorySiteName", name);
    out.put("usageState", "Normal");
    out.put("enabled", true);
    out.putArray("enabledHostNames").add(host).add(scm);
    out.put("availabilityState", "Normal");
    var ssl = out.putArray("hostNameSslStates");
    ssl.addObject().put("name", host).put("sslState", "Disabled").put("hostType", "Standard");
    ssl.addObject().put("name", scm).put("sslState", "Disabled").put("hostType", "Repository");
    out.put("serverFarmId", Json.text(farm, "id"));
    out.put("reserved", farm.path("properties").path("reserved").asBoolean(false));
    out.put("lastModifiedTimeUtc", Instant.now().toString());
    var siteConfig = out.putObject("siteConfig");
    siteConfig.setAll(SiteDefaults.siteConfig());
    siteConfig.putNull("appSettings");
    if (props.get("siteConfig") instanceof ObjectNode inConfig) {
      inConfig
          .fields()
          .forEachRemaining(
              e -> {
                if (!e.getKey().equals("appSettings")) {
                  siteConfig.set(e.getKey(), e.getValue());
                }
              });
    }
    if (functionAppConfig != null) {
      out.set("functionAppConfig", functionAppConfig);
    }
    SiteDefaults.addPlatformProperties(out, functionAppConfig);
    out.put("httpsOnly", props.path("httpsOnly").asBoolean(false));
    out.put("publicNetworkAccess", props.path("publicNetworkAccess").asText("Enabled"));
    out.put("clientAffinityEnabled", props.path("clientAffinityEnabled").asBoolean(false));
    out.put("resourceGroup", r.group("rg"));
    out.put("defaultHostName", host);
    out.put("redundancyMode", "None");
    out.put("storageAccountRequired", false);
    ctx.store.put(id, body);
    if (existing == null) {
      var appSettings = Json.object();
      ctx.platformSettings.forEach(appSettings::put);
      if (settings != null) {
        appSettings.setAll(settings);
      }
      ctx.store.put(id + "/config/appsettings", settingsResource(id, body, appSettings));
      ctx.store.put(id + "/host/default", FunctionKeysApi.newHostKeys());
      var op =
          ctx.operations.start(
              id,
              "Microsoft.Web",
              r.apiVersion(),
              new Operations.Completion() {
                @Override
                public JsonNode succeed() {
                  return ctx.store.get(id);
                }

                @Override
                public void fail() {
                  var failed = ctx.store.get(id);
                  if (failed != null) {
                    failed
                        .with("properties")
                        .put("state", "Stopped")
                        .put("availabilityState", "Limited");
                    ctx.store.put(id, failed);
                  }
                }
              });
      op.region = location;
      return new ArmResponse(202, ctx.operations.headers(op, true, true), echoLocation(body, in));
    }
    if (settings != null) {
      ctx.store.put(id + "/config/appsettings", settingsResource(id, body, settings));
    }
    return ArmResponse.ok(echoLocation(body, in));
  }

  /** Answers the identity block: a system-assigned identity keeps its principal across updates. */
  private ObjectNode identity(JsonNode in, JsonNode existing) {
    if (in == null || in.isNull()) {
      return existing == null ? null : (ObjectNode) existing.deepCopy();
    }
    var type = in.path("type").asText("None");
    var out = Json.object();
    out.put("type", type);
    if (type.contains("SystemAssigned")) {
      var principal =
          existing != null && existing.hasNonNull("principalId")
              ? existing.get("principalId").asText()
              : ctx.newPrincipal();
      out.put("principalId", principal);
      out.put("tenantId", ArmContext.TENANT_ID);
    }
    if (type.contains("UserAssigned")) {
      var users = out.putObject("userAssignedIdentities");
      var given = in.path("userAssignedIdentities");
      given
          .fieldNames()
          .forEachRemaining(
              uid -> {
                var identity = ctx.store.get(uid);
                if (identity == null) {
                  throw ArmException.badRequest(
                      "BadRequest", "The user-assigned identity '" + uid + "' was not found.");
                }
                users
                    .putObject(uid)
                    .put("principalId", identity.path("properties").path("principalId").asText())
                    .put("clientId", identity.path("properties").path("clientId").asText());
              });
    }
    return out;
  }

  private ArmResponse patchSite(ArmRequest r) {
    var existing = require(r, "sites");
    var in = r.json();
    ctx.schemas.check("web", "SitePatchResource", in);
    Tags.check(in.get("tags"));
    var id = siteId(r);
    if (in.has("tags")) {
      existing.set("tags", in.get("tags"));
    }
    if (in.has("identity")) {
      var identity = identity(in.get("identity"), existing.get("identity"));
      existing.set("identity", identity);
    }
    if (in.get("properties") instanceof ObjectNode props) {
      var out = existing.with("properties");
      var farm = ctx.store.get(out.path("serverFarmId").asText(""));
      var isFlex = farm != null && farm.path("sku").path("name").asText().equalsIgnoreCase("FC1");
      props
          .fields()
          .forEachRemaining(
              e -> {
                switch (e.getKey()) {
                  case "functionAppConfig" ->
                      out.set(
                          "functionAppConfig",
                          isFlex
                              ? flex.validate(Json.text(existing, "kind"), e.getValue())
                              : e.getValue());
                  case "siteConfig" -> {
                    var settings = settingsFrom(e.getValue().get("appSettings"));
                    if (settings != null) {
                      if (isFlex) {
                        flex.checkSettings(settings);
                      }
                      ctx.store.put(
                          id + "/config/appsettings", settingsResource(id, existing, settings));
                    }
                    e.getValue()
                        .fields()
                        .forEachRemaining(
                            c -> {
                              if (!c.getKey().equals("appSettings")) {
                                out.with("siteConfig").set(c.getKey(), c.getValue());
                              }
                            });
                  }
                  default -> out.set(e.getKey(), e.getValue());
                }
              });
    }
    ctx.store.put(id, existing);
    return ArmResponse.ok(existing);
  }

  private ArmResponse deleteSite(ArmRequest r) {
    ResourcesApi.requireGroup(ctx, r.group("sub"), r.group("rg"));
    var id = siteId(r);
    if (!ctx.store.contains(id)) {
      return ArmResponse.noContent();
    }
    ctx.store.removeTree(id);
    return ArmResponse.ok(null);
  }

  // ---- app settings

  /** {@code [{"name":..,"value":..}]} as a settings object, or null when not given. */
  private static ObjectNode settingsFrom(JsonNode pairs) {
    if (pairs == null || pairs.isNull()) {
      return null;
    }
    var out = Json.object();
    for (var pair : pairs) {
      out.put(pair.path("name").asText(), pair.path("value").asText(null));
    }
    return out;
  }

  private static ObjectNode settingsResource(String siteId, JsonNode site, ObjectNode settings) {
    var body = Json.object();
    body.put("id", siteId + "/config/appsettings");
    body.put("name", "appsettings");
    body.put("type", "Microsoft.Web/sites/config");
    body.put("location", Json.text(site, "location"));
    body.putObject("tags");
    body.set("properties", settings);
    return body;
  }

  private ArmResponse putSettings(ArmRequest r) {
    var site = require(r, "sites");
    var in = r.json();
    ctx.schemas.check("web", "StringDictionary", in);
    Tags.check(in.get("tags"));
    var settings = in.get("properties") instanceof ObjectNode p ? p : Json.object();
    var farm = ctx.store.get(site.path("properties").path("serverFarmId").asText(""));
    if (farm != null && farm.path("sku").path("name").asText().equalsIgnoreCase("FC1")) {
      flex.checkSettings(settings);
    }
    var body = settingsResource(siteId(r), site, settings);
    ctx.store.put(siteId(r) + "/config/appsettings", body);
    return ArmResponse.ok(body);
  }

  private ObjectNode settings(ArmRequest r) {
    var site = require(r, "sites");
    var body = ctx.store.get(siteId(r) + "/config/appsettings");
    return body != null ? body : settingsResource(siteId(r), site, Json.object());
  }

  /** The Key Vault references among the app settings, each with how it resolves now. */
  private ArmResponse references(ArmRequest r) {
    var site = require(r, "sites");
    var settings = settings(r).path("properties");
    var resolver = new KeyVaultReferences(ctx);
    var out = new java.util.ArrayList<ObjectNode>();
    settings
        .fields()
        .forEachRemaining(
            e -> {
              if (KeyVaultReferences.isReference(e.getValue().asText(null))) {
                out.add(resolver.resolve(site, e.getKey(), e.getValue().asText()));
              }
            });
    return ArmResponse.ok(ctx.page(r, out));
  }
}
