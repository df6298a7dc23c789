package dev.fnctl.fake.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipInputStream;

/**
 * The OneDeploy endpoint of a Flex Consumption app ({@code POST
 * https://<app>.scm.azurewebsites.net/api/publish?RemoteBuild=false} with the zip), served on the
 * fake as {@code POST <endpoint>/_scm/<app>/api/publish}. The package's {@code host.json} and each
 * {@code <function>/function.json} become the app's functions (GET sites/{app}/functions), as the
 * Functions host would index them; without host.json the host indexes nothing.
 */
final class KuduApi {
  private final ArmContext ctx;

  KuduApi(ArmContext ctx) {
    this.ctx = ctx;
  }

  void register(Router router) {
    router.add("POST", "/_scm/(?<site>[^/]+)/api/publish", Set.of(), this::publish);
    router.add("GET", "/_scm/(?<site>[^/]+)/api/deployments/latest", Set.of(), this::latest);
  }

  private ObjectNode site(String name) {
    var suffix = "/providers/microsoft.web/sites/" + name.toLowerCase(Locale.ROOT);
    var found = ctx.store.find(k -> k.endsWith(suffix));
    if (found.isEmpty()) {
      throw ArmException.notFound("NotFound", "The site '" + name + "' does not exist.");
    }
    return found.get(0);
  }

  private ArmResponse publish(ArmRequest r) {
    var site = site(r.group("site"));
    var siteId = Json.text(site, "id");
    if (!site.path("properties").has("functionAppConfig")) {
      throw ArmException.badRequest(
          "BadRequest",
          "OneDeploy with /api/publish on this fake serves Flex Consumption apps only.");
    }
    var files = unzip(r.body);
    var index = new FunctionIndex(files);
    var functions = index.functions();
    // A failed deployment leaves the previous package (and its functions) in place.
    var failure = ctx.faults.operationFailure(siteId + "/deployments");
    if (failure == null) {
      removeFunctions(siteId);
      for (var e : functions.entrySet()) {
        ctx.store.put(
            siteId + "/functions/" + e.getKey(), function(site, e.getKey(), e.getValue()));
      }
      if (functions.values().stream().anyMatch(KuduApi::eventGridBlobTrigger)) {
        FunctionKeysApi.ensureBlobsExtensionKey(ctx.store, siteId);
      }
    }
    var deployment = Json.object();
    deployment.put("id", java.util.UUID.randomUUID().toString());
    deployment.put("status", failure == null ? 4 : 3);
    deployment.put("status_text", failure == null ? "" : failure.message());
    deployment.put("complete", true);
    deployment.put("active", failure == null);
    deployment.put("end_time", Instant.now().toString());
    deployment.put("sha256", sha256(r.body));
    deployment.put("functions", functions.size());
    // What the host could not index (not a Kudu field: the fake's stand-in for the host's log).
    var errors = deployment.putArray("host_errors");
    index.errors().forEach(errors::add);
    // Until the operation delay has passed the deployment reads as in progress (Kudu's status 1).
    deployment.put("readyAtMillis", System.currentTimeMillis() + ctx.operations.delayMillis());
    ctx.store.put(siteId + "/deployments/latest", deployment);
    if ("true".equalsIgnoreCase(r.query.get("isAsync"))) {
      return new ArmResponse(
          202,
          Map.of(
              "Location",
              ctx.endpoint + "/_scm/" + r.group("site") + "/api/deployments/latest",
              "Retry-After",
              ctx.operations.retryAfter()),
          null);
    }
    return ArmResponse.ok(null);
  }

  private void removeFunctions(String siteId) {
    var prefix = ResourceStore.key(siteId + "/functions") + "/";
    ctx.store
        .find(k -> k.startsWith(prefix))
        .forEach(old -> ctx.store.remove(Json.text(old, "id")));
  }

  private ArmResponse latest(ArmRequest r) {
    var site = site(r.group("site"));
    var deployment = ctx.store.get(Json.text(site, "id") + "/deployments/latest");
    if (deployment == null) {
      throw ArmException.notFound(
          "NotFound", "No deployment was made to '" + r.group("site") + "'.");
    }
    long readyAt = deployment.path("readyAtMillis").asLong(0);
    deployment.remove("readyAtMillis");
    if (System.currentTimeMillis() < readyAt) {
      deployment
          .put("status", 1)
          .put("complete", false)
          .put("status_text", "Building and deploying");
      deployment.remove("end_time");
    }
    return ArmResponse.ok(deployment);
  }

  /** Whether a function.json binds a blob trigger with the Event Grid source. */
  static boolean eventGridBlobTrigger(JsonNode config) {
    for (var binding : config.path("bindings")) {
      if ("blobTrigger".equals(binding.path("type").asText())
          && "EventGrid".equals(binding.path("source").asText())) {
        return true;
      }
    }
    return false;
  }

  private static ObjectNode function(ObjectNode site, String name, JsonNode config) {
    var siteId = Json.text(site, "id");
    var host = site.path("properties").path("defaultHostName").asText();
    var body = Json.object();
    body.put("id", siteId + "/functions/" + name);
    body.put("name", Json.text(site, "name") + "/" + name);
    body.put("type", "Microsoft.Web/sites/functions");
    body.put("location", Json.text(site, "location"));
    var props = body.putObject("properties");
    props.put("name", name);
    props.put("function_app_id", siteId);
    props.put(
        "script_root_path_href", "https://" + host + "/admin/vfs/home/site/wwwroot/" + name + "/");
    props.put(
        "config_href",
        "https://" + host + "/admin/vfs/home/site/wwwroot/" + name + "/function.json");
    props.put("href", "https://" + host + "/admin/functions/" + name);
    props.set("config", config);
    for (var binding : config.path("bindings")) {
      if ("httpTrigger".equals(binding.path("type").asText())) {
        var route = binding.path("route").asText(name);
        props.put("invoke_url_template", "https://" + host + "/api/" + route);
      }
    }
    props.put(
        "language",
        site.path("properties").path("functionAppConfig").path("runtime").path("name").asText());
    props.put("isDisabled", config.path("disabled").asBoolean(false));
    return body;
  }

  private static Map<String, byte[]> unzip(byte[] zip) {
    var files = new LinkedHashMap<String, byte[]>();
    try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
        if (!entry.isDirectory()) {
          files.put(entry.getName(), in.readAllBytes());
        }
      }
    } catch (IOException e) {
      throw ArmException.badRequest(
          "BadRequest", "The package is not a readable zip: " + e.getMessage());
    }
    if (files.isEmpty()) {
      throw ArmException.badRequest("BadRequest", "The package is empty or not a zip.");
    }
    return files;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
