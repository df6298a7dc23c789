package dev.fnctl.fake.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A function app's keys and functions: {@code POST sites/{app}/host/default/listkeys} (master,
 * function and system keys, made with the app and stable), {@code GET sites/{app}/functions} (what
 * the last deployment brought, see {@link KuduApi}) and {@code POST
 * sites/{app}/functions/{fn}/listkeys}. The system keys start empty; {@code blobs_extension}
 * appears once a package with a blob trigger on the Event Grid source has been deployed, as the
 * real host creates it when the blob extension loads.
 */
final class FunctionKeysApi {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final ArmContext ctx;
  private final WebApi web;

  FunctionKeysApi(ArmContext ctx, WebApi web) {
    this.ctx = ctx;
    this.web = web;
  }

  void register(Router router, String site) {
    var versions = WebApi.VERSIONS;
    router.add("POST", site + "/host/default/listkeys", versions, this::hostKeys);
    router.add("GET", site + "/functions", versions, this::listFunctions);
    router.add(
        "GET", site + "/functions/(?<fn>[^/]+)", versions, r -> ArmResponse.ok(requireFunction(r)));
    router.add("POST", site + "/functions/(?<fn>[^/]+)/listkeys", versions, this::functionKeys);
  }

  private static String newKey() {
    var bytes = new byte[40];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "==";
  }

  static ObjectNode newHostKeys() {
    var body = Json.object();
    body.put("masterKey", newKey());
    body.putObject("functionKeys").put("default", newKey());
    body.putObject("systemKeys");
    return body;
  }

  /** The name of the system key the blob extension's Event Grid webhook is called with. */
  static final String BLOBS_EXTENSION = "blobs_extension";

  /**
   * Adds the {@code blobs_extension} system key to a site's host keys, as the Functions host does
   * when the blob extension loads for a blob trigger with the Event Grid source; kept once made.
   */
  static void ensureBlobsExtensionKey(ResourceStore store, String siteId) {
    var keys = store.get(siteId + "/host/default");
    if (keys == null) {
      keys = newHostKeys();
    }
    var system = keys.with("systemKeys");
    if (!system.has(BLOBS_EXTENSION)) {
      system.put(BLOBS_EXTENSION, newKey());
      store.put(siteId + "/host/default", keys);
    }
  }

  /** A site's {@code blobs_extension} system key, or null when the host has not made one. */
  static String blobsExtensionKey(ResourceStore store, String siteId) {
    var keys = store.get(siteId + "/host/default");
    var key = keys == null ? null : keys.path("systemKeys").get(BLOBS_EXTENSION);
    return key == null ? null : key.asText();
  }

  private ArmResponse hostKeys(ArmRequest r) {
    web.require(r, "sites");
    var keys = ctx.store.get(WebApi.siteId(r) + "/host/default");
    if (keys == null) {
      keys = newHostKeys();
      ctx.store.put(WebApi.siteId(r) + "/host/default", keys);
    }
    return ArmResponse.ok(keys);
  }

  private ArmResponse listFunctions(ArmRequest r) {
    web.require(r, "sites");
    var prefix = ResourceStore.key(WebApi.siteId(r) + "/functions") + "/";
    var functions =
        ctx.store.find(k -> k.startsWith(prefix) && k.indexOf('/', prefix.length()) < 0);
    return ArmResponse.ok(ctx.page(r, functions));
  }

  private ObjectNode requireFunction(ArmRequest r) {
    web.require(r, "sites");
    var body = ctx.store.get(WebApi.siteId(r) + "/functions/" + r.group("fn"));
    if (body == null) {
      throw ArmException.notFound(
          "NotFound",
          "Error retrieving function "
              + r.group("fn")
              + ": the function does not exist in the deployed package.");
    }
    return body;
  }

  private ArmResponse functionKeys(ArmRequest r) {
    requireFunction(r);
    var id = WebApi.siteId(r) + "/functions/" + r.group("fn") + "/keys";
    var keys = ctx.store.get(id);
    if (keys == null) {
      keys = Json.object().put("default", newKey());
      ctx.store.put(id, keys);
    }
    return ArmResponse.ok(keys);
  }
}
