package dev.fnctl.fake.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Set;

/**
 * Microsoft.EventGrid: custom topics, system topics on a storage account (one per source, as Event
 * Grid allows) and event subscriptions (under a system topic, or as an extension of a resource)
 * with an AzureFunction endpoint, whose function must already be deployed. PUTs are long-running
 * operations (201 with Azure-AsyncOperation, provisioningState Creating then Succeeded).
 */
final class EventGridApi {
  static final Set<String> VERSIONS =
      Set.of("2022-06-15", "2023-12-15-preview", "2024-06-01-preview", "2025-02-15");
  private static final Set<String> SYSTEM_TOPIC_TYPES = Set.of("microsoft.storage.storageaccounts");

  private final ArmContext ctx;

  EventGridApi(ArmContext ctx) {
    this.ctx = ctx;
  }

  void register(Router router) {
    var group =
        "/subscriptions/(?<sub>[^/]+)/resourcegroups/(?<rg>[^/]+)/providers/Microsoft\\.EventGrid";
    router.add("PUT", group + "/topics/(?<name>[^/]+)", VERSIONS, r -> putTopic(r, "topics"));
    router.add(
        "GET",
        group + "/topics/(?<name>[^/]+)",
        VERSIONS,
        r -> ArmResponse.ok(require(topicId(r, "topics"))));
    router.add(
        "DELETE", group + "/topics/(?<name>[^/]+)", VERSIONS, r -> delete(topicId(r, "topics")));
    router.add(
        "PUT", group + "/systemTopics/(?<name>[^/]+)", VERSIONS, r -> putTopic(r, "systemTopics"));
    router.add(
        "GET",
        group + "/systemTopics/(?<name>[^/]+)",
        VERSIONS,
        r -> ArmResponse.ok(require(topicId(r, "systemTopics"))));
    router.add(
        "DELETE",
        group + "/systemTopics/(?<name>[^/]+)",
        VERSIONS,
        r -> delete(topicId(r, "systemTopics")));
    // EventSubscriptions_ListRegionalBySubscriptionForTopicType and ...ByResourceGroupForTopicType
    // (2025-02-15): the event subscriptions of every topic of one type in one region of the
    // subscription (or of one resource group). Subscriptions on
    // custom topics are regional (the topic's region), so the global listing does not have them.
    router.add(
        "GET",
        "/subscriptions/(?<sub>[^/]+)(?:/resourceGroups/(?<rg>[^/]+))?"
            + "/providers/Microsoft\\.EventGrid/locations/(?<location>[^/]+)"
            + "/topicTypes/(?<type>[^/]+)/eventSubscriptions",
        VERSIONS,
        this::listRegionalForTopicType);
    var subscriptions =
        "(?<scope>/subscriptions/.+?)/(?:providers/Microsoft\\.EventGrid/)?eventSubscriptions";
    router.add("PUT", subscriptions + "/(?<name>[^/]+)", VERSIONS, this::putSubscription);
    router.add(
        "GET",
        subscriptions + "/(?<name>[^/]+)",
        VERSIONS,
        r -> ArmResponse.ok(require(subscriptionId(r))));
    router.add(
        "DELETE", subscriptions + "/(?<name>[^/]+)", VERSIONS, r -> delete(subscriptionId(r)));
    router.add(
        "GET",
        subscriptions,
        VERSIONS,
        r -> ArmResponse.ok(ctx.page(r, ctx.store.children(collection(r)))));
  }

  private ArmResponse listRegionalForTopicType(ArmRequest r) {
    if (!r.group("type").equalsIgnoreCase("Microsoft.EventGrid.Topics")) {
      throw ArmException.badRequest(
          "BadRequest",
          "The fake lists regional event subscriptions of custom topics"
              + " (Microsoft.EventGrid.Topics) only, not of "
              + r.group("type")
              + ".");
    }
    var location = Regions.require(r.group("location"), "Microsoft.EventGrid/eventSubscriptions");
    var topic =
        java.util.regex.Pattern.compile(
            "(/subscriptions/"
                + java.util.regex.Pattern.quote(r.group("sub").toLowerCase(Locale.ROOT))
                + "/resourcegroups/"
                + (r.group("rg") == null
                    ? "[^/]+"
                    : java.util.regex.Pattern.quote(r.group("rg").toLowerCase(Locale.ROOT)))
                + "/providers/microsoft\\.eventgrid/topics/[^/]+)"
                + "/providers/microsoft\\.eventgrid/eventsubscriptions/[^/]+");
    var items =
        ctx.store.find(
            k -> {
              var m = topic.matcher(k);
              if (!m.matches()) return false;
              var t = ctx.store.get(m.group(1));
              return t != null && location.equals(Regions.name(Json.text(t, "location")));
            });
    return ArmResponse.ok(ctx.page(r, items));
  }

  private static String topicId(ArmRequest r, String type) {
    return ResourceIds.groupId(r.group("sub"), r.group("rg"))
        + "/providers/Microsoft.EventGrid/"
        + type
        + "/"
        + r.group("name");
  }

  /**
   * Under a system topic the collection is a child; elsewhere, a custom topic included, it is an
   * extension resource ({@code EventSubscriptions_GetForCustomTopic}'s id is {@code
   * .../topics/<topic>/providers/Microsoft.EventGrid/eventSubscriptions/<name>}).
   */
  private static String collection(ArmRequest r) {
    var scope = r.group("scope");
    return scope
            .toLowerCase(Locale.ROOT)
            .matches(".*/providers/microsoft\\.eventgrid/systemtopics/[^/]+")
        ? scope + "/eventSubscriptions"
        : scope + "/providers/Microsoft.EventGrid/eventSubscriptions";
  }

  private static String subscriptionId(ArmRequest r) {
    return collection(r) + "/" + r.group("name");
  }

  private ObjectNode require(String id) {
    var body = ctx.store.get(id);
    if (body == null) {
      throw ArmException.notFound(
          "ResourceNotFound",
          "The Resource '"
              + ResourceIds.type(id)
              + "/"
              + ResourceIds.name(id)
              + "' was not found.");
    }
    return body;
  }

  private ArmResponse delete(String id) {
    return ctx.store.removeTree(id) > 0 ? ArmResponse.ok(null) : ArmResponse.noContent();
  }

  private ArmResponse putTopic(ArmRequest r, String type) {
    ResourcesApi.requireGroup(ctx, r.group("sub"), r.group("rg"));
    var in = r.json();
    ctx.schemas.check("eventgrid", type.equals("topics") ? "Topic" : "SystemTopic", in);
    Tags.check(in.get("tags"));
    var location = Regions.require(Json.text(in, "location"), "Microsoft.EventGrid/" + type);
    var id = topicId(r, type);
    var body = Json.object();
    body.put("id", id);
    body.put("name", r.group("name"));
    body.put("type", "Microsoft.EventGrid/" + type);
    body.put("location", location);
    body.set("tags", in.has("tags") ? in.get("tags") : Json.object());
    var props = body.putObject("properties");
    if (in.get("properties") instanceof ObjectNode given) {
      props.setAll(given);
    }
    if (type.equals("systemTopics")) {
      var source = props.path("source").asText("");
      if (!ctx.store.contains(source)) {
        throw ArmException.badRequest(
            "InvalidRequest",
            "The source resource '" + source + "' of the system topic does not exist.");
      }
      if (!SYSTEM_TOPIC_TYPES.contains(
          props.path("topicType").asText("").toLowerCase(Locale.ROOT))) {
        throw ArmException.badRequest(
            "InvalidRequest",
            "The topic type '"
                + props.path("topicType").asText()
                + "' is not served by this fake (Microsoft.Storage.StorageAccounts is).");
      }
      for (var other :
          ctx.store.find(
              k ->
                  k.contains("/providers/microsoft.eventgrid/systemtopics/")
                      && ResourceIds.isTopLevel(k))) {
        if (ResourceIds.sameId(other.path("properties").path("source").asText(), source)
            && !ResourceIds.sameId(Json.text(other, "id"), id)) {
          throw ArmException.badRequest(
              "InvalidRequest",
              "Only one system topic is allowed per source. The source '"
                  + source
                  + "' has system topic '"
                  + Json.text(other, "name")
                  + "'.");
        }
      }
      props.put(
          "metricResourceId",
          java.util
              .UUID
              .nameUUIDFromBytes(id.getBytes(java.nio.charset.StandardCharsets.UTF_8))
              .toString());
    } else {
      props.put(
          "endpoint",
          "https://" + r.group("name") + "." + location + "-1.eventgrid.azure.net/api/events");
    }
    if (in.has("identity")) {
      body.set("identity", in.get("identity"));
    }
    return accepted(r, id, body);
  }

  private ArmResponse putSubscription(ArmRequest r) {
    var scope = r.group("scope");
    if (!ctx.store.contains(scope) && ResourceIds.resourceGroup(scope) != null) {
      throw ArmException.notFound(
          "ResourceNotFound",
          "The scope '" + scope + "' of the event subscription does not exist.");
    }
    var in = r.json();
    ctx.schemas.check("eventgrid", "EventSubscription", in);
    Tags.check(in.get("tags"));
    var destination = in.path("properties").path("destination");
    var endpointType = destination.path("endpointType").asText("");
    Faults.OperationFailure handshake = null;
    if (endpointType.equals("AzureFunction")) {
      var function = destination.path("properties").path("resourceId").asText("");
      var batch = destination.path("properties").path("maxEventsPerBatch").asInt(1);
      var kilobytes =
          destination.path("properties").path("preferredBatchSizeInKilobytes").asInt(64);
      if (batch < 1 || batch > 5000 || kilobytes < 1 || kilobytes > 1024) {
        throw ArmException.badRequest(
            "BadRequest",
            "maxEventsPerBatch must be 1 to 5000 and preferredBatchSizeInKilobytes 1 to 1024.");
      }
      if (!ctx.store.contains(function)) {
        throw ArmException.badRequest(
            "BadRequest",
            "Destination endpoint not found. Resource details: resourceId: "
                + function
                + ". Resource should pre-exist before attempting this operation.");
      }
    } else if (endpointType.equals("WebHook")) {
      handshake = webhookHandshake(destination.path("properties").path("endpointUrl").asText(""));
    } else if (endpointType.isEmpty()) {
      throw ArmException.badRequest(
          "BadRequest", "properties.destination.endpointType is required.");
    }
    var id = subscriptionId(r);
    var body = Json.object();
    body.put("id", id);
    body.put("name", r.group("name"));
    body.put(
        "type",
        collection(r)
                .toLowerCase(Locale.ROOT)
                .endsWith("/providers/microsoft.eventgrid/eventsubscriptions")
            ? "Microsoft.EventGrid/eventSubscriptions"
            : ResourceIds.type(collection(r) + "/x"));
    var props = body.putObject("properties");
    props.setAll((ObjectNode) in.path("properties").deepCopy());
    props.put("topic", scope);
    if (!props.has("eventDeliverySchema")) {
      props.put("eventDeliverySchema", "EventGridSchema");
    }
    if (!props.has("retryPolicy")) {
      props
          .putObject("retryPolicy")
          .put("maxDeliveryAttempts", 30)
          .put("eventTimeToLiveInMinutes", 1440);
    }
    // A webhook's URL may carry a secret: Event Grid answers only its base (without the query).
    if (props.with("destination").get("properties") instanceof ObjectNode destinationProps
        && destinationProps.has("endpointUrl")) {
      var url = destinationProps.remove("endpointUrl").asText();
      destinationProps.put(
          "endpointBaseUrl", url.contains("?") ? url.substring(0, url.indexOf('?')) : url);
    }
    var filter = props.with("filter");
    if (!filter.has("isSubjectCaseSensitive")) {
      filter.put("isSubjectCaseSensitive", false);
    }
    return accepted(r, id, body, handshake);
  }

  /**
   * Event Grid's validation handshake with a webhook on a Functions host of this fake: the blob
   * extension's endpoint ({@code
   * /runtime/webhooks/blobs?functionName=Host.Functions.<fn>&code=<key>}) answers only with the
   * host's {@code blobs_extension} system key (401 otherwise) and only for a deployed function with
   * an Event Grid blob trigger (404 otherwise); a host name that is no app does not resolve.
   * Returns how the subscription's operation fails, or null when it succeeds. Webhooks elsewhere
   * are not reachable from the fake and are accepted as given.
   */
  private Faults.OperationFailure webhookHandshake(String endpointUrl) {
    java.net.URI uri;
    try {
      uri = java.net.URI.create(endpointUrl);
    } catch (IllegalArgumentException e) {
      throw ArmException.badRequest(
          "InvalidRequest", "The attempt to validate the provided endpoint failed: not a URL.");
    }
    var host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    if (!host.endsWith(".azurewebsites.net")) {
      return null;
    }
    var base =
        endpointUrl.contains("?")
            ? endpointUrl.substring(0, endpointUrl.indexOf('?'))
            : endpointUrl;
    var sites =
        ctx.store.find(
            k -> k.contains("/providers/microsoft.web/sites/") && ResourceIds.isTopLevel(k));
    ObjectNode site = null;
    for (var candidate : sites) {
      if (host.equals(candidate.path("properties").path("defaultHostName").asText())) {
        site = candidate;
      }
    }
    if (site == null) {
      return handshakeFailure(base, "Unknown");
    }
    var siteId = Json.text(site, "id");
    if (!"/runtime/webhooks/blobs".equals(uri.getPath())) {
      return handshakeFailure(base, "NotFound");
    }
    var query = new java.util.HashMap<String, String>();
    for (var pair : (uri.getRawQuery() == null ? "" : uri.getRawQuery()).split("&")) {
      var eq = pair.indexOf('=');
      if (eq > 0) {
        query.put(
            pair.substring(0, eq),
            java.net.URLDecoder.decode(
                pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    var key = FunctionKeysApi.blobsExtensionKey(ctx.store, siteId);
    if (key == null || !key.equals(query.get("code"))) {
      return handshakeFailure(base, "Unauthorized");
    }
    var functionName = query.getOrDefault("functionName", "");
    var function =
        functionName.startsWith("Host.Functions.")
            ? ctx.store.get(siteId + "/functions/" + functionName.substring(15))
            : null;
    if (function == null
        || !KuduApi.eventGridBlobTrigger(function.path("properties").path("config"))) {
      return handshakeFailure(base, "NotFound");
    }
    return null;
  }

  /** Event Grid's answer when the endpoint does not complete the handshake (URL without query). */
  private static Faults.OperationFailure handshakeFailure(String base, String responseCode) {
    return new Faults.OperationFailure(
        "Url validation",
        "Webhook validation handshake failed for "
            + base
            + ". Http POST request failed with response code "
            + responseCode
            + ". For troublehooting, visit https://aka.ms/esvalidation. Activity id:"
            + java.util.UUID.randomUUID()
            + ", timestamp: "
            + java.time.Instant.now()
            + " (UTC).",
        400);
  }

  private ArmResponse accepted(ArmRequest r, String id, ObjectNode body) {
    return accepted(r, id, body, null);
  }

  private ArmResponse accepted(
      ArmRequest r, String id, ObjectNode body, Faults.OperationFailure failure) {
    var existing = ctx.store.contains(id);
    body.with("properties").put("provisioningState", existing ? "Updating" : "Creating");
    ctx.store.put(id, body);
    var op =
        ctx.operations.start(
            id,
            "Microsoft.EventGrid",
            r.apiVersion(),
            new Operations.Completion() {
              @Override
              public JsonNode succeed() {
                return finish(id, "Succeeded");
              }

              @Override
              public void fail() {
                finish(id, "Failed");
              }
            },
            failure);
    var region = Json.text(body, "location");
    op.region = region != null ? region : "global";
    return new ArmResponse(existing ? 200 : 201, ctx.operations.headers(op, true, false), body);
  }

  private JsonNode finish(String id, String state) {
    var body = ctx.store.get(id);
    if (body != null) {
      body.with("properties").put("provisioningState", state);
      ctx.store.put(id, body);
    }
    return body;
  }
}
