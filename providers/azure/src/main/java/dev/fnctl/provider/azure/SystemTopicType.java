package dev.fnctl.provider.azure;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.Deadline;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Event Grid system topic of the stack's data account ({@code
 * Microsoft.EventGrid/systemTopics}, named as the account): the source of the blob events its
 * storage triggers subscribe to. Event Grid allows one system topic per storage account, and the
 * data account is the stack's own, so the topic is too (tagged, removed by destroy after its
 * subscriptions).
 */
final class SystemTopicType implements ResourceType {
  static final String LOCATION = "location";
  static final String ID = "id";

  private final AzureSession s;

  SystemTopicType(AzureSession s) {
    this.s = s;
  }

  @Override
  public String type() {
    return AzureTypes.SYSTEM_TOPIC;
  }

  String path(String name) {
    return s.resourceGroupPath() + "/providers/Microsoft.EventGrid/systemTopics/" + name;
  }

  @Override
  public Map<String, Object> create(
      Address a, Resource desired, Map<String, Object> after, Deadline d) throws ProviderException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("location", after.get(LOCATION));
    body.put("tags", s.tags(Map.of()));
    Map<String, Object> props = new LinkedHashMap<>();
    // The topic is named as the account it carries the events of.
    props.put("source", s.accountPath(a.name()));
    props.put("topicType", "Microsoft.Storage.StorageAccounts");
    body.put("properties", props);
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
