package dev.fnctl.provider.gcp;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/** An email notification channel (Cloud Monitoring) a budget alerts through. */
final class ChannelType implements ResourceType {
  static final String EMAIL = "email";

  /** Output: {@code projects/P/notificationChannels/ID}. */
  static final String NAME = "name";

  private final NotificationChannels channels;

  ChannelType(NotificationChannels channels) {
    this.channels = channels;
  }

  @Override
  public String type() {
    return GcpTypes.CHANNEL;
  }

  @Override
  public Map<String, Object> create(Address a, Resource desired, Map<String, Object> after)
      throws ProviderException {
    return channels.create((String) after.get(EMAIL));
  }

  @Override
  public void delete(Address a, LiveResource live) throws ProviderException {
    channels.delete((String) live.outputs().get(NAME));
  }
}
