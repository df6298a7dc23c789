package dev.fnctl.fake.azure;

import static dev.fnctl.fake.azure.ArmClient.group;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Role assignments, budgets and Event Grid on the fake, through the production pipeline. */
class AccessAndEventsIT {
  static final String AUTH = "?api-version=2022-04-01";
  static final String BLOB_OWNER = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";

  FakeArm arm;
  ArmClient client;
  FakeArmIT setup;

  @BeforeEach
  void start() {
    setup = new FakeArmIT();
    setup.start();
    arm = setup.arm;
    client = setup.client;
  }

  @AfterEach
  void stop() {
    setup.stop();
  }

  String assignment(String scope, String name, String role, String principal) {
    return "{\"properties\":{\"roleDefinitionId\":\"/subscriptions/"
        + ArmClient.SUB
        + "/providers/Microsoft.Authorization/roleDefinitions/"
        + role
        + "\",\"principalId\":\""
        + principal
        + "\",\"principalType\":\"ServicePrincipal\"}}";
  }

  @Test
  void roleAssignmentsAreUniqueByPrincipalRoleAndScope() throws Exception {
    setup.createGroup("orders-rg");
    var account = setup.createStorage("orders-rg", "ordersst");
    var site =
        setup.createSite("orders-rg", "orders-api", setup.createPlan("orders-rg", "orders-plan"));
    var principal =
        client
            .send("GET", site + FakeArmIT.WEB, (String) null)
            .body()
            .path("identity")
            .path("principalId")
            .asText();
    var ra = account + "/providers/Microsoft.Authorization/roleAssignments/";
    var first =
        client.send(
            "PUT",
            ra + "11111111-1111-1111-1111-111111111111" + AUTH,
            assignment(account, "", BLOB_OWNER, principal));
    assertEquals(201, first.status(), first.text());
    assertEquals(account, first.body().path("properties").path("scope").asText());
    assertEquals(
        201,
        client
            .send(
                "PUT",
                ra + "11111111-1111-1111-1111-111111111111" + AUTH,
                assignment(account, "", BLOB_OWNER, principal))
            .status(),
        "the same PUT again is idempotent");
    var twin =
        client.send(
            "PUT",
            ra + "22222222-2222-2222-2222-222222222222" + AUTH,
            assignment(account, "", BLOB_OWNER, principal));
    assertEquals(409, twin.status());
    assertEquals("RoleAssignmentExists", twin.errorCode());
    assertEquals(
        "InvalidRoleAssignmentId",
        client
            .send(
                "PUT",
                ra + "reader-for-orders" + AUTH,
                assignment(account, "", BLOB_OWNER, principal))
            .errorCode());
    assertEquals(
        "PrincipalNotFound",
        client
            .send(
                "PUT",
                ra + "33333333-3333-3333-3333-333333333333" + AUTH,
                assignment(account, "", BLOB_OWNER, "99999999-9999-9999-9999-999999999999"))
            .errorCode());
    assertEquals(
        "RoleDefinitionDoesNotExist",
        client
            .send(
                "PUT",
                ra + "33333333-3333-3333-3333-333333333333" + AUTH,
                assignment(account, "", "44444444-4444-4444-4444-444444444444", principal))
            .errorCode());
    var changed =
        client.send(
            "PUT",
            ra + "11111111-1111-1111-1111-111111111111" + AUTH,
            assignment(account, "", "ba92f5b4-2d11-453d-a403-e96b0029c9fe", principal));
    assertEquals("RoleAssignmentUpdateNotPermitted", changed.errorCode());

    var groupScope = group("orders-rg") + "/providers/Microsoft.Authorization/roleAssignments";
    var below =
        client.send(
            "GET",
            groupScope + AUTH + "&$filter=" + "principalId%20eq%20'" + principal + "'",
            (String) null);
    assertEquals(
        1,
        below.body().path("value").size(),
        "principalId lists at, above and below the scope: " + below.text());
    var atScope = client.send("GET", groupScope + AUTH + "&$filter=atScope()", (String) null);
    assertEquals(
        0,
        atScope.body().path("value").size(),
        "atScope() leaves out assignments below: " + atScope.text());

    assertEquals(
        200,
        client
            .send("DELETE", ra + "11111111-1111-1111-1111-111111111111" + AUTH, (String) null)
            .status());
    assertEquals(
        204,
        client
            .send("DELETE", ra + "11111111-1111-1111-1111-111111111111" + AUTH, (String) null)
            .status());
  }

  static String budget(String start, double threshold) {
    return "{\"properties\":{\"category\":\"Cost\",\"amount\":50,\"timeGrain\":\"Monthly\",\"timePeriod\":{\"startDate\":\""
        + start
        + "\"},"
        + "\"filter\":{\"tags\":{\"name\":\"fnctl-stack\",\"operator\":\"In\",\"values\":[\"orders\"]}},"
        + "\"notifications\":{\"actual_80\":{\"enabled\":true,\"operator\":\"GreaterThan\",\"threshold\":"
        + threshold
        + ",\"contactEmails\":[\"ops@example.com\"],\"thresholdType\":\"Actual\"}}}}";
  }

  @Test
  void budgetsFollowTheBudgetsApiRules() {
    setup.createGroup("orders-rg");
    var budgets = group("orders-rg") + "/providers/Microsoft.Consumption/budgets/orders";
    var v = "?api-version=2024-08-01";
    var midMonth = client.send("PUT", budgets + v, budget("2026-12-06T00:00:00Z", 80));
    assertEquals(400, midMonth.status());
    assertTrue(midMonth.text().contains("first of the month"), midMonth.text());
    assertEquals(400, client.send("PUT", budgets + v, budget("2026-12-01T00:00:00Z", 0)).status());
    var created = client.send("PUT", budgets + v, budget("2026-12-01T00:00:00Z", 80));
    assertEquals(201, created.status(), created.text());
    assertTrue(created.body().path("eTag").asText().startsWith("\""));
    assertTrue(
        created.body().path("properties").path("timePeriod").has("endDate"),
        "the API fills in an end date");
    assertEquals(
        "orders", client.send("GET", budgets + v, (String) null).body().path("name").asText());
    assertEquals(
        1,
        client
            .send(
                "GET",
                group("orders-rg") + "/providers/Microsoft.Consumption/budgets" + v,
                (String) null)
            .body()
            .path("value")
            .size());
    var typo =
        client.send(
            "PUT",
            budgets + v,
            budget("2026-12-01T00:00:00Z", 80).replace("contactEmails", "contactEmail"));
    assertEquals("InvalidRequestContent", typo.errorCode());
    assertEquals(200, client.send("DELETE", budgets + v, (String) null).status());
  }

  @Test
  void blobEventsReachADeployedFunctionThroughASystemTopic() throws Exception {
    setup.createGroup("orders-rg");
    var account = setup.createStorage("orders-rg", "ordersst");
    var site =
        setup.createSite("orders-rg", "orders-api", setup.createPlan("orders-rg", "orders-plan"));
    var v = "?api-version=2025-02-15";
    var topic = group("orders-rg") + "/providers/Microsoft.EventGrid/systemTopics/ordersst-events";
    var put =
        client.send(
            "PUT",
            topic + v,
            "{\"location\":\"westeurope\",\"properties\":{\"source\":\""
                + account
                + "\",\"topicType\":\"Microsoft.Storage.StorageAccounts\"}}");
    assertEquals(201, put.status(), put.text());
    assertEquals("Succeeded", client.pollAsyncOperation(put.header("Azure-AsyncOperation")));
    var second =
        client.send(
            "PUT",
            group("orders-rg") + "/providers/Microsoft.EventGrid/systemTopics/again" + v,
            "{\"location\":\"westeurope\",\"properties\":{\"source\":\""
                + account
                + "\",\"topicType\":\"Microsoft.Storage.StorageAccounts\"}}");
    assertEquals(400, second.status(), "one system topic per source");

    var subscription =
        "{\"properties\":{\"destination\":{\"endpointType\":\"AzureFunction\",\"properties\":{\"resourceId\":\""
            + site
            + "/functions/onupload\"}},"
            + "\"filter\":{\"includedEventTypes\":[\"Microsoft.Storage.BlobCreated\"],\"subjectBeginsWith\":\"/blobServices/default/containers/uploads/\"}}}";
    var early = client.send("PUT", topic + "/eventSubscriptions/onupload" + v, subscription);
    assertEquals(400, early.status(), "the function must be deployed first: " + early.text());

    var zip =
        FakeArmIT.zip(
            Map.of(
                "host.json", "{\"version\":\"2.0\"}",
                "onupload/function.json",
                    "{\"bindings\":[{\"type\":\"blobTrigger\",\"direction\":\"in\",\"name\":\"blob\",\"path\":\"uploads/{name}\",\"source\":\"EventGrid\",\"connection\":\"AzureWebJobsStorage\"}]}"));
    assertEquals(
        200,
        client
            .send("POST", "/_scm/orders-api/api/publish?RemoteBuild=false", zip, "application/zip")
            .status());
    var created = client.send("PUT", topic + "/eventSubscriptions/onupload" + v, subscription);
    assertEquals(201, created.status(), created.text());
    assertEquals("Succeeded", client.pollAsyncOperation(created.header("Azure-AsyncOperation")));
    var read = client.send("GET", topic + "/eventSubscriptions/onupload" + v, (String) null);
    assertEquals("Succeeded", read.body().path("properties").path("provisioningState").asText());
    assertEquals(
        "EventGridSchema",
        read.body().path("properties").path("eventDeliverySchema").asText(),
        "the default the API fills in");
  }

  @Test
  void theBlobExtensionsWebhookAnswersTheHandshakeOnlyWithItsSystemKey() throws Exception {
    setup.createGroup("orders-rg");
    var account = setup.createStorage("orders-rg", "ordersst");
    var site =
        setup.createSite("orders-rg", "orders-api", setup.createPlan("orders-rg", "orders-plan"));
    var v = "?api-version=2025-02-15";
    var topic = group("orders-rg") + "/providers/Microsoft.EventGrid/systemTopics/ordersst-events";
    var put =
        client.send(
            "PUT",
            topic + v,
            "{\"location\":\"westeurope\",\"properties\":{\"source\":\""
                + account
                + "\",\"topicType\":\"Microsoft.Storage.StorageAccounts\"}}");
    assertEquals("Succeeded", client.pollAsyncOperation(put.header("Azure-AsyncOperation")));
    var keysUrl = site + "/host/default/listkeys?api-version=2024-11-01";
    assertTrue(
        client.send("POST", keysUrl, (String) null).body().path("systemKeys").isEmpty(),
        "no blobs_extension key before a blob trigger is deployed");

    var zip =
        FakeArmIT.zip(
            Map.of(
                "host.json", "{\"version\":\"2.0\"}",
                "onupload/function.json",
                    "{\"bindings\":[{\"type\":\"blobTrigger\",\"direction\":\"in\",\"name\":\"blob\",\"path\":\"uploads/{name}\",\"source\":\"EventGrid\",\"connection\":\"AzureWebJobsStorage\"}]}"));
    assertEquals(
        200,
        client
            .send("POST", "/_scm/orders-api/api/publish?RemoteBuild=false", zip, "application/zip")
            .status());
    var key =
        client
            .send("POST", keysUrl, (String) null)
            .body()
            .path("systemKeys")
            .path("blobs_extension")
            .asText();
    assertTrue(key.length() > 20, "the host made the blob extension's key: " + key.length());

    var base = "https://orders-api.azurewebsites.net/runtime/webhooks/blobs";
    java.util.function.Function<String, String> subscription =
        url ->
            "{\"properties\":{\"destination\":{\"endpointType\":\"WebHook\",\"properties\":{\"endpointUrl\":\""
                + url
                + "\"}},\"filter\":{\"includedEventTypes\":[\"Microsoft.Storage.BlobCreated\"],"
                + "\"subjectBeginsWith\":\"/blobServices/default/containers/uploads/\"}}}";
    for (var wrong :
        Map.of(
                base + "?functionName=Host.Functions.onupload&code=not-the-key", "Unauthorized",
                base + "?functionName=Host.Functions.other&code=" + key, "NotFound",
                "https://nobody.azurewebsites.net/runtime/webhooks/blobs?functionName=Host.Functions.onupload&code="
                        + key,
                    "Unknown")
            .entrySet()) {
      // A subscription whose handshake failed stays, Failed; each case gets its own name.
      var name = "wrong-" + wrong.getValue().toLowerCase(java.util.Locale.ROOT);
      var refused =
          client.send(
              "PUT", topic + "/eventSubscriptions/" + name + v, subscription.apply(wrong.getKey()));
      assertEquals(201, refused.status(), refused.text());
      var status = client.pollAsyncOperation(refused.header("Azure-AsyncOperation"));
      assertEquals("Failed", status, wrong.getKey());
      var failed = client.pollLocation(refused.header("Azure-AsyncOperation"));
      assertEquals("Url validation", failed.body().path("error").path("code").asText());
      var message = failed.body().path("error").path("message").asText();
      assertTrue(
          message.startsWith("Webhook validation handshake failed for https://")
              && message.contains("response code " + wrong.getValue()),
          message);
      assertTrue(!message.contains("code="), "the key never comes back: " + message);
    }

    var good = base + "?functionName=Host.Functions.onupload&code=" + key;
    var created =
        client.send("PUT", topic + "/eventSubscriptions/onupload" + v, subscription.apply(good));
    assertEquals("Succeeded", client.pollAsyncOperation(created.header("Azure-AsyncOperation")));
    var read = client.send("GET", topic + "/eventSubscriptions/onupload" + v, (String) null);
    assertEquals(
        base,
        read.body()
            .path("properties")
            .path("destination")
            .path("properties")
            .path("endpointBaseUrl")
            .asText());
    assertTrue(!read.text().contains(key), "the key is not answered");
  }

  @Test
  void keyVaultReferencesResolveOnlyWithTheAppsOwnAccess() throws Exception {
    setup.createGroup("orders-rg");
    var site =
        setup.createSite("orders-rg", "orders-api", setup.createPlan("orders-rg", "orders-plan"));
    var principal =
        client
            .send("GET", site + FakeArmIT.WEB, (String) null)
            .body()
            .path("identity")
            .path("principalId")
            .asText();
    var v = "?api-version=2023-07-01";
    var vault = group("orders-rg") + "/providers/Microsoft.KeyVault/vaults/orders-kv";
    assertEquals(
        201,
        client
            .send(
                "PUT",
                vault + v,
                "{\"location\":\"westeurope\",\"properties\":{\"tenantId\":\""
                    + FakeArm.TENANT_ID
                    + "\",\"sku\":{\"family\":\"A\",\"name\":\"standard\"},\"enableRbacAuthorization\":true}}")
            .status());
    var secret =
        client.send(
            "PUT", vault + "/secrets/db-password" + v, "{\"properties\":{\"value\":\"hunter2\"}}");
    assertEquals(201, secret.status(), secret.text());
    assertTrue(
        !secret.text().contains("hunter2")
            && !client
                .send("GET", vault + "/secrets/db-password" + v, (String) null)
                .text()
                .contains("hunter2"),
        "ARM never answers a secret's value");

    var settings =
        "{\"properties\":{\"DB_PASSWORD\":\"@Microsoft.KeyVault(SecretUri=https://orders-kv.vault.azure.net/secrets/db-password)\","
            + "\"MISSING\":\"@Microsoft.KeyVault(VaultName=orders-kv;SecretName=nope)\",\"BROKEN\":\"@Microsoft.KeyVault(orders-kv)\",\"PLAIN\":\"x\"}}";
    assertEquals(
        200, client.send("PUT", site + "/config/appsettings" + FakeArmIT.WEB, settings).status());
    var refs =
        client.send(
            "GET", site + "/config/configreferences/appsettings" + FakeArmIT.WEB, (String) null);
    assertEquals(3, refs.body().path("value").size(), refs.text());
    assertEquals("AccessToKeyVaultDenied", statusOf(refs, "DB_PASSWORD"));
    assertEquals("SecretNotFound", statusOf(refs, "MISSING"));
    assertEquals("InvalidSyntax", statusOf(refs, "BROKEN"));

    var grant =
        client.send(
            "PUT",
            vault
                + "/secrets/db-password/providers/Microsoft.Authorization/roleAssignments/55555555-5555-5555-5555-555555555555"
                + AUTH,
            assignment(null, "", "4633458b-17de-408a-b874-0445c86b69e6", principal));
    assertEquals(201, grant.status(), grant.text());
    refs =
        client.send(
            "GET", site + "/config/configreferences/appsettings" + FakeArmIT.WEB, (String) null);
    assertEquals("Resolved", statusOf(refs, "DB_PASSWORD"));
  }

  static String statusOf(ArmClient.Reply refs, String name) {
    for (var ref : refs.body().path("value")) {
      if (ref.path("name").asText().equals(name)) {
        return ref.path("properties").path("status").asText();
      }
    }
    throw new AssertionError(name + " not in " + refs.text());
  }
}
