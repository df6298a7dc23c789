package dev.fnctl.provider.aws;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/** An SNS topic: nothing to change in place. */
final class TopicType implements ResourceType {
  private final SnsTopics topics;

  TopicType(SnsTopics topics) {
    this.topics = topics;
  }

  @Override
  public String type() {
    return AwsTypes.TOPIC;
  }

  @Override
  public Map<String, Object> create(Address a, Resource desired, Map<String, Object> after)
      throws ProviderException {
    return topics.create(a.name());
  }

  @Override
  public void delete(Address a, LiveResource live) throws ProviderException {
    topics.delete(a.name());
  }
}
