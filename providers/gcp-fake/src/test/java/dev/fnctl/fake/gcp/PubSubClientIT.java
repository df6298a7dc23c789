package dev.fnctl.fake.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.gax.rpc.AbortedException;
import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.iam.v1.Binding;
import com.google.iam.v1.GetIamPolicyRequest;
import com.google.iam.v1.Policy;
import com.google.iam.v1.SetIamPolicyRequest;
import com.google.protobuf.FieldMask;
import com.google.pubsub.v1.DeadLetterPolicy;
import com.google.pubsub.v1.Subscription;
import com.google.pubsub.v1.Topic;
import com.google.pubsub.v1.UpdateTopicRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pub/Sub admin through the real client library on HTTP/JSON: what the emulator lacks. */
class PubSubClientIT {
  private static final String TOPIC = "projects/acme-test/topics/orders";

  private FakeGcp fake;
  private TopicAdminClient topics;
  private SubscriptionAdminClient subscriptions;

  @BeforeEach
  void start() {
    fake = FakeGcp.start();
    topics = Clients.topics(fake);
    subscriptions = Clients.subscriptions(fake.endpoint());
  }

  @AfterEach
  void stop() {
    topics.close();
    subscriptions.close();
    fake.close();
  }

  @Test
  void topicLabelsAreUpdatedThroughAMask() {
    topics.createTopic(Topic.newBuilder().setName(TOPIC).putLabels("fnctl-stack", "shop").build());
    Topic updated =
        topics.updateTopic(
            UpdateTopicRequest.newBuilder()
                .setTopic(
                    Topic.newBuilder()
                        .setName(TOPIC)
                        .putLabels("fnctl-stack", "shop")
                        .putLabels("env", "prod"))
                .setUpdateMask(FieldMask.newBuilder().addPaths("labels"))
                .build());
    assertEquals(Map.of("fnctl-stack", "shop", "env", "prod"), updated.getLabelsMap());
    assertEquals(updated, topics.getTopic(TOPIC));
    assertThrows(
        InvalidArgumentException.class,
        () ->
            topics.updateTopic(
                UpdateTopicRequest.newBuilder()
                    .setTopic(Topic.newBuilder().setName(TOPIC))
                    .build()));
  }

  @Test
  void aSubscriptionHasItsDeadLetterPolicyAndDefaults() {
    topics.createTopic(TOPIC);
    topics.createTopic(TOPIC + "-dead");
    Subscription created =
        subscriptions.createSubscription(
            Subscription.newBuilder()
                .setName("projects/acme-test/subscriptions/orders-worker")
                .setTopic(TOPIC)
                .setDeadLetterPolicy(
                    DeadLetterPolicy.newBuilder()
                        .setDeadLetterTopic(TOPIC + "-dead")
                        .setMaxDeliveryAttempts(7))
                .build());
    assertEquals(7, created.getDeadLetterPolicy().getMaxDeliveryAttempts());
    assertEquals(10, created.getAckDeadlineSeconds());
    assertEquals(604800, created.getMessageRetentionDuration().getSeconds());
    List<String> names = new ArrayList<>();
    topics.listTopicSubscriptions(TOPIC).iterateAll().forEach(names::add);
    assertEquals(List.of("projects/acme-test/subscriptions/orders-worker"), names);
    assertThrows(
        NotFoundException.class,
        () ->
            subscriptions.createSubscription(
                Subscription.newBuilder()
                    .setName("projects/acme-test/subscriptions/orphan")
                    .setTopic("projects/acme-test/topics/missing")
                    .build()));
  }

  @Test
  void aStaleEtagIsRefusedSoABindingSomeoneElseAddedSurvives() {
    topics.createTopic(TOPIC);
    Policy read = topics.getIamPolicy(GetIamPolicyRequest.newBuilder().setResource(TOPIC).build());
    // Someone else adds a binding between our read and our write.
    topics.setIamPolicy(
        SetIamPolicyRequest.newBuilder()
            .setResource(TOPIC)
            .setPolicy(
                read.toBuilder()
                    .addBindings(
                        Binding.newBuilder()
                            .setRole("roles/pubsub.viewer")
                            .addMembers("user:other@example.com")))
            .build());
    SetIamPolicyRequest ours =
        SetIamPolicyRequest.newBuilder()
            .setResource(TOPIC)
            .setPolicy(
                read.toBuilder()
                    .addBindings(
                        Binding.newBuilder()
                            .setRole("roles/pubsub.publisher")
                            .addMembers("user:me@example.com")))
            .build();
    assertThrows(AbortedException.class, () -> topics.setIamPolicy(ours));

    Policy reread =
        topics.getIamPolicy(GetIamPolicyRequest.newBuilder().setResource(TOPIC).build());
    topics.setIamPolicy(
        SetIamPolicyRequest.newBuilder()
            .setResource(TOPIC)
            .setPolicy(
                reread.toBuilder()
                    .addBindings(
                        Binding.newBuilder()
                            .setRole("roles/pubsub.publisher")
                            .addMembers("user:me@example.com")))
            .build());
    List<String> roles =
        topics
            .getIamPolicy(GetIamPolicyRequest.newBuilder().setResource(TOPIC).build())
            .getBindingsList()
            .stream()
            .map(Binding::getRole)
            .toList();
    assertEquals(List.of("roles/pubsub.viewer", "roles/pubsub.publisher"), roles);
  }

  @Test
  void aMissingServiceAccountCannotBeBound() {
    topics.createTopic(TOPIC);
    SetIamPolicyRequest request =
        SetIamPolicyRequest.newBuilder()
            .setResource(TOPIC)
            .setPolicy(
                Policy.newBuilder()
                    .addBindings(
                        Binding.newBuilder()
                            .setRole("roles/pubsub.publisher")
                            .addMembers(
                                "serviceAccount:ghost-fn@acme-test.iam.gserviceaccount.com")))
            .build();
    InvalidArgumentException refused =
        assertThrows(InvalidArgumentException.class, () -> topics.setIamPolicy(request));
    assertTrue(
        refused.getCause().getMessage().contains("does not exist"),
        refused.getCause().getMessage());
  }

  @Test
  void namesAreCheckedAndDuplicatesRefused() {
    assertThrows(
        InvalidArgumentException.class,
        () -> topics.createTopic("projects/acme-test/topics/goog-x"));
    topics.createTopic(TOPIC);
    assertThrows(com.google.api.gax.rpc.ApiException.class, () -> topics.createTopic(TOPIC));
    assertEquals(
        3, fake.requests("google.pubsub.v1.Publisher.CreateTopic"), fake.requestLog().toString());
  }
}
