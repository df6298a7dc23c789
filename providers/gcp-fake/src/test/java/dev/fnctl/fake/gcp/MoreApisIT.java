package dev.fnctl.fake.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.functions.v2.BuildConfig;
import com.google.cloud.functions.v2.EventTrigger;
import com.google.cloud.functions.v2.Function;
import com.google.cloud.functions.v2.GenerateUploadUrlRequest;
import com.google.cloud.functions.v2.Source;
import com.google.cloud.scheduler.v1.CloudSchedulerClient;
import com.google.cloud.scheduler.v1.HttpMethod;
import com.google.cloud.scheduler.v1.HttpTarget;
import com.google.cloud.scheduler.v1.Job;
import com.google.cloud.scheduler.v1.OidcToken;
import com.google.cloud.secretmanager.v1.Replication;
import com.google.cloud.secretmanager.v1.Secret;
import com.google.cloud.secretmanager.v1.SecretManagerServiceClient;
import com.google.cloud.secretmanager.v1.SecretPayload;
import com.google.gson.JsonObject;
import com.google.protobuf.ByteString;
import com.google.protobuf.FieldMask;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scheduler and Secret Manager through their client libraries; Budgets, Monitoring, Eventarc and
 * Cloud Run IAM over REST.
 */
class MoreApisIT {
  private static final String LOCATION = "projects/acme-test/locations/europe-west1";

  private FakeGcp fake;
  private Http http;

  @BeforeEach
  void start() {
    fake = FakeGcp.start();
    http = new Http(fake.endpoint());
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void schedulerJobsAreNamedByTheCallerAndGetDefaults() {
    try (CloudSchedulerClient scheduler = Clients.scheduler(fake)) {
      Job job =
          scheduler.createJob(
              LOCATION,
              Job.newBuilder()
                  .setName(LOCATION + "/jobs/fnctl--shop--prod--nightly")
                  .setSchedule("0 3 * * *")
                  .setHttpTarget(
                      HttpTarget.newBuilder()
                          .setUri("https://nightly-abc-ew.a.run.app")
                          .setOidcToken(
                              OidcToken.newBuilder()
                                  .setServiceAccountEmail("fn@acme-test.iam.gserviceaccount.com")))
                  .build());
      assertEquals(Job.State.ENABLED, job.getState());
      assertEquals("Etc/UTC", job.getTimeZone());
      assertEquals(HttpMethod.POST, job.getHttpTarget().getHttpMethod());
      assertEquals(180, job.getAttemptDeadline().getSeconds());
      Job updated =
          scheduler.updateJob(
              job.toBuilder().setSchedule("0 4 * * *").build(),
              FieldMask.newBuilder().addPaths("schedule").build());
      assertEquals("0 4 * * *", updated.getSchedule());
      assertThrows(
          InvalidArgumentException.class,
          () ->
              scheduler.createJob(
                  LOCATION,
                  Job.newBuilder()
                      .setName(LOCATION + "/jobs/bad")
                      .setSchedule("every day at noon please")
                      .setTimeZone("Mars/Base")
                      .build()));
      scheduler.deleteJob(job.getName());
      assertThrows(NotFoundException.class, () -> scheduler.getJob(job.getName()));
    }
  }

  @Test
  void secretsHaveVersionsAndLabelFilters() {
    try (SecretManagerServiceClient secrets = Clients.secrets(fake)) {
      Secret secret =
          secrets.createSecret(
              "projects/acme-test",
              "db-password",
              Secret.newBuilder()
                  .setReplication(
                      Replication.newBuilder()
                          .setAutomatic(Replication.Automatic.getDefaultInstance()))
                  .putLabels("fnctl-stack", "shop")
                  .build());
      secrets.createSecret(
          "projects/acme-test",
          "other",
          Secret.newBuilder()
              .setReplication(
                  Replication.newBuilder().setAutomatic(Replication.Automatic.getDefaultInstance()))
              .build());
      secrets.addSecretVersion(
          secret.getName(),
          SecretPayload.newBuilder().setData(ByteString.copyFromUtf8("s3cr3t")).build());
      assertEquals(
          "s3cr3t",
          secrets
              .accessSecretVersion(secret.getName() + "/versions/latest")
              .getPayload()
              .getData()
              .toStringUtf8());
      var listed = new java.util.ArrayList<String>();
      secrets
          .listSecrets(
              com.google.cloud.secretmanager.v1.ListSecretsRequest.newBuilder()
                  .setParent("projects/acme-test")
                  .setFilter("labels.fnctl-stack=shop")
                  .build())
          .iterateAll()
          .forEach(s -> listed.add(s.getName()));
      assertEquals(java.util.List.of(secret.getName()), listed);
      assertFalse(fake.json(secret.getName()).contains("s3cr3t"));
    }
  }

  @Test
  void budgetsNotifyChannelsThatExist() {
    Http.Answer channel =
        http.call(
            "POST",
            "/v3/projects/acme-test/notificationChannels",
            "{\"type\":\"email\",\"displayName\":\"ops\",\"labels\":{\"email_address\":\"ops@example.com\"},\"userLabels\":{\"fnctl-stack\":\"shop\"}}");
    assertEquals(200, channel.status(), channel.body());
    String channelName = channel.json().get("name").getAsString();
    assertEquals(
        400,
        http.call("POST", "/v3/projects/acme-test/notificationChannels", "{\"type\":\"email\"}")
            .status());
    assertTrue(
        http.call(
                "GET",
                "/v3/projects/acme-test/notificationChannels?filter=user_labels.fnctl-stack%3D%22shop%22",
                null)
            .body()
            .contains(channelName));

    String budget =
        "{\"displayName\":\"shop\",\"budgetFilter\":{\"labels\":{\"fnctl-stack\":[\"shop\"]}},"
            + "\"amount\":{\"specifiedAmount\":{\"currencyCode\":\"EUR\",\"units\":\"100\"}},"
            + "\"thresholdRules\":[{\"thresholdPercent\":0.8}],\"notificationsRule\":{\"monitoringNotificationChannels\":[\""
            + channelName
            + "\"]}}";
    Http.Answer created =
        http.call("POST", "/v1/billingAccounts/0123AB-4567CD-89EF01/budgets", budget);
    assertEquals(200, created.status(), created.body());
    JsonObject stored = created.json();
    String name = stored.get("name").getAsString();
    String etag = stored.get("etag").getAsString();
    Http.Answer updated =
        http.call(
            "PATCH",
            "/v1/" + name + "?updateMask=displayName",
            "{\"displayName\":\"shop2\",\"etag\":\"" + etag + "\"}");
    assertEquals(200, updated.status(), updated.body());
    assertEquals(
        409,
        http.call(
                "PATCH",
                "/v1/" + name + "?updateMask=displayName",
                "{\"displayName\":\"shop3\",\"etag\":\"" + etag + "\"}")
            .status());
    assertEquals(
        400,
        http.call("PATCH", "/v1/" + name + "?updateMask=displayNam", "{\"displayName\":\"x\"}")
            .status());
    assertEquals(
        400,
        http.call(
                "POST",
                "/v1/billingAccounts/0123AB-4567CD-89EF01/budgets",
                budget.replace(channelName, "projects/acme-test/notificationChannels/404"))
            .status());
    // a budget filters on one label with one value
    for (String labels :
        new String[] {
          "{\"fnctl-stack\":[\"shop\"],\"fnctl-target\":[\"eu\"]}",
          "{\"fnctl-stack\":[\"a\",\"b\"]}"
        })
      assertEquals(
          400,
          http.call(
                  "POST",
                  "/v1/billingAccounts/0123AB-4567CD-89EF01/budgets",
                  budget.replace("{\"fnctl-stack\":[\"shop\"]}", labels))
              .status(),
          labels);
  }

  @Test
  void anEventDrivenFunctionHasItsEventarcTriggerAndItsRunServiceAPolicy() throws Exception {
    try (var functions = Clients.functions(fake)) {
      var url =
          functions.generateUploadUrl(
              GenerateUploadUrlRequest.newBuilder().setParent(LOCATION).build());
      http.putZip(url.getUploadUrl(), Http.zip("exports.on = () => {};"));
      Function created =
          functions
              .createFunctionAsync(
                  LOCATION,
                  Function.newBuilder()
                      .setBuildConfig(
                          BuildConfig.newBuilder()
                              .setRuntime("nodejs22")
                              .setEntryPoint("on")
                              .setSource(
                                  Source.newBuilder().setStorageSource(url.getStorageSource())))
                      .setEventTrigger(
                          EventTrigger.newBuilder()
                              .setEventType("google.cloud.pubsub.topic.v1.messagePublished")
                              .setPubsubTopic("projects/acme-test/topics/orders"))
                      .build(),
                  "on-order")
              .get();
      String trigger = created.getEventTrigger().getTrigger();
      Http.Answer read = http.call("GET", "/v1/" + trigger, null);
      assertEquals(200, read.status(), read.body());
      assertEquals(
          "projects/acme-test/topics/orders",
          read.json()
              .getAsJsonObject("transport")
              .getAsJsonObject("pubsub")
              .get("topic")
              .getAsString());
      assertTrue(
          http.call("GET", "/v1/projects/acme-test/subscriptions", null)
              .body()
              .contains("eventarc-europe-west1-"));

      String service = created.getServiceConfig().getService();
      Http.Answer policy = http.call("GET", "/v2/" + service + ":getIamPolicy", null);
      assertEquals(200, policy.status(), policy.body());
      Http.Answer set =
          http.call(
              "POST",
              "/v2/" + service + ":setIamPolicy",
              "{\"policy\":{\"etag\":\""
                  + policy.json().get("etag").getAsString()
                  + "\",\"bindings\":[{\"role\":\"roles/run.invoker\",\"members\":[\"allUsers\"]}]}}");
      assertEquals(200, set.status(), set.body());
      assertTrue(fake.policyJson(service).contains("allUsers"));
      assertEquals(
          409,
          http.call(
                  "POST",
                  "/v2/" + service + ":setIamPolicy",
                  "{\"policy\":{\"etag\":\""
                      + policy.json().get("etag").getAsString()
                      + "\",\"bindings\":[]}}")
              .status());

      functions.deleteFunctionAsync(created.getName()).get();
      assertEquals(404, http.call("GET", "/v1/" + trigger, null).status());
      assertEquals(404, http.call("GET", "/v2/" + service + ":getIamPolicy", null).status());
    }
  }

  @Test
  void eventarcTriggersAreCreatedThroughOperations() {
    fake.operations(0, java.time.Duration.ZERO);
    String storageTrigger =
        "{\"name\":\""
            + LOCATION
            + "/triggers/uploads\",\"eventFilters\":[{\"attribute\":\"type\",\"value\":\"google.cloud.storage.object.v1.finalized\"},{\"attribute\":\"bucket\",\"value\":\"shop-uploads\"}],"
            + "\"destination\":{\"cloudRun\":{\"service\":\"uploads\",\"region\":\"europe-west1\"}},\"labels\":{\"fnctl-stack\":\"shop\"}}";
    // Eventarc refuses Cloud Storage events until Cloud Storage's service agent may publish
    Http.Answer refused =
        http.call("POST", "/v1/" + LOCATION + "/triggers?triggerId=uploads", storageTrigger);
    assertEquals(400, refused.status(), refused.body());
    assertTrue(refused.body().contains("FAILED_PRECONDITION"), refused.body());
    String agent =
        http.call("GET", "/storage/v1/projects/acme-test/serviceAccount", null)
            .json()
            .get("email_address")
            .getAsString();
    assertEquals(
        "service-"
            + fake.projectNumber("acme-test")
            + "@gs-project-accounts.iam.gserviceaccount.com",
        agent);
    Http.Answer granted =
        http.call(
            "POST",
            "/v3/projects/acme-test:setIamPolicy",
            "{\"policy\":{\"bindings\":[{\"role\":\"roles/pubsub.publisher\",\"members\":[\"serviceAccount:"
                + agent
                + "\"]}]}}");
    assertEquals(200, granted.status(), granted.body());
    Http.Answer op =
        http.call("POST", "/v1/" + LOCATION + "/triggers?triggerId=uploads", storageTrigger);
    assertEquals(200, op.status(), op.body());
    assertFalse(op.json().has("done"));
    Http.Answer done = http.call("GET", "/v1/" + op.json().get("name").getAsString(), null);
    assertTrue(done.json().get("done").getAsBoolean(), done.body());
    assertTrue(
        http.call("GET", "/v1/" + LOCATION + "/triggers?filter=labels.fnctl-stack%3Dshop", null)
            .body()
            .contains("/triggers/uploads"));
    assertEquals(
        400,
        http.call(
                "POST",
                "/v1/" + LOCATION + "/triggers?triggerId=nofilters",
                "{\"name\":\""
                    + LOCATION
                    + "/triggers/nofilters\",\"destination\":{\"cloudRun\":{\"service\":\"x\"}}}")
            .status());
  }
}
