package dev.fnctl.provider.gcp;

import com.google.cloud.eventarc.v1.CloudRun;
import com.google.cloud.eventarc.v1.CreateTriggerRequest;
import com.google.cloud.eventarc.v1.DeleteTriggerRequest;
import com.google.cloud.eventarc.v1.Destination;
import com.google.cloud.eventarc.v1.EventFilter;
import com.google.cloud.eventarc.v1.EventarcClient;
import com.google.cloud.eventarc.v1.ListTriggersRequest;
import com.google.cloud.eventarc.v1.Pubsub;
import com.google.cloud.eventarc.v1.Transport;
import com.google.cloud.eventarc.v1.Trigger;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.Ownership;
import dev.fnctl.provider.ProviderException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Eventarc triggers through the client library; one list call reads the region's triggers. */
final class EventTriggers {
  static final String TYPE_ATTRIBUTE = "type";

  /** What Cloud Storage's service agent needs to publish events to Eventarc's topics. */
  static final String STORAGE_AGENT_ROLE = "roles/pubsub.publisher";

  private final GcpSession session;
  private final IamPolicies policies;

  EventTriggers(GcpSession session, IamPolicies policies) {
    this.session = session;
    this.policies = policies;
  }

  /**
   * Cloud Storage delivers events to Eventarc through Pub/Sub as its service agent, which must be
   * allowed to publish in the project: added when missing, never removed (other triggers and stacks
   * rely on it). The agent's address is asked of Cloud Storage ({@code
   * projects.serviceAccount.get}, the way Google documents to learn it) rather than composed: it is
   * one call, made only when a storage trigger is created, so a no-op plan never pays it.
   */
  private void storageAgentMayPublish() throws ProviderException {
    String url =
        session.base("storage.googleapis.com")
            + "/storage/v1/projects/"
            + session.names.project()
            + "/serviceAccount";
    com.google.gson.JsonObject agent =
        session.call(
            "read the Cloud Storage service agent of project " + session.names.project(),
            () -> session.rest().get(url));
    if (!agent.has("email_address"))
      throw new ProviderException(
          "Cloud Storage named no service agent for project "
              + session.names.project()
              + "; run 'gcloud storage service-agent --project="
              + session.names.project()
              + "' to see why, then run again");
    grant(
        "serviceAccount:" + agent.get("email_address").getAsString(),
        new IamPolicies.Target(MemberLayout.PROJECT, session.names.project()),
        STORAGE_AGENT_ROLE,
        "Cloud Storage's service agent needs it to deliver a storage trigger's events");
  }

  /**
   * Adds a role a Google service agent needs, or fails the step with one line naming the member,
   * the role, the resource and what to do: a step that goes on without the grant would report done
   * while the events or dead letters it exists for would never arrive.
   */
  private void grant(String agent, IamPolicies.Target t, String role, String why)
      throws ProviderException {
    try {
      policies.ensure(t, agent, role);
    } catch (ProviderException e) {
      String command =
          switch (t.kind()) {
            case MemberLayout.PROJECT -> "gcloud projects add-iam-policy-binding " + t.resource();
            case MemberLayout.TOPIC_KIND ->
                "gcloud pubsub topics add-iam-policy-binding "
                    + t.resource()
                    + " --project="
                    + session.names.project();
            case MemberLayout.SUBSCRIPTION ->
                "gcloud pubsub subscriptions add-iam-policy-binding "
                    + t.resource()
                    + " --project="
                    + session.names.project();
            default -> "gcloud ... add-iam-policy-binding " + t.resource();
          };
      throw new ProviderException(
          e.kind(),
          "could not grant "
              + agent
              + " "
              + role
              + " on "
              + t.kind()
              + " "
              + t.resource()
              + " ("
              + why
              + "): "
              + GcpErrors.oneLine(e.getMessage())
              + "; grant it yourself ("
              + command
              + " --member="
              + agent
              + " --role="
              + role
              + ") or let the deploying identity set that IAM policy, then run again",
          e.permission(),
          e);
    }
  }

  List<LiveResource> list(Set<String> wanted) throws ProviderException {
    EventarcClient client = session.eventarc();
    Ownership owner = new Ownership(session.names.stack(), session.names.target());
    List<LiveResource> out = new ArrayList<>();
    List<Trigger> kept = new ArrayList<>();
    Iterable<Trigger> all =
        session.call(
            "list Eventarc triggers",
            () ->
                client
                    .listTriggers(
                        ListTriggersRequest.newBuilder()
                            .setParent(session.names.location())
                            .setPageSize(1000)
                            .build())
                    .iterateAll());
    for (Trigger t : all) {
      String id = t.getName().substring(t.getName().lastIndexOf('/') + 1);
      if (owner.owns(t.getLabelsMap()) || wanted.contains(id)) kept.add(t);
    }
    Map<String, Map<String, Object>> deadLetters =
        kept.stream().anyMatch(t -> !t.getTransport().getPubsub().getSubscription().isEmpty())
            ? deadLetters()
            : Map.of();
    for (Trigger t : kept) {
      String id = t.getName().substring(t.getName().lastIndexOf('/') + 1);
      boolean owned = owner.owns(t.getLabelsMap());
      String type = null;
      Map<String, Object> filters = new TreeMap<>();
      for (EventFilter f : t.getEventFiltersList()) {
        if (f.getAttribute().equals(TYPE_ATTRIBUTE)) type = f.getValue();
        else filters.put(f.getAttribute(), f.getValue());
      }
      Map<String, Object> p = new LinkedHashMap<>();
      p.put(EventTriggerType.EVENT_TYPE, type);
      p.put(EventTriggerType.FILTERS, filters);
      // Eventarc makes a topic of its own for Cloud Storage events: only a Pub/Sub trigger's
      // topic is the spec's.
      p.put(
          EventTriggerType.TOPIC,
          TriggerLayout.PUBSUB_PUBLISHED.equals(type)
              ? t.getTransport().getPubsub().getTopic()
              : null);
      p.put(EventTriggerType.SERVICE, t.getDestination().getCloudRun().getService());
      p.put(EventTriggerType.SERVICE_ACCOUNT, t.getServiceAccount());
      p.put(
          EventTriggerType.DEAD_LETTER,
          deadLetters.get(t.getTransport().getPubsub().getSubscription()));
      List<String> deps = new ArrayList<>();
      String service = t.getDestination().getCloudRun().getService();
      if (!service.isEmpty()) deps.add(GcpTypes.address(GcpTypes.FUNCTION, service));
      out.add(
          new LiveResource(
              GcpTypes.address(GcpTypes.TRIGGER, id),
              GcpTypes.TRIGGER,
              null,
              owned,
              p,
              Map.of(),
              deps));
    }
    return out;
  }

  /**
   * The dead-letter policies of the project's subscriptions (one list call), by subscription name;
   * subscriptions without one are left out.
   */
  private Map<String, Map<String, Object>> deadLetters() throws ProviderException {
    Map<String, Map<String, Object>> out = new java.util.HashMap<>();
    String token = null;
    do {
      String url =
          session.pubsubBase()
              + "/v1/projects/"
              + session.names.project()
              + "/subscriptions?pageSize=1000"
              + (token == null ? "" : "&pageToken=" + token);
      com.google.gson.JsonObject page =
          session.call("list subscriptions", () -> session.pubsubRest().get(url));
      if (page.has("subscriptions"))
        for (com.google.gson.JsonElement e : page.getAsJsonArray("subscriptions")) {
          com.google.gson.JsonObject s = e.getAsJsonObject();
          if (!s.has("deadLetterPolicy")) continue;
          com.google.gson.JsonObject d = s.getAsJsonObject("deadLetterPolicy");
          if (!d.has("deadLetterTopic")) continue;
          Map<String, Object> dl = new LinkedHashMap<>();
          dl.put(EventTriggerType.DEAD_LETTER_TOPIC, d.get("deadLetterTopic").getAsString());
          dl.put(
              EventTriggerType.MAX_DELIVERY_ATTEMPTS,
              d.has("maxDeliveryAttempts") ? d.get("maxDeliveryAttempts").getAsLong() : 5L);
          out.put(s.get("name").getAsString(), dl);
        }
      token = page.has("nextPageToken") ? page.get("nextPageToken").getAsString() : null;
      if (token != null && token.isEmpty()) token = null;
    } while (token != null);
    return out;
  }

  /**
   * Sets (or, with null, clears) the dead-letter policy of the subscription Eventarc made for
   * trigger {@code id}, and lets Pub/Sub's service agent move messages there: publish on the
   * dead-letter topic, subscribe on the subscription (added when missing, never removed).
   */
  void deadLetter(String id, Map<String, Object> deadLetter) throws ProviderException {
    Trigger t =
        session.call(
            "read Eventarc trigger " + id,
            () -> session.eventarc().getTrigger(session.names.triggerPath(id)));
    String subscription = t.getTransport().getPubsub().getSubscription();
    if (subscription.isEmpty())
      throw new ProviderException(
          "Eventarc trigger " + id + " has no Pub/Sub subscription to set a dead-letter policy on");
    // the agent's roles first: should they be refused, the subscription keeps no dead-letter
    // policy, so the next plan still shows the change and the re-run makes both
    if (deadLetter != null) pubsubAgentMayDeadLetter(subscription, deadLetter);
    com.google.gson.JsonObject sub = new com.google.gson.JsonObject();
    sub.addProperty("name", subscription);
    if (deadLetter != null) {
      com.google.gson.JsonObject policy = new com.google.gson.JsonObject();
      policy.addProperty(
          "deadLetterTopic", String.valueOf(deadLetter.get(EventTriggerType.DEAD_LETTER_TOPIC)));
      policy.addProperty(
          "maxDeliveryAttempts",
          ((Number) deadLetter.get(EventTriggerType.MAX_DELIVERY_ATTEMPTS)).intValue());
      sub.add("deadLetterPolicy", policy);
    }
    com.google.gson.JsonObject body = new com.google.gson.JsonObject();
    body.add("subscription", sub);
    body.addProperty("updateMask", "deadLetterPolicy");
    session.call(
        "set the dead-letter policy of " + subscription,
        () -> session.pubsubRest().patch(session.pubsubBase() + "/v1/" + subscription, body));
  }

  private void pubsubAgentMayDeadLetter(String subscription, Map<String, Object> deadLetter)
      throws ProviderException {
    String agent =
        "serviceAccount:service-"
            + session.projectNumber()
            + "@gcp-sa-pubsub.iam.gserviceaccount.com";
    String topic = String.valueOf(deadLetter.get(EventTriggerType.DEAD_LETTER_TOPIC));
    grant(
        agent,
        new IamPolicies.Target(
            MemberLayout.TOPIC_KIND, topic.substring(topic.lastIndexOf('/') + 1)),
        "roles/pubsub.publisher",
        "Pub/Sub's service agent needs it to move dead letters there");
    grant(
        agent,
        new IamPolicies.Target(
            MemberLayout.SUBSCRIPTION, subscription.substring(subscription.lastIndexOf('/') + 1)),
        "roles/pubsub.subscriber",
        "Pub/Sub's service agent needs it to take dead letters off the subscription");
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> create(String id, Map<String, Object> after) throws ProviderException {
    String eventType = (String) after.get(EventTriggerType.EVENT_TYPE);
    if (eventType != null && eventType.startsWith("google.cloud.storage."))
      storageAgentMayPublish();
    Trigger.Builder t =
        Trigger.newBuilder()
            .setName(session.names.triggerPath(id))
            .addEventFilters(
                EventFilter.newBuilder()
                    .setAttribute(TYPE_ATTRIBUTE)
                    .setValue((String) after.get(EventTriggerType.EVENT_TYPE)))
            .setServiceAccount((String) after.get(EventTriggerType.SERVICE_ACCOUNT))
            .setDestination(
                Destination.newBuilder()
                    .setCloudRun(
                        CloudRun.newBuilder()
                            .setService((String) after.get(EventTriggerType.SERVICE))
                            .setRegion(session.names.region())
                            .setPath("/")))
            .putAllLabels(GcpSession.labels(session.names));
    Map<String, Object> filters = (Map<String, Object>) after.get(EventTriggerType.FILTERS);
    if (filters != null)
      filters.forEach(
          (k, v) ->
              t.addEventFilters(
                  EventFilter.newBuilder().setAttribute(k).setValue(String.valueOf(v))));
    Object topic = after.get(EventTriggerType.TOPIC);
    if (topic != null)
      t.setTransport(
          Transport.newBuilder().setPubsub(Pubsub.newBuilder().setTopic(String.valueOf(topic))));
    EventarcClient client = session.eventarc();
    com.google.longrunning.Operation op;
    try {
      op =
          client
              .createTriggerCallable()
              .call(
                  CreateTriggerRequest.newBuilder()
                      .setParent(session.names.location())
                      .setTriggerId(id)
                      .setTrigger(t)
                      .build());
    } catch (Exception e) {
      if (!GcpErrors.alreadyExists(e)) throw GcpErrors.failure("create Eventarc trigger " + id, e);
      op = null; // a re-run: the trigger is there, its dead-letter policy may not be
    }
    if (op != null)
      session.await(
          "create Eventarc trigger " + id,
          op,
          n -> client.getHttpJsonOperationsClient().getOperation(n));
    Map<String, Object> deadLetter = (Map<String, Object>) after.get(EventTriggerType.DEAD_LETTER);
    if (deadLetter != null) deadLetter(id, deadLetter);
    return Map.of();
  }

  void delete(String id) throws ProviderException {
    EventarcClient client = session.eventarc();
    com.google.longrunning.Operation op;
    try {
      op =
          client
              .deleteTriggerCallable()
              .call(
                  DeleteTriggerRequest.newBuilder().setName(session.names.triggerPath(id)).build());
    } catch (Exception e) {
      if (GcpErrors.notFound(e)) return;
      throw GcpErrors.failure("delete Eventarc trigger " + id, e);
    }
    session.await(
        "delete Eventarc trigger " + id,
        op,
        n -> client.getHttpJsonOperationsClient().getOperation(n));
  }
}
