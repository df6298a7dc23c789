package dev.fnctl.provider.aws;

import static dev.fnctl.provider.aws.AwsTypes.SUBSCRIPTION;
import static dev.fnctl.provider.aws.AwsTypes.TOPIC;

import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.ListSubscriptionsByTopicResponse;
import software.amazon.awssdk.services.sns.model.NotFoundException;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sns.model.Tag;

/** SNS topics and the stack's Lambda subscriptions to them. */
final class SnsTopics {
  private final AwsSession s;

  SnsTopics(AwsSession s) {
    this.s = s;
  }

  private SnsClient sns() {
    return s.clients.sns.get();
  }

  LiveResource topic(String name, boolean owned) {
    String neutral = s.names.neutral(name);
    return new LiveResource(
        AwsTypes.address(TOPIC, name),
        TOPIC,
        "topic " + (neutral == null ? name : neutral),
        owned,
        Map.of(),
        Map.of(ResourceType.ARN, s.names.topicArn(name)));
  }

  boolean exists(String name) throws ProviderException {
    try {
      s.call(
          "GetTopicAttributes",
          name,
          () -> sns().getTopicAttributes(b -> b.topicArn(s.names.topicArn(name))));
      return true;
    } catch (ProviderException e) {
      if (e.getCause() instanceof NotFoundException) return false;
      throw e;
    }
  }

  /** The subscriptions of this topic that deliver to one of the stack's functions. */
  /**
   * The topic's Lambda subscriptions of this target: those whose function carries this stack's and
   * target's tags ({@code ownedFunctions}); a name prefix is not exact ({@code orders-dev-} is a
   * prefix of {@code orders-dev-eu-}).
   */
  List<LiveResource> subscriptions(String topic, String topicArn, Set<String> ownedFunctions)
      throws ProviderException {
    return subscriptionsIfExists(topic, topicArn, ownedFunctions).orElse(List.of());
  }

  /**
   * A topic the tagging API lists as this stack's, with its subscriptions; none when SNS says the
   * topic does not exist. The tagging API also lists topics deleted a while ago ("tagged or
   * previously tagged"), so the subscription listing, made for every owned topic anyway, is what
   * confirms it exists: no extra call.
   */
  List<LiveResource> owned(String topic, Set<String> ownedFunctions) throws ProviderException {
    Optional<List<LiveResource>> subscriptions =
        subscriptionsIfExists(topic, s.names.topicArn(topic), ownedFunctions);
    if (subscriptions.isEmpty()) return List.of();
    List<LiveResource> out = new ArrayList<>();
    out.add(topic(topic, true));
    out.addAll(subscriptions.get());
    return out;
  }

  private Optional<List<LiveResource>> subscriptionsIfExists(
      String topic, String topicArn, Set<String> ownedFunctions) throws ProviderException {
    List<LiveResource> out = new ArrayList<>();
    String token = null;
    do {
      String t = token;
      ListSubscriptionsByTopicResponse page;
      try {
        page =
            s.call(
                "ListSubscriptionsByTopic",
                topic,
                () -> sns().listSubscriptionsByTopic(b -> b.topicArn(topicArn).nextToken(t)));
      } catch (ProviderException e) {
        if (e.getCause() instanceof NotFoundException) return Optional.empty();
        throw e;
      }
      for (Subscription sub : page.subscriptions()) {
        if (!"lambda".equals(sub.protocol()) || sub.endpoint() == null) continue;
        String fn = StackNames.functionName(sub.endpoint());
        String neutral = s.names.neutral(fn);
        if (neutral == null) continue;
        boolean owned = ownedFunctions.contains(fn);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(SubscriptionType.TOPIC, sub.topicArn());
        p.put(SubscriptionType.PROTOCOL, sub.protocol());
        p.put(SubscriptionType.ENDPOINT, sub.endpoint());
        out.add(
            new LiveResource(
                AwsTypes.address(SUBSCRIPTION, topic + "/" + fn),
                SUBSCRIPTION,
                "function " + neutral,
                owned,
                p,
                Map.of(ResourceType.ARN, sub.subscriptionArn()),
                List.of(AwsTypes.address(TOPIC, topic), AwsTypes.address(AwsTypes.FUNCTION, fn))));
      }
      token = page.nextToken();
    } while (token != null);
    return Optional.of(out);
  }

  Map<String, Object> create(String name) throws ProviderException {
    // CreateTopic is idempotent for the same name and attributes: safe to repeat.
    String arn =
        s.call(
            "CreateTopic",
            name,
            () ->
                sns()
                    .createTopic(
                        b ->
                            b.name(name)
                                .tags(
                                    Tag.builder()
                                        .key(StackNames.STACK_TAG)
                                        .value(s.names.stack())
                                        .build(),
                                    Tag.builder()
                                        .key(StackNames.TARGET_TAG)
                                        .value(s.names.target())
                                        .build()))
                    .topicArn());
    return Map.of(ResourceType.ARN, arn);
  }

  void delete(String name) throws ProviderException {
    try {
      s.call("DeleteTopic", name, () -> sns().deleteTopic(b -> b.topicArn(s.names.topicArn(name))));
    } catch (ProviderException e) {
      if (!(e.getCause() instanceof NotFoundException)) throw e;
    }
  }

  Map<String, Object> subscribe(String address, Map<String, Object> after)
      throws ProviderException {
    // Subscribe returns the existing subscription for the same topic, protocol and endpoint.
    String arn =
        s.call(
            "Subscribe",
            address,
            () ->
                sns()
                    .subscribe(
                        b ->
                            b.topicArn((String) after.get(SubscriptionType.TOPIC))
                                .protocol((String) after.get(SubscriptionType.PROTOCOL))
                                .endpoint((String) after.get(SubscriptionType.ENDPOINT))
                                .returnSubscriptionArn(true))
                    .subscriptionArn());
    return Map.of(ResourceType.ARN, arn);
  }

  void unsubscribe(String address, String arn) throws ProviderException {
    try {
      s.call("Unsubscribe", address, () -> sns().unsubscribe(b -> b.subscriptionArn(arn)));
    } catch (ProviderException e) {
      if (!(e.getCause() instanceof NotFoundException)) throw e;
    }
  }
}
