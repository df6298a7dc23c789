package dev.fnctl.fake.gcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.gax.rpc.AbortedException;
import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.api.gax.rpc.PermissionDeniedException;
import com.google.api.gax.rpc.ResourceExhaustedException;
import com.google.api.gax.rpc.UnavailableException;
import com.google.cloud.functions.v2.BuildConfig;
import com.google.cloud.functions.v2.Function;
import com.google.cloud.functions.v2.FunctionServiceClient;
import com.google.cloud.functions.v2.GenerateUploadUrlRequest;
import com.google.cloud.functions.v2.GenerateUploadUrlResponse;
import com.google.cloud.functions.v2.ListFunctionsRequest;
import com.google.cloud.functions.v2.ServiceConfig;
import com.google.cloud.functions.v2.Source;
import com.google.protobuf.FieldMask;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cloud Functions v2 through the real client library on HTTP/JSON, as the provider calls it. */
class FunctionsClientIT {
  private static final String PARENT = "projects/acme-test/locations/europe-west1";

  private FakeGcp fake;
  private FunctionServiceClient client;

  @BeforeEach
  void start() {
    fake = FakeGcp.start();
    client = Clients.functions(fake);
  }

  @AfterEach
  void stop() {
    client.close();
    fake.close();
  }

  private Source upload(byte[] zip) throws Exception {
    GenerateUploadUrlResponse url =
        client.generateUploadUrl(GenerateUploadUrlRequest.newBuilder().setParent(PARENT).build());
    assertTrue(url.getUploadUrl().startsWith(fake.endpoint() + "/"), url.getUploadUrl());
    HttpResponse<String> put =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url.getUploadUrl()))
                    .header("Content-Type", "application/zip")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(zip))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, put.statusCode());
    assertArrayEquals(
        zip, fake.upload(url.getStorageSource().getBucket(), url.getStorageSource().getObject()));
    return Source.newBuilder().setStorageSource(url.getStorageSource()).build();
  }

  private Function function(String id, Source source) {
    return Function.newBuilder()
        .setBuildConfig(
            BuildConfig.newBuilder()
                .setRuntime("python312")
                .setEntryPoint("main")
                .setSource(source))
        .setServiceConfig(
            ServiceConfig.newBuilder().setAvailableMemory("256M").putEnvironmentVariables("A", "1"))
        .putLabels("fnctl-stack", "shop")
        .build();
  }

  @Test
  void createsAFunctionThroughAnOperationAndFillsWhatGoogleFills() throws Exception {
    Function created =
        client
            .createFunctionAsync(PARENT, function("hello", upload(Http.zip("zip"))), "hello")
            .get();

    assertEquals(PARENT + "/functions/hello", created.getName());
    assertEquals(Function.State.ACTIVE, created.getState());
    assertEquals("256Mi", created.getServiceConfig().getAvailableMemory());
    assertEquals(
        "true", created.getServiceConfig().getEnvironmentVariablesOrThrow("LOG_EXECUTION_ID"));
    assertEquals("1", created.getServiceConfig().getEnvironmentVariablesOrThrow("A"));
    assertEquals(60, created.getServiceConfig().getTimeoutSeconds());
    assertTrue(
        created.getServiceConfig().getUri().startsWith("https://hello-"),
        created.getServiceConfig().getUri());
    assertEquals(PARENT + "/services/hello", created.getServiceConfig().getService());
    assertEquals(created, client.getFunction(PARENT + "/functions/hello"));
    assertNotNull(fake.json(PARENT + "/services/hello"), "the function's Cloud Run service exists");
    assertThrows(
        ExecutionException.class,
        () ->
            client
                .createFunctionAsync(
                    PARENT, function("hello", created.getBuildConfig().getSource()), "hello")
                .get());
  }

  @Test
  void anOperationIsNotDoneOnItsFirstGet() throws Exception {
    var started =
        client
            .createFunctionCallable()
            .futureCall(
                com.google.cloud.functions.v2.CreateFunctionRequest.newBuilder()
                    .setParent(PARENT)
                    .setFunctionId("slow")
                    .setFunction(function("slow", upload(Http.zip("z"))))
                    .build())
            .get();
    assertFalse(started.getDone());
    var operations = client.getHttpJsonOperationsClient();
    assertFalse(operations.getOperation(started.getName()).getDone(), "first get");
    assertEquals(
        Function.State.DEPLOYING, client.getFunction(PARENT + "/functions/slow").getState());
    var done = operations.getOperation(started.getName());
    assertTrue(done.getDone(), "second get");
    assertEquals(Function.State.ACTIVE, client.getFunction(PARENT + "/functions/slow").getState());
  }

  @Test
  void anUnknownFieldIsA400AsGoogleAnswers() throws Exception {
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(fake.endpoint() + "/v2/" + PARENT + "/functions?functionId=x"))
                    .header("Content-Type", "application/json")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "{\"buildConfig\":{\"runtim\":\"python312\"}}"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(400, answer.statusCode());
    assertTrue(answer.body().contains("\"status\":\"INVALID_ARGUMENT\""), answer.body());
    assertTrue(answer.body().contains("Unknown name \\\"runtim\\\""), answer.body());
    assertEquals(0, fake.resourceNames().size());
  }

  @Test
  void updatesOnlyWhatTheMaskNamesAndRefusesUnknownPaths() throws Exception {
    Function created =
        client.createFunctionAsync(PARENT, function("f", upload(Http.zip("a"))), "f").get();
    Function change =
        created.toBuilder()
            .setServiceConfig(
                created.getServiceConfig().toBuilder()
                    .setAvailableMemory("1G")
                    .setTimeoutSeconds(30))
            .putLabels("other", "x")
            .build();
    Function updated =
        client
            .updateFunctionAsync(
                change, FieldMask.newBuilder().addPaths("service_config.available_memory").build())
            .get();
    assertEquals("1Gi", updated.getServiceConfig().getAvailableMemory());
    assertEquals(60, updated.getServiceConfig().getTimeoutSeconds(), "timeout was not in the mask");
    assertFalse(updated.getLabelsMap().containsKey("other"), "labels were not in the mask");

    ExecutionException unknownPath =
        assertThrows(
            ExecutionException.class,
            () ->
                client
                    .updateFunctionAsync(
                        change, FieldMask.newBuilder().addPaths("service_config.memory").build())
                    .get());
    assertTrue(
        unknownPath.getCause() instanceof InvalidArgumentException,
        unknownPath.getCause().toString());
  }

  @Test
  void listsByLabelFilterAndPages() throws Exception {
    Source source = upload(Http.zip("a"));
    for (String id : List.of("a1", "a2", "a3")) {
      client.createFunctionAsync(PARENT, function(id, source), id).get();
    }
    client
        .createFunctionAsync(
            PARENT,
            function("other", source).toBuilder().putLabels("fnctl-stack", "else").build(),
            "other")
        .get();

    var page =
        client.listFunctions(
            ListFunctionsRequest.newBuilder()
                .setParent("projects/acme-test/locations/-")
                .setFilter("labels.fnctl-stack=shop")
                .setPageSize(2)
                .build());
    List<String> names = new java.util.ArrayList<>();
    page.iterateAll().forEach(f -> names.add(f.getName()));
    assertEquals(
        List.of(PARENT + "/functions/a1", PARENT + "/functions/a2", PARENT + "/functions/a3"),
        names);
  }

  @Test
  void aFailedOperationNamesGoogleMessageAndLeavesTheFunctionFailed() throws Exception {
    fake.failOperations("CreateFunction", "Build failed: missing requirements.txt");
    ExecutionException failure =
        assertThrows(
            ExecutionException.class,
            () ->
                client
                    .createFunctionAsync(PARENT, function("bad", upload(Http.zip("a"))), "bad")
                    .get());
    assertTrue(
        failure.getCause().getMessage().contains("Build failed: missing requirements.txt"),
        failure.getCause().getMessage());
    assertEquals(Function.State.FAILED, client.getFunction(PARENT + "/functions/bad").getState());

    // The next operation succeeds: the fault was for one operation.
    client.deleteFunctionAsync(PARENT + "/functions/bad").get();
    assertThrows(NotFoundException.class, () -> client.getFunction(PARENT + "/functions/bad"));
  }

  @Test
  void aSourceNeverUploadedFailsTheDeployment() throws Exception {
    GenerateUploadUrlResponse url =
        client.generateUploadUrl(GenerateUploadUrlRequest.newBuilder().setParent(PARENT).build());
    Source notUploaded = Source.newBuilder().setStorageSource(url.getStorageSource()).build();
    ExecutionException failure =
        assertThrows(
            ExecutionException.class,
            () ->
                client.createFunctionAsync(PARENT, function("nosrc", notUploaded), "nosrc").get());
    assertTrue(
        failure.getCause().getMessage().contains("does not exist"),
        failure.getCause().getMessage());
  }

  @Test
  void injectedFaultsAnswerGoogleErrorsForAsManyCallsAsAskedAndAreCounted() throws Exception {
    client.createFunctionAsync(PARENT, function("r", upload(Http.zip("a"))), "r").get();
    fake.resetCounts();
    fake.failNext("GetFunction", 503, 1);
    fake.failNext("ListFunctions", 429, 1);
    assertThrows(UnavailableException.class, () -> client.getFunction(PARENT + "/functions/r"));
    assertThrows(ResourceExhaustedException.class, () -> client.listFunctions(PARENT));
    assertEquals(Function.State.ACTIVE, client.getFunction(PARENT + "/functions/r").getState());
    assertEquals(2, fake.requests("GetFunction"), fake.requestLog().toString());
    assertEquals(3, fake.requests());
  }

  @Test
  void anInvalidIdAndADuplicateAreRefused() throws Exception {
    Source source = upload(Http.zip("a"));
    ExecutionException invalid =
        assertThrows(
            ExecutionException.class,
            () -> client.createFunctionAsync(PARENT, function("Bad_Id", source), "Bad_Id").get());
    assertTrue(
        invalid.getCause() instanceof InvalidArgumentException, invalid.getCause().toString());
    client.createFunctionAsync(PARENT, function("dup", source), "dup").get();
    ExecutionException again =
        assertThrows(
            ExecutionException.class,
            () -> client.createFunctionAsync(PARENT, function("dup", source), "dup").get());
    // gax's HTTP/JSON transport maps a status by its HTTP code: Google's 409 ALREADY_EXISTS
    // reaches the caller as an AbortedException whose message carries the JSON's status.
    assertTrue(again.getCause() instanceof AbortedException, again.getCause().toString());
    assertTrue(
        again.getCause().getCause().getMessage().contains("\"status\":\"ALREADY_EXISTS\""),
        again.getCause().getCause().getMessage());
  }

  @Test
  void aDisabledApiAndAMissingPermissionAnswerWhatGoogleAnswers() throws Exception {
    fake.disableApi("cloudfunctions.googleapis.com");
    PermissionDeniedException disabled =
        assertThrows(PermissionDeniedException.class, () -> client.listFunctions(PARENT));
    String body = disabled.getCause().getMessage();
    assertTrue(body.contains("\"reason\":\"SERVICE_DISABLED\""), body);
    assertTrue(body.contains("\"service\":\"cloudfunctions.googleapis.com\""), body);
    assertTrue(body.contains("projects/" + fake.projectNumber("acme-test")), body);
    fake.enableApi("cloudfunctions.googleapis.com");
    client.listFunctions(PARENT);

    fake.denyPermission("CreateFunction", "cloudfunctions.functions.create");
    ExecutionException denied =
        assertThrows(
            ExecutionException.class,
            () ->
                client
                    .createFunctionAsync(PARENT, function("x", upload(Http.zip("a"))), "x")
                    .get());
    assertTrue(
        denied.getCause() instanceof PermissionDeniedException, denied.getCause().toString());
    assertTrue(
        denied
            .getCause()
            .getCause()
            .getMessage()
            .contains("Permission 'cloudfunctions.functions.create' denied"));
    fake.clearFaults();
    client.createFunctionAsync(PARENT, function("x", upload(Http.zip("a"))), "x").get();
  }

  @Test
  void labelsEnvironmentAndInstancesAreCheckedAsGoogleChecksThem() throws Exception {
    Source source = upload(Http.zip("a"));
    Function base = function("checked", source);
    for (Function bad :
        List.of(
            base.toBuilder().putLabels("Stack", "shop").build(),
            base.toBuilder().putLabels("stack", "Shop").build(),
            base.toBuilder()
                .setServiceConfig(
                    base.getServiceConfig().toBuilder().putEnvironmentVariables("PORT", "1"))
                .build(),
            base.toBuilder()
                .setServiceConfig(
                    base.getServiceConfig().toBuilder()
                        .setMinInstanceCount(5)
                        .setMaxInstanceCount(2))
                .build())) {
      ExecutionException refused =
          assertThrows(
              ExecutionException.class,
              () -> client.createFunctionAsync(PARENT, bad, "checked").get());
      assertTrue(
          refused.getCause() instanceof InvalidArgumentException, refused.getCause().toString());
    }
    assertEquals(0, fake.resourceNames().size(), fake.resourceNames().toString());
  }

  @Test
  void aSecretReferenceMustNameASecretThatExists() throws Exception {
    Function withSecret =
        function("s", upload(Http.zip("a"))).toBuilder()
            .setServiceConfig(
                ServiceConfig.newBuilder()
                    .addSecretEnvironmentVariables(
                        com.google.cloud.functions.v2.SecretEnvVar.newBuilder()
                            .setKey("DB")
                            .setProjectId("acme-test")
                            .setSecret("db")
                            .setVersion("latest")))
            .build();
    ExecutionException failed =
        assertThrows(
            ExecutionException.class,
            () -> client.createFunctionAsync(PARENT, withSecret, "s").get());
    assertTrue(
        failed.getCause().getMessage().contains("projects/acme-test/secrets/db"),
        failed.getCause().getMessage());
  }

  @Test
  void aStorageTriggerNeedsItsBucketAndTheStorageAgentAllowedToPublish() throws Exception {
    Http http = new Http(fake.endpoint());
    Function onUpload =
        function("on-upload", upload(Http.zip("a"))).toBuilder()
            .setEventTrigger(
                com.google.cloud.functions.v2.EventTrigger.newBuilder()
                    .setEventType("google.cloud.storage.object.v1.finalized")
                    .addEventFilters(
                        com.google.cloud.functions.v2.EventFilter.newBuilder()
                            .setAttribute("bucket")
                            .setValue("uploads")))
            .build();
    assertThrows(
        ExecutionException.class,
        () -> client.createFunctionAsync(PARENT, onUpload, "on-upload").get());
    client.deleteFunctionAsync(PARENT + "/functions/on-upload").get();

    http.call("POST", "/storage/v1/b?project=acme-test", "{\"name\":\"uploads\"}");
    ExecutionException noRole =
        assertThrows(
            ExecutionException.class,
            () -> client.createFunctionAsync(PARENT, onUpload, "on-upload").get());
    assertTrue(
        noRole.getCause().getMessage().contains("roles/pubsub.publisher"),
        noRole.getCause().getMessage());
    client.deleteFunctionAsync(PARENT + "/functions/on-upload").get();

    String agent =
        http.call("GET", "/storage/v1/projects/acme-test/serviceAccount", null)
            .json()
            .get("email_address")
            .getAsString();
    String etag =
        http.call("POST", "/v3/projects/acme-test:getIamPolicy", "{}")
            .json()
            .get("etag")
            .getAsString();
    assertEquals(
        200,
        http.call(
                "POST",
                "/v3/projects/acme-test:setIamPolicy",
                "{\"policy\":{\"etag\":\""
                    + etag
                    + "\",\"bindings\":[{\"role\":\"roles/pubsub.publisher\",\"members\":[\"serviceAccount:"
                    + agent
                    + "\"]}]}}")
            .status());
    Function deployed = client.createFunctionAsync(PARENT, onUpload, "on-upload").get();
    assertEquals(Function.State.ACTIVE, deployed.getState());
  }

  @Test
  void theSourceUploadIsCheckedAsItsSignedUrlIs() throws Exception {
    GenerateUploadUrlResponse url =
        client.generateUploadUrl(GenerateUploadUrlRequest.newBuilder().setParent(PARENT).build());
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> wrongType =
        http.send(
            HttpRequest.newBuilder(URI.create(url.getUploadUrl()))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Http.zip("a")))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(403, wrongType.statusCode());
    assertTrue(wrongType.body().contains("SignatureDoesNotMatch"), wrongType.body());
    HttpResponse<String> withCredentials =
        http.send(
            HttpRequest.newBuilder(URI.create(url.getUploadUrl()))
                .header("Content-Type", "application/zip")
                .header("Authorization", "Bearer token")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(Http.zip("a")))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(403, withCredentials.statusCode());

    assertEquals(
        200, new Http(fake.endpoint()).putZip(url.getUploadUrl(), "not a zip".getBytes()).status());
    ExecutionException notZip =
        assertThrows(
            ExecutionException.class,
            () ->
                client
                    .createFunctionAsync(
                        PARENT,
                        function(
                            "nz",
                            Source.newBuilder().setStorageSource(url.getStorageSource()).build()),
                        "nz")
                    .get());
    assertTrue(
        notZip.getCause().getMessage().contains("not a zip archive"),
        notZip.getCause().getMessage());
  }
}
