package dev.fnctl.fake.gcp;

import com.google.api.client.json.GenericJson;
import com.google.api.client.json.gson.GsonFactory;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * The JSON of Cloud Storage's API: strict parsing against its discovery model, its times, its
 * answers.
 */
final class StorageJson {
  private StorageJson() {}

  static String decode(String segment) {
    return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /** RFC 3339 with milliseconds, as Cloud Storage prints its times. */
  static String now() {
    return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
  }

  static HttpAnswer ok(JsonObject json) {
    return HttpAnswer.json(200, json.toString());
  }

  /** Parses a body strictly against a discovery model class: an unknown name is a 400. */
  static JsonObject strict(byte[] body, Class<? extends GenericJson> model) throws IOException {
    String text = new String(body, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      return new JsonObject();
    }
    JsonElement json = ProtoJson.parseJson(text);
    if (!json.isJsonObject()) {
      throw GoogleError.storage(400, "parseError", "Parse Error");
    }
    GenericJson parsed;
    try {
      parsed = GsonFactory.getDefaultInstance().fromString(text, model);
    } catch (IllegalArgumentException e) {
      throw GoogleError.storage(400, "invalid", "Invalid JSON payload received. " + e.getMessage());
    }
    rejectUnknown(parsed, "");
    return json.getAsJsonObject();
  }

  private static void rejectUnknown(Object value, String at) {
    if (value instanceof GenericJson json) {
      for (String unknown : json.getUnknownKeys().keySet()) {
        throw GoogleError.storage(
            400,
            "invalid",
            "Invalid JSON payload received. Unknown name \""
                + unknown
                + "\""
                + (at.isEmpty() ? "" : " at '" + at + "'")
                + ": Cannot find field.");
      }
      for (Map.Entry<String, Object> field : json.entrySet()) {
        rejectUnknown(field.getValue(), at.isEmpty() ? field.getKey() : at + "." + field.getKey());
      }
    } else if (value instanceof Collection<?> items) {
      for (Object item : items) {
        rejectUnknown(item, at);
      }
    }
  }

  static int maxResults(HttpCall call) {
    try {
      return call.param("maxResults") == null ? 0 : Integer.parseInt(call.param("maxResults"));
    } catch (NumberFormatException e) {
      throw GoogleError.storage(
          400, "invalidParameter", "Invalid value for maxResults: " + call.param("maxResults"));
    }
  }

  static GoogleError preconditionFailed() {
    return GoogleError.storage(
        412, "conditionNotMet", "At least one of the pre-conditions you specified did not hold.");
  }
}
