package dev.fnctl.fake.azure;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** What a handler answers: status, extra headers and an optional JSON body. */
record ArmResponse(int status, Map<String, String> headers, JsonNode body) {
  static ArmResponse ok(JsonNode body) {
    return new ArmResponse(200, Map.of(), body);
  }

  static ArmResponse created(JsonNode body) {
    return new ArmResponse(201, Map.of(), body);
  }

  static ArmResponse of(int status, JsonNode body) {
    return new ArmResponse(status, Map.of(), body);
  }

  static ArmResponse noContent() {
    return new ArmResponse(204, Map.of(), null);
  }
}
