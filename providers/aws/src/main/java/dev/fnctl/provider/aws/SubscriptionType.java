package dev.fnctl.provider.aws;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/** A Lambda subscription to an SNS topic: {@code <topic>/<function>}; AWS names it by ARN. */
final class SubscriptionType implements ResourceType {
  /** The ARN of the topic (SNS TopicArn). */
  static final String TOPIC = "topic";

  /** {@code lambda} (SNS Protocol). */
  static final String PROTOCOL = "protocol";

  /** The ARN of the function (or alias) the topic invokes (SNS Endpoint). */
  static final String ENDPOINT = "endpoint";

  private final SnsTopics topics;

  SubscriptionType(SnsTopics topics) {
    this.topics = topics;
  }

  @Override
  public String type() {
    return AwsTypes.SUBSCRIPTION;
  }

  @Override
  public Map<String, Object> create(Address a, Resource desired, Map<String, Object> after)
      throws ProviderException {
    return topics.subscribe(a.toString(), after);
  }

  @Override
  public Map<String, Object> update(
      Address a, Resource desired, Map<String, Object> after, LiveResource live)
      throws ProviderException {
    return topics.subscribe(a.toString(), after);
  }

  @Override
  public void delete(Address a, LiveResource live) throws ProviderException {
    topics.unsubscribe(a.toString(), (String) live.outputs().get(ARN));
  }
}
