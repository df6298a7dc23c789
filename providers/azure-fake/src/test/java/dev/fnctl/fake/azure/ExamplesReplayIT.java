package dev.fnctl.fake.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Replays Microsoft's example requests (src/test/resources/examples, from
 * Azure/azure-rest-api-specs; SOURCES.md says where each comes from) through the fake and checks
 * that the fake accepts each request body (so its OpenAPI excerpts are no stricter than Microsoft's
 * own examples) and answers every property path the example's response has.
 */
class ExamplesReplayIT {
  static final String SUB = "34adfa4f-cedf-4dc0-ba29-b6d1a69ab345";

  FakeArm arm;
  ArmClient client;

  @BeforeEach
  void start() {
    arm = FakeArm.start();
    client = new ArmClient(arm);
  }

  @AfterEach
  void stop() {
    arm.close();
  }

  static JsonNode example(String name) throws IOException {
    try (InputStream in = ExamplesReplayIT.class.getResourceAsStream("/examples/" + name)) {
      return Json.read(in);
    }
  }

  /** The example's request body: the one parameter that is a JSON object. */
  static String requestBody(JsonNode example) {
    var it = example.path("parameters").fields();
    while (it.hasNext()) {
      var e = it.next();
      if (e.getValue().isObject()) {
        return Json.write(e.getValue());
      }
    }
    throw new AssertionError("no request body in the example");
  }

  /** Property paths of the non-null values, arrays as [], empty objects and arrays kept. */
  static Set<String> paths(JsonNode node) {
    var out = new TreeSet<String>();
    collect(node, "", out);
    return out;
  }

  private static void collect(JsonNode node, String path, Set<String> out) {
    if (node == null || node.isNull()) {
      return;
    }
    if (node.isObject()) {
      if (node.isEmpty()) {
        out.add(path + "{}");
      }
      node.fields()
          .forEachRemaining(
              e ->
                  collect(
                      e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out));
    } else if (node.isArray()) {
      if (node.isEmpty()) {
        out.add(path + "[]");
      }
      node.forEach(item -> collect(item, path + "[]", out));
    } else {
      out.add(path);
    }
  }

  static void assertSameShape(JsonNode expected, JsonNode actual, String what) {
    assertSameShape(expected, actual, what, Set.of());
  }

  /** As above, but for paths where a real recorded answer contradicts the example (named). */
  static void assertSameShape(
      JsonNode expected, JsonNode actual, String what, Set<String> unlikeRecorded) {
    var missing = new TreeSet<>(paths(expected));
    missing.removeAll(unlikeRecorded);
    missing.removeAll(paths(actual));
    assertTrue(
        missing.isEmpty(), what + ": the fake's answer lacks " + missing + "\nanswer: " + actual);
  }

  ArmClient.Reply replay(String file, String method, String path, int status) throws IOException {
    var example = example(file);
    var version = example.path("parameters").path("api-version").asText();
    var reply = client.send(method, path + "?api-version=" + version, requestBody(example));
    assertEquals(status, reply.status(), file + ": " + reply.text());
    var expected = example.path("responses").path(Integer.toString(status)).path("body");
    if (!expected.isMissingNode() && !expected.isEmpty()) {
      assertSameShape(expected, reply.body(), file + " (" + status + ")");
    }
    return reply;
  }

  void group(String name, String location) {
    var reply =
        client.send(
            "PUT",
            "/subscriptions/" + SUB + "/resourceGroups/" + name + "?api-version=2024-07-01",
            "{\"location\":\"" + location + "\"}");
    assertEquals(201, reply.status(), reply.text());
  }

  String rg(String name) {
    return "/subscriptions/" + SUB + "/resourceGroups/" + name;
  }

  @Test
  void createResourceGroup() throws IOException {
    replay("CreateResourceGroup.json", "PUT", rg("my-resource-group"), 201);
  }

  @Test
  void storageAccountCreate() throws Exception {
    group("res9101", "eastus");
    var file = "StorageAccountCreateDisallowPublicNetworkAccess.json";
    var accepted =
        replay(
            file,
            "PUT",
            rg("res9101") + "/providers/Microsoft.Storage/storageAccounts/sto4445",
            202);
    var done = client.pollLocation(accepted.header("Location"));
    assertEquals(200, done.status());
    assertSameShape(
        example(file).path("responses").path("200").path("body"),
        done.body(),
        file + " (200 after polling)");
  }

  void account(String rg, String name) throws InterruptedException {
    group(rg, "eastus");
    var put =
        client.send(
            "PUT",
            rg(rg)
                + "/providers/Microsoft.Storage/storageAccounts/"
                + name
                + "?api-version=2023-05-01",
            "{\"location\":\"eastus\",\"sku\":{\"name\":\"Standard_LRS\"},\"kind\":\"StorageV2\"}");
    assertEquals(200, client.pollLocation(put.header("Location")).status());
  }

  @Test
  void blobContainerAndQueue() throws Exception {
    account("res3376", "sto328");
    var acct = rg("res3376") + "/providers/Microsoft.Storage/storageAccounts/sto328";
    replay(
        "BlobContainersPut.json",
        "PUT",
        acct + "/blobServices/default/containers/container6185",
        201);
    replay("QueueOperationPut.json", "PUT", acct + "/queueServices/default/queues/queue6185", 200);
  }

  @Test
  void appServicePlan() throws IOException {
    group("testrg123", "eastus");
    replay(
        "CreateOrUpdateAppServicePlan.json",
        "PUT",
        rg("testrg123") + "/providers/Microsoft.Web/serverfarms/testsf6141",
        200);
  }

  String site() {
    return rg("testrg123") + "/providers/Microsoft.Web/sites/sitef6141";
  }

  void flexSite(String file) throws Exception {
    group("testrg123", "eastus");
    var accepted = replay(file, "PUT", site(), 202);
    assertEquals("Succeeded", client.pollAsyncOperation(accepted.header("Azure-AsyncOperation")));
    var get = client.send("GET", site() + "?api-version=2025-03-01", (String) null);
    assertSameShape(
        example(file).path("responses").path("200").path("body"),
        get.body(),
        file + " (GET after the operation)");
  }

  @Test
  void flexConsumptionFunctionApp() throws Exception {
    flexSite("CreateOrUpdateFunctionAppFlexConsumption.json");
  }

  @Test
  void flexConsumptionFunctionAppWithDetails() throws Exception {
    flexSite("CreateOrUpdateFunctionAppFlexConsumptionWithDetails.json");
    // The same request again is an update: 200 with the same shape.
    replay("CreateOrUpdateFunctionAppFlexConsumptionWithDetails.json", "PUT", site(), 200);
  }

  @Test
  void appSettings() throws Exception {
    flexSite("CreateOrUpdateFunctionAppFlexConsumption.json");
    var example = example("UpdateAppSettings.json");
    var reply =
        client.send(
            "PUT", site() + "/config/appsettings?api-version=2025-03-01", requestBody(example));
    assertEquals(200, reply.status(), reply.text());
    // The example's answer has "kind": "app"; the answers Azure really sent in the recorded
    // FunctionAppsTests session (RecordedSessionIT) have no kind, so the fake follows those.
    assertSameShape(
        example.path("responses").path("200").path("body"),
        reply.body(),
        "UpdateAppSettings.json",
        Set.of("kind"));
    var list =
        client.send(
            "POST", site() + "/config/appsettings/list?api-version=2025-03-01", (String) null);
    assertEquals(
        Json.parse("{\"Setting1\":\"Value1\",\"Setting2\":\"Value2\"}"),
        list.body().path("properties"));
  }

  static final String ROLE_SUB = "a925f2f7-5c63-4b7b-8799-25a5f97bc3b2";

  @Test
  void roleAssignments() throws IOException {
    var group = "/subscriptions/" + ROLE_SUB + "/resourceGroups/testrg";
    assertEquals(
        201,
        client
            .send("PUT", group + "?api-version=2021-04-01", "{\"location\":\"eastus\"}")
            .status());
    var account = group + "/providers/Microsoft.DocumentDb/databaseAccounts/test-db-account";
    arm.put(
        account,
        "{\"id\":\""
            + account
            + "\",\"name\":\"test-db-account\",\"type\":\"Microsoft.DocumentDb/databaseAccounts\",\"location\":\"eastus\"}");
    arm.addPrincipal("ce2ce14e-85d7-4629-bdbc-454d0519d987");
    arm.addRoleDefinition("0b5fe924-9a61-425c-96af-cfe6e287ca2d", "the example's role");
    replay(
        "RoleAssignments_CreateForResource.json",
        "PUT",
        account
            + "/providers/Microsoft.Authorization/roleAssignments/05c5a614-a7d6-4502-b150-c2fb455033ff",
        201);

    var subscriptionScope =
        "/subscriptions/" + ROLE_SUB + "/providers/Microsoft.Authorization/roleAssignments";
    var created =
        client.send(
            "PUT",
            subscriptionScope + "/b0f43c54-e787-4862-89b1-a653fa9cf747?api-version=2022-04-01",
            "{\"properties\":{\"roleDefinitionId\":\"/subscriptions/"
                + ROLE_SUB
                + "/providers/Microsoft.Authorization/roleDefinitions/0b5fe924-9a61-425c-96af-cfe6e287ca2d\",\"principalId\":\"ce2ce14e-85d7-4629-bdbc-454d0519d987\",\"principalType\":\"User\"}}");
    assertEquals(201, created.status(), created.text());
    var list =
        client.send(
            "GET", subscriptionScope + "?api-version=2022-04-01&$filter=atScope()", (String) null);
    assertEquals(
        1,
        list.body().path("value").size(),
        "atScope() at the subscription leaves out the resource's assignment: " + list.text());
    assertSameShape(
        example("RoleAssignments_ListForScope.json").path("responses").path("200").path("body"),
        list.body(),
        "RoleAssignments_ListForScope.json");
  }

  @Test
  void budget() throws IOException {
    var group = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/MYDEVTESTRG";
    assertEquals(
        201,
        client
            .send("PUT", group + "?api-version=2021-04-01", "{\"location\":\"eastus\"}")
            .status());
    var created =
        replay(
            "CreateOrUpdateBudget.json",
            "PUT",
            group + "/providers/Microsoft.Consumption/budgets/TestBudget",
            201);
    // An update must carry the current eTag; the example's (now stale) one is refused.
    var stale =
        client.send(
            "PUT",
            group + "/providers/Microsoft.Consumption/budgets/TestBudget?api-version=2024-08-01",
            requestBody(example("CreateOrUpdateBudget.json")));
    assertEquals(412, stale.status(), stale.text());
    var fresh = Json.parse(requestBody(example("CreateOrUpdateBudget.json")));
    ((com.fasterxml.jackson.databind.node.ObjectNode) fresh)
        .put("eTag", created.body().path("eTag").asText());
    var updated =
        client.send(
            "PUT",
            group + "/providers/Microsoft.Consumption/budgets/TestBudget?api-version=2024-08-01",
            Json.write(fresh));
    assertEquals(200, updated.status(), updated.text());
    assertSameShape(
        example("CreateOrUpdateBudget.json").path("responses").path("200").path("body"),
        updated.body(),
        "CreateOrUpdateBudget.json (200)");
  }

  @Test
  void eventSubscriptionOnAResource() throws IOException {
    var scope = "/subscriptions/5b4b650e-28b9-4790-b3ab-ddbd88d727c4/resourceGroups/examplerg";
    assertEquals(
        201,
        client
            .send("PUT", scope + "?api-version=2021-04-01", "{\"location\":\"eastus\"}")
            .status());
    var namespace = scope + "/providers/Microsoft.EventHub/namespaces/examplenamespace1";
    arm.put(
        namespace,
        "{\"id\":\""
            + namespace
            + "\",\"name\":\"examplenamespace1\",\"type\":\"Microsoft.EventHub/namespaces\",\"location\":\"eastus\"}");
    var reply =
        replay(
            "EventSubscriptions_CreateOrUpdateForResource.json",
            "PUT",
            namespace + "/providers/Microsoft.EventGrid/eventSubscriptions/examplesubscription10",
            201);
    assertEquals("Microsoft.EventGrid/eventSubscriptions", reply.body().path("type").asText());
  }
}
