package dev.fnctl.fake.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Microsoft.Resources: resource groups (get, put, head, patch, delete as a long-running operation
 * that deletes everything in the group) and the resource listing with ARM's {@code $filter}
 * (tagName/tagValue, resourceType), paged with nextLink.
 */
final class ResourcesApi {
  static final Set<String> VERSIONS =
      Set.of(
          "2021-04-01",
          "2022-09-01",
          "2023-07-01",
          "2024-03-01",
          "2024-07-01",
          "2024-11-01",
          "2025-04-01");
  private static final Pattern GROUP_NAME = Pattern.compile("^[-\\w._()]{1,90}$");
  private static final Pattern TAG_FILTER =
      Pattern.compile(
          "^\\s*tagName\\s+eq\\s+'(?<name>(?:[^']|'')*)'(?:\\s+and\\s+tagValue\\s+eq\\s+'(?<value>(?:[^']|'')*)')?\\s*$",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern TYPE_FILTER =
      Pattern.compile("^\\s*resourceType\\s+eq\\s+'(?<type>[^']*)'\\s*$", Pattern.CASE_INSENSITIVE);

  private final ArmContext ctx;

  ResourcesApi(ArmContext ctx) {
    this.ctx = ctx;
  }

  void register(Router router) {
    var group = "/subscriptions/(?<sub>[^/]+)/resourcegroups/(?<rg>[^/]+)";
    router.add("PUT", group, VERSIONS, this::putGroup);
    router.add("PATCH", group, VERSIONS, this::patchGroup);
    router.add("GET", group, VERSIONS, r -> ArmResponse.ok(requireGroup(r)));
    router.add("HEAD", group, VERSIONS, this::headGroup);
    router.add("DELETE", group, VERSIONS, this::deleteGroup);
    router.add("GET", "/subscriptions/(?<sub>[^/]+)/resourcegroups", VERSIONS, this::listGroups);
    router.add("GET", group + "/resources", VERSIONS, this::listInGroup);
    router.add("GET", "/subscriptions/(?<sub>[^/]+)/resources", VERSIONS, this::listInSubscription);
    var tags = "(?<scope>/subscriptions/.+?)/providers/Microsoft\\.Resources/tags/default";
    router.add(
        "GET",
        tags,
        VERSIONS,
        r -> ArmResponse.ok(tagsResource(r.group("scope"), requireScope(r).get("tags"))));
    router.add("PUT", tags, VERSIONS, r -> writeTags(r, "Replace"));
    router.add("PATCH", tags, VERSIONS, r -> writeTags(r, null));
    router.add(
        "DELETE",
        tags,
        VERSIONS,
        r -> {
          var target = requireScope(r);
          target.putObject("tags");
          ctx.store.put(r.group("scope"), target);
          return ArmResponse.ok(null);
        });
    var provider = "/subscriptions/(?<sub>[^/]+)/providers/(?<ns>[^/]+)";
    router.add("GET", provider, VERSIONS, r -> ArmResponse.ok(provider(r)));
    router.add(
        "POST",
        provider + "/register",
        VERSIONS,
        r -> {
          ctx.unregistered.remove(ResourceIds.lower(r.group("ns")));
          return ArmResponse.ok(provider(r));
        });
  }

  static String groupId(ArmRequest r) {
    return ResourceIds.groupId(r.group("sub"), r.group("rg"));
  }

  /** The group a resource request names, or ARM's 404 ResourceGroupNotFound. */
  static ObjectNode requireGroup(ArmContext ctx, String subscription, String group) {
    var body = ctx.store.get(ResourceIds.groupId(subscription, group));
    if (body == null) {
      throw ArmException.notFound(
          "ResourceGroupNotFound", "Resource group '" + group + "' could not be found.");
    }
    return body;
  }

  private ObjectNode requireGroup(ArmRequest r) {
    return requireGroup(ctx, r.group("sub"), r.group("rg"));
  }

  private ObjectNode requireScope(ArmRequest r) {
    var target = ctx.store.get(r.group("scope"));
    if (target == null) {
      throw ArmException.notFound(
          "ResourceNotFound", "The resource '" + r.group("scope") + "' was not found.");
    }
    return target;
  }

  private static ObjectNode tagsResource(String scope, JsonNode tags) {
    var body = Json.object();
    body.put("id", scope + "/providers/Microsoft.Resources/tags/default");
    body.put("name", "default");
    body.put("type", "Microsoft.Resources/tags");
    body.putObject("properties").set("tags", tags == null ? Json.object() : tags);
    return body;
  }

  /**
   * The Tags API on any resource: PUT replaces the tags, PATCH applies {@code operation} Merge,
   * Replace or Delete (Delete removes the given names, or name/value pairs).
   */
  private ArmResponse writeTags(ArmRequest r, String fixedOperation) {
    var target = requireScope(r);
    var in = r.json();
    ctx.schemas.check(
        "resources", fixedOperation == null ? "TagsPatchResource" : "TagsResource", in);
    Tags.check(in.get("tags"));
    var given = in.path("properties").path("tags");
    Tags.check(given);
    var operation = fixedOperation != null ? fixedOperation : in.path("operation").asText("");
    var tags = target.get("tags") instanceof ObjectNode t ? t : Json.object();
    switch (operation) {
      case "Replace" -> tags = given.isObject() ? ((ObjectNode) given).deepCopy() : Json.object();
      case "Merge" -> tags.setAll((ObjectNode) (given.isObject() ? given : Json.object()));
      case "Delete" -> {
        final var current = tags;
        given
            .fields()
            .forEachRemaining(
                e -> {
                  if (e.getValue().asText("").isEmpty()
                      || e.getValue().equals(current.get(e.getKey()))) {
                    current.remove(e.getKey());
                  }
                });
      }
      default ->
          throw ArmException.badRequest(
              "InvalidTagOperation",
              "The tag operation '" + operation + "' is not Merge, Replace or Delete.");
    }
    target.set("tags", tags);
    ctx.store.put(r.group("scope"), target);
    return ArmResponse.ok(tagsResource(r.group("scope"), tags));
  }

  /** The fake serves these namespaces; each is registered unless a test unregistered it. */
  static final List<String> NAMESPACES =
      List.of(
          "Microsoft.Resources",
          "Microsoft.Storage",
          "Microsoft.Web",
          "Microsoft.Authorization",
          "Microsoft.Consumption",
          "Microsoft.EventGrid",
          "Microsoft.ManagedIdentity",
          "Microsoft.KeyVault");

  private ObjectNode provider(ArmRequest r) {
    var ns =
        NAMESPACES.stream()
            .filter(n -> n.equalsIgnoreCase(r.group("ns")))
            .findFirst()
            .orElseThrow(
                () ->
                    ArmException.notFound(
                        "InvalidResourceNamespace",
                        "The resource namespace '" + r.group("ns") + "' is invalid."));
    var body = Json.object();
    body.put("id", "/subscriptions/" + r.group("sub") + "/providers/" + ns);
    body.put("namespace", ns);
    body.put(
        "registrationState",
        ctx.unregistered.contains(ResourceIds.lower(ns)) ? "NotRegistered" : "Registered");
    body.put("registrationPolicy", "RegistrationRequired");
    body.putArray("resourceTypes");
    return body;
  }

  private ArmResponse putGroup(ArmRequest r) {
    var name = r.group("rg");
    if (!GROUP_NAME.matcher(name).matches() || name.endsWith(".")) {
      throw ArmException.badRequest(
          "InvalidResourceGroup",
          "The provided resource group name '"
              + name
              + "' has these invalid characters: ''. The name can only be a letter, digit, '-', '.', '(', ')' or '_'.");
    }
    var in = r.json();
    ctx.schemas.check("resources", "ResourceGroup", in);
    Tags.check(in.get("tags"));
    var location = Regions.name(Json.text(in, "location"));
    if (Json.text(in, "location") == null) {
      throw ArmException.badRequest(
          "LocationRequired", "The location property is required for this definition.");
    }
    if (location == null) {
      throw ArmException.badRequest(
          "LocationNotAvailableForResourceGroup",
          "The provided location '"
              + Json.text(in, "location")
              + "' is not available for resource group. List of available regions is '"
              + Regions.known()
              + "'.");
    }
    var id = groupId(r);
    var existing = ctx.store.get(id);
    if (existing != null
        && "Deleting".equals(existing.path("properties").path("provisioningState").asText())) {
      throw ArmException.conflict(
          "ResourceGroupBeingDeleted",
          "The resource group '"
              + name
              + "' is in deprovisioning state and cannot perform this operation.");
    }
    if (existing != null && !location.equals(Json.text(existing, "location"))) {
      throw ArmException.conflict(
          "InvalidResourceGroupLocation",
          "Invalid resource group location '"
              + location
              + "'. The Resource group already exists in location '"
              + Json.text(existing, "location")
              + "'.");
    }
    var body = Json.object();
    body.put("id", id);
    body.put("name", existing == null ? name : Json.text(existing, "name"));
    body.put("type", "Microsoft.Resources/resourceGroups");
    body.put("location", location);
    if (in.has("managedBy")) {
      body.set("managedBy", in.get("managedBy"));
    }
    body.set("tags", in.has("tags") ? in.get("tags") : Json.object());
    body.putObject("properties").put("provisioningState", "Succeeded");
    ctx.store.put(id, body);
    return existing == null ? ArmResponse.created(body) : ArmResponse.ok(body);
  }

  private ArmResponse patchGroup(ArmRequest r) {
    var existing = requireGroup(r);
    var in = r.json();
    ctx.schemas.check("resources", "ResourceGroupPatchable", in);
    Tags.check(in.get("tags"));
    if (in.has("tags")) {
      existing.set("tags", in.get("tags"));
    }
    if (in.has("managedBy")) {
      existing.set("managedBy", in.get("managedBy"));
    }
    ctx.store.put(groupId(r), existing);
    return ArmResponse.ok(existing);
  }

  private ArmResponse headGroup(ArmRequest r) {
    return ctx.store.contains(groupId(r))
        ? ArmResponse.noContent()
        : new ArmResponse(404, java.util.Map.of(), null);
  }

  private ArmResponse deleteGroup(ArmRequest r) {
    var id = groupId(r);
    var existing = requireGroup(r);
    existing.with("properties").put("provisioningState", "Deleting");
    ctx.store.put(id, existing);
    var op =
        ctx.operations.start(
            id,
            "Microsoft.Resources",
            r.apiVersion(),
            new Operations.Completion() {
              @Override
              public JsonNode succeed() {
                ctx.store.removeTree(id);
                return null;
              }

              @Override
              public void fail() {
                var body = ctx.store.get(id);
                if (body != null) {
                  body.with("properties").put("provisioningState", "Succeeded");
                  ctx.store.put(id, body);
                }
              }
            });
    op.region = Json.text(existing, "location");
    return new ArmResponse(202, ctx.operations.headers(op, false, true), null);
  }

  private ArmResponse listGroups(ArmRequest r) {
    var prefix = ResourceStore.key("/subscriptions/" + r.group("sub") + "/resourcegroups") + "/";
    var groups = ctx.store.find(k -> k.startsWith(prefix) && k.indexOf('/', prefix.length()) < 0);
    return ArmResponse.ok(ctx.page(r, filter(r, groups)));
  }

  private ArmResponse listInGroup(ArmRequest r) {
    requireGroup(r);
    var prefix = ResourceStore.key(groupId(r)) + "/providers/";
    return ArmResponse.ok(ctx.page(r, filter(r, tracked(prefix))));
  }

  private ArmResponse listInSubscription(ArmRequest r) {
    var prefix = ResourceStore.key("/subscriptions/" + r.group("sub") + "/resourcegroups/");
    return ArmResponse.ok(ctx.page(r, filter(r, tracked(prefix))));
  }

  /**
   * Tracked resources (with a location) directly in a group, as the listing shows them: the
   * envelope without properties.
   */
  private List<ObjectNode> tracked(String prefix) {
    var out = new ArrayList<ObjectNode>();
    for (var body : ctx.store.find(k -> k.startsWith(prefix) && ResourceIds.isTopLevel(k))) {
      if (!body.hasNonNull("location")) {
        continue;
      }
      var id = Json.text(body, "id");
      if (ctx.listingLagMillis > 0
          && id != null
          && System.currentTimeMillis() - ctx.store.createdMillis(id) < ctx.listingLagMillis) {
        continue; // not yet in ARM's resource cache
      }
      var item = Json.object();
      for (var field :
          List.of(
              "id", "name", "type", "sku", "kind", "managedBy", "location", "identity", "tags")) {
        if (body.has(field)) {
          item.set(field, body.get(field));
        }
      }
      out.add(item);
    }
    return out;
  }

  private static List<ObjectNode> filter(ArmRequest r, List<ObjectNode> items) {
    var filter = r.query.get("$filter");
    if (filter == null || filter.isBlank()) {
      return items;
    }
    var tag = TAG_FILTER.matcher(filter);
    if (tag.matches()) {
      var name = tag.group("name").replace("''", "'");
      var value = tag.group("value") == null ? null : tag.group("value").replace("''", "'");
      return items.stream().filter(item -> hasTag(item.get("tags"), name, value)).toList();
    }
    var type = TYPE_FILTER.matcher(filter);
    if (type.matches()) {
      var wanted = type.group("type").toLowerCase(Locale.ROOT);
      return items.stream()
          .filter(
              item ->
                  wanted.equals(String.valueOf(Json.text(item, "type")).toLowerCase(Locale.ROOT)))
          .toList();
    }
    throw ArmException.badRequest(
        "InvalidFilterInQueryString",
        "Invalid $filter '"
            + filter
            + "' specified in the query string. (The fake serves \"tagName eq 'k' [and tagValue eq 'v']\" and \"resourceType eq 't'\".)");
  }

  /** Tag names compare case-insensitively, values exactly, as ARM's tag filter does. */
  private static boolean hasTag(JsonNode tags, String name, String value) {
    if (tags == null || !tags.isObject()) {
      return false;
    }
    var it = tags.fields();
    while (it.hasNext()) {
      var e = it.next();
      if (e.getKey().equalsIgnoreCase(name)
          && (value == null || value.equals(e.getValue().asText()))) {
        return true;
      }
    }
    return false;
  }
}
