package dev.fnctl.fake.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cloud Storage's semantics without a server: strict bodies, generations and preconditions. */
class StorageApiTest {
  private final Cloud cloud = new Cloud();
  private final StorageApi storage = new StorageApi(cloud);

  private HttpAnswer call(String verb, String pathAndQuery, String contentType, String body)
      throws Exception {
    String[] parts = pathAndQuery.split("\\?", 2);
    return storage.handle(
        new HttpCall(
            verb,
            parts[0],
            HttpCall.parseQuery(parts.length > 1 ? parts[1] : ""),
            Map.of("Content-Type", List.of(contentType)),
            body.getBytes(StandardCharsets.UTF_8),
            "http://127.0.0.1:1"));
  }

  private static JsonObject json(HttpAnswer answer) {
    return JsonParser.parseString(new String(answer.body(), StandardCharsets.UTF_8))
        .getAsJsonObject();
  }

  @Test
  void anUnknownNameAtAnyDepthIsRefusedAgainstTheDiscoveryModel() throws Exception {
    GoogleError nested =
        assertThrows(
            GoogleError.class,
            () ->
                call(
                    "POST",
                    "/storage/v1/b?project=p",
                    "application/json",
                    "{\"name\":\"bkt\",\"iamConfiguration\":{\"uniformBucketLevelAccess\":{\"enabld\":true}}}"));
    assertEquals(400, nested.httpStatus);
    assertTrue(
        nested.getMessage().contains("\"enabld\" at 'iamConfiguration.uniformBucketLevelAccess'"),
        nested.getMessage());
    assertTrue(
        nested.toJson().toString().contains("\"reason\":\"invalid\""), nested.toJson().toString());
    assertEquals(
        200,
        call(
                "POST",
                "/storage/v1/b?project=p",
                "application/json",
                "{\"name\":\"bkt\",\"iamConfiguration\":{\"uniformBucketLevelAccess\":{\"enabled\":true}}}")
            .status());
  }

  @Test
  void generationPreconditionsAreAnswered412() throws Exception {
    call("POST", "/storage/v1/b?project=p", "application/json", "{\"name\":\"locks\"}");
    HttpAnswer first =
        call(
            "POST",
            "/upload/storage/v1/b/locks/o?uploadType=media&name=held&ifGenerationMatch=0",
            "application/json",
            "{\"by\":\"a\"}");
    long generation = json(first).get("generation").getAsLong();
    GoogleError taken =
        assertThrows(
            GoogleError.class,
            () ->
                call(
                    "POST",
                    "/upload/storage/v1/b/locks/o?uploadType=media&name=held&ifGenerationMatch=0",
                    "application/json",
                    "{\"by\":\"b\"}"));
    assertEquals(412, taken.httpStatus);
    assertTrue(taken.toJson().toString().contains("conditionNotMet"));

    HttpAnswer replaced =
        call(
            "POST",
            "/upload/storage/v1/b/locks/o?uploadType=media&name=held&ifGenerationMatch="
                + generation,
            "application/json",
            "{\"by\":\"c\"}");
    long next = json(replaced).get("generation").getAsLong();
    assertTrue(next > generation);
    assertThrows(
        GoogleError.class,
        () -> call("DELETE", "/storage/v1/b/locks/o/held?ifGenerationMatch=" + generation, "", ""));
    assertThrows(
        GoogleError.class,
        () -> call("DELETE", "/storage/v1/b/locks/o/held?ifGenerationNotMatch=" + next, "", ""));
    assertEquals(
        304,
        call("GET", "/storage/v1/b/locks/o/held?ifGenerationNotMatch=" + next, "", "").status());
    assertEquals(
        204,
        call("DELETE", "/storage/v1/b/locks/o/held?ifGenerationMatch=" + next, "", "").status());
    assertNull(cloud.storage.objectsOf("locks").get("held"));
  }

  @Test
  void aMultipartUploadCarriesItsMetadataAndItsBytes() throws Exception {
    call("POST", "/storage/v1/b?project=p", "application/json", "{\"name\":\"parts\"}");
    String body =
        "--XYZ\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n{\"name\":\"a/b.txt\",\"metadata\":{\"k\":\"v\"}}\r\n"
            + "--XYZ\r\nContent-Type: text/plain\r\n\r\nhello\r\n--XYZ--\r\n";
    JsonObject object =
        json(
            call(
                "POST",
                "/upload/storage/v1/b/parts/o?uploadType=multipart",
                "multipart/related; boundary=XYZ",
                body));
    assertEquals("a/b.txt", object.get("name").getAsString());
    assertEquals("5", object.get("size").getAsString());
    assertEquals("v", object.getAsJsonObject("metadata").get("k").getAsString());
    assertEquals(
        "hello",
        new String(
            call("GET", "/storage/v1/b/parts/o/a%2Fb.txt?alt=media", "", "").body(),
            StandardCharsets.UTF_8));
    assertEquals(
        409,
        assertThrows(GoogleError.class, () -> call("DELETE", "/storage/v1/b/parts", "", ""))
            .httpStatus);
  }
}
