package dev.fnctl.provider.azure;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpMethod;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpRequest;
import com.azure.core.http.HttpResponse;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fnctl.provider.Context;
import dev.fnctl.provider.Deadline;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.ProviderException.Kind;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Azure Resource Manager over azure-core's {@link HttpPipeline}: JSON in and out, an explicit
 * {@code api-version} per call (see {@link ApiVersions}), long-running operations polled here.
 *
 * <p>Why not the fluent {@code azure-resourcemanager-*} clients: they pull in 56 jars instead of
 * these 15, wait 30 seconds between polls by default, and none is served for Consumption budgets.
 * The pipeline gives the parts that matter: the bearer token policy, the retry policy (throttling
 * and 5xx, honouring {@code Retry-After}) and the JDK HTTP client.
 *
 * <p>Every failure becomes a {@link ProviderException} of the right kind here, in one place.
 */
final class Arm {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final HttpPipeline pipeline;
  private final String endpoint;
  private final String subscription;
  private final Context.Log log;
  private final Duration defaultPoll;
  private final AtomicLong calls = new AtomicLong();

  Arm(
      HttpPipeline pipeline,
      String endpoint,
      String subscription,
      Context.Log log,
      Duration defaultPoll) {
    this.pipeline = pipeline;
    this.endpoint = endpoint.replaceAll("/+$", "");
    this.subscription = subscription;
    this.log = log;
    this.defaultPoll = defaultPoll;
  }

  long calls() {
    return calls.get();
  }

  String endpoint() {
    return endpoint;
  }

  /** {@code /subscriptions/<id>} */
  String subscriptionPath() {
    return "/subscriptions/" + subscription;
  }

  /** The resource at {@code path}, or null when there is none (404). */
  Map<String, Object> get(String path, String apiVersion) throws ProviderException {
    Reply r = send(HttpMethod.GET, url(path, apiVersion), null);
    if (r.status == 404) return null;
    if (r.status >= 300) throw failure("GET " + path, r);
    return r.json();
  }

  /** Every item of a list operation, following {@code nextLink}. */
  List<Map<String, Object>> list(String path, String apiVersion) throws ProviderException {
    List<Map<String, Object>> out = new ArrayList<>();
    String url = url(path, apiVersion);
    while (url != null) {
      Reply r = send(HttpMethod.GET, url, null);
      if (r.status == 404) return out;
      if (r.status >= 300) throw failure("GET " + path, r);
      Map<String, Object> page = r.json();
      Object value = page.get("value");
      if (value instanceof List<?> items)
        for (Object i : items) if (i instanceof Map<?, ?> m) out.add(cast(m));
      Object next = page.get("nextLink");
      url = next instanceof String s && !s.isBlank() ? s : null;
    }
    return out;
  }

  /** POST an action ({@code listKeys}, {@code config/appsettings/list}) and return its answer. */
  Map<String, Object> post(String path, String apiVersion, Map<String, Object> body)
      throws ProviderException {
    Reply r = send(HttpMethod.POST, url(path, apiVersion), body);
    if (r.status >= 300) throw failure("POST " + path, r);
    return r.json();
  }

  /**
   * PUT a resource and wait for it to be provisioned: through the {@code Azure-AsyncOperation} or
   * {@code Location} operation when the answer is 201/202, or by reading the resource again while
   * its {@code provisioningState} is not terminal. Returns the resource as it is then.
   */
  Map<String, Object> put(
      String path, String apiVersion, Map<String, Object> body, Deadline deadline)
      throws ProviderException {
    Reply r = send(HttpMethod.PUT, url(path, apiVersion), body);
    if (r.status >= 300) throw failure("PUT " + path, r);
    if (r.status == 201 || r.status == 202 || r.header("Azure-AsyncOperation") != null)
      awaitOperation("PUT " + path, r, deadline);
    Map<String, Object> resource = r.status == 202 || r.body.isEmpty() ? null : r.json();
    while (true) {
      if (resource == null) resource = get(path, apiVersion);
      if (resource == null)
        throw new ProviderException(Kind.OTHER, "PUT " + path + " succeeded but it is not there");
      String state = provisioningState(resource);
      if (state == null || terminal(state)) {
        if ("Failed".equalsIgnoreCase(state) || "Canceled".equalsIgnoreCase(state))
          throw new ProviderException(
              Kind.OTHER, "PUT " + path + ": provisioning ended " + state + "; run apply again");
        return resource;
      }
      deadline.pause(defaultPoll, path + " to be provisioned");
      resource = null;
    }
  }

  /**
   * OneDeploy: POSTs a zip to a function app's SCM site ({@code /api/publish}), asynchronously, and
   * polls the deployment it answers with until it is complete. Flex Consumption stores the package
   * in the app's deployment container and restarts the app on it.
   */
  void publish(String url, byte[] zip, Deadline deadline) throws ProviderException {
    HttpRequest request = new HttpRequest(HttpMethod.POST, url);
    request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/zip");
    request.setBody(zip);
    Reply r = send(request);
    if (r.status >= 300) throw failure("POST " + url, r);
    String location = r.header("Location");
    if (r.status != 202 || location == null) return;
    Duration wait = retryAfter(r);
    while (true) {
      deadline.pause(wait, "the package deployment to finish");
      Reply poll = send(HttpMethod.GET, location, null);
      if (poll.status == 202) continue;
      if (poll.status >= 300) throw failure("GET " + location, poll);
      Map<String, Object> status = poll.json();
      if (!Boolean.TRUE.equals(status.get("complete"))) continue;
      Object code = status.get("status");
      // Kudu's deployment status: 4 is Success, 3 is Failed.
      if (!(code instanceof Number n) || n.intValue() != 4)
        throw new ProviderException(
            Kind.OTHER,
            "the package deployment ended with status "
                + code
                + ": "
                + firstLine(String.valueOf(status.getOrDefault("status_text", "")))
                + "; run apply again");
      return;
    }
  }

  /** DELETE a resource and wait for the operation; one already gone is fine. */
  void delete(String path, String apiVersion, Deadline deadline) throws ProviderException {
    Reply r = send(HttpMethod.DELETE, url(path, apiVersion), null);
    if (r.status == 404 || r.status == 204) return;
    if (r.status >= 300) throw failure("DELETE " + path, r);
    if (r.status == 202 || r.status == 201) awaitOperation("DELETE " + path, r, deadline);
  }

  private void awaitOperation(String what, Reply first, Deadline deadline)
      throws ProviderException {
    String async = first.header("Azure-AsyncOperation");
    String location = first.header("Location");
    Duration wait = retryAfter(first);
    if (async != null) {
      while (true) {
        deadline.pause(wait, what + " to finish");
        Reply r = send(HttpMethod.GET, async, null);
        if (r.status >= 300) throw failure(what + " (operation status)", r);
        Map<String, Object> op = r.json();
        String status = String.valueOf(op.get("status"));
        if (status.equalsIgnoreCase("Succeeded")) return;
        if (status.equalsIgnoreCase("Failed") || status.equalsIgnoreCase("Canceled"))
          throw new ProviderException(
              operationKind(op),
              what
                  + ": the operation "
                  + status.toLowerCase(Locale.ROOT)
                  + errorText(op)
                  + "; run apply again");
        wait = retryAfter(r);
      }
    }
    if (location != null) {
      while (true) {
        deadline.pause(wait, what + " to finish");
        Reply r = send(HttpMethod.GET, location, null);
        if (r.status == 202) {
          wait = retryAfter(r);
          continue;
        }
        if (r.status >= 300) throw failure(what + " (operation result)", r);
        return;
      }
    }
  }

  private Duration retryAfter(Reply r) {
    String v = r.header("Retry-After");
    if (v != null) {
      try {
        long s = Long.parseLong(v.trim());
        return Duration.ofSeconds(Math.min(s, 60)).compareTo(defaultPoll) < 0
            ? defaultPoll
            : Duration.ofSeconds(Math.min(s, 60));
      } catch (NumberFormatException e) {
        // an HTTP date: the default interval will do
      }
    }
    return defaultPoll;
  }

  static String provisioningState(Map<String, Object> resource) {
    Object props = resource.get("properties");
    if (props instanceof Map<?, ?> p && p.get("provisioningState") instanceof String s) return s;
    return null;
  }

  private static boolean terminal(String state) {
    return switch (state.toLowerCase(Locale.ROOT)) {
      case "succeeded", "failed", "canceled" -> true;
      default -> false;
    };
  }

  private String url(String path, String apiVersion) {
    return endpoint + path + (path.contains("?") ? "&" : "?") + "api-version=" + apiVersion;
  }

  private Reply send(HttpMethod method, String url, Map<String, Object> body)
      throws ProviderException {
    return send(request(method, url, body));
  }

  private HttpRequest request(HttpMethod method, String url, Map<String, Object> body) {
    HttpRequest request = new HttpRequest(method, url);
    request.setHeader(HttpHeaderName.ACCEPT, "application/json");
    if (body != null) {
      try {
        request.setHeader(HttpHeaderName.CONTENT_TYPE, "application/json");
        request.setBody(JSON.writeValueAsBytes(body));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("JSON maps always serialise", e);
      }
    } else if (method == HttpMethod.POST) {
      request.setHeader(HttpHeaderName.CONTENT_LENGTH, "0");
    }
    return request;
  }

  private Reply send(HttpRequest request) throws ProviderException {
    HttpMethod method = request.getHttpMethod();
    calls.incrementAndGet();
    try (HttpResponse response = pipeline.sendSync(request, com.azure.core.util.Context.NONE)) {
      byte[] bytes =
          response.getBodyAsBinaryData() == null
              ? new byte[0]
              : response.getBodyAsBinaryData().toBytes();
      return new Reply(
          response.getStatusCode(),
          new String(bytes, StandardCharsets.UTF_8),
          response.getHeaders());
    } catch (com.azure.core.exception.ClientAuthenticationException e) {
      throw new ProviderException(Kind.PERMISSION_DENIED, Credentials.explain(e.getMessage()), e);
    } catch (UncheckedIOException | com.azure.core.exception.AzureException e) {
      String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      if (e.getClass().getSimpleName().equals("CredentialUnavailableException"))
        throw new ProviderException(Kind.PERMISSION_DENIED, Credentials.explain(m), e);
      throw new ProviderException(
          Kind.OTHER, "cannot reach Azure Resource Manager at " + endpoint + ": " + network(e), e);
    } catch (RuntimeException e) {
      throw new ProviderException(
          Kind.OTHER, "Azure Resource Manager call " + method + " failed: " + network(e), e);
    }
  }

  /** Why a connection failed, in words: the root cause without Java's class names. */
  static String network(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) root = root.getCause();
    for (Throwable t = e; t != null; t = t.getCause())
      if (t instanceof javax.net.ssl.SSLHandshakeException)
        return "its TLS certificate is not trusted by this Java runtime (check the target's"
            + " endpoint, or add its CA to the trust store with keytool)";
    if (root instanceof java.net.ConnectException) return "connection refused";
    if (root instanceof java.net.UnknownHostException) return "unknown host " + root.getMessage();
    if (root instanceof java.net.http.HttpTimeoutException) return "timed out";
    String m = root.getMessage() == null ? "no answer" : root.getMessage();
    return firstLine(m.replaceAll("\\b[a-z]+(\\.[a-z]+)+\\.([A-Z]\\w*(Exception|Error)): ?", ""));
  }

  static String firstLine(String m) {
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  /** The error kind and one line for an ARM error answer. */
  ProviderException failure(String what, Reply r) {
    String code = "";
    String message = r.body;
    try {
      Map<String, Object> body = r.json();
      if (body.get("error") instanceof Map<?, ?> err) {
        code = String.valueOf(err.get("code"));
        message = String.valueOf(err.get("message"));
      }
    } catch (ProviderException e) {
      // not JSON: the body is the message
    }
    message = firstLine(message == null ? "" : message);
    if (code.equals("MissingSubscriptionRegistration")
        || code.equals("SubscriptionNotRegistered")) {
      String namespace = what.replaceAll(".*/providers/([^/]+)/.*", "$1");
      return new ProviderException(
          Kind.PERMISSION_DENIED,
          "the resource provider "
              + namespace
              + " is not registered in subscription "
              + subscription
              + ": run `az provider register --namespace "
              + namespace
              + "` (once per subscription), then apply again");
    }
    Kind kind =
        switch (r.status) {
          case 429, 503 -> Kind.THROTTLED;
          case 401, 403 -> Kind.PERMISSION_DENIED;
          case 404 -> Kind.NOT_FOUND;
          case 409, 412 -> Kind.CONFLICT;
          case 400 -> code.contains("Quota") || code.contains("Limit") ? Kind.QUOTA : Kind.INVALID;
          default -> Kind.OTHER;
        };
    String permission = null;
    if (kind == Kind.PERMISSION_DENIED) {
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("perform action '([^']+)'").matcher(message);
      if (m.find()) permission = m.group(1);
    }
    return new ProviderException(
        kind,
        what.replaceAll("\\?.*", "")
            + ": "
            + r.status
            + (code.isEmpty() ? "" : " " + code)
            + ": "
            + message,
        permission,
        null);
  }

  private static Kind operationKind(Map<String, Object> op) {
    return Kind.OTHER;
  }

  private static String errorText(Map<String, Object> op) {
    if (op.get("error") instanceof Map<?, ?> e)
      return ": " + e.get("code") + ": " + firstLine(String.valueOf(e.get("message")));
    return "";
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> cast(Map<?, ?> m) {
    return (Map<String, Object>) m;
  }

  /** One HTTP answer, read whole (ARM answers are small). */
  record Reply(int status, String body, com.azure.core.http.HttpHeaders headers) {
    String header(String name) {
      return headers.getValue(HttpHeaderName.fromString(name));
    }

    Map<String, Object> json() throws ProviderException {
      if (body == null || body.isBlank()) return Map.of();
      try {
        return JSON.readValue(body, MAP);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new ProviderException(
            Kind.OTHER, "Azure answered with something that is not JSON: " + firstLine(body), e);
      }
    }
  }

  /** Nested look-up in an ARM resource: {@code at(r, "properties", "identity")}. */
  static Object at(Map<String, Object> m, String... path) {
    Object v = m;
    for (String p : path) {
      if (!(v instanceof Map<?, ?> map)) return null;
      v = map.get(p);
    }
    return v;
  }
}
