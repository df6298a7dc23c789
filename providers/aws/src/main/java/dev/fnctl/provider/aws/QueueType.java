package dev.fnctl.provider.aws;

import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.Map;

/** An SQS queue (a dead-letter queue is one too, named {@code <queue>-dlq}). */
final class QueueType implements ResourceType {
  /** Seconds a received message stays invisible to other consumers (SQS VisibilityTimeout). */
  static final String VISIBILITY_TIMEOUT = "visibilityTimeout";

  /** Seconds a message is kept (SQS MessageRetentionPeriod). */
  static final String MESSAGE_RETENTION = "messageRetention";

  /** The redrive policy, a map of the two keys below, or null without a dead-letter queue. */
  static final String REDRIVE = "redrive";

  /** The ARN of the dead-letter queue (RedrivePolicy deadLetterTargetArn). */
  static final String DEAD_LETTER_TARGET_ARN = "deadLetterTargetArn";

  /** Receives before a message moves to the dead-letter queue (RedrivePolicy maxReceiveCount). */
  static final String MAX_RECEIVE_COUNT = "maxReceiveCount";

  /** The output holding the queue URL, which the SQS API names queues by (SQS QueueUrl). */
  static final String URL = "url";

  private final SqsQueues queues;

  QueueType(SqsQueues queues) {
    this.queues = queues;
  }

  @Override
  public String type() {
    return AwsTypes.QUEUE;
  }

  @Override
  public Map<String, Object> create(Address a, Resource desired, Map<String, Object> after)
      throws ProviderException {
    return queues.create(a.name(), after);
  }

  @Override
  public Map<String, Object> update(
      Address a, Resource desired, Map<String, Object> after, LiveResource live)
      throws ProviderException {
    return queues.update(a.name(), after, live.properties());
  }

  @Override
  public void delete(Address a, LiveResource live) throws ProviderException {
    queues.delete(a.name());
  }
}
