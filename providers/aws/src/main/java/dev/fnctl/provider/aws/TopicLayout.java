package dev.fnctl.provider.aws;

import static dev.fnctl.provider.aws.AwsTypes.*;

import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.TopicSpec;
import dev.fnctl.model.spec.Trigger;
import dev.fnctl.provider.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The topics the stack owns and the Lambda subscriptions (with their invoke permissions). */
final class TopicLayout {
  private final StackLayout layout;
  private final StackNames names;

  TopicLayout(StackLayout layout) {
    this.layout = layout;
    this.names = layout.names();
  }

  /** Every topic the stack owns. */
  void topics(Deployment d) {
    for (TopicSpec t : d.topics().values()) {
      if (!t.owned()) continue;
      layout.add(
          Resource.of(
              address(TOPIC, names.topic(t.name())),
              TOPIC,
              "topic " + t.name(),
              Map.of(),
              List.of()));
    }
  }

  /** The resources of one {@code topic} trigger of function {@code f}. */
  void trigger(Deployment d, FunctionSpec f, Trigger.Topic tp) {
    String phys = names.function(f.name());
    String item = "function " + f.name();
    String target = layout.invokeArn(f);
    List<String> targetDeps = layout.invokeDeps(f);
    String topic = layout.topicName(d, tp.topic());
    String topicArn = layout.topicArn(d, tp.topic());
    String permission =
        layout.permission(
            f,
            item,
            StackNames.statementId("fnctl-sns-", topic),
            "sns.amazonaws.com",
            topicArn,
            layout.topicAccount(d, tp.topic()),
            layout.ownedDep(TOPIC, topic));
    Map<String, Object> sp = new LinkedHashMap<>();
    sp.put(SubscriptionType.TOPIC, topicArn);
    sp.put(SubscriptionType.PROTOCOL, "lambda");
    sp.put(SubscriptionType.ENDPOINT, target);
    // A subscription's endpoint cannot change: a new target is a new subscription.
    layout.add(
        new Resource(
                address(SUBSCRIPTION, topic + "/" + phys),
                SUBSCRIPTION,
                item,
                sp,
                Set.of(
                    SubscriptionType.TOPIC, SubscriptionType.PROTOCOL, SubscriptionType.ENDPOINT),
                Set.of(),
                StackLayout.concat(targetDeps, List.of(permission), layout.ownedDep(TOPIC, topic)),
                null)
            // The new subscription gets its own ARN, so it can exist beside the old one:
            // subscribe first, then unsubscribe the old by its ARN, and no message is missed.
            .replacedBy(dev.fnctl.model.plan.ReplaceMode.CREATE_THEN_DELETE));
  }
}
