package dev.fnctl.provider.azure;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.Deadline;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A neutral topic as an Event Grid custom topic, {@code <stack>-<target>-<topic>} (3-50
 * characters): publishers send to its endpoint with Event Grid Data Sender on it, and each
 * subscribing function gets its own event subscription ({@link EventSubscriptionType}). Event Grid
 * rather than Service Bus: no namespace to pay for while idle, push delivery to the function with
 * retries (30 attempts over 24 hours by default), and one subscription per subscriber, which is
 * what a fan-out needs.
 */
final class TopicType implements ResourceType {
  static final String LOCATION = "location";
  static final String ID = "id";

  private final AzureSession s;

  TopicType(AzureSession s) {
    this.s = s;
  }

  @Override
  public String type() {
    return AzureTypes.TOPIC;
  }

  String path(String name) {
    return s.resourceGroupPath() + "/providers/Microsoft.EventGrid/topics/" + name;
  }

  @Override
  public Map<String, Object> create(
      Address a, Resource desired, Map<String, Object> after, Deadline d) throws ProviderException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("location", after.get(LOCATION));
    body.put("tags", s.tags(Map.of()));
    body.put("properties", Map.of("inputSchema", "EventGridSchema"));
    Map<String, Object> r = s.arm.put(path(a.name()), ApiVersions.EVENT_GRID, body, d);
    return Map.of(ID, String.valueOf(r.getOrDefault("id", path(a.name()))));
  }

  @Override
  public void delete(Address a, LiveResource live, Deadline d) throws ProviderException {
    s.arm.delete(path(a.name()), ApiVersions.EVENT_GRID, d);
  }

  static Map<String, Object> properties(Map<String, Object> r) {
    return Map.of(LOCATION, Locations.normalise(String.valueOf(r.get("location"))));
  }
}
