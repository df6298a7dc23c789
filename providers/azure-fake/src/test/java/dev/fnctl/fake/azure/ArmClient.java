package dev.fnctl.fake.azure;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.util.Context;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import reactor.core.publisher.Mono;

/**
 * The client the provider uses, pointed at the fake: azure-core's HttpPipeline on the JDK HTTP
 * client, trusting the fake's test certificate, with the production BearerTokenAuthenticationPolicy
 * and a static token.
 */
final class ArmClient {
  static final String SUB = "00000000-0000-0000-0000-000000000001";
  static final TokenCredential STATIC_TOKEN =
      request -> Mono.just(new AccessToken("test-token", OffsetDateTime.now().plusHours(1)));

  record Reply(int status, com.azure.core.http.HttpHeaders headers, JsonNode body, String text) {
    String header(String name) {
      return headers.getValue(HttpHeaderName.fromString(name));
    }

    String errorCode() {
      return body == null ? null : body.path("error").path("code").asText(null);
    }
  }

  private final FakeArm arm;
  private final HttpPipeline pipeline;

  ArmClient(FakeArm arm) {
    this.arm = arm;
    this.pipeline =
        new HttpPipelineBuilder()
            .httpClient(
                new JdkHttpClientBuilder(
                        java.net.http.HttpClient.newBuilder().sslContext(arm.sslContext()))
                    .build())
            .policies(
                new BearerTokenAuthenticationPolicy(
                    STATIC_TOKEN, "https://management.azure.com/.default"))
            .build();
  }

  /** Sends to a path (with its query) under the fake's endpoint, or to an absolute URL. */
  Reply send(String method, String pathOrUrl, String json) {
    return send(
        method,
        pathOrUrl,
        json == null ? null : json.getBytes(StandardCharsets.UTF_8),
        "application/json");
  }

  Reply send(String method, String pathOrUrl, byte[] body, String contentType) {
    var url = pathOrUrl.startsWith("http") ? pathOrUrl : arm.endpoint() + pathOrUrl;
    var request = new HttpRequest(HttpMethod.valueOf(method), url);
    if (body != null) {
      request.setHeader(HttpHeaderName.CONTENT_TYPE, contentType);
      request.setBody(body);
    }
    try (var response = pipeline.sendSync(request, Context.NONE)) {
      var text =
          response.getBodyAsBinaryData() == null ? "" : response.getBodyAsBinaryData().toString();
      JsonNode node = text == null || text.isEmpty() ? null : Json.parse(text);
      return new Reply(response.getStatusCode(), response.getHeaders(), node, text);
    }
  }

  /** Polls an Azure-AsyncOperation URL until the status is terminal; answers the last status. */
  String pollAsyncOperation(String url) throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      var reply = send("GET", url, (String) null);
      var status = reply.body().path("status").asText();
      if (!status.equals("InProgress")) {
        return status;
      }
      Thread.sleep(Long.parseLong(reply.header("Retry-After")) * 1000 + 50);
    }
    throw new AssertionError("operation never ended: " + url);
  }

  /** Polls a Location URL until it stops answering 202; answers the last reply. */
  Reply pollLocation(String url) throws InterruptedException {
    for (int i = 0; i < 50; i++) {
      var reply = send("GET", url, (String) null);
      if (reply.status() != 202) {
        return reply;
      }
      Thread.sleep(Long.parseLong(reply.header("Retry-After")) * 1000 + 50);
    }
    throw new AssertionError("operation never ended: " + url);
  }

  static String group(String rg) {
    return "/subscriptions/" + SUB + "/resourceGroups/" + rg;
  }
}
