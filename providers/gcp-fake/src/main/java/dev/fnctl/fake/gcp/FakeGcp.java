package dev.fnctl.fake.gcp;

import com.google.gson.JsonObject;
import com.google.protobuf.Message;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * A stateful fake of the Google Cloud APIs that have no emulator, on one loopback HTTP port, for
 * tests and for {@code providers/testkit/fake-cloud gcp}. Point a client library at {@link
 * #endpoint()} (HTTP/JSON transport, no credentials) and it answers as Google does: Cloud Functions
 * v2, Cloud Run v2 service IAM, Cloud Scheduler, Eventarc, IAM service accounts, Resource Manager
 * v3 projects, Pub/Sub admin, Cloud Storage JSON, Billing Budgets, Secret Manager and Cloud
 * Monitoring notification channels. Routes and message shapes come from the APIs' own proto
 * descriptors (see {@link Router}, {@link ProtoJson}); docs/testing.md lists what each API
 * implements.
 *
 * <pre>{@code
 * try (FakeGcp fake = FakeGcp.start()) {
 *   var settings = FunctionServiceSettings.newHttpJsonBuilder()
 *       .setEndpoint(fake.endpoint())
 *       .setCredentialsProvider(NoCredentialsProvider.create()).build();
 *   ...
 * }
 * }</pre>
 */
public final class FakeGcp implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final Cloud cloud = new Cloud();
  private final Router router = new Router();
  private final ProtoJson json;
  private final StorageApi storage;
  private final AtomicLong requests = new AtomicLong();
  private final Map<String, AtomicLong> requestsByKey = new ConcurrentHashMap<>();
  private final List<String> log = new CopyOnWriteArrayList<>();
  private final Faults faults = new Faults(cloud.projects);

  private FakeGcp(int port) throws IOException {
    Apis.register(cloud, router);
    this.json = new ProtoJson(Apis.files());
    this.storage = new StorageApi(cloud);
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
    this.executor =
        Executors.newFixedThreadPool(
            8,
            r -> {
              Thread t = new Thread(r, "fake-gcp");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::serve);
    server.start();
  }

  /** Starts the fake on a free loopback port. */
  public static FakeGcp start() {
    return start(0);
  }

  /** Starts the fake on the given loopback port (0 for a free one). */
  public static FakeGcp start(int port) {
    try {
      return new FakeGcp(port);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot start the Google Cloud fake on 127.0.0.1:" + port + ": " + e.getMessage(), e);
    }
  }

  /** {@code http://127.0.0.1:PORT}: the endpoint every client library points at. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Stops the server; its state is gone. */
  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  /** How many requests the fake has answered (faults included) since start or reset. */
  public long requests() {
    return requests.get();
  }

  /**
   * How many answered requests name the substring in their RPC (e.g. {@code "GetFunction"}, {@code
   * "google.pubsub"}) or in their {@code VERB /path} line (e.g. {@code "GET /storage"}).
   */
  public long requests(String methodOrPathSubstring) {
    return log.stream().filter(line -> line.contains(methodOrPathSubstring)).count();
  }

  /** Every request so far, one {@code VERB /path rpc} line each, for a failing test to print. */
  public List<String> requestLog() {
    return List.copyOf(log);
  }

  /** Resets the request counts (the state stays). */
  public void resetCounts() {
    requests.set(0);
    requestsByKey.clear();
    log.clear();
  }

  /**
   * Makes the next {@code times} requests whose RPC or {@code VERB /path} contains the substring
   * answer {@code httpStatus} (429 RESOURCE_EXHAUSTED, 503 UNAVAILABLE...) with Google's error
   * JSON, without touching the state.
   */
  public void failNext(String rpcOrPathSubstring, int httpStatus, int times) {
    faults.failNext(rpcOrPathSubstring, httpStatus, times);
  }

  /**
   * Disables an API by its service name (e.g. {@code cloudfunctions.googleapis.com}, {@code
   * storage.googleapis.com}): its requests answer 403 PERMISSION_DENIED with an ErrorInfo of reason
   * SERVICE_DISABLED naming the service, as Google answers until the API is enabled.
   */
  public void disableApi(String serviceName) {
    faults.disable(serviceName);
  }

  public void enableApi(String serviceName) {
    faults.enable(serviceName);
  }

  /**
   * Denies a permission: requests whose RPC or {@code VERB /path} contains the substring answer 403
   * PERMISSION_DENIED with an ErrorInfo of reason IAM_PERMISSION_DENIED naming the permission,
   * until {@link #clearFaults()}.
   */
  public void denyPermission(String rpcOrPathSubstring, String permission) {
    faults.deny(rpcOrPathSubstring, permission);
  }

  /**
   * Forgets every armed failure, disabled API and denied permission (armed operation failures
   * stay).
   */
  public void clearFaults() {
    faults.clear();
  }

  /**
   * Makes the next long-running operation started by an RPC containing the substring (e.g. {@code
   * "CreateFunction"}) finish with an error carrying the message; what it was doing is undone as
   * Google leaves it (a failed function creation leaves the function in state FAILED).
   */
  public void failOperations(String rpcSubstring, String message) {
    cloud.operations.failNext(rpcSubstring, message);
  }

  /**
   * How operations finish: not done on the first {@code pollsBeforeDone} gets and not before the
   * delay (defaults: 1 get, no delay). {@code (0, ZERO)} makes the first get see it done.
   */
  public void operations(int pollsBeforeDone, Duration delay) {
    cloud.operations.pollsBeforeDone = pollsBeforeDone;
    cloud.operations.delay = delay;
  }

  /** Finishes every pending operation now, as if its client had waited. */
  public void finishOperations() {
    cloud.operations.finishAll();
  }

  /** The project number the fake gives a project id (Resource Manager answers the same). */
  public String projectNumber(String projectId) {
    return cloud.projects.number(projectId);
  }

  /**
   * A resource as its API prints it, by full name ({@code projects/p/locations/l/functions/f},
   * {@code projects/p/topics/t}, {@code projects/p/serviceAccounts/EMAIL}), or a bucket ({@code
   * b/NAME}) or object ({@code b/NAME/o/OBJECT}) of Cloud Storage; null if there is none.
   */
  public String json(String resourceName) {
    if (resourceName.startsWith("b/")) {
      String[] parts = resourceName.split("/", 4);
      if (parts.length == 2) {
        JsonObject bucket = cloud.storage.buckets.get(parts[1]);
        return bucket == null ? null : bucket.toString();
      }
      var object = cloud.storage.objectsOf(parts[1]).get(parts[3]);
      return object == null ? null : object.metadata().toString();
    }
    Message resource = cloud.resources.get(resourceName);
    return resource == null ? null : json.print(resource, false);
  }

  /**
   * The IAM policy of a resource as getIamPolicy prints it ({@code projects/_/buckets/B} for a
   * bucket).
   */
  public String policyJson(String resourceName) {
    return json.print(cloud.policies.get(resourceName), false);
  }

  /** The names of every resource the proto-described APIs hold, in order. */
  public List<String> resourceNames() {
    return List.copyOf(cloud.resources.names());
  }

  /** The bytes of a function source uploaded to a generateUploadUrl URL, or null. */
  public byte[] upload(String bucket, String object) {
    return cloud.uploads.get(bucket + "/" + object);
  }

  private void serve(HttpExchange exchange) throws IOException {
    HttpAnswer answer;
    String line = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath();
    try {
      HttpCall call = read(exchange);
      line = call.verb() + " " + call.rawPath();
      Router.Match match = router.find(call.verb(), call.rawPath());
      String api = StorageApi.serves(call.rawPath()) ? "storage.googleapis.com" : null;
      if (match != null) {
        line += " " + match.route().rpc();
        api = match.route().api();
      }
      count(line);
      GoogleError fault = faults.check(line, api);
      if (fault != null) {
        throw fault;
      }
      answer = answer(call, match);
    } catch (GoogleError e) {
      answer = HttpAnswer.json(e.httpStatus, e.toJson().toString());
    } catch (RuntimeException e) {
      GoogleError internal = new GoogleError(500, "INTERNAL", "The fake failed: " + e);
      answer = HttpAnswer.json(500, internal.toJson().toString());
    }
    send(exchange, answer);
  }

  private void count(String line) {
    requests.incrementAndGet();
    log.add(line);
  }

  private HttpAnswer answer(HttpCall call, Router.Match match) throws IOException {
    HttpAnswer stored = storage.handle(call);
    if (stored != null) {
      return stored;
    }
    if (match == null) {
      throw GoogleError.notFound(
          "The requested URL " + call.rawPath() + " was not found on this server.");
    }
    if (match.handler() == null) {
      throw GoogleError.unimplemented("The fake does not implement " + match.route().rpc() + ".");
    }
    Message request = json.request(match.route(), match.pathFields(), call.query(), call.body());
    Message response = match.handler().handle(new RpcCall(match.route(), request, call.baseUrl()));
    String alt = call.param("$alt");
    return HttpAnswer.json(
        200, json.print(response, alt != null && alt.contains("enum-encoding=int")));
  }

  private HttpCall read(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
    if (encoding != null && encoding.contains("gzip") && body.length > 0) {
      try (InputStream gz = new GZIPInputStream(new ByteArrayInputStream(body))) {
        body = gz.readAllBytes();
      }
    }
    String host = "http://127.0.0.1:" + server.getAddress().getPort();
    // google-http-client cannot send PATCH on the JDK transport: it POSTs with this header, which
    // Google's front ends honour.
    String override = exchange.getRequestHeaders().getFirst("X-HTTP-Method-Override");
    String verb =
        "POST".equals(exchange.getRequestMethod()) && override != null
            ? override.toUpperCase(java.util.Locale.ROOT)
            : exchange.getRequestMethod();
    return new HttpCall(
        verb,
        exchange.getRequestURI().getRawPath(),
        HttpCall.parseQuery(exchange.getRequestURI().getRawQuery()),
        exchange.getRequestHeaders(),
        body,
        host);
  }

  private static void send(HttpExchange exchange, HttpAnswer answer) throws IOException {
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.getResponseHeaders().add("Content-Type", answer.contentType());
    boolean empty = answer.body().length == 0;
    exchange.sendResponseHeaders(answer.status(), empty ? -1 : answer.body().length);
    if (!empty) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    }
    exchange.close();
  }
}
