package dev.fnctl.testkit.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A seeded fault injector in front of an AWS endpoint (moto, or a {@link MotoProxy}): each request
 * is forwarded as usual or, with probability {@code rate}, fails in one of the ways a real network
 * and a real cloud fail, chosen evenly:
 *
 * <ul>
 *   <li>{@link Kind#ERROR_BEFORE}: HTTP 500 without forwarding (nothing happened);
 *   <li>{@link Kind#THROTTLED}: HTTP 429 without forwarding;
 *   <li>{@link Kind#DROP_BEFORE}: the connection is reset without forwarding;
 *   <li>{@link Kind#ERROR_AFTER}: forwarded, then answered with HTTP 500: the change was made but
 *       its reply is lost;
 *   <li>{@link Kind#DROP_AFTER}: forwarded, then the connection is reset: the same, as a dropped
 *       connection.
 * </ul>
 *
 * The last two are what make a retried create leave a second copy where an API has no idempotency.
 * Decisions come from one {@link Random} seeded by the test, so a seed reproduces the same sequence
 * of faults for the same sequence of requests (concurrent requests may interleave differently).
 * Counts per kind are kept for the test to print.
 */
public final class FaultProxy implements AutoCloseable {

  /** How a request fails. */
  public enum Kind {
    ERROR_BEFORE,
    THROTTLED,
    DROP_BEFORE,
    ERROR_AFTER,
    DROP_AFTER
  }

  private static final String DECIDE = "fnctl-fault-decide";
  private static final String AFTER = "fnctl-fault-after";
  private static final String FAULT_HEADER = "X-Fnctl-Fault";

  private final WireMockServer server;
  private final Random random;
  private volatile double rate;
  private final Map<Kind, AtomicLong> counts = new EnumMap<>(Kind.class);
  private final AtomicLong requests = new AtomicLong();
  private final Map<UUID, Kind> pendingAfter = new ConcurrentHashMap<>();

  public FaultProxy(String upstream, long seed, double rate) {
    this.random = new Random(seed);
    this.rate = rate;
    for (Kind k : Kind.values()) counts.put(k, new AtomicLong());
    server =
        new WireMockServer(
            WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(64)
                .disableRequestJournal()
                .extensions(new Decide(), new After()));
    server.start();
    server.stubFor(
        any(anyUrl())
            .willReturn(aResponse().proxiedFrom(upstream).withTransformers(DECIDE, AFTER)));
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.port();
  }

  /** Changes the share of requests that fail (0 turns faults off, e.g. for a final check). */
  public void rate(double rate) {
    this.rate = rate;
  }

  public long requests() {
    return requests.get();
  }

  public Map<Kind, Long> counts() {
    Map<Kind, Long> out = new EnumMap<>(Kind.class);
    counts.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }

  private final Map<String, java.util.concurrent.atomic.AtomicInteger> lostReplies =
      new ConcurrentHashMap<>();

  /**
   * Lets the next {@code times} calls of {@code operation} through to the cloud and then answers
   * them with HTTP 500: each change is made but its reply is lost, whatever the rate. {@code
   * operation} is a query-protocol action ({@code DeleteRolePolicy}) or the operation part of a
   * JSON protocol's X-Amz-Target ({@code CreateBudget}).
   */
  public void loseReplies(String operation, int times) {
    lostReplies.put(operation, new java.util.concurrent.atomic.AtomicInteger(times));
  }

  private Kind scripted(Request r) {
    for (Map.Entry<String, java.util.concurrent.atomic.AtomicInteger> e : lostReplies.entrySet()) {
      String target = r.getHeader("X-Amz-Target");
      String body = r.getBodyAsString();
      boolean matches =
          (target != null && target.endsWith("." + e.getKey()))
              || (body != null
                  && (body.contains("Action=" + e.getKey() + "&")
                      || body.endsWith("Action=" + e.getKey())));
      if (matches && e.getValue().getAndDecrement() > 0) return Kind.ERROR_AFTER;
    }
    return null;
  }

  private synchronized Kind decide() {
    if (random.nextDouble() >= rate) return null;
    return Kind.values()[random.nextInt(Kind.values().length)];
  }

  private static boolean json(Request r) {
    return r.getHeader("X-Amz-Target") != null || !r.getBodyAsString().contains("Action=");
  }

  private static ResponseDefinition error(Request r, int status) {
    String body;
    String type;
    if (json(r)) {
      type = "application/json";
      String code = status == 429 ? "ThrottlingException" : "InternalFailure";
      body = "{\"__type\":\"" + code + "\",\"message\":\"injected fault\"}";
      return aResponse()
          .withStatus(status)
          .withHeader("Content-Type", type)
          .withHeader("x-amzn-ErrorType", code)
          .withHeader(FAULT_HEADER, "true")
          .withBody(body)
          .build();
    }
    body =
        "<ErrorResponse><Error><Type>Sender</Type><Code>"
            + (status == 429 ? "Throttling" : "ServiceUnavailable")
            + "</Code><Message>injected fault</Message></Error>"
            + "<RequestId>fault</RequestId></ErrorResponse>";
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "text/xml")
        .withHeader(FAULT_HEADER, "true")
        .withBody(body)
        .build();
  }

  /** Decides the request's fate; faults before forwarding replace the proxying definition. */
  private final class Decide implements ResponseDefinitionTransformerV2 {
    @Override
    public String getName() {
      return DECIDE;
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      requests.incrementAndGet();
      Kind kind = scripted(event.getRequest());
      if (kind == null) kind = decide();
      ResponseDefinition def = event.getResponseDefinition();
      if (kind == null) return def;
      counts.get(kind).incrementAndGet();
      Request r = event.getRequest();
      return switch (kind) {
        case ERROR_BEFORE -> error(r, 500);
        case THROTTLED -> error(r, 429);
        case DROP_BEFORE -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER).build();
        case ERROR_AFTER, DROP_AFTER -> {
          pendingAfter.put(event.getId(), kind);
          yield def;
        }
      };
    }
  }

  /** Replaces the upstream's reply of a request that was forwarded but must lose its reply. */
  private final class After implements ResponseTransformerV2 {
    @Override
    public String getName() {
      return AFTER;
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public Response transform(Response response, ServeEvent event) {
      Kind kind = pendingAfter.remove(event.getId());
      if (kind == null) return response;
      if (kind == Kind.DROP_AFTER)
        return Response.Builder.like(response).but().fault(Fault.CONNECTION_RESET_BY_PEER).build();
      ResponseDefinition e = error(event.getRequest(), 500);
      return Response.Builder.like(response)
          .but()
          .status(500)
          .headers(
              new HttpHeaders(
                  new HttpHeader(
                      "Content-Type", e.getHeaders().getContentTypeHeader().firstValue()),
                  new HttpHeader(
                      "x-amzn-ErrorType",
                      e.getHeaders().getHeader("x-amzn-ErrorType").isPresent()
                          ? e.getHeaders().getHeader("x-amzn-ErrorType").firstValue()
                          : "InternalFailure"),
                  new HttpHeader(FAULT_HEADER, "true")))
          .body(e.getBody())
          .build();
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
