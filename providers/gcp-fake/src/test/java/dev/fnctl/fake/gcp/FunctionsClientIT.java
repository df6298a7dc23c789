package dev.fnctl.fake.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.gax.rpc.AbortedException;
import com.google.api.gax.rpc.InvalidArgumentException;
import com.google.api.gax.rpc.NotFoundException;
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
    assertEquals(
        new String(zip),
        new String(
            fake.upload(url.getStorageSource().getBucket(), url.getStorageSource().getObject())));
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
            .createFunctionAsync(PARENT, function("hello", upload("zip".getBytes())), "hello")
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
                    .setFunction(function("slow", upload("z".getBytes())))
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
        client.createFunctionAsync(PARENT, function("f", upload("a".getBytes())), "f").get();
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
    Source source = upload("a".getBytes());
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
                    .createFunctionAsync(PARENT, function("bad", upload("a".getBytes())), "bad")
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
    client.createFunctionAsync(PARENT, function("r", upload("a".getBytes())), "r").get();
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
    Source source = upload("a".getBytes());
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
}
