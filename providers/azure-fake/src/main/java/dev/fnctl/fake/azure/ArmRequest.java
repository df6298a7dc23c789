package dev.fnctl.fake.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * One request as a handler sees it: the decoded path, the decoded query, the raw body and the
 * groups of the route that matched.
 */
final class ArmRequest {
  final String method;
  final String path;
  final Map<String, String> query;
  final byte[] body;
  final String contentType;
  Matcher match;

  ArmRequest(String method, String path, String rawQuery, byte[] body, String contentType) {
    this.method = method;
    this.path = path;
    this.query = parseQuery(rawQuery);
    this.body = body;
    this.contentType = contentType;
  }

  String group(String name) {
    return match.group(name);
  }

  String apiVersion() {
    return query.get("api-version");
  }

  /** The body as a JSON object; ARM answers an unreadable body with 400 InvalidRequestContent. */
  ObjectNode json() {
    if (body.length == 0) {
      throw ArmException.badRequest(
          "InvalidRequestContent",
          "The request content was invalid and could not be deserialized: 'The request content is empty.'");
    }
    JsonNode node;
    try {
      node = Json.parse(new String(body, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw ArmException.badRequest(
          "InvalidRequestContent",
          "The request content was invalid and could not be deserialized: '"
              + e.getMessage()
              + "'.");
    }
    if (!(node instanceof ObjectNode object)) {
      throw ArmException.badRequest(
          "InvalidRequestContent",
          "The request content was invalid and could not be deserialized: 'the content is not a JSON object'.");
    }
    return object;
  }

  /** The body as JSON, or an empty object when there is none (POST actions without a body). */
  ObjectNode jsonOrEmpty() {
    return body.length == 0 ? Json.object() : json();
  }

  private static Map<String, String> parseQuery(String raw) {
    var map = new LinkedHashMap<String, String>();
    if (raw == null || raw.isEmpty()) {
      return map;
    }
    for (var pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      var key = eq < 0 ? pair : pair.substring(0, eq);
      var value = eq < 0 ? "" : pair.substring(eq + 1);
      map.put(decode(key), decode(value));
    }
    return map;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
