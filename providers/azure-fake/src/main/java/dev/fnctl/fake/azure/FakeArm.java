package dev.fnctl.fake.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A stateful fake of Azure Resource Manager on 127.0.0.1, for tests and for standalone use ({@code
 * providers/testkit/fake-cloud azure --port PORT}). It serves the real ARM paths of
 * Microsoft.Resources, Microsoft.Storage, Microsoft.Web (with a function app's OneDeploy endpoint),
 * Microsoft.Authorization, Microsoft.Consumption, Microsoft.EventGrid, Microsoft.ManagedIdentity
 * and Microsoft.KeyVault, requires {@code api-version} and a bearer token (any token), refuses
 * request properties the published OpenAPI definitions do not have, and runs long-running
 * operations as ARM does. docs/testing.md lists what it serves.
 *
 * <pre>{@code
 * try (var arm = FakeArm.start()) {
 *   var client = HttpClient.newBuilder().sslContext(arm.sslContext()).build();
 *   // ... point the provider at arm.endpoint()
 * }
 * }</pre>
 */
public final class FakeArm implements AutoCloseable {
  /** The password of the committed throwaway test key store ({@link #trustStorePath()}). */
  public static final String TRUST_STORE_PASSWORD = "changeit";

  /** The tenant of every identity the fake issues (principalId/tenantId on sites). */
  public static final String TENANT_ID = ArmContext.TENANT_ID;

  private static final String KEY_STORE = "test-tls.p12";

  private final ArmContext ctx = new ArmContext();
  private final Router router = new Router();
  private final AuthorizationApi authorization = new AuthorizationApi(ctx);
  private final List<String> requestLog = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final ExecutorService executor;
  private final boolean https;

  private FakeArm(int port, boolean https) {
    this.https = https;
    new ResourcesApi(ctx).register(router);
    new StorageApi(ctx).register(router);
    new WebApi(ctx).register(router);
    authorization.register(router);
    new ConsumptionApi(ctx).register(router);
    new EventGridApi(ctx).register(router);
    new KuduApi(ctx).register(router);
    new KeyVaultApi(ctx).register(router);
    new IdentityApi(ctx).register(router);
    new OperationsApi(ctx).register(router);
    try {
      var address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
      if (https) {
        var secure = HttpsServer.create(address, 64);
        secure.setHttpsConfigurator(new HttpsConfigurator(serverContext()));
        server = secure;
      } else {
        server = HttpServer.create(address, 64);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port, e);
    }
    executor =
        Executors.newFixedThreadPool(
            8,
            r -> {
              var t = new Thread(r, "fake-arm");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::serve);
    server.start();
    ctx.endpoint(endpoint());
  }

  /** Starts the fake on a free port, serving HTTPS with the throwaway test certificate. */
  public static FakeArm start() {
    return new FakeArm(0, true);
  }

  /** Starts the fake on this port (0: a free one), HTTPS or plain HTTP. */
  public static FakeArm start(int port, boolean https) {
    return new FakeArm(port, https);
  }

  /** {@code https://127.0.0.1:PORT} (or {@code http://} when started so), no trailing slash. */
  public String endpoint() {
    return (https ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** An SSLContext that trusts the fake's test certificate (and nothing else). */
  public SSLContext sslContext() {
    try {
      var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(keyStore());
      var ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      return ssl;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The test key store as a PKCS12 file (password {@link #TRUST_STORE_PASSWORD}), for {@code
   * -Djavax.net.ssl.trustStore=} in a child process. The certificate alone, for curl, is
   * providers/azure-fake/test-ca.pem.
   */
  public static Path trustStorePath() {
    try (InputStream in = FakeArm.class.getResourceAsStream(KEY_STORE)) {
      var file = Files.createTempFile("fake-arm-trust", ".p12");
      file.toFile().deleteOnExit();
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every request served since the start or the last {@link #resetCounts()}. */
  public long requests() {
    return requestLog.size();
  }

  /**
   * The requests whose line {@code "METHOD /path?query"} (query as sent, still URL-encoded)
   * contains this substring, e.g. {@code requests("GET ")} or {@code
   * requests("/config/appsettings")}.
   */
  public long requests(String substring) {
    return requestLog.stream().filter(line -> line.contains(substring)).count();
  }

  /** The request lines, in order ({@code "METHOD /path?query"}). */
  public List<String> requestLog() {
    return List.copyOf(requestLog);
  }

  public void resetCounts() {
    requestLog.clear();
  }

  /**
   * The next {@code times} requests whose path contains {@code pathSubstring} fail with this HTTP
   * status and ARM's error body for it (429 TooManyRequests, 500 InternalServerError, 503
   * ServiceUnavailable), with {@code Retry-After} in whole seconds when {@code retryAfter} is not
   * null. The state is not changed by a failed request.
   */
  public void failNext(String pathSubstring, int status, int times, Duration retryAfter) {
    ctx.faults.failNext(pathSubstring, status, times, retryAfter);
  }

  /**
   * The next long-running operation on a resource whose id contains {@code pathSubstring} ends
   * Failed with ARM's error ({@code InternalServerError} and this message): status Failed on the
   * Azure-AsyncOperation URL, the error with HTTP 500 on the Location URL, provisioningState Failed
   * on the resource.
   */
  public void failOperations(String pathSubstring, String message) {
    ctx.faults.failOperations(pathSubstring, "InternalServerError", message, 1);
  }

  /** As {@link #failOperations(String, String)}, for the next {@code times} operations. */
  public void failOperations(String pathSubstring, String message, int times) {
    ctx.faults.failOperations(pathSubstring, "InternalServerError", message, times);
  }

  /**
   * Settings the platform adds to every new function app (merged under the ones the create request
   * gives), so a test can check that a client keeps settings it does not own.
   */
  public void platformSettings(Map<String, String> settings) {
    ctx.platformSettings.clear();
    ctx.platformSettings.putAll(settings);
  }

  /**
   * Marks a resource provider namespace (e.g. {@code Microsoft.Web}) as not registered: requests
   * for its types answer 409 MissingSubscriptionRegistration until {@code POST
   * /subscriptions/{s}/providers/{namespace}/register} (or {@link #registerProvider}).
   */
  public void unregisterProvider(String namespace) {
    ctx.unregistered.add(ResourceIds.lower(namespace));
  }

  public void registerProvider(String namespace) {
    ctx.unregistered.remove(ResourceIds.lower(namespace));
  }

  /** Removes every injected fault not yet consumed. */
  public void clearFaults() {
    ctx.faults.clear();
  }

  /**
   * How long a long-running operation stays InProgress (default zero: it finishes at the first
   * poll). Retry-After is this delay rounded up to whole seconds.
   */
  public void operationDelay(Duration delay) {
    ctx.operations.delay(delay);
  }

  /**
   * How long a new resource stays out of the resource listing ({@code .../resources}), as ARM's
   * listing lags behind writes (default zero). GETs of the resource itself see it at once.
   */
  public void listingLag(Duration lag) {
    ctx.listingLagMillis = lag.toMillis();
  }

  /** The most items a list answers in one page before it gives a nextLink (default 100). */
  public void pageSize(int size) {
    ctx.pageSize = size;
  }

  /**
   * Makes a principal (a user, group or service principal made outside the fake) known, so role
   * assignments may name it; identities the fake issues are known already.
   */
  public void addPrincipal(String principalId) {
    ctx.principals.add(principalId);
  }

  /**
   * Makes a role definition (a custom role, or a built-in one the fake's list lacks) known to role
   * assignments, by its GUID.
   */
  public void addRoleDefinition(String guid, String roleName) {
    authorization.roleDefinitions.put(guid.toLowerCase(Locale.ROOT), roleName);
  }

  /**
   * Stores this body under this resource id as is, with no validation and no request counted: an
   * out-of-band change or a resource fnctl does not own. Give the body the id, name, type and
   * location ARM would; for an app's settings use {@code <siteId>/config/appsettings}.
   */
  public void put(String resourceId, String json) {
    var node = Json.parse(json);
    if (!(node instanceof ObjectNode object)) {
      throw new IllegalArgumentException("not a JSON object: " + json);
    }
    ctx.store.put(resourceId, object);
  }

  /** The stored body of this resource id as JSON, or null when there is none. */
  public String get(String resourceId) {
    var node = ctx.store.get(resourceId);
    return node == null ? null : Json.write(node);
  }

  /** Removes this resource and everything under it, as an out-of-band delete. */
  public void delete(String resourceId) {
    ctx.store.removeTree(resourceId);
  }

  /** The ids of every stored resource whose id contains this substring (case-insensitive). */
  public List<String> ids(String substring) {
    var lower = ResourceIds.lower(substring);
    return ctx.store.find(k -> k.contains(lower)).stream()
        .map(n -> Json.text(n, "id"))
        .filter(id -> id != null)
        .toList();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      var uri = exchange.getRequestURI();
      var method = exchange.getRequestMethod();
      var path = uri.getPath();
      var raw = uri.getRawQuery();
      requestLog.add(method + " " + uri.getRawPath() + (raw == null ? "" : "?" + raw));
      byte[] body = exchange.getRequestBody().readAllBytes();
      ArmResponse response;
      try {
        response = answer(exchange, method, path, raw, body);
      } catch (ArmException e) {
        response = e.response();
      } catch (RuntimeException e) {
        System.err.println("fake-arm: " + method + " " + path + ": " + e);
        response = new ArmException(500, "InternalServerError", "The fake failed: " + e).response();
      }
      write(exchange, method, response);
    }
  }

  private ArmResponse answer(
      HttpExchange exchange, String method, String path, String raw, byte[] body) {
    var auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (auth == null) {
      throw new ArmException(
          401,
          "AuthenticationFailed",
          "Authentication failed. The 'Authorization' header is missing.",
          Map.of(
              "WWW-Authenticate",
              "Bearer authorization_uri=\"https://login.microsoftonline.com/common\", error=\"invalid_token\", error_description=\"The authentication failed because of missing 'Authorization' header.\""));
    }
    if (!auth.regionMatches(true, 0, "Bearer ", 0, 7) || auth.length() <= 7) {
      throw new ArmException(
          401,
          "AuthenticationFailedInvalidHeader",
          "Authentication failed. The 'Authorization' header is provided in an invalid format.");
    }
    var fault = ctx.faults.requestFault(path);
    if (fault != null) {
      throw fault;
    }
    requireRegistered(path);
    var route = router.find(method, path);
    var request =
        new ArmRequest(
            method, path, raw, body, exchange.getRequestHeaders().getFirst("Content-Type"));
    if (!route.apiVersions().isEmpty()) {
      var version = request.apiVersion();
      if (version == null || version.isEmpty()) {
        throw ArmException.badRequest(
            "MissingApiVersionParameter",
            "The api-version query parameter (?api-version=) is required for all requests.");
      }
      if (!route.apiVersions().contains(version)) {
        throw ArmException.badRequest(
            "InvalidApiVersionParameter",
            "The api-version '"
                + version
                + "' is invalid. The supported versions are '"
                + String.join(",", new TreeSet<>(route.apiVersions()))
                + "'.");
      }
    }
    var matcher = route.pattern().matcher(path);
    matcher.matches();
    request.match = matcher;
    return route.handler().handle(request);
  }

  private static final Pattern NAMESPACE = Pattern.compile("/providers/([^/]+)/[^/]+");

  /** Requests for a type of a namespace the subscription has not registered fail as in ARM. */
  private void requireRegistered(String path) {
    if (ctx.unregistered.isEmpty()
        || path.contains("/operationStatuses/")
        || path.contains("/operationResults/")) {
      return;
    }
    var m = NAMESPACE.matcher(path);
    String namespace = null;
    while (m.find()) {
      namespace = m.group(1);
    }
    if (namespace != null
        && !path.matches("(?i)/subscriptions/[^/]+/providers/[^/]+/register")
        && ctx.unregistered.contains(ResourceIds.lower(namespace))) {
      throw ArmException.conflict(
          "MissingSubscriptionRegistration",
          "The subscription is not registered to use namespace '"
              + namespace
              + "'. See https://aka.ms/rps-not-found for how to register subscriptions.");
    }
  }

  private static void write(HttpExchange exchange, String method, ArmResponse response)
      throws IOException {
    var headers = exchange.getResponseHeaders();
    headers.set("x-ms-request-id", UUID.randomUUID().toString());
    headers.set("x-ms-correlation-request-id", UUID.randomUUID().toString());
    response.headers().forEach(headers::set);
    if (response.body() == null || method.equals("HEAD")) {
      headers.remove("Content-Type");
      exchange.sendResponseHeaders(response.status(), -1);
      return;
    }
    byte[] bytes = Json.write(response.body()).getBytes(StandardCharsets.UTF_8);
    headers.set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(response.status(), bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  private SSLContext serverContext() {
    try {
      var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keyStore(), TRUST_STORE_PASSWORD.toCharArray());
      var ssl = SSLContext.getInstance("TLS");
      ssl.init(kmf.getKeyManagers(), null, null);
      return ssl;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyStore keyStore() {
    try (InputStream in = FakeArm.class.getResourceAsStream(KEY_STORE)) {
      var ks = KeyStore.getInstance("PKCS12");
      ks.load(in, TRUST_STORE_PASSWORD.toCharArray());
      return ks;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the test key store " + KEY_STORE, e);
    }
  }

  /**
   * Standalone: {@code --port PORT [--http]}; prints one line {@code ready URL} when listening and
   * serves until stopped.
   */
  public static void main(String[] args) throws InterruptedException {
    int port = -1;
    boolean https = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> port = Integer.parseInt(args[++i]);
        case "--http" -> https = false;
        default -> {
          System.err.println("usage: fake-cloud azure --port PORT [--http]");
          System.exit(2);
        }
      }
    }
    if (port < 0) {
      System.err.println("usage: fake-cloud azure --port PORT [--http]");
      System.exit(2);
    }
    var arm = start(port, https);
    Runtime.getRuntime().addShutdownHook(new Thread(arm::close));
    System.out.println("ready " + arm.endpoint());
    System.out.flush();
    Thread.currentThread().join();
  }
}
