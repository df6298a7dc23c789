package dev.fnctl.provider.aws;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/** A Lambda event source mapping from an SQS queue; AWS identifies it by a generated UUID. */
final class EventSourceType implements ResourceType {
  /** The ARN of the function (or alias) the mapping invokes (FunctionName). */
  static final String FUNCTION = "function";

  /** The ARN of the queue polled (EventSourceArn). */
  static final String SOURCE = "source";

  /** Messages per invocation at most (BatchSize). */
  static final String BATCH_SIZE = "batchSize";

  /** Whether the mapping polls (Enabled). */
  static final String ENABLED = "enabled";

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
