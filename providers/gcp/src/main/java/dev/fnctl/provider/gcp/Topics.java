package dev.fnctl.provider.gcp;

import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.pubsub.v1.ListTopicsRequest;
import com.google.pubsub.v1.Topic;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.Ownership;
import dev.fnctl.provider.ProviderException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Pub/Sub topics through the client library (at {@code PUBSUB_EMULATOR_HOST} when set). */
final class Topics {
  private final GcpSession session;

  Topics(GcpSession session) {
    this.session = session;
  }

  List<LiveResource> list(Set<String> wanted) throws ProviderException {
    TopicAdminClient client = session.topics();
    Ownership owner = new Ownership(session.names.stack(), session.names.target());
    List<LiveResource> out = new ArrayList<>();
    Iterable<Topic> all =
        session.call(
            "list topics",
            () ->
                client
                    .listTopics(
                        ListTopicsRequest.newBuilder()
                            .setProject("projects/" + session.names.project())
                            .setPageSize(1000)
                            .build())
                    .iterateAll());
    for (Topic t : all) {
      String id = t.getName().substring(t.getName().lastIndexOf('/') + 1);
      boolean owned = owner.owns(t.getLabelsMap());
      if (!owned && !wanted.contains(id)) continue;
      out.add(
          new LiveResource(
              GcpTypes.address(GcpTypes.TOPIC, id),
              GcpTypes.TOPIC,
              null,
              owned,
              Map.of(),
              Map.of(TopicType.NAME, t.getName())));
    }
    return out;
  }

  Map<String, Object> create(String id) throws ProviderException {
    String name = session.names.topicPath(id);
    TopicAdminClient client = session.topics();
    try {
      client.createTopic(
          Topic.newBuilder().setName(name).putAllLabels(GcpSession.labels(session.names)).build());
    } catch (Exception e) {
      if (!GcpErrors.alreadyExists(e)) throw GcpErrors.failure("create topic " + id, e);
    }
    return Map.of(TopicType.NAME, name);
  }

  void delete(String id) throws ProviderException {
    try {
      session.topics().deleteTopic(session.names.topicPath(id));
    } catch (Exception e) {
      if (!GcpErrors.notFound(e)) throw GcpErrors.failure("delete topic " + id, e);
    }
  }
}
