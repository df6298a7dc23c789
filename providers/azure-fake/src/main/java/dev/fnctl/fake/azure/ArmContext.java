package dev.fnctl.fake.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** What the resource-provider classes share: the store, the operations and paging. */
final class ArmContext {
  /** The tenant every identity the fake issues belongs to. */
  static final String TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";

  final ResourceStore store = new ResourceStore();
  final Faults faults = new Faults();
  final Operations operations = new Operations(faults);
  final RequestSchemas schemas = new RequestSchemas();

  /** Principals role assignments may name: identities the fake issued, and those tests add. */
  final Set<String> principals = ConcurrentHashMap.newKeySet();

  /** Settings the platform adds to every new function app's set (see FakeArm#platformSettings). */
  final java.util.Map<String, String> platformSettings =
      new java.util.concurrent.ConcurrentSkipListMap<>();

  /** Resource provider namespaces (lower case) the subscription has not registered. */
  final Set<String> unregistered = ConcurrentHashMap.newKeySet();

  volatile String endpoint = "";
  volatile int pageSize = 100;

  /** How long a new resource stays out of the resource listing (ARM's cache lag; default 0). */
  volatile long listingLagMillis = 0;

  void endpoint(String endpoint) {
    this.endpoint = endpoint;
    operations.endpoint(endpoint);
  }

  /** A new principal id for a system- or user-assigned identity, known to role assignments. */
  String newPrincipal() {
    var id = UUID.randomUUID().toString();
    principals.add(id);
    return id;
  }

  /** One page of a list answer, {@code {"value":[...],"nextLink":...}}, as ARM pages lists. */
  ObjectNode page(ArmRequest request, List<ObjectNode> items) {
    int skip = parseInt(request.query.get("$skiptoken"), 0);
    int top = Math.min(parseInt(request.query.get("$top"), pageSize), pageSize);
    var body = Json.object();
    var value = body.putArray("value");
    int end = Math.min(items.size(), skip + top);
    for (int i = skip; i < end; i++) {
      value.add(items.get(i));
    }
    if (end < items.size()) {
      var query = new LinkedHashMap<>(request.query);
      query.put("$skiptoken", Integer.toString(end));
      var link = new StringBuilder(endpoint).append(request.path).append('?');
      String sep = "";
      for (var e : query.entrySet()) {
        link.append(sep).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
        sep = "&";
      }
      body.put("nextLink", link.toString());
    }
    return body;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private static int parseInt(String s, int otherwise) {
    if (s == null || s.isEmpty()) {
      return otherwise;
    }
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw ArmException.badRequest(
          "InvalidQueryParameterValue", "The value '" + s + "' is not a valid number.");
    }
  }
}
