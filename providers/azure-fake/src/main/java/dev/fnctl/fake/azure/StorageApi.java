package dev.fnctl.fake.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Microsoft.Storage: storage accounts (PUT is a long-running operation answered 202 with Location
 * and Retry-After; names are 3-24 lowercase letters and digits and unique across every
 * subscription), checkNameAvailability, listKeys, and the control-plane containers and queues. Blob
 * and queue data are Azurite's.
 */
final class StorageApi {
  static final Set<String> VERSIONS =
      Set.of(
          "2022-09-01",
          "2023-01-01",
          "2023-04-01",
          "2023-05-01",
          "2024-01-01",
          "2025-01-01",
          "2025-06-01");
  private static final Pattern NAME = Pattern.compile("^[a-z0-9]{3,24}$");
  private static final Pattern CONTAINER =
      Pattern.compile("^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$");
  private static final Set<String> SKUS =
      Set.of(
          "Standard_LRS",
          "Standard_GRS",
          "Standard_RAGRS",
          "Standard_ZRS",
          "Premium_LRS",
          "Premium_ZRS",
          "Standard_GZRS",
          "Standard_RAGZRS");
  private static final Set<String> KINDS =
      Set.of("Storage", "StorageV2", "BlobStorage", "FileStorage", "BlockBlobStorage");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final ArmContext ctx;

  StorageApi(ArmContext ctx) {
    this.ctx = ctx;
  }

  void register(Router router) {
    var accounts =
        "/subscriptions/(?<sub>[^/]+)/resourcegroups/(?<rg>[^/]+)/providers/Microsoft\\.Storage/storageAccounts";
    var account = accounts + "/(?<name>[^/]+)";
    router.add("PUT", account, VERSIONS, this::putAccount);
    router.add("PATCH", account, VERSIONS, this::patchAccount);
    router.add("GET", account, VERSIONS, r -> ArmResponse.ok(requireAccount(r)));
    router.add("DELETE", account, VERSIONS, this::deleteAccount);
    router.add(
        "GET",
        accounts,
        VERSIONS,
        r -> ArmResponse.ok(ctx.page(r, ctx.store.children(collection(r)))));
    router.add("POST", account + "/listKeys", VERSIONS, this::listKeys);
    router.add(
        "POST",
        "/subscriptions/(?<sub>[^/]+)/providers/Microsoft\\.Storage/checkNameAvailability",
        VERSIONS,
        this::checkName);
    var containers = account + "/blobServices/default/containers";
    router.add(
        "PUT",
        containers + "/(?<child>[^/]+)",
        VERSIONS,
        r -> putChild(r, "containers", "blobServices/containers", "BlobContainer"));
    router.add(
        "GET",
        containers + "/(?<child>[^/]+)",
        VERSIONS,
        r -> ArmResponse.ok(requireChild(r, "containers")));
    router.add(
        "DELETE", containers + "/(?<child>[^/]+)", VERSIONS, r -> deleteChild(r, "containers"));
    router.add("GET", containers, VERSIONS, r -> listChildren(r, "containers"));
    var queues = account + "/queueServices/default/queues";
    router.add(
        "PUT",
        queues + "/(?<child>[^/]+)",
        VERSIONS,
        r -> putChild(r, "queues", "queueServices/queues", "StorageQueue"));
    router.add(
        "GET",
        queues + "/(?<child>[^/]+)",
        VERSIONS,
        r -> ArmResponse.ok(requireChild(r, "queues")));
    router.add("DELETE", queues + "/(?<child>[^/]+)", VERSIONS, r -> deleteChild(r, "queues"));
    router.add("GET", queues, VERSIONS, r -> listChildren(r, "queues"));
  }

  private static String collection(ArmRequest r) {
    return ResourceIds.groupId(r.group("sub"), r.group("rg"))
        + "/providers/Microsoft.Storage/storageAccounts";
  }

  private static String accountId(ArmRequest r) {
    return collection(r) + "/" + r.group("name");
  }

  private ObjectNode requireAccount(ArmRequest r) {
    ResourcesApi.requireGroup(ctx, r.group("sub"), r.group("rg"));
    var body = ctx.store.get(accountId(r));
    if (body == null) {
      throw ArmException.resourceNotFound(
          "Microsoft.Storage/storageAccounts", r.group("name"), r.group("rg"));
    }
    return body;
  }

  /** The account with this name in any subscription and group, or null: names are global. */
  private ObjectNode anyAccountNamed(String name) {
    var suffix =
        "/providers/microsoft.storage/storageaccounts/" + name.toLowerCase(java.util.Locale.ROOT);
    var found = ctx.store.find(k -> k.endsWith(suffix));
    return found.isEmpty() ? null : found.get(0);
  }

  private static String invalidName(String name) {
    return name
        + " is not a valid storage account name. Storage account name must be between 3 and 24 characters in length and use numbers and lower-case letters only.";
  }

  private ArmResponse putAccount(ArmRequest r) {
    var name = r.group("name");
    if (!NAME.matcher(name).matches()) {
      throw ArmException.badRequest("AccountNameInvalid", invalidName(name));
    }
    ResourcesApi.requireGroup(ctx, r.group("sub"), r.group("rg"));
    var in = r.json();
    ctx.schemas.check("storage", "StorageAccountCreateParameters", in);
    Tags.check(in.get("tags"));
    var id = accountId(r);
    var existing = ctx.store.get(id);
    var other = anyAccountNamed(name);
    if (existing == null && other != null) {
      throw ArmException.conflict(
          "StorageAccountAlreadyTaken", "The storage account named " + name + " is already taken.");
    }
    var sku = in.path("sku").path("name").asText(null);
    if (sku == null || !SKUS.contains(sku)) {
      throw ArmException.badRequest(
          "InvalidRequestPropertyValue",
          "The value '" + sku + "' is not allowed for property sku.name.");
    }
    var kind = Json.text(in, "kind");
    if (kind == null || !KINDS.contains(kind)) {
      throw ArmException.badRequest(
          "InvalidRequestPropertyValue",
          "The value '" + kind + "' is not allowed for property kind.");
    }
    var location = Regions.require(Json.text(in, "location"), "Microsoft.Storage/storageAccounts");
    if (existing != null) {
      // An existing account is updated synchronously: 200 with the account.
      if (!location.equals(Json.text(existing, "location"))) {
        throw ArmException.conflict(
            "StorageAccountLocationChangeNotSupported" /* the location of an account is fixed */,
            "The location of storage account " + name + " cannot be changed.");
      }
      merge(existing, in);
      ctx.store.put(id, existing);
      return ArmResponse.ok(existing);
    }
    var body = Json.object();
    body.put("id", id);
    body.put("name", name);
    body.put("type", "Microsoft.Storage/storageAccounts");
    body.put("location", location);
    body.set("tags", in.has("tags") ? in.get("tags") : Json.object());
    body.putObject("sku")
        .put("name", sku)
        .put("tier", sku.startsWith("Premium") ? "Premium" : "Standard");
    body.put("kind", kind);
    if (in.has("identity")) {
      body.set("identity", in.get("identity"));
    }
    if (in.has("extendedLocation")) {
      body.set("extendedLocation", in.get("extendedLocation"));
    }
    var props = body.putObject("properties");
    var now = Instant.now().toString();
    props.put("provisioningState", "Creating");
    props.put("creationTime", now);
    props.putObject("keyCreationTime").put("key1", now).put("key2", now);
    props.put("primaryLocation", location);
    props.put("statusOfPrimary", "available");
    if (sku.contains("GRS") || sku.contains("GZRS")) {
      props.put("secondaryLocation", Regions.pair(location));
      props.put("statusOfSecondary", "available");
    }
    props.put("minimumTlsVersion", "TLS1_0");
    props.put("allowBlobPublicAccess", false);
    props.put("supportsHttpsTrafficOnly", true);
    props.put("accessTier", "Hot");
    var inProps = in.get("properties") instanceof ObjectNode given ? given : Json.object();
    props.setAll(inProps.deepCopy());
    props.set("encryption", encryption(inProps.get("encryption"), now));
    props.set("primaryEndpoints", endpoints(name, inProps.path("routingPreference")));
    ctx.store.put(id, body);
    ctx.store.put(id + "/listKeys", newKeys());
    var op =
        ctx.operations.start(
            id,
            "Microsoft.Storage",
            r.apiVersion(),
            new Operations.Completion() {
              @Override
              public JsonNode succeed() {
                var done = ctx.store.get(id);
                if (done == null) {
                  return null;
                }
                done.with("properties").put("provisioningState", "Succeeded");
                ctx.store.put(id, done);
                return done;
              }

              @Override
              public void fail() {
                // A failed create leaves nothing behind; the name is free again.
                ctx.store.removeTree(id);
              }
            });
    op.region = location;
    op.storageStyle = true;
    return new ArmResponse(202, ctx.operations.headers(op, false, true), null);
  }

  private static ObjectNode serviceEndpoints(String host, String... services) {
    var out = Json.object();
    for (var service : services) {
      out.put(service, "https://" + host + "." + service + ".core.windows.net/");
    }
    return out;
  }

  /** The account's endpoints; routing preference publishes the routing-specific ones too. */
  private static ObjectNode endpoints(String name, JsonNode routing) {
    var all = new String[] {"web", "dfs", "blob", "file", "queue", "table"};
    var out = serviceEndpoints(name, all);
    if (routing.path("publishMicrosoftEndpoints").asBoolean(false)) {
      out.set("microsoftEndpoints", serviceEndpoints(name + "-microsoftrouting", all));
    }
    if (routing.path("publishInternetEndpoints").asBoolean(false)) {
      out.set(
          "internetEndpoints",
          serviceEndpoints(name + "-internetrouting", "web", "dfs", "blob", "file"));
    }
    return out;
  }

  /** Encryption at rest is always on: Microsoft-managed keys for blobs and files by default. */
  private static ObjectNode encryption(JsonNode given, String now) {
    ObjectNode out;
    if (given instanceof ObjectNode g) {
      out = g.deepCopy();
    } else {
      out = Json.object();
      var services = out.putObject("services");
      services.putObject("file").put("keyType", "Account").put("enabled", true);
      services.putObject("blob").put("keyType", "Account").put("enabled", true);
      out.put("requireInfrastructureEncryption", false);
      out.put("keySource", "Microsoft.Storage");
    }
    out.path("services")
        .fields()
        .forEachRemaining(
            e -> {
              if (e.getValue() instanceof ObjectNode service
                  && service.path("enabled").asBoolean(false)) {
                service.put("lastEnabledTime", now);
              }
            });
    return out;
  }

  private static void merge(ObjectNode existing, ObjectNode in) {
    if (in.has("tags")) {
      existing.set("tags", in.get("tags"));
    }
    if (in.has("sku")) {
      existing.with("sku").put("name", in.path("sku").path("name").asText());
    }
    if (in.has("identity")) {
      existing.set("identity", in.get("identity"));
    }
    var inProps = in.get("properties");
    if (inProps != null && inProps.isObject()) {
      existing.with("properties").setAll((ObjectNode) inProps);
    }
  }

  private ArmResponse patchAccount(ArmRequest r) {
    var existing = requireAccount(r);
    var in = r.json();
    ctx.schemas.check("storage", "StorageAccountUpdateParameters", in);
    Tags.check(in.get("tags"));
    merge(existing, in);
    ctx.store.put(accountId(r), existing);
    return ArmResponse.ok(existing);
  }

  private ArmResponse deleteAccount(ArmRequest r) {
    ResourcesApi.requireGroup(ctx, r.group("sub"), r.group("rg"));
    return ctx.store.removeTree(accountId(r)) > 0 ? ArmResponse.ok(null) : ArmResponse.noContent();
  }

  private ArmResponse listKeys(ArmRequest r) {
    requireAccount(r);
    var keys = ctx.store.get(accountId(r) + "/listKeys");
    return ArmResponse.ok(keys == null ? newKeys() : keys);
  }

  private static ObjectNode newKeys() {
    var body = Json.object();
    var keys = body.putArray("keys");
    for (var name : new String[] {"key1", "key2"}) {
      var bytes = new byte[64];
      RANDOM.nextBytes(bytes);
      keys.addObject()
          .put("keyName", name)
          .put("value", Base64.getEncoder().encodeToString(bytes))
          .put("permissions", "FULL")
          .put("creationTime", Instant.now().toString());
    }
    return body;
  }

  private ArmResponse checkName(ArmRequest r) {
    var in = r.json();
    ctx.schemas.check("storage", "StorageAccountCheckNameAvailabilityParameters", in);
    Tags.check(in.get("tags"));
    var name = Json.text(in, "name");
    var body = Json.object();
    if (name == null || !NAME.matcher(name).matches()) {
      body.put("nameAvailable", false)
          .put("reason", "AccountNameInvalid")
          .put("message", invalidName(name));
    } else if (anyAccountNamed(name) != null) {
      body.put("nameAvailable", false)
          .put("reason", "AlreadyExists")
          .put("message", "The storage account named " + name + " is already taken.");
    } else {
      body.put("nameAvailable", true);
    }
    return ArmResponse.ok(body);
  }

  private String childId(ArmRequest r, String kind) {
    var service = kind.equals("containers") ? "blobServices" : "queueServices";
    return accountId(r) + "/" + service + "/default/" + kind + "/" + r.group("child");
  }

  private ArmResponse putChild(ArmRequest r, String kind, String type, String definition) {
    var account = requireAccount(r);
    var name = r.group("child");
    if (!CONTAINER.matcher(name).matches()) {
      throw ArmException.badRequest(
          kind.equals("containers") ? "ContainerOperationFailure" : "QueueOperationFailure",
          "The specifed resource name contains invalid characters.");
    }
    if (!"Succeeded".equals(account.path("properties").path("provisioningState").asText())) {
      throw ArmException.conflict(
          "StorageAccountIsNotProvisioned",
          "The storage account provisioning state must be 'Succeeded' before executing the operation.");
    }
    var in = r.jsonOrEmpty();
    ctx.schemas.check("storage", definition, in);
    Tags.check(in.get("tags"));
    var id = childId(r, kind);
    var existing = ctx.store.get(id);
    var body = existing != null ? existing : Json.object();
    body.put("id", id);
    body.put("name", name);
    body.put("type", "Microsoft.Storage/storageAccounts/" + type);
    var props = body.with("properties");
    if (in.get("properties") instanceof ObjectNode inProps) {
      props.setAll(inProps);
    }
    if (kind.equals("containers")) {
      if (!props.has("publicAccess")) {
        props.put("publicAccess", "None");
      }
      props.put("leaseStatus", "Unlocked").put("leaseState", "Available");
      props.put("lastModifiedTime", Instant.now().toString());
    } else if (!props.has("metadata")) {
      props.putObject("metadata");
    }
    ctx.store.put(id, body);
    return existing == null && kind.equals("containers")
        ? ArmResponse.created(body)
        : ArmResponse.ok(body);
  }

  private ObjectNode requireChild(ArmRequest r, String kind) {
    requireAccount(r);
    var body = ctx.store.get(childId(r, kind));
    if (body == null) {
      throw ArmException.notFound(
          kind.equals("containers") ? "ContainerNotFound" : "QueueNotFound",
          "The specified "
              + (kind.equals("containers") ? "container" : "queue")
              + " does not exist.");
    }
    return body;
  }

  private ArmResponse deleteChild(ArmRequest r, String kind) {
    requireAccount(r);
    return ctx.store.removeTree(childId(r, kind)) > 0
        ? ArmResponse.ok(null)
        : ArmResponse.noContent();
  }

  private ArmResponse listChildren(ArmRequest r, String kind) {
    requireAccount(r);
    var service = kind.equals("containers") ? "blobServices" : "queueServices";
    return ArmResponse.ok(
        ctx.page(r, ctx.store.children(accountId(r) + "/" + service + "/default/" + kind)));
  }
}
