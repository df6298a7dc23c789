package dev.fnctl.provider.gcp;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;
import java.util.Set;

/**
 * An Eventarc trigger delivering Pub/Sub messages or Cloud Storage events to a function's Cloud Run
 * service, as the function's account. Any change makes a new trigger: it is replaced.
 */
final class EventTriggerType implements ResourceType {
  static final String EVENT_TYPE = "eventType";

  /** Filters besides the event type: {@code bucket} for Cloud Storage. */
  static final String FILTERS = "filters";

  /** The Pub/Sub topic of a {@code messagePublished} trigger; null for other events. */
  static final String TOPIC = "topic";

  /** The Cloud Run service (the function's id) receiving the events. */
  static final String SERVICE = "service";

  static final String SERVICE_ACCOUNT = "serviceAccount";

  /**
   * A queue's dead-letter setting as the policy of the subscription Eventarc makes: {@code topic}
   * (the queue's {@code -dlq} topic) and {@code maxDeliveryAttempts}; null for none. Changed in
   * place on the subscription.
   */
  static final String DEAD_LETTER = "deadLetter";

  static final String DEAD_LETTER_TOPIC = "topic";
  static final String MAX_DELIVERY_ATTEMPTS = "maxDeliveryAttempts";

  static final Set<String> REPLACED_BY =
      Set.of(EVENT_TYPE, FILTERS, TOPIC, SERVICE, SERVICE_ACCOUNT);

  private final EventTriggers triggers;

  EventTriggerType(EventTriggers triggers) {
    this.triggers = triggers;
  }

  @Override
  public String type() {
    return GcpTypes.TRIGGER;
  }

  @Override
  public Map<String, Object> create(Address a, Resource desired, Map<String, Object> after)
      throws ProviderException {
    return triggers.create(a.name(), after);
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, Object> update(
      Address a, Resource desired, Map<String, Object> after, LiveResource live)
      throws ProviderException {
    triggers.deadLetter(a.name(), (Map<String, Object>) after.get(DEAD_LETTER));
    return live.outputs();
  }

  @Override
  public void delete(Address a, LiveResource live) throws ProviderException {
    triggers.delete(a.name());
  }
}
