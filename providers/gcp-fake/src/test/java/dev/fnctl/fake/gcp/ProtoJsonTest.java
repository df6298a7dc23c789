package dev.fnctl.fake.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.cloud.functions.v2.ListFunctionsRequest;
import com.google.cloud.functions.v2.UpdateFunctionRequest;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Requests are parsed strictly into their proto type, from body, path and query together. */
class ProtoJsonTest {
  private final Router router = router();
  private final ProtoJson json = new ProtoJson(Apis.files());

  private static Router router() {
    Router router = new Router();
    Apis.register(new Cloud(), router);
    return router;
  }

  private com.google.protobuf.Message request(
      String verb, String path, Map<String, List<String>> query, String body) {
    Router.Match match = router.find(verb, path);
    return json.request(
        match.route(), match.pathFields(), query, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void bodyPathAndQueryMakeOneRequest() {
    var request =
        new RpcCall(
                null,
                request(
                    "PATCH",
                    "/v2/projects/p/locations/l/functions/f",
                    Map.of(
                        "updateMask",
                        List.of("labels,serviceConfig.availableMemory"),
                        "$alt",
                        List.of("json;enum-encoding=int")),
                    "{\"labels\":{\"a\":\"b\"}}"),
                "")
            .request(UpdateFunctionRequest.getDefaultInstance());
    assertEquals("projects/p/locations/l/functions/f", request.getFunction().getName());
    assertEquals(Map.of("a", "b"), request.getFunction().getLabelsMap());
    assertEquals(
        List.of("labels", "service_config.available_memory"),
        request.getUpdateMask().getPathsList());
  }

  @Test
  void queryParametersBindTypedFields() {
    var request =
        new RpcCall(
                null,
                request(
                    "GET",
                    "/v2/projects/p/locations/-/functions",
                    Map.of("pageSize", List.of("2"), "filter", List.of("labels.a=b")),
                    ""),
                "")
            .request(ListFunctionsRequest.getDefaultInstance());
    assertEquals(2, request.getPageSize());
    assertEquals("labels.a=b", request.getFilter());
  }

  @Test
  void anUnknownBodyFieldIsGoogles400() {
    GoogleError error =
        assertThrows(
            GoogleError.class,
            () ->
                request(
                    "POST",
                    "/v2/projects/p/locations/l/functions",
                    Map.of("functionId", List.of("f")),
                    "{\"serviceConfig\":{\"memory\":\"256M\"}}"));
    JsonObject body =
        JsonParser.parseString(error.toJson().toString())
            .getAsJsonObject()
            .getAsJsonObject("error");
    assertEquals(400, body.get("code").getAsInt());
    assertEquals("INVALID_ARGUMENT", body.get("status").getAsString());
    assertTrue(
        body.get("message")
            .getAsString()
            .startsWith("Invalid JSON payload received. Unknown name \"memory\""),
        body.toString());
    assertEquals(
        "type.googleapis.com/google.rpc.BadRequest",
        body.getAsJsonArray("details").get(0).getAsJsonObject().get("@type").getAsString());
  }

  @Test
  void anUnknownQueryParameterCannotBeBound() {
    GoogleError error =
        assertThrows(
            GoogleError.class,
            () ->
                request(
                    "GET",
                    "/v2/projects/p/locations/l/functions",
                    Map.of("pageSise", List.of("2")),
                    ""));
    assertTrue(error.getMessage().contains("Cannot bind query parameter"), error.getMessage());
  }

  @Test
  void aWronglyTypedValueIsRefused() {
    assertThrows(
        GoogleError.class,
        () ->
            request(
                "POST",
                "/v2/projects/p/locations/l/functions",
                Map.of("functionId", List.of("f")),
                "{\"serviceConfig\":{\"timeoutSeconds\":\"sixty\"}}"));
    assertThrows(
        GoogleError.class,
        () ->
            request(
                "POST",
                "/v2/projects/p/locations/l/functions",
                Map.of("functionId", List.of("f")),
                "{not json"));
  }
}
