package dev.fnctl.fake.gcp;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the fake answers: a status, a body and its headers. */
record HttpAnswer(int status, String contentType, byte[] body, Map<String, String> headers) {

  static HttpAnswer json(int status, String json) {
    return new HttpAnswer(
        status,
        "application/json; charset=UTF-8",
        json.getBytes(StandardCharsets.UTF_8),
        new LinkedHashMap<>());
  }

  HttpAnswer withHeader(String name, String value) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put(name, value);
    return new HttpAnswer(status, contentType, body, all);
  }
}
