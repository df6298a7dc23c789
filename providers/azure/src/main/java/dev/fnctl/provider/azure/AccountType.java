package dev.fnctl.provider.azure;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.Deadline;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A storage account (StorageV2, HTTPS only, TLS 1.2, no public blob access). Its name is global
 * across Azure: {@link AzureNames} makes it from a hash of the subscription, resource group, stack
 * and target.
 */
final class AccountType implements ResourceType {
  static final String LOCATION = "location";
  static final String KIND = "kind";
  static final String SKU = "sku";

  /** Outputs: the blob and queue service endpoints ({@code https://<account>.blob.core...}). */
  static final String BLOB = "blobEndpoint";

  static final String QUEUE = "queueEndpoint";
  static final String ID = "id";

  private final AzureSession s;

  AccountType(AzureSession s) {
    this.s = s;
  }

  @Override
  public String type() {
    return AzureTypes.ACCOUNT;
  }

  @Override
  public Map<String, Object> create(
      Address a, Resource desired, Map<String, Object> after, Deadline d) throws ProviderException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("location", after.get(LOCATION));
    body.put("kind", after.get(KIND));
    body.put("sku", Map.of("name", after.get(SKU)));
    body.put("tags", s.tags(Map.of()));
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("minimumTlsVersion", "TLS1_2");
    props.put("allowBlobPublicAccess", false);
    props.put("supportsHttpsTrafficOnly", true);
    body.put("properties", props);
    return outputs(s.arm.put(s.accountPath(a.name()), ApiVersions.STORAGE, body, d));
  }

  @Override
  public void delete(Address a, LiveResource live, Deadline d) throws ProviderException {
    s.arm.delete(s.accountPath(a.name()), ApiVersions.STORAGE, d);
  }

  static Map<String, Object> properties(Map<String, Object> r) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(LOCATION, Locations.normalise(String.valueOf(r.get("location"))));
    p.put(KIND, r.get("kind"));
    p.put(SKU, Arm.at(r, "sku", "name"));
    return p;
  }

  static Map<String, Object> outputs(Map<String, Object> r) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put(ID, r.get("id"));
    o.put(BLOB, slash(Arm.at(r, "properties", "primaryEndpoints", "blob")));
    o.put(QUEUE, slash(Arm.at(r, "properties", "primaryEndpoints", "queue")));
    return o;
  }

  private static Object slash(Object url) {
    if (url == null) return null;
    String u = url.toString();
    return u.endsWith("/") ? u : u + "/";
  }
}
