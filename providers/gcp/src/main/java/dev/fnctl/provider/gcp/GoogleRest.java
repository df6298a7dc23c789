package dev.fnctl.provider.gcp;

import com.google.auth.Credentials;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A thin JSON client for the Google REST calls that have no HTTP/JSON client library here: IAM
 * service accounts ({@code google-iam-admin} is gRPC-only) and the {@code getIamPolicy}/{@code
 * setIamPolicy} pairs of each service. Credentials come from google-auth-library (none for a local
 * emulator); Google's error body ({@code error.code}, {@code status}, {@code message}, the {@code
 * ErrorInfo} reason) is kept for {@link GcpErrors}. Throttling (429) and unavailability (503) are
 * retried a few times with backoff, as the client libraries do.
 */
final class GoogleRest {
  /** A non-2xx answer, as Google's error body describes it. */
  static final class Failure extends IOException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String googleStatus;
    final String reason;
    final Map<String, String> metadata;

    Failure(
        int status, String googleStatus, String message, String reason, Map<String, String> md) {
      super(message);
      this.status = status;
      this.googleStatus = googleStatus;
      this.reason = reason;
      this.metadata = md;
    }
  }

  static final int ATTEMPTS = 4;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20)).build();
  private final Credentials credentials;

  GoogleRest(Credentials credentials) {
    this.credentials = credentials;
  }

  JsonObject get(String url) throws IOException {
    return send("GET", url, null);
  }

  JsonObject post(String url, JsonObject body) throws IOException {
    return send("POST", url, body);
  }

  JsonObject patch(String url, JsonObject body) throws IOException {
    return send("PATCH", url, body);
  }

  JsonObject put(String url, JsonObject body) throws IOException {
    return send("PUT", url, body);
  }

  JsonObject delete(String url) throws IOException {
    return send("DELETE", url, null);
  }

  /** Uploads a file (a function's source zip) to a URL Google handed out. */
  void upload(String url, java.nio.file.Path file, String contentType) throws IOException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofMinutes(10))
            .header("Content-Type", contentType)
            .PUT(HttpRequest.BodyPublishers.ofFile(file));
    HttpResponse<String> r = exchange(b.build());
    if (r.statusCode() / 100 != 2) throw failure(r);
  }

  private JsonObject send(String method, String url, JsonObject body) throws IOException {
    IOException last = null;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      HttpRequest.Builder b =
          HttpRequest.newBuilder(URI.create(url))
              .timeout(Duration.ofSeconds(60))
              .header("Accept", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body.toString()));
      if (body != null) b.header("Content-Type", "application/json");
      authorize(b, url);
      HttpResponse<String> r = exchange(b.build());
      if (r.statusCode() / 100 == 2) {
        String text = r.body();
        if (text == null || text.isBlank()) return new JsonObject();
        JsonElement e = JsonParser.parseString(text);
        return e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
      }
      Failure f = failure(r);
      if ((r.statusCode() != 429 && r.statusCode() != 503) || attempt == ATTEMPTS) throw f;
      last = f;
      sleep(250L << attempt);
    }
    throw last;
  }

  private void authorize(HttpRequest.Builder b, String url) throws IOException {
    if (credentials == null) return;
    Map<String, List<String>> md = credentials.getRequestMetadata(URI.create(url));
    md.forEach((k, vs) -> vs.forEach(v -> b.header(k, v)));
  }

  private HttpResponse<String> exchange(HttpRequest request) throws IOException {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  static Failure failure(HttpResponse<String> r) {
    String status = null;
    String message = "HTTP " + r.statusCode();
    String reason = null;
    Map<String, String> md = new java.util.LinkedHashMap<>();
    try {
      JsonObject err = JsonParser.parseString(r.body()).getAsJsonObject().getAsJsonObject("error");
      if (err != null) {
        if (err.has("status")) status = err.get("status").getAsString();
        if (err.has("message")) message = err.get("message").getAsString();
        if (err.has("details"))
          for (JsonElement d : err.getAsJsonArray("details")) {
            JsonObject o = d.getAsJsonObject();
            if (o.has("reason")) reason = o.get("reason").getAsString();
            if (o.has("metadata"))
              o.getAsJsonObject("metadata")
                  .entrySet()
                  .forEach(e -> md.put(e.getKey(), e.getValue().getAsString()));
          }
      }
    } catch (RuntimeException notJson) {
      String body = r.body() == null ? "" : r.body().strip();
      if (!body.isEmpty()) message = message + ": " + body.lines().findFirst().orElse("");
    }
    return new Failure(r.statusCode(), status, message, reason, md);
  }
}
