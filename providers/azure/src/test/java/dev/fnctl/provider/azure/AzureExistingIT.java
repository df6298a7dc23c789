package dev.fnctl.provider.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code existing:} queues, buckets and topics named by their ARM resource ids, held by the fake in
 * another resource group before fnctl runs: apply assigns fnctl's roles on exactly those resources
 * (and subscribes a function to the topic, connects its queue trigger to the queue's account),
 * plans to no changes, and destroy removes fnctl's assignments and subscription while the resources
 * themselves and someone else's assignment on them stay exactly as they were.
 */
class AzureExistingIT {
  @RegisterExtension static AzureFakes azure = new AzureFakes();
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  static final String SHARED =
      "/subscriptions/" + AzureFakes.SUBSCRIPTION + "/resourceGroups/shared-rg";
  static final String ACCOUNT = SHARED + "/providers/Microsoft.Storage/storageAccounts/sharedst";
  static final String QUEUE = ACCOUNT + "/queueServices/default/queues/jobs";
  static final String CONTAINER = ACCOUNT + "/blobServices/default/containers/legacy";
  static final String TOPIC = SHARED + "/providers/Microsoft.EventGrid/topics/news";

  @Test
  void fnctlAssignsRolesOnExistingResourcesAndNeverChangesThem() throws Exception {
    azure.resetGroup();
    someoneElsesResources();
    Map<String, String> before = new java.util.LinkedHashMap<>();
    for (String id : List.of(SHARED, ACCOUNT, QUEUE, CONTAINER, TOPIC))
      before.put(id, azure.arm.get(id));
    String foreign =
        CONTAINER
            + "/providers/Microsoft.Authorization/roleAssignments/7d4a6a4e-0000-4000-8000-000000000002";
    String principal = "0f0f0f0f-1111-2222-3333-444444444445";
    azure.arm.addPrincipal(principal);
    azure.arm.put(
        foreign,
        ("{\"id\":\"%s\",\"name\":\"7d4a6a4e-0000-4000-8000-000000000002\","
                + "\"type\":\"Microsoft.Authorization/roleAssignments\",\"properties\":{"
                + "\"roleDefinitionId\":\"/subscriptions/%s/providers/Microsoft.Authorization/roleDefinitions/%s\","
                + "\"principalId\":\"%s\",\"principalType\":\"User\",\"scope\":\"%s\"}}")
            .formatted(
                foreign,
                AzureFakes.SUBSCRIPTION,
                BuiltInRoles.BLOB_DATA_READER,
                principal,
                CONTAINER));

    Files.createDirectories(dir.resolve("fn"));
    Files.writeString(dir.resolve("fn/main.py"), "def handle(e):\n    return None\n");
    Path spec = dir.resolve("fnctl.yaml");
    Files.writeString(
        spec,
        """
        apiVersion: fnctl.dev/v1
        stack: shared
        targets:
          azure: %s
        defaults: { runtime: python3.12, memory: 2048 }
        functions:
          worker:
            code: ./fn
            handler: main.handle
            triggers:
              - queue: { queue: jobs }
              - topic: { topic: news }
            permissions:
              - { bucket: legacy, access: read }
              - { topic: news, access: publish }
        queues:
          jobs: { existing: "%s" }
        buckets:
          legacy: { existing: "%s" }
        topics:
          news: { existing: "%s" }
        """
            .formatted(AzureSamples.target(azure.settings(), false), QUEUE, CONTAINER, TOPIC));
    EngineOnFake fnctl = new EngineOnFake(azure, spec, "azure");
    assertTrue(fnctl.apply().succeeded());
    assertEquals(
        List.of(), EngineOnFake.shape(fnctl.plan()), "an applied spec plans to no changes");

    assertEquals(
        List.of(
            BuiltInRoles.QUEUE_DATA_READER + " " + QUEUE,
            BuiltInRoles.QUEUE_DATA_MESSAGE_PROCESSOR + " " + QUEUE,
            BuiltInRoles.BLOB_DATA_READER + " " + CONTAINER,
            BuiltInRoles.EVENT_GRID_DATA_SENDER + " " + TOPIC),
        fnctlsAssignmentsOn(List.of(QUEUE, CONTAINER, TOPIC)));
    List<String> subscriptions =
        azure.arm.ids("/eventsubscriptions/").stream()
            .filter(id -> id.toLowerCase(Locale.ROOT).startsWith(TOPIC.toLowerCase(Locale.ROOT)))
            .toList();
    assertEquals(1, subscriptions.size(), subscriptions.toString());
    assertTrue(azure.arm.get(subscriptions.get(0)).contains("fnctl-stack=shared"));
    String app =
        azure.arm.ids("/providers/microsoft.web/sites/").stream()
            .filter(id -> id.matches("(?i).*/sites/[^/]+$"))
            .findFirst()
            .orElseThrow();
    String settings = azure.arm.get(app + "/config/appsettings");
    assertTrue(
        settings.contains("\"FNCTL_ACCOUNT_sharedst__queueServiceUri\":\"https://sharedst.queue."),
        "the queue trigger connects to the existing queue's account: " + settings);
    for (var e : before.entrySet())
      assertEquals(
          e.getValue(), azure.arm.get(e.getKey()), "apply left " + e.getKey() + " as it was");

    assertTrue(fnctl.destroy().succeeded());
    assertEquals(List.of(), fnctlsAssignmentsOn(List.of(QUEUE, CONTAINER, TOPIC)));
    assertEquals(
        List.of(),
        azure.arm.ids("/eventsubscriptions/").stream()
            .filter(id -> id.toLowerCase(Locale.ROOT).startsWith(TOPIC.toLowerCase(Locale.ROOT)))
            .toList());
    for (var e : before.entrySet())
      assertEquals(e.getValue(), azure.arm.get(e.getKey()), "destroy left " + e.getKey());
    assertNotNull(azure.arm.get(foreign), "someone else's assignment on the container survives");
  }

  /**
   * A subscription fnctl made on an existing topic is still found once no trigger in the spec names
   * the topic (the regional listing of custom topics' subscriptions, by fnctl's labels): the plan
   * deletes exactly it, and the topic stays as it was.
   */
  @Test
  void aTriggerDroppedFromAnExistingTopicDeletesOnlyItsSubscription() throws Exception {
    azure.resetGroup();
    someoneElsesResources();
    String topicBefore = azure.arm.get(TOPIC);
    Files.createDirectories(dir.resolve("fn"));
    Files.writeString(dir.resolve("fn/main.py"), "def handle(e):\n    return None\n");
    Path spec = dir.resolve("fnctl.yaml");
    String withTrigger =
        """
        apiVersion: fnctl.dev/v1
        stack: shared
        targets:
          azure: %s
        defaults: { runtime: python3.12, memory: 2048 }
        functions:
          worker:
            code: ./fn
            handler: main.handle
            triggers:
              - http: { path: /work, method: POST, auth: none }
              - topic: { topic: news }
        topics:
          news: { existing: "%s" }
        """
            .formatted(AzureSamples.target(azure.settings(), false), TOPIC);
    Files.writeString(spec, withTrigger);
    EngineOnFake fnctl = new EngineOnFake(azure, spec, "azure");
    assertTrue(fnctl.apply().succeeded());
    assertEquals(List.of(), EngineOnFake.shape(fnctl.plan()));
    // An identity that may not list the subscription's event subscriptions (rights on the group
    // only) still plans: the group's listing, and the topic the spec names read on its own.
    azure.arm.failNext(
        AzureFakes.SUBSCRIPTION + "/providers/Microsoft.EventGrid/locations/", 403, 1, null);
    azure.arm.resetCounts();
    assertEquals(List.of(), EngineOnFake.shape(fnctl.plan()));
    assertTrue(
        azure.arm.requestLog().stream()
            .anyMatch(
                l ->
                    l.contains(
                        "/resourceGroups/fnctl-rg/providers/Microsoft.EventGrid/locations/")),
        "the group's listing after the refusal: " + azure.arm.requestLog());
    List<String> subscriptions =
        azure.arm.ids("/eventsubscriptions/").stream()
            .filter(id -> id.toLowerCase(Locale.ROOT).startsWith(TOPIC.toLowerCase(Locale.ROOT)))
            .toList();
    assertEquals(1, subscriptions.size(), subscriptions.toString());

    // The topic trigger and the topic leave the spec: nothing in it names the topic any more.
    Files.writeString(
        spec,
        withTrigger
            .replace("      - topic: { topic: news }\n", "")
            .replace("topics:\n  news: { existing: \"" + TOPIC + "\" }\n", ""));
    EngineOnFake after = new EngineOnFake(azure, spec, "azure");
    azure.arm.resetCounts();
    var plan = after.plan();
    var changes = EngineOnFake.changes(plan);
    // Exactly: the subscription's delete, and the package without the trigger's function.json.
    var app = "azure:web:functionapp/shared-azure-worker-f3d265";
    assertEquals(
        List.of(
            "~ " + app + " [package]",
            "- azure:eventgrid:subscription/shared-azure-worker-f3d265/worker-topic-news"
                + " [events, function, source, subjectBeginsWith, subjectEndsWith]"),
        EngineOnFake.shape(plan));
    assertEquals(AzureTypes.EVENT_SUBSCRIPTION, changes.get(1).type());
    assertTrue(
        azure.arm.requests() <= 8,
        "the plan found it with the calls of a no-op plan: " + azure.arm.requestLog());
    assertTrue(after.apply().succeeded());
    assertEquals(
        List.of(),
        azure.arm.ids("/eventsubscriptions/").stream()
            .filter(id -> id.toLowerCase(Locale.ROOT).startsWith(TOPIC.toLowerCase(Locale.ROOT)))
            .toList());
    assertEquals(topicBefore, azure.arm.get(TOPIC), "the existing topic is untouched");
    assertEquals(List.of(), EngineOnFake.shape(after.plan()));
    assertTrue(after.destroy().succeeded());
    assertEquals(topicBefore, azure.arm.get(TOPIC));

    // Destroy once the topic left the spec removes the subscription too.
    Files.writeString(spec, withTrigger);
    assertTrue(new EngineOnFake(azure, spec, "azure").apply().succeeded());
    assertEquals(
        1,
        azure.arm.ids("/eventsubscriptions/").stream()
            .filter(id -> id.toLowerCase(Locale.ROOT).startsWith(TOPIC.toLowerCase(Locale.ROOT)))
            .count());
    Files.writeString(
        spec,
        withTrigger
            .replace("      - topic: { topic: news }\n", "")
            .replace("topics:\n  news: { existing: \"" + TOPIC + "\" }\n", ""));
    assertTrue(new EngineOnFake(azure, spec, "azure").destroy().succeeded());
    assertEquals(
        List.of(),
        azure.arm.ids("/eventsubscriptions/").stream()
            .filter(id -> id.toLowerCase(Locale.ROOT).startsWith(TOPIC.toLowerCase(Locale.ROOT)))
            .toList());
    assertEquals(topicBefore, azure.arm.get(TOPIC));
  }

  /** fnctl's role assignments on these scopes, as "role scope", sorted by scope then role. */
  private static List<String> fnctlsAssignmentsOn(List<String> scopes) throws Exception {
    List<String> out = new ArrayList<>();
    for (String scope : scopes)
      for (String id : azure.arm.ids("/providers/microsoft.authorization/roleassignments/")) {
        JsonNode a = JSON.readTree(azure.arm.get(id));
        if (!a.path("properties").path("scope").asText().equalsIgnoreCase(scope)) continue;
        if (!a.path("properties").path("description").asText().contains("fnctl-stack=shared"))
          continue;
        String role = a.path("properties").path("roleDefinitionId").asText();
        out.add(role.substring(role.lastIndexOf('/') + 1) + " " + scope);
      }
    List<String> sorted = new ArrayList<>();
    for (String scope : scopes)
      out.stream().filter(s -> s.endsWith(" " + scope)).sorted().forEach(sorted::add);
    return sorted;
  }

  private static void someoneElsesResources() {
    azure.arm.put(
        SHARED,
        """
        {"id": "%s", "name": "shared-rg", "type": "Microsoft.Resources/resourceGroups",
         "location": "westeurope", "properties": {"provisioningState": "Succeeded"}}
        """
            .formatted(SHARED));
    azure.arm.put(
        ACCOUNT,
        """
        {"id": "%s", "name": "sharedst", "type": "Microsoft.Storage/storageAccounts",
         "location": "westeurope", "kind": "StorageV2", "sku": {"name": "Standard_LRS"},
         "tags": {"owner": "platform-team"}, "properties": {"provisioningState": "Succeeded"}}
        """
            .formatted(ACCOUNT));
    azure.arm.put(
        QUEUE,
        """
        {"id": "%s", "name": "jobs", "type": "Microsoft.Storage/storageAccounts/queueServices/queues",
         "properties": {"metadata": {}}}
        """
            .formatted(QUEUE));
    azure.arm.put(
        CONTAINER,
        """
        {"id": "%s", "name": "legacy", "type": "Microsoft.Storage/storageAccounts/blobServices/containers",
         "properties": {"publicAccess": "None", "metadata": {}}}
        """
            .formatted(CONTAINER));
    azure.arm.put(
        TOPIC,
        """
        {"id": "%s", "name": "news", "type": "Microsoft.EventGrid/topics", "location": "westeurope",
         "tags": {"owner": "platform-team"},
         "properties": {"provisioningState": "Succeeded", "inputSchema": "EventGridSchema",
          "endpoint": "https://news.westeurope-1.eventgrid.azure.net/api/events"}}
        """
            .formatted(TOPIC));
  }
}
