package dev.fnctl.fake.azure;

import static dev.fnctl.fake.azure.ArmClient.group;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fake driven over HTTPS by azure-core's pipeline with the production bearer-token policy. */
class FakeArmIT {
  static final String WEB = "?api-version=2024-11-01";
  static final String STORAGE = "?api-version=2023-05-01";
  static final String RG = "?api-version=2021-04-01";

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

  void createGroup(String rg) {
    var reply =
        client.send(
            "PUT",
            group(rg) + RG,
            "{\"location\":\"westeurope\",\"tags\":{\"fnctl-stack\":\"orders\"}}");
    assertEquals(201, reply.status(), reply.text());
  }

  String createStorage(String rg, String name) throws InterruptedException {
    var id = group(rg) + "/providers/Microsoft.Storage/storageAccounts/" + name;
    var put =
        client.send(
            "PUT",
            id + STORAGE,
            "{\"location\":\"westeurope\",\"sku\":{\"name\":\"Standard_LRS\"},\"kind\":\"StorageV2\",\"tags\":{\"fnctl-stack\":\"orders\"}}");
    assertEquals(202, put.status(), put.text());
    assertNotNull(put.header("Retry-After"));
    var done = client.pollLocation(put.header("Location"));
    assertEquals(200, done.status(), done.text());
    assertEquals("Succeeded", done.body().path("properties").path("provisioningState").asText());
    return id;
  }

  String createPlan(String rg, String name) {
    var id = group(rg) + "/providers/Microsoft.Web/serverfarms/" + name;
    var reply =
        client.send(
            "PUT",
            id + WEB,
            "{\"location\":\"westeurope\",\"kind\":\"functionapp\",\"sku\":{\"name\":\"FC1\",\"tier\":\"FlexConsumption\"},\"properties\":{\"reserved\":true}}");
    assertEquals(200, reply.status(), reply.text());
    return id;
  }

  static String siteBody(String planId, String settings, String scale) {
    return "{\"location\":\"westeurope\",\"kind\":\"functionapp,linux\",\"tags\":{\"fnctl-stack\":\"orders\"},"
        + "\"identity\":{\"type\":\"SystemAssigned\"},"
        + "\"properties\":{\"serverFarmId\":\""
        + planId
        + "\",\"httpsOnly\":true,"
        + "\"siteConfig\":{\"appSettings\":"
        + settings
        + "},"
        + "\"functionAppConfig\":{\"deployment\":{\"storage\":{\"type\":\"blobContainer\",\"value\":\"https://ordersst.blob.core.windows.net/deploy\",\"authentication\":{\"type\":\"SystemAssignedIdentity\"}}},"
        + "\"runtime\":{\"name\":\"python\",\"version\":\"3.11\"},\"scaleAndConcurrency\":"
        + scale
        + "}}}";
  }

  String createSite(String rg, String name, String planId) throws InterruptedException {
    var id = group(rg) + "/providers/Microsoft.Web/sites/" + name;
    var put =
        client.send(
            "PUT",
            id + WEB,
            siteBody(
                planId,
                "[{\"name\":\"AzureWebJobsStorage__accountName\",\"value\":\"ordersst\"}]",
                "{\"maximumInstanceCount\":40}"));
    assertEquals(202, put.status(), put.text());
    assertEquals("Succeeded", client.pollAsyncOperation(put.header("Azure-AsyncOperation")));
    return id;
  }

  @Test
  void resourceGroupsAnswerAsArmDoes() {
    createGroup("orders-rg");
    var get = client.send("GET", group("orders-rg") + RG, (String) null);
    assertEquals(200, get.status());
    assertEquals("westeurope", get.body().path("location").asText());
    assertEquals("Succeeded", get.body().path("properties").path("provisioningState").asText());
    assertEquals(204, client.send("HEAD", group("orders-rg") + RG, (String) null).status());
    assertEquals(404, client.send("HEAD", group("nope") + RG, (String) null).status());
    var missing = client.send("GET", group("nope") + RG, (String) null);
    assertEquals("ResourceGroupNotFound", missing.errorCode());
    var moved = client.send("PUT", group("orders-rg") + RG, "{\"location\":\"eastus\"}");
    assertEquals(409, moved.status());
    assertEquals("InvalidResourceGroupLocation", moved.errorCode());
  }

  @Test
  void apiVersionAndAuthorizationAreRequired() throws Exception {
    createGroup("orders-rg");
    var missing = client.send("GET", group("orders-rg"), (String) null);
    assertEquals(400, missing.status());
    assertEquals("MissingApiVersionParameter", missing.errorCode());
    var unknown = client.send("GET", group("orders-rg") + "?api-version=2099-01-01", (String) null);
    assertEquals("InvalidApiVersionParameter", unknown.errorCode());
    var raw = HttpClient.newBuilder().sslContext(arm.sslContext()).build();
    var anonymous =
        raw.send(
            java.net.http.HttpRequest.newBuilder(
                    URI.create(arm.endpoint() + group("orders-rg") + RG))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(401, anonymous.statusCode());
    assertEquals(
        "AuthenticationFailed", Json.parse(anonymous.body()).path("error").path("code").asText());
  }

  @Test
  void storageAccountsAreLongRunningAndGloballyNamed() throws InterruptedException {
    createGroup("orders-rg");
    createGroup("other-rg");
    arm.operationDelay(Duration.ofMillis(300));
    var id = group("orders-rg") + "/providers/Microsoft.Storage/storageAccounts/ordersst";
    var put =
        client.send(
            "PUT",
            id + STORAGE,
            "{\"location\":\"westeurope\",\"sku\":{\"name\":\"Standard_LRS\"},\"kind\":\"StorageV2\"}");
    assertEquals(202, put.status());
    assertEquals("1", put.header("Retry-After"));
    var during = client.send("GET", id + STORAGE, (String) null);
    assertEquals("Creating", during.body().path("properties").path("provisioningState").asText());
    var first = client.send("GET", put.header("Location"), (String) null);
    assertEquals(202, first.status(), "still running before the delay");
    var done = client.pollLocation(put.header("Location"));
    assertEquals("Succeeded", done.body().path("properties").path("provisioningState").asText());
    var taken =
        client.send(
            "PUT",
            group("other-rg") + "/providers/Microsoft.Storage/storageAccounts/ordersst" + STORAGE,
            "{\"location\":\"westeurope\",\"sku\":{\"name\":\"Standard_LRS\"},\"kind\":\"StorageV2\"}");
    assertEquals(409, taken.status());
    assertEquals("StorageAccountAlreadyTaken", taken.errorCode());
    var invalid =
        client.send(
            "PUT",
            group("other-rg") + "/providers/Microsoft.Storage/storageAccounts/Orders_St" + STORAGE,
            "{\"location\":\"westeurope\",\"sku\":{\"name\":\"Standard_LRS\"},\"kind\":\"StorageV2\"}");
    assertEquals("AccountNameInvalid", invalid.errorCode());
    var check =
        client.send(
            "POST",
            "/subscriptions/"
                + ArmClient.SUB
                + "/providers/Microsoft.Storage/checkNameAvailability"
                + STORAGE,
            "{\"name\":\"ordersst\",\"type\":\"Microsoft.Storage/storageAccounts\"}");
    assertEquals(false, check.body().path("nameAvailable").asBoolean());
    assertEquals("AlreadyExists", check.body().path("reason").asText());
    var keys = client.send("POST", id + "/listKeys" + STORAGE, (String) null);
    assertEquals(2, keys.body().path("keys").size());
    var container =
        client.send(
            "PUT",
            id + "/blobServices/default/containers/deploy" + STORAGE,
            "{\"properties\":{\"publicAccess\":\"None\"}}");
    assertEquals(201, container.status(), container.text());
    var queue =
        client.send(
            "PUT",
            id + "/queueServices/default/queues/orders" + STORAGE,
            "{\"properties\":{\"metadata\":{}}}");
    assertEquals(200, queue.status(), queue.text());
    assertEquals(
        1,
        client
            .send("GET", id + "/queueServices/default/queues" + STORAGE, (String) null)
            .body()
            .path("value")
            .size());
  }

  @Test
  void functionAppsOnFlexConsumption() throws Exception {
    createGroup("orders-rg");
    var plan = createPlan("orders-rg", "orders-plan");
    arm.platformSettings(Map.of("WEBSITE_PLATFORM_ADDED", "1"));
    var site = createSite("orders-rg", "orders-api", plan);
    var get = client.send("GET", site + WEB, (String) null);
    var config = get.body().path("properties").path("functionAppConfig");
    assertEquals(
        2048,
        config.path("scaleAndConcurrency").path("instanceMemoryMB").asInt(),
        "the platform's default");
    assertEquals(
        "West Europe",
        get.body().path("location").asText(),
        "Microsoft.Web answers the display name");
    assertNotNull(get.body().path("identity").path("principalId").asText(null));

    var list = client.send("POST", site + "/config/appsettings/list" + WEB, (String) null);
    assertEquals(
        "ordersst",
        list.body().path("properties").path("AzureWebJobsStorage__accountName").asText());
    assertEquals("1", list.body().path("properties").path("WEBSITE_PLATFORM_ADDED").asText());

    var replaced =
        client.send(
            "PUT", site + "/config/appsettings" + WEB, "{\"properties\":{\"ONLY\":\"this\"}}");
    assertEquals(200, replaced.status(), replaced.text());
    var after = client.send("POST", site + "/config/appsettings/list" + WEB, (String) null);
    assertEquals(
        1, after.body().path("properties").size(), "PUT replaces the whole set: " + after.text());

    var refused =
        client.send(
            "PUT",
            site + "/config/appsettings" + WEB,
            "{\"properties\":{\"FUNCTIONS_WORKER_RUNTIME\":\"python\"}}");
    assertEquals(400, refused.status());
    assertTrue(refused.text().contains("FUNCTIONS_WORKER_RUNTIME"));

    var memory =
        client.send("PUT", site + WEB, siteBody(plan, "[]", "{\"instanceMemoryMB\":1024}"));
    assertEquals(400, memory.status());
    assertTrue(memory.text().contains("512, 2048 or 4096"), memory.text());
    var typo = client.send("PUT", site + WEB, siteBody(plan, "[]", "{\"maximumInstanceCont\":40}"));
    assertEquals(400, typo.status());
    assertEquals("InvalidRequestContent", typo.errorCode());
    assertTrue(
        typo.text()
            .contains("properties.functionAppConfig.scaleAndConcurrency.maximumInstanceCont"),
        typo.text());

    var check =
        "/subscriptions/" + ArmClient.SUB + "/providers/Microsoft.Web/checknameavailability" + WEB;
    assertEquals(
        "AlreadyExists",
        client
            .send("POST", check, "{\"name\":\"orders-api\",\"type\":\"Site\"}")
            .body()
            .path("reason")
            .asText());
    assertEquals(
        true,
        client
            .send("POST", check, "{\"name\":\"orders-new\",\"type\":\"Microsoft.Web/sites\"}")
            .body()
            .path("nameAvailable")
            .asBoolean());
    var second =
        client.send(
            "PUT",
            group("orders-rg") + "/providers/Microsoft.Web/sites/orders-two" + WEB,
            siteBody(plan, "[]", "{}"));
    assertEquals(400, second.status());
    assertTrue(
        second.text().contains("only be one site per Flex Consumption serverfarm"), second.text());

    var keys = client.send("POST", site + "/host/default/listkeys" + WEB, (String) null);
    assertNotNull(keys.body().path("masterKey").asText(null));
    assertEquals(
        keys.body(),
        client.send("POST", site + "/host/default/listkeys" + WEB, (String) null).body(),
        "keys are stable");
  }

  @Test
  void publishBringsTheFunctionsOfThePackage() throws Exception {
    createGroup("orders-rg");
    var site = createSite("orders-rg", "orders-api", createPlan("orders-rg", "orders-plan"));
    var zip =
        zip(
            Map.of(
                "host.json", "{\"version\":\"2.0\"}",
                "hello/function.json",
                    "{\"bindings\":[{\"type\":\"httpTrigger\",\"direction\":\"in\",\"name\":\"req\",\"authLevel\":\"function\",\"methods\":[\"get\"]},{\"type\":\"http\",\"direction\":\"out\",\"name\":\"$return\"}]}"));
    var publish =
        client.send(
            "POST", "/_scm/orders-api/api/publish?RemoteBuild=false", zip, "application/zip");
    assertEquals(200, publish.status(), publish.text());
    var functions = client.send("GET", site + "/functions" + WEB, (String) null);
    assertEquals(1, functions.body().path("value").size(), functions.text());
    assertEquals(
        "https://orders-api.azurewebsites.net/api/hello",
        functions
            .body()
            .path("value")
            .get(0)
            .path("properties")
            .path("invoke_url_template")
            .asText());
    var key = client.send("POST", site + "/functions/hello/listkeys" + WEB, (String) null);
    assertNotNull(key.body().path("default").asText(null));
    assertEquals(
        404, client.send("POST", site + "/functions/nope/listkeys" + WEB, (String) null).status());
  }

  @Test
  void tagFilteredListingPagesWithNextLink() throws InterruptedException {
    createGroup("orders-rg");
    createStorage("orders-rg", "ordersst");
    for (int i = 0; i < 5; i++) {
      createSite("orders-rg", "orders-fn" + i, createPlan("orders-rg", "orders-plan" + i));
    }
    arm.put(
        group("orders-rg") + "/providers/Microsoft.Web/sites/foreign",
        "{\"id\":\""
            + group("orders-rg")
            + "/providers/Microsoft.Web/sites/foreign\",\"name\":\"foreign\",\"type\":\"Microsoft.Web/sites\",\"location\":\"West Europe\",\"tags\":{\"fnctl-stack\":\"other\"}}");
    arm.pageSize(2);
    var ids = new ArrayList<String>();
    String next =
        group("orders-rg")
            + "/resources?$filter="
            + "tagName%20eq%20'fnctl-stack'%20and%20tagValue%20eq%20'orders'"
            + "&api-version=2021-04-01";
    int pages = 0;
    while (next != null) {
      var page = client.send("GET", next, (String) null);
      assertEquals(200, page.status(), page.text());
      page.body().path("value").forEach(v -> ids.add(v.path("id").asText()));
      next = page.body().path("nextLink").asText(null);
      pages++;
    }
    assertEquals(
        6,
        ids.size(),
        ids.toString()); // the account and five sites; not the plan (untagged) nor the foreign app
    assertEquals(3, pages);
    assertTrue(ids.stream().noneMatch(id -> id.endsWith("/foreign")));
  }

  @Test
  void faultsAndFailedOperations() throws InterruptedException {
    createGroup("orders-rg");
    arm.failNext("/resourceGroups/orders-rg", 429, 1, Duration.ofSeconds(7));
    var throttled = client.send("GET", group("orders-rg") + RG, (String) null);
    assertEquals(429, throttled.status());
    assertEquals("7", throttled.header("Retry-After"));
    assertEquals(200, client.send("GET", group("orders-rg") + RG, (String) null).status());

    arm.failOperations("/storageAccounts/ordersst", "disk on fire");
    var put =
        client.send(
            "PUT",
            group("orders-rg") + "/providers/Microsoft.Storage/storageAccounts/ordersst" + STORAGE,
            "{\"location\":\"westeurope\",\"sku\":{\"name\":\"Standard_LRS\"},\"kind\":\"StorageV2\"}");
    var failed = client.pollLocation(put.header("Location"));
    assertEquals(500, failed.status());
    assertEquals("disk on fire", failed.body().path("error").path("message").asText());
    assertNull(
        arm.get(group("orders-rg") + "/providers/Microsoft.Storage/storageAccounts/ordersst"));
    createStorage("orders-rg", "ordersst"); // the re-run converges

    var plan = createPlan("orders-rg", "orders-plan");
    arm.failOperations("/sites/orders-api", "no capacity");
    var site =
        client.send(
            "PUT",
            group("orders-rg") + "/providers/Microsoft.Web/sites/orders-api" + WEB,
            siteBody(plan, "[]", "{}"));
    assertEquals("Failed", client.pollAsyncOperation(site.header("Azure-AsyncOperation")));
    var status = client.send("GET", site.header("Azure-AsyncOperation"), (String) null);
    assertEquals("no capacity", status.body().path("error").path("message").asText());
  }

  @Test
  void deletingAGroupDeletesWhatIsInIt() throws InterruptedException {
    createGroup("orders-rg");
    var account = createStorage("orders-rg", "ordersst");
    arm.operationDelay(Duration.ofMillis(300));
    var delete = client.send("DELETE", group("orders-rg") + RG, (String) null);
    assertEquals(202, delete.status());
    var again = client.send("PUT", group("orders-rg") + RG, "{\"location\":\"westeurope\"}");
    assertEquals(
        "ResourceGroupBeingDeleted",
        again.errorCode(),
        "no writes while the group is being deleted");
    assertEquals(200, client.pollLocation(delete.header("Location")).status());
    assertNull(arm.get(account));
    assertNull(arm.get(group("orders-rg")));
  }

  @Test
  void anUnregisteredResourceProviderIsRefusedUntilRegistered() {
    createGroup("orders-rg");
    arm.unregisterProvider("Microsoft.Web");
    var plan = group("orders-rg") + "/providers/Microsoft.Web/serverfarms/orders-plan" + WEB;
    var body =
        "{\"location\":\"westeurope\",\"sku\":{\"name\":\"FC1\"},\"properties\":{\"reserved\":true}}";
    var refused = client.send("PUT", plan, body);
    assertEquals(409, refused.status());
    assertEquals("MissingSubscriptionRegistration", refused.errorCode());
    var state =
        client.send(
            "GET",
            "/subscriptions/" + ArmClient.SUB + "/providers/Microsoft.Web" + RG,
            (String) null);
    assertEquals("NotRegistered", state.body().path("registrationState").asText());
    assertEquals(
        200,
        client
            .send(
                "POST",
                "/subscriptions/" + ArmClient.SUB + "/providers/Microsoft.Web/register" + RG,
                (String) null)
            .status());
    assertEquals(200, client.send("PUT", plan, body).status());
  }

  @Test
  void asynchronousPublishIsPolledAndCanFail() throws Exception {
    createGroup("orders-rg");
    var site = createSite("orders-rg", "orders-api", createPlan("orders-rg", "orders-plan"));
    var zip =
        zip(
            Map.of(
                "host.json",
                "{\"version\":\"2.0\"}",
                "hello/function.json",
                "{\"bindings\":[{\"type\":\"httpTrigger\",\"direction\":\"in\",\"name\":\"req\",\"authLevel\":\"anonymous\"}]}"));
    arm.operationDelay(Duration.ofMillis(300));
    var accepted =
        client.send(
            "POST",
            "/_scm/orders-api/api/publish?RemoteBuild=false&isAsync=true",
            zip,
            "application/zip");
    assertEquals(202, accepted.status());
    assertEquals("1", accepted.header("Retry-After"));
    var running = client.send("GET", accepted.header("Location"), (String) null);
    assertEquals(false, running.body().path("complete").asBoolean());
    Thread.sleep(400);
    var done = client.send("GET", accepted.header("Location"), (String) null);
    assertEquals(4, done.body().path("status").asInt(), done.text());

    arm.operationDelay(Duration.ZERO);
    arm.failOperations("/sites/orders-api/deployments", "the package does not start");
    var zip2 =
        zip(
            Map.of(
                "host.json",
                "{\"version\":\"2.0\"}",
                "other/function.json",
                "{\"bindings\":[{\"type\":\"httpTrigger\",\"direction\":\"in\",\"name\":\"req\",\"authLevel\":\"anonymous\"}]}"));
    var again =
        client.send(
            "POST",
            "/_scm/orders-api/api/publish?RemoteBuild=false&isAsync=true",
            zip2,
            "application/zip");
    var failed = client.send("GET", again.header("Location"), (String) null);
    assertEquals(3, failed.body().path("status").asInt());
    assertEquals("the package does not start", failed.body().path("status_text").asText());
    var functions = client.send("GET", site + "/functions" + WEB, (String) null);
    assertEquals(
        "orders-api/hello",
        functions.body().path("value").get(0).path("name").asText(),
        "the previous package stays");
  }

  @Test
  void theTagsApiMergesReplacesAndDeletes() throws Exception {
    createGroup("orders-rg");
    var account = createStorage("orders-rg", "ordersst");
    var tags = account + "/providers/Microsoft.Resources/tags/default" + RG;
    var merged =
        client.send(
            "PATCH",
            tags,
            "{\"operation\":\"Merge\",\"properties\":{\"tags\":{\"owner\":\"ops\"}}}");
    assertEquals(200, merged.status(), merged.text());
    assertEquals(
        Json.parse("{\"fnctl-stack\":\"orders\",\"owner\":\"ops\"}"),
        merged.body().path("properties").path("tags"));
    var deleted =
        client.send(
            "PATCH", tags, "{\"operation\":\"Delete\",\"properties\":{\"tags\":{\"owner\":\"\"}}}");
    assertEquals(
        Json.parse("{\"fnctl-stack\":\"orders\"}"), deleted.body().path("properties").path("tags"));
    client.send("PUT", tags, "{\"properties\":{\"tags\":{\"only\":\"this\"}}}");
    assertEquals(
        "this",
        client
            .send("GET", account + STORAGE, (String) null)
            .body()
            .path("tags")
            .path("only")
            .asText());
    assertEquals(
        1, client.send("GET", account + STORAGE, (String) null).body().path("tags").size());
  }

  @Test
  void groupsAndTheWholeSubscriptionListWithTagFilters() throws Exception {
    createGroup("orders-rg");
    assertEquals(
        201, client.send("PUT", group("other-rg") + RG, "{\"location\":\"westeurope\"}").status());
    createStorage("orders-rg", "ordersst");
    var all =
        client.send(
            "GET", "/subscriptions/" + ArmClient.SUB + "/resourcegroups" + RG, (String) null);
    assertEquals(2, all.body().path("value").size(), all.text());
    var tagged =
        client.send(
            "GET",
            "/subscriptions/"
                + ArmClient.SUB
                + "/resourcegroups"
                + RG
                + "&$filter=tagName%20eq%20'fnctl-stack'",
            (String) null);
    assertEquals(1, tagged.body().path("value").size(), tagged.text());
    var everywhere =
        client.send(
            "GET",
            "/subscriptions/"
                + ArmClient.SUB
                + "/resources"
                + RG
                + "&$filter=tagName%20eq%20'fnctl-stack'%20and%20tagValue%20eq%20'orders'",
            (String) null);
    assertEquals(1, everywhere.body().path("value").size(), everywhere.text());
    assertEquals(
        "Microsoft.Storage/storageAccounts",
        everywhere.body().path("value").get(0).path("type").asText());
    var reserved = client.send("PATCH", group("orders-rg") + RG, "{\"tags\":{\"a/b\":\"x\"}}");
    assertEquals("InvalidTagNameCharacters", reserved.errorCode());
    var tooLong =
        client.send(
            "PATCH", group("orders-rg") + RG, "{\"tags\":{\"long\":\"" + "v".repeat(257) + "\"}}");
    assertEquals("InvalidTagValueLength", tooLong.errorCode());
    Thread.sleep(3100);
    arm.listingLag(Duration.ofSeconds(3));
    createStorage("orders-rg", "ordersst2");
    var listing = group("orders-rg") + "/resources" + RG + "&$filter=tagName%20eq%20'fnctl-stack'";
    var lagging = client.send("GET", listing, (String) null);
    assertEquals(
        1,
        lagging.body().path("value").size(),
        "a new account is not listed yet: " + lagging.text());
    Thread.sleep(3100);
    assertEquals(
        2, client.send("GET", listing, (String) null).body().path("value").size(), "then it is");
    arm.listingLag(Duration.ZERO);
    var wrongValue =
        client.send(
            "GET",
            "/subscriptions/"
                + ArmClient.SUB
                + "/resources"
                + RG
                + "&$filter=tagName%20eq%20'fnctl-stack'%20and%20tagValue%20eq%20'Orders'",
            (String) null);
    assertEquals(0, wrongValue.body().path("value").size(), "tag values compare exactly");
  }

  static byte[] zip(Map<String, String> files) throws IOException {
    var out = new ByteArrayOutputStream();
    try (var zip = new ZipOutputStream(out)) {
      for (var e : files.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    }
    return out.toByteArray();
  }
}
