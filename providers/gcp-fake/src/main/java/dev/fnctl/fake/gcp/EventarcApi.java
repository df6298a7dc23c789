package dev.fnctl.fake.gcp;

import com.google.cloud.eventarc.v1.CreateTriggerRequest;
import com.google.cloud.eventarc.v1.DeleteTriggerRequest;
import com.google.cloud.eventarc.v1.Destination;
import com.google.cloud.eventarc.v1.EventFilter;
import com.google.cloud.eventarc.v1.EventarcProto;
import com.google.cloud.eventarc.v1.GetTriggerRequest;
import com.google.cloud.eventarc.v1.ListTriggersRequest;
import com.google.cloud.eventarc.v1.ListTriggersResponse;
import com.google.cloud.eventarc.v1.OperationMetadata;
import com.google.cloud.eventarc.v1.Pubsub;
import com.google.cloud.eventarc.v1.Transport;
import com.google.cloud.eventarc.v1.Trigger;
import com.google.cloud.eventarc.v1.UpdateTriggerRequest;
import com.google.cloud.functions.v2.Function;
import com.google.protobuf.Empty;
import com.google.protobuf.Message;
import com.google.pubsub.v1.PushConfig;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.Topic;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Eventarc v1 triggers (eventarc.googleapis.com, Eventarc in
 * google/cloud/eventarc/v1/eventarc.proto) with their operations: a trigger's transport is a
 * Pub/Sub subscription Eventarc makes in the project (and, for events that are not Pub/Sub
 * messages, a topic it makes too), visible through the Pub/Sub API as in Google Cloud. A function
 * with an event trigger gets its Eventarc trigger when deployed.
 */
final class EventarcApi {
  private static final Pattern TRIGGER_ID = Pattern.compile("[a-z](?:[-a-z0-9]{0,62})");
  private static final String SERVICE = "google.cloud.eventarc.v1.Eventarc.";

  private final Cloud cloud;

  EventarcApi(Cloud cloud) {
    this.cloud = cloud;
  }

  void register(Router router) {
    router.addService(EventarcProto.getDescriptor().findServiceByName("Eventarc"));
    router.handle(SERVICE + "GetTrigger", this::get);
    router.handle(SERVICE + "ListTriggers", this::list);
    router.handle(SERVICE + "CreateTrigger", this::create);
    router.handle(SERVICE + "UpdateTrigger", this::update);
    router.handle(SERVICE + "DeleteTrigger", this::delete);
    // eventarc_v1.yaml binds the Operations mixin under /v1.
    Mixins.operations(router, cloud, "eventarc.googleapis.com", "/v1");
  }

  private Trigger existing(String name) {
    Trigger trigger = cloud.resources.get(name, Trigger.class);
    if (trigger == null) {
      throw GoogleError.notFound("Resource '" + name + "' was not found");
    }
    return trigger;
  }

  private Message get(RpcCall call) {
    return existing(call.request(GetTriggerRequest.getDefaultInstance()).getName());
  }

  private Message list(RpcCall call) {
    ListTriggersRequest request = call.request(ListTriggersRequest.getDefaultInstance());
    List<Trigger> matching =
        cloud.resources.list(request.getParent(), "triggers", Trigger.class).stream()
            .filter(t -> Standard.matches(t, request.getFilter()))
            .toList();
    var page = Standard.page(matching, request.getPageSize(), request.getPageToken(), 100);
    return ListTriggersResponse.newBuilder()
        .addAllTriggers(page.items())
        .setNextPageToken(page.nextPageToken())
        .build();
  }

  private Message create(RpcCall call) {
    CreateTriggerRequest request = call.request(CreateTriggerRequest.getDefaultInstance());
    Standard.requireFields(request, "");
    Standard.requireFields(request.getTrigger(), "trigger.");
    if (!TRIGGER_ID.matcher(request.getTriggerId()).matches()) {
      throw GoogleError.invalidArgument("Invalid trigger_id \"" + request.getTriggerId() + "\".");
    }
    Standard.checkLabels(request.getTrigger().getLabelsMap());
    String name = request.getParent() + "/triggers/" + request.getTriggerId();
    if (cloud.resources.get(name) != null) {
      throw GoogleError.alreadyExists("Resource '" + name + "' already exists");
    }
    boolean storageEvents =
        request.getTrigger().getEventFiltersList().stream()
            .anyMatch(
                f ->
                    f.getAttribute().equals("type")
                        && f.getValue().startsWith("google.cloud.storage.object."));
    if (storageEvents) {
      // Eventarc refuses a Cloud Storage trigger while Cloud Storage cannot publish its events
      cloud.requireStorageAgentMayPublish(cloud.projects.idOf(request.getParent()));
    }
    Trigger trigger =
        withTransport(Standard.withoutOutputOnly(request.getTrigger()).toBuilder().setName(name));
    if (request.getValidateOnly()) {
      return cloud.operations.start(
          request.getParent(), call.rpc(), metadata(name, "create"), () -> trigger);
    }
    return cloud.operations.start(
        request.getParent(), call.rpc(), metadata(name, "create"), () -> store(trigger));
  }

  private Message update(RpcCall call) {
    UpdateTriggerRequest request = call.request(UpdateTriggerRequest.getDefaultInstance());
    Trigger current = existing(request.getTrigger().getName());
    Trigger updated = Standard.update(current, request.getTrigger(), request.getUpdateMask());
    return cloud.operations.start(
        Standard.location(current.getName()),
        call.rpc(),
        metadata(current.getName(), "update"),
        () -> store(updated));
  }

  private Message delete(RpcCall call) {
    DeleteTriggerRequest request = call.request(DeleteTriggerRequest.getDefaultInstance());
    Trigger current = cloud.resources.get(request.getName(), Trigger.class);
    if (current == null && request.getAllowMissing()) {
      return cloud.operations.start(
          Standard.location(request.getName()),
          call.rpc(),
          metadata(request.getName(), "delete"),
          Empty::getDefaultInstance);
    }
    existing(request.getName());
    if (!request.getEtag().isEmpty() && !request.getEtag().equals(current.getEtag())) {
      throw GoogleError.aborted("The etag of trigger " + request.getName() + " does not match.");
    }
    return cloud.operations.start(
        Standard.location(request.getName()),
        call.rpc(),
        metadata(request.getName(), "delete"),
        () -> {
          cloud.resources.remove(request.getName());
          String subscription = current.getTransport().getPubsub().getSubscription();
          if (!subscription.isEmpty()) {
            cloud.resources.remove(subscription);
            cloud.policies.remove(subscription);
          }
          return current;
        });
  }

  private Trigger store(Trigger trigger) {
    Trigger stored =
        trigger.toBuilder()
            .setUid(trigger.getUid().isEmpty() ? UUID.randomUUID().toString() : trigger.getUid())
            .setCreateTime(trigger.hasCreateTime() ? trigger.getCreateTime() : Standard.now())
            .setUpdateTime(Standard.now())
            .setEtag(UUID.randomUUID().toString())
            .build();
    cloud.resources.put(stored.getName(), stored);
    return stored;
  }

  /** The Pub/Sub transport Eventarc makes for a trigger: a subscription, and a topic if none. */
  private Trigger withTransport(Trigger.Builder trigger) {
    String name = trigger.getName();
    String project = name.split("/")[1];
    String region = name.split("/")[3];
    String suffix = Integer.toString(Math.floorMod(name.hashCode(), 1000));
    String topic = trigger.getTransport().getPubsub().getTopic();
    if (topic.isEmpty()) {
      topic =
          "projects/"
              + project
              + "/topics/eventarc-"
              + region
              + "-"
              + Standard.id(name)
              + "-"
              + suffix;
      cloud.resources.put(
          topic, Topic.newBuilder().setName(topic).putLabels("goog-eventarc", "").build());
    }
    String subscription =
        "projects/"
            + project
            + "/subscriptions/eventarc-"
            + region
            + "-"
            + Standard.id(name)
            + "-sub-"
            + suffix;
    String endpoint = trigger.getDestination().getCloudRun().getService();
    cloud.resources.put(
        subscription,
        Subscription.newBuilder()
            .setName(subscription)
            .setTopic(topic)
            .setPushConfig(
                PushConfig.newBuilder().setPushEndpoint("https://" + endpoint + ".run.app"))
            .setAckDeadlineSeconds(10)
            .putLabels("goog-eventarc", "")
            .build());
    trigger.setTransport(
        Transport.newBuilder()
            .setPubsub(Pubsub.newBuilder().setTopic(topic).setSubscription(subscription)));
    return trigger.build();
  }

  private static OperationMetadata metadata(String target, String verb) {
    return OperationMetadata.newBuilder()
        .setCreateTime(Standard.now())
        .setTarget(target)
        .setVerb(verb)
        .setApiVersion("v1")
        .build();
  }

  /** The trigger a function's deployment makes from its eventTrigger, as Eventarc shows it. */
  static void functionTrigger(Cloud cloud, Function function) {
    var event = function.getEventTrigger();
    String name = event.getTrigger();
    if (cloud.resources.get(name, Trigger.class) != null) {
      return;
    }
    Trigger.Builder trigger =
        Trigger.newBuilder()
            .setName(name)
            .setServiceAccount(event.getServiceAccountEmail())
            .addEventFilters(
                EventFilter.newBuilder().setAttribute("type").setValue(event.getEventType()))
            .setDestination(
                Destination.newBuilder()
                    .setCloudRun(
                        com.google.cloud.eventarc.v1.CloudRun.newBuilder()
                            .setService(Standard.id(function.getServiceConfig().getService()))
                            .setRegion(name.split("/")[3])));
    for (var filter : event.getEventFiltersList()) {
      trigger.addEventFilters(
          EventFilter.newBuilder()
              .setAttribute(filter.getAttribute())
              .setValue(filter.getValue())
              .setOperator(filter.getOperator()));
    }
    if (!event.getPubsubTopic().isEmpty()) {
      trigger.setTransport(
          Transport.newBuilder().setPubsub(Pubsub.newBuilder().setTopic(event.getPubsubTopic())));
    }
    EventarcApi api = new EventarcApi(cloud);
    api.store(api.withTransport(trigger));
  }
}
