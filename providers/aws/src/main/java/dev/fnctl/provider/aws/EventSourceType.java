package dev.fnctl.provider.aws;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/** A Lambda event source mapping from an SQS queue; AWS identifies it by a generated UUID. */
final class EventSourceType implements ResourceType {
  private final EventSources eventSources;

  EventSourceType(EventSources eventSources) {
    this.eventSources = eventSources;
  }

  @Override
  public String type() {
    return AwsTypes.EVENT_SOURCE;
  }

  @Override
  public Map<String, Object> create(Address a, Resource desired, Map<String, Object> after)
      throws ProviderException {
    return eventSources.create(a.toString(), after);
  }

  @Override
  public Map<String, Object> update(
      Address a, Resource desired, Map<String, Object> after, LiveResource live)
      throws ProviderException {
    return eventSources.update(a.toString(), ResourceType.id(live), after);
  }

  @Override
  public void delete(Address a, LiveResource live) throws ProviderException {
    eventSources.delete(a.toString(), ResourceType.id(live));
  }
}
