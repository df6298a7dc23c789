package dev.fnctl.fake.gcp;

import com.google.api.HttpRule;
import com.google.iam.v1.IamPolicyProto;
import com.google.protobuf.Duration;
import com.google.protobuf.Empty;
import com.google.protobuf.Message;
import com.google.pubsub.v1.DeleteSubscriptionRequest;
import com.google.pubsub.v1.DeleteTopicRequest;
import com.google.pubsub.v1.ExpirationPolicy;
import com.google.pubsub.v1.GetSubscriptionRequest;
import com.google.pubsub.v1.GetTopicRequest;
import com.google.pubsub.v1.ListSubscriptionsRequest;
import com.google.pubsub.v1.ListSubscriptionsResponse;
import com.google.pubsub.v1.ListTopicSubscriptionsRequest;
import com.google.pubsub.v1.ListTopicSubscriptionsResponse;
import com.google.pubsub.v1.ListTopicsRequest;
import com.google.pubsub.v1.ListTopicsResponse;
import com.google.pubsub.v1.PubsubProto;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.Topic;
import com.google.pubsub.v1.UpdateSubscriptionRequest;
import com.google.pubsub.v1.UpdateTopicRequest;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Pub/Sub v1 topics and subscriptions (pubsub.googleapis.com, Publisher and Subscriber in
 * google/pubsub/v1/pubsub.proto): the admin surface, with labels, dead-letter policies, update
 * masks and IAM policies, which the emulator lacks. Messages are not delivered. Errors carry the
 * service's own wording ("Resource not found (resource=t).").
 */
final class PubSubApi {
  private static final Pattern RESOURCE_ID = Pattern.compile("[A-Za-z][A-Za-z0-9\\-_.~+%]{2,254}");
  private static final String PUBLISHER = "google.pubsub.v1.Publisher.";
  private static final String SUBSCRIBER = "google.pubsub.v1.Subscriber.";

  private final Cloud cloud;

  PubSubApi(Cloud cloud) {
    this.cloud = cloud;
  }

  void register(Router router) {
    router.addService(PubsubProto.getDescriptor().findServiceByName("Publisher"));
    router.addService(PubsubProto.getDescriptor().findServiceByName("Subscriber"));
    router.handle(PUBLISHER + "CreateTopic", this::createTopic);
    router.handle(
        PUBLISHER + "GetTopic",
        call -> topic(call.request(GetTopicRequest.getDefaultInstance()).getTopic()));
    router.handle(PUBLISHER + "UpdateTopic", this::updateTopic);
    router.handle(PUBLISHER + "ListTopics", this::listTopics);
    router.handle(PUBLISHER + "ListTopicSubscriptions", this::listTopicSubscriptions);
    router.handle(PUBLISHER + "DeleteTopic", this::deleteTopic);
    router.handle(SUBSCRIBER + "CreateSubscription", this::createSubscription);
    router.handle(
        SUBSCRIBER + "GetSubscription",
        call ->
            subscription(
                call.request(GetSubscriptionRequest.getDefaultInstance()).getSubscription()));
    router.handle(SUBSCRIBER + "UpdateSubscription", this::updateSubscription);
    router.handle(SUBSCRIBER + "ListSubscriptions", this::listSubscriptions);
    router.handle(SUBSCRIBER + "DeleteSubscription", this::deleteSubscription);
    // pubsub_v1.yaml binds the IAMPolicy mixin on topics and subscriptions.
    var getPolicy =
        IamPolicyProto.getDescriptor()
            .findServiceByName("IAMPolicy")
            .findMethodByName("GetIamPolicy");
    var setPolicy =
        IamPolicyProto.getDescriptor()
            .findServiceByName("IAMPolicy")
            .findMethodByName("SetIamPolicy");
    for (var kind : List.of(Topic.class, Subscription.class)) {
      String path =
          "/v1/{resource=projects/*/" + (kind == Topic.class ? "topics" : "subscriptions") + "/*}";
      router.mixin(
          "pubsub.googleapis.com",
          getPolicy,
          HttpRule.newBuilder().setGet(path + ":getIamPolicy").build(),
          call -> Mixins.policy(cloud, call, kind));
      router.mixin(
          "pubsub.googleapis.com",
          setPolicy,
          HttpRule.newBuilder().setPost(path + ":setIamPolicy").setBody("*").build(),
          call -> Mixins.setPolicy(cloud, call, kind));
    }
  }

  private static void checkName(String name, String collection) {
    String[] parts = name.split("/");
    if (parts.length != 4
        || !parts[0].equals("projects")
        || !parts[2].equals(collection)
        || !RESOURCE_ID.matcher(parts[3]).matches()
        || parts[3].startsWith("goog")) {
      throw GoogleError.invalidArgument("Invalid [" + collection + "] name: (name=" + name + ")");
    }
  }

  private Topic topic(String name) {
    Topic topic = cloud.resources.get(name, Topic.class);
    if (topic == null) {
      throw GoogleError.notFound("Resource not found (resource=" + Standard.id(name) + ").");
    }
    return topic;
  }

  private Subscription subscription(String name) {
    Subscription subscription = cloud.resources.get(name, Subscription.class);
    if (subscription == null) {
      throw GoogleError.notFound("Resource not found (resource=" + Standard.id(name) + ").");
    }
    return subscription;
  }

  private Message createTopic(RpcCall call) {
    Topic request = Standard.withoutOutputOnly(call.request(Topic.getDefaultInstance()));
    checkName(request.getName(), "topics");
    Standard.checkLabels(request.getLabelsMap());
    synchronized (cloud) {
      if (cloud.resources.get(request.getName()) != null) {
        throw GoogleError.alreadyExists(
            "Resource already exists in the project (resource="
                + Standard.id(request.getName())
                + ").");
      }
      Topic topic = request.toBuilder().setState(Topic.State.ACTIVE).build();
      cloud.resources.put(topic.getName(), topic);
      return topic;
    }
  }

  private Message updateTopic(RpcCall call) {
    UpdateTopicRequest request = call.request(UpdateTopicRequest.getDefaultInstance());
    if (request.getUpdateMask().getPathsCount() == 0) {
      throw GoogleError.invalidArgument(
          "The update_mask in the UpdateTopicRequest must be set, and must be non-empty.");
    }
    Topic current = topic(request.getTopic().getName());
    Topic updated = Standard.update(current, request.getTopic(), request.getUpdateMask());
    Standard.checkLabels(updated.getLabelsMap());
    cloud.resources.put(current.getName(), updated);
    return updated;
  }

  private Message listTopics(RpcCall call) {
    ListTopicsRequest request = call.request(ListTopicsRequest.getDefaultInstance());
    var page =
        Standard.page(
            cloud.resources.list(request.getProject(), "topics", Topic.class),
            request.getPageSize(),
            request.getPageToken(),
            100);
    return ListTopicsResponse.newBuilder()
        .addAllTopics(page.items())
        .setNextPageToken(page.nextPageToken())
        .build();
  }

  private Message listTopicSubscriptions(RpcCall call) {
    ListTopicSubscriptionsRequest request =
        call.request(ListTopicSubscriptionsRequest.getDefaultInstance());
    topic(request.getTopic());
    String project = request.getTopic().split("/")[1];
    List<String> names =
        cloud.resources.list("projects/" + project, "subscriptions", Subscription.class).stream()
            .filter(s -> s.getTopic().equals(request.getTopic()))
            .map(Subscription::getName)
            .toList();
    var page = Standard.page(names, request.getPageSize(), request.getPageToken(), 100);
    return ListTopicSubscriptionsResponse.newBuilder()
        .addAllSubscriptions(page.items())
        .setNextPageToken(page.nextPageToken())
        .build();
  }

  private Message deleteTopic(RpcCall call) {
    Topic topic = topic(call.request(DeleteTopicRequest.getDefaultInstance()).getTopic());
    cloud.resources.remove(topic.getName());
    cloud.policies.remove(topic.getName());
    // Subscriptions outlive their topic, attached to the "_deleted-topic_" marker.
    String project = topic.getName().split("/")[1];
    for (Subscription s :
        cloud.resources.list("projects/" + project, "subscriptions", Subscription.class)) {
      if (s.getTopic().equals(topic.getName())) {
        cloud.resources.put(s.getName(), s.toBuilder().setTopic("_deleted-topic_").build());
      }
    }
    return Empty.getDefaultInstance();
  }

  private Message createSubscription(RpcCall call) {
    Subscription request =
        Standard.withoutOutputOnly(call.request(Subscription.getDefaultInstance()));
    checkName(request.getName(), "subscriptions");
    Standard.requireFields(request, "");
    topic(request.getTopic());
    Subscription subscription = withDefaults(request);
    synchronized (cloud) {
      if (cloud.resources.get(request.getName()) != null) {
        throw GoogleError.alreadyExists(
            "Resource already exists in the project (resource="
                + Standard.id(request.getName())
                + ").");
      }
      cloud.resources.put(subscription.getName(), subscription);
    }
    return subscription;
  }

  private Subscription withDefaults(Subscription request) {
    Standard.checkLabels(request.getLabelsMap());
    Subscription.Builder s = request.toBuilder().setState(Subscription.State.ACTIVE);
    if (!s.hasPushConfig()) {
      s.setPushConfig(com.google.pubsub.v1.PushConfig.getDefaultInstance()); // a pull subscription
    }
    if (s.getAckDeadlineSeconds() == 0) {
      s.setAckDeadlineSeconds(10);
    }
    if (s.getAckDeadlineSeconds() < 10 || s.getAckDeadlineSeconds() > 600) {
      throw GoogleError.invalidArgument(
          "Invalid ack deadline given. The minimum deadline is 10 seconds and the maximum is 600 seconds.");
    }
    if (!s.hasMessageRetentionDuration()) {
      s.setMessageRetentionDuration(Duration.newBuilder().setSeconds(604800));
    }
    if (!s.hasExpirationPolicy()) {
      s.setExpirationPolicy(
          ExpirationPolicy.newBuilder().setTtl(Duration.newBuilder().setSeconds(2678400)));
    }
    if (s.hasDeadLetterPolicy()) {
      var dead = s.getDeadLetterPolicyBuilder();
      if (dead.getMaxDeliveryAttempts() == 0) {
        dead.setMaxDeliveryAttempts(5);
      }
      if (dead.getMaxDeliveryAttempts() < 5 || dead.getMaxDeliveryAttempts() > 100) {
        throw GoogleError.invalidArgument(
            "Invalid max_delivery_attempts: it must be between 5 and 100.");
      }
      checkName(dead.getDeadLetterTopic(), "topics");
    }
    return s.build();
  }

  private Message updateSubscription(RpcCall call) {
    UpdateSubscriptionRequest request =
        call.request(UpdateSubscriptionRequest.getDefaultInstance());
    if (request.getUpdateMask().getPathsCount() == 0) {
      throw GoogleError.invalidArgument(
          "The update_mask in the UpdateSubscriptionRequest must be set, and must be non-empty.");
    }
    Subscription current = subscription(request.getSubscription().getName());
    Subscription updated =
        withDefaults(Standard.update(current, request.getSubscription(), request.getUpdateMask()));
    cloud.resources.put(current.getName(), updated);
    return updated;
  }

  private Message listSubscriptions(RpcCall call) {
    ListSubscriptionsRequest request = call.request(ListSubscriptionsRequest.getDefaultInstance());
    var page =
        Standard.page(
            cloud.resources.list(request.getProject(), "subscriptions", Subscription.class),
            request.getPageSize(),
            request.getPageToken(),
            100);
    return ListSubscriptionsResponse.newBuilder()
        .addAllSubscriptions(page.items())
        .setNextPageToken(page.nextPageToken())
        .build();
  }

  private Message deleteSubscription(RpcCall call) {
    Subscription subscription =
        subscription(
            call.request(DeleteSubscriptionRequest.getDefaultInstance()).getSubscription());
    cloud.resources.remove(subscription.getName());
    cloud.policies.remove(subscription.getName());
    return Empty.getDefaultInstance();
  }
}
