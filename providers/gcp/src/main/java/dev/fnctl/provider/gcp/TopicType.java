package dev.fnctl.provider.gcp;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/** A Pub/Sub topic: a spec topic, or a spec queue (Pub/Sub is both on Google Cloud). */
final class TopicType implements ResourceType {
  static final String NAME = "name";

  private final Topics topics;

  TopicType(Topics topics) {
    this.topics = topics;
  }

  @Override
  public String type() {
    return GcpTypes.TOPIC;
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
