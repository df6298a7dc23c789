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
   * Cloud Storage delivers events to Eventarc through Pub/Sub as its service agent ({@code
   * service-NUMBER@gs-project-accounts.iam.gserviceaccount.com}), which must be allowed to publish
   * in the project: added when missing, never removed (other triggers rely on it).
   */
  private void storageAgentMayPublish() throws ProviderException {
    String agent =
        "serviceAccount:service-"
            + session.projectNumber()
            + "@gs-project-accounts.iam.gserviceaccount.com";
    try {
      policies.ensure(
          new IamPolicies.Target(MemberLayout.PROJECT, session.names.project()),
          agent,
          STORAGE_AGENT_ROLE);
    } catch (ProviderException e) {
      if (e.kind() != ProviderException.Kind.INVALID
          && e.kind() != ProviderException.Kind.NOT_FOUND) throw e;
      // The agent is made the first time the project uses Cloud Storage's API for it; until then
      // Eventarc itself says what is missing when it checks the trigger.
      session.log.note(
          "could not let Cloud Storage's service agent publish events ("
              + e.getMessage()
              + "); grant "
              + agent.substring("serviceAccount:".length())
              + " "
              + STORAGE_AGENT_ROLE
              + " on the project if Eventarc asks for it");
    }
  }

  List<LiveResource> list(Set<String> wanted) throws ProviderException {
    EventarcClient client = session.eventarc();
    Ownership owner = new Ownership(session.names.stack(), session.names.target());
    List<LiveResource> out = new ArrayList<>();
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
      boolean owned = owner.owns(t.getLabelsMap());
      if (!owned && !wanted.contains(id)) continue;
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
      if (GcpErrors.alreadyExists(e)) return Map.of();
      throw GcpErrors.failure("create Eventarc trigger " + id, e);
    }
    session.await(
        "create Eventarc trigger " + id,
        op,
        n -> client.getHttpJsonOperationsClient().getOperation(n));
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
