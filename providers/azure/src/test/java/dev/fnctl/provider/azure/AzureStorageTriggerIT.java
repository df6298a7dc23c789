package dev.fnctl.provider.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.ResourceChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A storage trigger is Flex Consumption's blob trigger: a {@code blobTrigger} with the Event Grid
 * source in the package, and an event subscription on the data account's system topic delivering
 * the container's created blobs (prefix and suffix as filters) to the blob extension's webhook with
 * the host's {@code blobs_extension} key (which the fake makes when the package is deployed and
 * checks in Event Grid's handshake): made after the package, labelled as fnctl's, the key never in
 * the plan, drift shown and put back, removed by destroy with the system topic.
 */
class AzureStorageTriggerIT {
  @RegisterExtension static AzureFakes azure = new AzureFakes();
  @TempDir Path dir;

  @Test
  void aBucketsBlobsReachTheFunctionsBlobTrigger() throws Exception {
    azure.resetGroup();
    Files.createDirectories(dir.resolve("fn"));
    Files.writeString(dir.resolve("fn/main.py"), "def handle(blob):\n    return None\n");
    Path spec = dir.resolve("fnctl.yaml");
    Files.writeString(
        spec,
        """
        apiVersion: fnctl.dev/v1
        stack: uploads
        targets:
          azure: %s
        defaults: { runtime: python3.12, memory: 2048 }
        functions:
          resize:
            code: ./fn
            handler: main.handle
            triggers:
              - storage: { bucket: images, events: [created], prefix: in/, suffix: .jpg }
            permissions:
              - { bucket: images, access: read }
        buckets:
          images: {}
        """
            .formatted(AzureSamples.target(azure.settings(), false)));
    EngineOnFake fnctl = new EngineOnFake(azure, spec, "azure");
    Plan first = fnctl.plan();
    // The blob extension's queues: the poison queue of the trigger's account (made by fnctl, so the
    // grant names it) and the host account's blob-trigger queue; the plan shows both grants.
    List<String> planned = EngineOnFake.shape(first);
    String poisonQueue = "/queue-webjobs-blobtrigger-poison/queue-data-contributor";
    assertTrue(
        planned.stream().anyMatch(c -> c.startsWith("+ ") && c.contains(poisonQueue)),
        planned.toString());
    assertTrue(
        planned.stream()
            .anyMatch(
                c ->
                    c.startsWith("+ ")
                        && c.matches(
                            ".*/account-fnuploads[a-z0-9]*h[a-z0-9]*/queue-data-contributor.*")),
        planned.toString());
    assertTrue(
        planned.stream()
            .anyMatch(
                c ->
                    c.startsWith("+ azure:storage:queue")
                        && c.contains("/webjobs-blobtrigger-poison")),
        planned.toString());
    assertTrue(fnctl.apply().succeeded());
    List<String> poison =
        azure.arm.ids("/queueservices/default/queues/").stream()
            .filter(id -> id.toLowerCase().endsWith("/queues/webjobs-blobtrigger-poison"))
            .toList();
    assertEquals(1, poison.size(), azure.arm.ids("/queues/").toString());
    String hostAccount =
        azure.arm.ids("/providers/microsoft.storage/storageaccounts/").stream()
            .filter(id -> id.matches("(?i).*/storageaccounts/fnuploads[a-z0-9]*h[a-z0-9]*$"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        List.of(QUEUE_DATA_CONTRIBUTOR + " " + poison.get(0).toLowerCase()),
        assignmentsOn(poison.get(0)));
    assertTrue(
        assignmentsOn(hostAccount)
            .contains(QUEUE_DATA_CONTRIBUTOR + " " + hostAccount.toLowerCase()),
        assignmentsOn(hostAccount).toString());
    assertEquals(List.of(), EngineOnFake.shape(fnctl.plan()));

    List<String> topics = azure.arm.ids("/providers/microsoft.eventgrid/systemtopics/");
    String topic =
        topics.stream().filter(id -> !id.contains("/eventsubscriptions")).findFirst().orElseThrow();
    assertTrue(azure.arm.get(topic).contains("\"fnctl-stack\":\"uploads\""), topic);
    List<String> subscriptions =
        azure.arm.ids("/eventsubscriptions/").stream()
            .filter(id -> id.toLowerCase().startsWith(topic.toLowerCase()))
            .toList();
    assertEquals(1, subscriptions.size(), subscriptions.toString());
    String body = azure.arm.get(subscriptions.get(0));
    assertTrue(body.contains("\"endpointType\":\"WebHook\""), body);
    assertTrue(
        body.contains("\"provisioningState\":\"Succeeded\""), "the handshake passed: " + body);
    assertTrue(
        body.contains(".azurewebsites.net/runtime/webhooks/blobs\""), "the base URL only: " + body);
    assertTrue(body.contains("fnctl-function="), body);
    assertTrue(
        body.contains(
            "\"subjectBeginsWith\":\"/blobServices/default/containers/images/blobs/in/\""),
        body);
    assertTrue(body.contains("\"subjectEndsWith\":\".jpg\""), body);
    assertTrue(body.contains("\"includedEventTypes\":[\"Microsoft.Storage.BlobCreated\"]"), body);
    assertTrue(body.contains("fnctl-stack=uploads"), body);

    // The key the webhook was called with is the host's, and no plan shows it.
    String app =
        azure.arm.ids("/providers/microsoft.web/sites/").stream()
            .filter(id -> id.matches("(?i).*/sites/[^/]+$"))
            .findFirst()
            .orElseThrow();
    String keys = azure.arm.get(app + "/host/default");
    String key =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(keys)
            .path("systemKeys")
            .path("blobs_extension")
            .asText();
    assertTrue(key.length() > 20, keys);
    assertTrue(!EngineOnFake.shape(first).toString().contains(key));

    // Drift: someone widens the filter; the plan shows it, apply puts it back (the key read again).
    azure.arm.put(
        subscriptions.get(0),
        azure
            .arm
            .get(subscriptions.get(0))
            .replace("\"subjectEndsWith\":\".jpg\"", "\"subjectEndsWith\":\"\""));
    Plan p = fnctl.plan();
    List<ResourceChange> changes = EngineOnFake.changes(p);
    assertEquals(1, changes.size(), EngineOnFake.shape(p).toString());
    assertEquals(Action.UPDATE, changes.get(0).action());
    assertEquals(List.of(EventSubscriptionType.SUBJECT_ENDS), changes.get(0).changedProperties());
    assertTrue(fnctl.apply().succeeded());
    assertTrue(azure.arm.get(subscriptions.get(0)).contains("\"subjectEndsWith\":\".jpg\""));
    assertEquals(List.of(), EngineOnFake.shape(fnctl.plan()));

    // Event Grid's handshake fails when the app does not run the trigger (here: its function is
    // gone from the host): apply fails with Event Grid's one line, the key not in it.
    String function =
        azure.arm.ids("/functions/").stream()
            .filter(id -> id.matches("(?i).*/sites/[^/]+/functions/resize-storage-[^/]+$"))
            .findFirst()
            .orElseThrow();
    String deployed = azure.arm.get(function);
    azure.arm.put(
        subscriptions.get(0),
        azure
            .arm
            .get(subscriptions.get(0))
            .replace("\"subjectEndsWith\":\".jpg\"", "\"subjectEndsWith\":\"\""));
    azure.arm.delete(function);
    var refused = fnctl.apply();
    assertTrue(!refused.succeeded());
    assertEquals(1, refused.failed().size(), refused.failed().toString());
    for (String m : refused.failed().values()) {
      assertTrue(m.contains("Webhook validation handshake failed"), m);
      assertTrue(!m.contains("\n") && !m.contains("Exception") && !m.contains(key), m);
    }
    azure.arm.put(function, deployed);
    assertTrue(fnctl.apply().succeeded(), "the re-run converges once the function runs");
    assertEquals(List.of(), EngineOnFake.shape(fnctl.plan()));

    assertTrue(fnctl.destroy().succeeded());
    assertEquals(List.of(), azure.arm.ids("/providers/microsoft.eventgrid/"));
    assertEquals(List.of(), assignmentsOn(poison.get(0)));
    assertEquals(List.of(), assignmentsOn(hostAccount));
  }

  private static final String QUEUE_DATA_CONTRIBUTOR = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";

  /** The role assignments on exactly this scope, as "role-definition-guid scope", sorted. */
  private static List<String> assignmentsOn(String scope) throws Exception {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    List<String> out = new java.util.ArrayList<>();
    for (String id : azure.arm.ids("/providers/microsoft.authorization/roleassignments/")) {
      var a = json.readTree(azure.arm.get(id)).path("properties");
      if (!a.path("scope").asText().equalsIgnoreCase(scope)) continue;
      String role = a.path("roleDefinitionId").asText();
      out.add(role.substring(role.lastIndexOf('/') + 1) + " " + scope.toLowerCase());
    }
    return out.stream().sorted().toList();
  }
}
