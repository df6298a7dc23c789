package dev.fnctl.provider.aws;

import static dev.fnctl.provider.aws.AwsTypes.*;

import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.QueueSpec;
import dev.fnctl.model.spec.Trigger;
import dev.fnctl.provider.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The queues the stack owns (each with its dead-letter queue) and the event source mappings that
 * feed a function from a queue.
 */
final class QueueLayout {
  static final long DEFAULT_RETENTION = 345_600L;
  static final long DLQ_RETENTION = 1_209_600L;

  private final StackLayout layout;
  private final StackNames names;

  QueueLayout(StackLayout layout) {
    this.layout = layout;
    this.names = layout.names();
  }

  /** Every queue the stack owns, a dead-letter queue first where one is asked for. */
  void queues(Deployment d) {
    Map<String, Long> consumerTimeout = new TreeMap<>();
    for (FunctionSpec f : d.functions().values()) {
      for (Trigger t : f.triggers()) {
        if (t instanceof Trigger.Queue q)
          consumerTimeout.merge(q.queue(), f.timeout().getSeconds(), Math::max);
      }
    }
    for (QueueSpec q : d.queues().values()) {
      if (!q.owned()) continue;
      String phys = names.queue(q.name());
      String item = "queue " + q.name();
      Map<String, Object> props = new LinkedHashMap<>();
      props.put(QueueType.VISIBILITY_TIMEOUT, visibilityTimeout(q, consumerTimeout.get(q.name())));
      props.put(QueueType.MESSAGE_RETENTION, DEFAULT_RETENTION);
      props.put(QueueType.REDRIVE, null);
      List<String> deps = new ArrayList<>();
      if (q.deadLetter() != null) {
        String dlq = names.deadLetterQueue(q.name());
        Map<String, Object> dlqProps = new LinkedHashMap<>();
        dlqProps.put(QueueType.VISIBILITY_TIMEOUT, 30L);
        dlqProps.put(QueueType.MESSAGE_RETENTION, DLQ_RETENTION);
        dlqProps.put(QueueType.REDRIVE, null);
        layout.add(Resource.of(address(QUEUE, dlq), QUEUE, item, dlqProps, List.of()));
        Map<String, Object> redrive = new LinkedHashMap<>();
        redrive.put(QueueType.DEAD_LETTER_TARGET_ARN, names.queueArn(dlq));
        redrive.put(QueueType.MAX_RECEIVE_COUNT, (long) q.deadLetter().maxReceives());
        props.put(QueueType.REDRIVE, redrive);
        deps.add(address(QUEUE, dlq));
      }
      layout.add(Resource.of(address(QUEUE, phys), QUEUE, item, props, deps));
    }
  }

  /** SQS refuses an event source whose function may run longer than the visibility timeout. */
  static long visibilityTimeout(QueueSpec q, Long consumerTimeoutSeconds) {
    if (q.visibilityTimeout() != null) return q.visibilityTimeout().getSeconds();
    long consumer = consumerTimeoutSeconds == null ? 0 : consumerTimeoutSeconds;
    return Math.max(30L, consumer);
  }

  /** The resources of one {@code queue} trigger of function {@code f}. */
  void trigger(Deployment d, FunctionSpec f, Trigger.Queue q) {
    String phys = names.function(f.name());
    String item = "function " + f.name();
    String target = layout.invokeArn(f);
    List<String> targetDeps = layout.invokeDeps(f);
    String queue = layout.queueName(d, q.queue());
    Map<String, Object> ep = new LinkedHashMap<>();
    ep.put(EventSourceType.FUNCTION, target);
    ep.put(EventSourceType.SOURCE, layout.queueArn(d, q.queue()));
    ep.put(EventSourceType.BATCH_SIZE, (long) q.batchSize());
    ep.put(EventSourceType.ENABLED, true);
    layout.add(
        Resource.of(
            address(EVENT_SOURCE, phys + "/" + queue),
            EVENT_SOURCE,
            item,
            ep,
            StackLayout.concat(targetDeps, layout.ownedDep(QUEUE, queue))));
  }
}
