package dev.fnctl.provider.gcp;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import dev.fnctl.engine.ApplyReport;
import dev.fnctl.engine.Engine;
import dev.fnctl.fake.gcp.FakeGcp;
import dev.fnctl.model.plan.ResourceChange;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The roles Google's own service agents need (Cloud Storage's to publish a storage trigger's
 * events, Pub/Sub's to move dead letters) are granted as part of the step that needs them, read
 * back from the fake's IAM, left alone by a re-plan and by destroy, and a refused grant fails the
 * step in one line instead of letting it report done.
 */
class GcpServiceAgentsIT {
  static FakeGcp fake;
  static EngineOnFake on;
  @TempDir Path dir;

  // a fake per test: each starts from a project where no agent has been granted anything
  @BeforeEach
  void start() {
    fake = FakeGcp.start();
    on = new EngineOnFake(fake.endpoint());
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private Path spec(String stack) throws Exception {
    return GcpSpecs.write(
        dir,
        """
        apiVersion: fnctl.dev/v1
        stack: %s
        targets:
          gcp: %s
        defaults: { runtime: python3.12, timeout: 30s }
        functions:
          thumbs:
            code: ./functions/hello
            handler: main.handle
            triggers:
              - storage: { bucket: uploads, events: [created] }
          worker:
            code: ./functions/hello
            handler: main.handle
            triggers:
              - queue: { queue: events }
        buckets:
          uploads: {}
        queues:
          events:
            deadLetter: { maxReceives: 5 }
        """
            .formatted(stack, GcpSpecs.target(fake.endpoint())));
  }

  private static String agent(String domain) {
    return "serviceAccount:service-"
        + fake.projectNumber(GcpSpecs.PROJECT)
        + "@"
        + domain
        + ".iam.gserviceaccount.com";
  }

  private static boolean bound(String resource, String role, String member) {
    JsonObject policy =
        com.google.gson.JsonParser.parseString(fake.policyJson(resource)).getAsJsonObject();
    if (!policy.has("bindings")) return false;
    for (var b : policy.getAsJsonArray("bindings")) {
      JsonObject binding = b.getAsJsonObject();
      if (binding.get("role").getAsString().equals(role)
          && binding.getAsJsonArray("members").toString().contains("\"" + member + "\""))
        return true;
    }
    return false;
  }

  /** The subscription Eventarc made for the queue's consumer, the one with a dead-letter policy. */
  private static String deadLetteredSubscription() throws Exception {
    List<JsonObject> subs =
        EngineOnFake.items(
                on.get("/v1/projects/" + GcpSpecs.PROJECT + "/subscriptions"), "subscriptions")
            .stream()
            .filter(s -> s.has("deadLetterPolicy"))
            .toList();
    assertEquals(1, subs.size(), subs.toString());
    return subs.get(0).get("name").getAsString();
  }

  @Test
  void theAgentsRolesAreGrantedKeptByAReplanAndLeftByDestroy() throws Exception {
    Path spec = spec("agents");
    String project = "projects/" + GcpSpecs.PROJECT;
    String storage = agent("gs-project-accounts");
    String pubsub = agent("gcp-sa-pubsub");
    assertFalse(bound(project, "roles/pubsub.publisher", storage));

    on.applyOk(spec, "gcp", Engine.PlanMode.NORMAL);
    assertTrue(
        fake.requestLog().stream()
            .anyMatch(
                l -> l.contains("/storage/v1/projects/" + GcpSpecs.PROJECT + "/serviceAccount")),
        "the Cloud Storage agent's address is asked of Cloud Storage");
    assertTrue(bound(project, "roles/pubsub.publisher", storage), fake.policyJson(project));
    String dlq = project + "/topics/agents-gcp-events-dlq";
    assertTrue(bound(dlq, "roles/pubsub.publisher", pubsub), fake.policyJson(dlq));
    String subscription = deadLetteredSubscription();
    assertTrue(
        bound(subscription, "roles/pubsub.subscriber", pubsub), fake.policyJson(subscription));

    assertEquals(
        List.of(),
        EngineOnFake.shape(on.plan(spec, "gcp", Engine.PlanMode.NORMAL)),
        "the agents' bindings are no change to plan");

    on.applyOk(spec, "gcp", Engine.PlanMode.DESTROY);
    assertEquals(List.of(), on.labelledWith("agents"));
    // other stacks' storage triggers rely on the same project binding: destroy leaves it
    assertTrue(bound(project, "roles/pubsub.publisher", storage), fake.policyJson(project));
  }

  @Test
  void aRefusedGrantFailsTheStepInOneLineAndTheRerunConverges() throws Exception {
    Path spec = spec("refused");
    String dlq = "projects/" + GcpSpecs.PROJECT + "/topics/refused-gcp-events-dlq";
    String pubsub = agent("gcp-sa-pubsub");
    fake.denyPermission("refused-gcp-events-dlq:setIamPolicy", "pubsub.topics.setIamPolicy");
    try {
      ApplyReport r = on.apply(spec, "gcp", Engine.PlanMode.NORMAL);
      assertFalse(r.succeeded());
      assertEquals(1, r.failed().size(), r.failed().toString());
      ResourceChange c = r.failed().keySet().iterator().next();
      assertTrue(c.address().startsWith("gcp:eventarc:trigger/"), c.address());
      String message = r.failed().get(c);
      assertFalse(message.contains("\n"), message);
      for (String part :
          List.of(
              pubsub,
              "roles/pubsub.publisher",
              "topic refused-gcp-events-dlq",
              "pubsub.topics.setIamPolicy",
              "gcloud pubsub topics add-iam-policy-binding refused-gcp-events-dlq"))
        assertTrue(message.contains(part), part + " in: " + message);
      assertFalse(bound(dlq, "roles/pubsub.publisher", pubsub));
    } finally {
      fake.clearFaults();
    }
    // the trigger is there without its dead-letter policy: the plan still shows that change
    assertFalse(EngineOnFake.shape(on.plan(spec, "gcp", Engine.PlanMode.NORMAL)).isEmpty());
    on.applyOk(spec, "gcp", Engine.PlanMode.NORMAL);
    assertTrue(bound(dlq, "roles/pubsub.publisher", pubsub), fake.policyJson(dlq));
    assertTrue(bound(deadLetteredSubscription(), "roles/pubsub.subscriber", pubsub));
    assertEquals(List.of(), EngineOnFake.shape(on.plan(spec, "gcp", Engine.PlanMode.NORMAL)));
    on.applyOk(spec, "gcp", Engine.PlanMode.DESTROY);
  }
}
