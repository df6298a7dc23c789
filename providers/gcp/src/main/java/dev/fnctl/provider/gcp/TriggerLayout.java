package dev.fnctl.provider.gcp;

import static dev.fnctl.provider.gcp.GcpTypes.*;

import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.Trigger;
import dev.fnctl.provider.Item;
import dev.fnctl.provider.Ref;
import dev.fnctl.provider.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A function's triggers. HTTP is built into every 2nd gen function (its URL); {@code auth: none}
 * lets {@code allUsers} invoke the underlying Cloud Run service. A schedule is a Cloud Scheduler
 * job calling the URL with an OIDC token of the function's own service account. Queues and topics
 * are Pub/Sub topics, and storage is Cloud Storage: both reach the function through Eventarc
 * triggers running as its service account.
 */
final class TriggerLayout {
  static final String PUBSUB_PUBLISHED = "google.cloud.pubsub.topic.v1.messagePublished";
  static final String STORAGE_FINALIZED = "google.cloud.storage.object.v1.finalized";
  static final String STORAGE_DELETED = "google.cloud.storage.object.v1.deleted";

  private final StackLayout layout;
  private final GcpNames names;

  TriggerLayout(StackLayout layout) {
    this.layout = layout;
    this.names = layout.names();
  }

  void trigger(Deployment d, FunctionSpec f, Trigger t) {
    if (t instanceof Trigger.Http h) http(f, h);
    else if (t instanceof Trigger.Schedule s) schedule(f, s);
    else if (t instanceof Trigger.Queue q)
      pubsub(f, t.slug(), layout.topicId(d, q.queue(), true), deadLetter(d, q.queue()));
    else if (t instanceof Trigger.Topic tp)
      pubsub(f, t.slug(), layout.topicId(d, tp.topic(), false), null);
    else if (t instanceof Trigger.Storage s) storage(d, f, s);
  }

  private String functionAddress(FunctionSpec f) {
    return address(FUNCTION, names.function(f.name()));
  }

  private String accountAddress(FunctionSpec f) {
    return address(SERVICE_ACCOUNT, names.serviceAccount(f.name()));
  }

  private String member(FunctionSpec f) {
    return "serviceAccount:" + names.serviceAccountEmail(names.serviceAccount(f.name()));
  }

  private void http(FunctionSpec f, Trigger.Http h) {
    if (!"none".equals(h.auth())) return;
    layout
        .members()
        .grant(
            Item.function(f.name()),
            MemberLayout.SERVICE,
            names.function(f.name()),
            MemberLayout.ALL_USERS,
            MemberLayout.ALL_USERS,
            List.of(Roles.RUN_INVOKER),
            List.of(functionAddress(f)));
  }

  /**
   * The function's service account may invoke its own service: what schedules and Eventarc need.
   */
  private String selfInvoker(FunctionSpec f) {
    String service = names.function(f.name());
    String who = names.serviceAccount(f.name());
    layout
        .members()
        .grant(
            Item.function(f.name()),
            MemberLayout.SERVICE,
            service,
            who,
            member(f),
            List.of(Roles.RUN_INVOKER),
            List.of(functionAddress(f), accountAddress(f)));
    return address(MEMBER, MemberLayout.SERVICE + "/" + service + "/" + who);
  }

  private void schedule(FunctionSpec f, Trigger.Schedule s) {
    String invoker = selfInvoker(f);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(JobType.SCHEDULE, cron(s));
    p.put(JobType.TIME_ZONE, s.timezone() == null ? "UTC" : s.timezone());
    p.put(JobType.URI, new Ref(functionAddress(f), FunctionType.URL));
    p.put(JobType.SERVICE_ACCOUNT, names.serviceAccountEmail(names.serviceAccount(f.name())));
    layout.add(
        Resource.of(
            address(JOB, names.job(f.name(), s.slug())),
            JOB,
            Item.function(f.name()),
            p,
            List.of(functionAddress(f), invoker)));
  }

  /** A rate with no cron equivalent is a validation error; expansion keeps going regardless. */
  private static String cron(Trigger.Schedule s) {
    try {
      return SchedulerCron.of(s);
    } catch (IllegalArgumentException e) {
      return "rate " + s.rate().toSeconds() + "s";
    }
  }

  /** The dead-letter topic of the queue whose topic is {@code topic}. */
  private static String deadLetterTopicId(String topic) {
    return topic + "-dlq";
  }

  /** An owned queue's dead-letter setting as the subscription's policy, or null. */
  private Map<String, Object> deadLetter(Deployment d, String queue) {
    var q = d.queues().get(queue);
    if (q == null || !q.owned() || q.deadLetter() == null) return null;
    Map<String, Object> dl = new LinkedHashMap<>();
    dl.put(EventTriggerType.DEAD_LETTER_TOPIC, names.topicPath(names.deadLetterTopic(queue)));
    dl.put(EventTriggerType.MAX_DELIVERY_ATTEMPTS, (long) q.deadLetter().maxReceives());
    return dl;
  }

  private void pubsub(FunctionSpec f, String slug, String topic, Map<String, Object> deadLetter) {
    String invoker = selfInvoker(f);
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(EventTriggerType.EVENT_TYPE, PUBSUB_PUBLISHED);
    p.put(EventTriggerType.FILTERS, Map.of());
    p.put(EventTriggerType.TOPIC, names.topicPath(topic));
    p.put(EventTriggerType.SERVICE, names.function(f.name()));
    p.put(
        EventTriggerType.SERVICE_ACCOUNT,
        names.serviceAccountEmail(names.serviceAccount(f.name())));
    p.put(EventTriggerType.DEAD_LETTER, deadLetter);
    List<String> deps = new ArrayList<>(List.of(functionAddress(f), invoker));
    deps.addAll(layout.ownedDep(address(TOPIC, topic)));
    if (deadLetter != null) deps.addAll(layout.ownedDep(address(TOPIC, deadLetterTopicId(topic))));
    add(f, names.trigger(f.name(), slug), p, deps);
  }

  private void storage(Deployment d, FunctionSpec f, Trigger.Storage s) {
    String invoker = selfInvoker(f);
    String bucket = layout.bucketName(d, s.bucket());
    // Eventarc delivers Cloud Storage events as the function's account: it must be allowed to
    // receive events in the project.
    String who = names.serviceAccount(f.name());
    layout
        .members()
        .grant(
            Item.function(f.name()),
            MemberLayout.PROJECT,
            names.project(),
            who,
            member(f),
            List.of(Roles.EVENT_RECEIVER),
            List.of(accountAddress(f)));
    String receiver = address(MEMBER, MemberLayout.PROJECT + "/" + names.project() + "/" + who);
    List<String> events =
        s.events() == null || s.events().isEmpty() ? List.of("created") : s.events();
    for (String event : events) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put(
          EventTriggerType.EVENT_TYPE,
          event.equals("deleted") ? STORAGE_DELETED : STORAGE_FINALIZED);
      p.put(EventTriggerType.FILTERS, Map.of("bucket", bucket));
      p.put(EventTriggerType.TOPIC, null);
      p.put(EventTriggerType.SERVICE, names.function(f.name()));
      p.put(EventTriggerType.SERVICE_ACCOUNT, names.serviceAccountEmail(who));
      p.put(EventTriggerType.DEAD_LETTER, null);
      List<String> deps = new ArrayList<>(List.of(functionAddress(f), invoker, receiver));
      deps.addAll(layout.ownedDep(address(BUCKET, bucket)));
      add(f, names.trigger(f.name(), s.slug() + "-" + event), p, deps);
    }
  }

  private void add(FunctionSpec f, String id, Map<String, Object> p, List<String> deps) {
    layout.add(
        new Resource(
            address(TRIGGER, id),
            TRIGGER,
            Item.function(f.name()),
            p,
            EventTriggerType.REPLACED_BY,
            java.util.Set.of(),
            deps,
            null));
  }
}
