package dev.fnctl.testkit.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * WireMock in front of moto on a free loopback port: every request is proxied to moto, except what
 * moto lacks (AWS Budgets: {@link BudgetsFake}; Lambda's provisioned concurrency: {@link
 * ProvisionedConcurrencyFake}; alias ARNs of event source mappings: {@link AliasMappingsFix}; tags
 * of deleted schedule groups: {@link ScheduleGroupTagsFix}) and the faults a test injects on chosen
 * calls (HTTP 500, 429 throttling, connection reset), either every time or only the first {@code n}
 * times. Counts the requests it sees (the benchmark's measure). Every request first passes {@link
 * StrictAws}: what the botocore model of its API or a per-request AWS rule forbids is refused as
 * AWS refuses it, before moto (which accepts it) or a fake sees it.
 */
public final class MotoProxy implements AutoCloseable {
  private final WireMockServer server;
  private final BudgetsFake budgets = new BudgetsFake();
  private final ProvisionedConcurrencyFake provisioned;
  private final AliasMappingsFix aliasMappings = new AliasMappingsFix();
  private final ScheduleGroupTagsFix scheduleGroupTags;
  private final PermissionSidFix permissionSids;
  private final StrictAws strict;
  private final AtomicLong requests = new AtomicLong();
  private final String motoEndpoint;

  /**
   * A call by its name: matched on X-Amz-Target (JSON protocols), Action= (query) or method+path
   * (REST).
   */
  public record Call(String method, String urlRegex, String target, String action) {
    /**
     * JSON 1.0/1.1 protocols (SQS, Budgets, SSM, Scheduler is REST): X-Amz-Target, e.g. {@code
     * AmazonSQS.CreateQueue}.
     */
    public static Call json(String target) {
      return new Call("POST", null, target, null);
    }

    /** Query protocol (IAM, SNS, STS): {@code Action=CreateRole} in the form body. */
    public static Call query(String action) {
      return new Call("POST", null, null, action);
    }

    /** REST protocols (Lambda, API Gateway, Scheduler, S3): a method and a path regex. */
    public static Call rest(String method, String urlRegex) {
      return new Call(method, urlRegex, null, null);
    }
  }

  public MotoProxy(String motoEndpoint) {
    this.motoEndpoint = motoEndpoint;
    MotoLookup lookup = new MotoLookup(motoEndpoint);
    this.strict = new StrictAws(lookup);
    this.provisioned = new ProvisionedConcurrencyFake(lookup);
    this.scheduleGroupTags = new ScheduleGroupTagsFix(lookup);
    this.permissionSids = new PermissionSidFix(lookup);
    server =
        new WireMockServer(
            WireMockConfiguration.options()
                .bindAddress("127.0.0.1")
                .dynamicPort()
                .containerThreads(64)
                .disableRequestJournal()
                .extensions(
                    budgets,
                    provisioned,
                    provisioned.deletions,
                    aliasMappings,
                    scheduleGroupTags,
                    permissionSids,
                    strict));
    server.addMockServiceRequestListener((req, resp) -> requests.incrementAndGet());
    server.start();
    defaults();
  }

  private void defaults() {
    server.stubFor(any(anyUrl()).atPriority(100).willReturn(aResponse().proxiedFrom(motoEndpoint)));
    server.stubFor(
        any(anyUrl())
            .atPriority(50)
            .withHeader(
                "X-Amz-Target", matching(BudgetsFake.TARGET_PREFIX.replace(".", "\\.") + ".*"))
            .willReturn(aResponse().withTransformers(BudgetsFake.NAME)));
    server.stubFor(
        any(urlPathMatching(ProvisionedConcurrencyFake.PATH))
            .atPriority(50)
            .willReturn(aResponse().withTransformers(ProvisionedConcurrencyFake.NAME)));
    server.stubFor(
        request("DELETE", urlPathMatching(ProvisionedConcurrencyFake.DELETIONS_PATH))
            .atPriority(60)
            .willReturn(
                aResponse()
                    .proxiedFrom(motoEndpoint)
                    .withTransformers(ProvisionedConcurrencyFake.DELETIONS)));
    server.stubFor(
        request("GET", urlPathMatching(ScheduleGroupTagsFix.PATH))
            .atPriority(60)
            .willReturn(
                aResponse().proxiedFrom(motoEndpoint).withTransformers(ScheduleGroupTagsFix.NAME)));
    server.stubFor(
        request("POST", urlPathMatching(PermissionSidFix.PATH))
            .atPriority(60)
            .willReturn(
                aResponse().proxiedFrom(motoEndpoint).withTransformers(PermissionSidFix.NAME)));
    server.stubFor(
        any(urlPathMatching(AliasMappingsFix.PATH))
            .atPriority(60)
            .willReturn(
                aResponse().proxiedFrom(motoEndpoint).withTransformers(AliasMappingsFix.NAME)));
  }

  public String endpoint() {
    return "http://127.0.0.1:" + server.port();
  }

  public long requests() {
    return requests.get();
  }

  public void resetCount() {
    requests.set(0);
  }

  /** Empties the fakes, to go with a reset of moto. */
  public void resetFakes() {
    budgets.reset();
    provisioned.reset();
    aliasMappings.reset();
  }

  /** The strict layer: the operations it saw, and a switch for tests of moto's own leniency. */
  public StrictAws strict() {
    return strict;
  }

  public ProvisionedConcurrencyFake provisionedConcurrency() {
    return provisioned;
  }

  /** Answers {@code call} with HTTP 500 every time (until {@link #clearFaults}). */
  public void fail(Call call, int status) {
    server.stubFor(match(call).atPriority(1).willReturn(errorResponse(call, status)));
  }

  /** Answers {@code call} with this status and body every time (e.g. an STS 403 for bad keys). */
  public void respond(Call call, int status, String contentType, String body) {
    server.stubFor(
        match(call)
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", contentType)
                    .withBody(body)));
  }

  /** Resets the connection on {@code call} every time. */
  public void reset(Call call) {
    server.stubFor(
        match(call)
            .atPriority(1)
            .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
  }

  /**
   * Fails {@code call} the first {@code times} times (status, or connection reset when status is
   * 0), then lets it through.
   */
  public void failFirst(Call call, int status, int times) {
    String scenario = "fault-" + UUID.randomUUID();
    String state = Scenario.STARTED;
    for (int i = 0; i < times; i++) {
      String next = i == times - 1 ? "passed" : "failed-" + (i + 1);
      ResponseDefinitionBuilder response =
          status == 0
              ? aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)
              : errorResponse(call, status);
      server.stubFor(
          match(call)
              .atPriority(1)
              .inScenario(scenario)
              .whenScenarioStateIs(state)
              .willSetStateTo(next)
              .willReturn(response));
      state = next;
    }
  }

  /**
   * Answers {@code call} from moto as usual, but only after {@code millis}: a change that stays in
   * flight.
   */
  public void slow(Call call, int millis) {
    server.stubFor(
        match(call)
            .atPriority(1)
            .willReturn(aResponse().proxiedFrom(motoEndpoint).withFixedDelay(millis)));
  }

  public void clearFaults() {
    strict.clearInjections();
    server.resetMappings();
    server.resetScenarios();
    defaults();
  }

  private static MappingBuilder match(Call call) {
    MappingBuilder m =
        call.urlRegex() != null
            ? request(call.method(), urlMatching(call.urlRegex()))
            : request(call.method(), anyUrl());
    if (call.target() != null) m = m.withHeader("X-Amz-Target", equalTo(call.target()));
    if (call.action() != null) m = m.withRequestBody(containing("Action=" + call.action() + "&"));
    return m;
  }

  private static ResponseDefinitionBuilder errorResponse(Call call, int status) {
    String code = status == 429 ? "ThrottlingException" : "InternalFailure";
    String message =
        status == 429 ? "Rate exceeded" : "We encountered an internal error. Please try again.";
    if (call.action() != null) {
      return aResponse()
          .withStatus(status)
          .withHeader("Content-Type", "text/xml")
          .withBody(
              "<ErrorResponse><Error><Type>Sender</Type><Code>"
                  + (status == 429 ? "Throttling" : "ServiceUnavailable")
                  + "</Code><Message>"
                  + message
                  + "</Message></Error><RequestId>fault</RequestId></ErrorResponse>");
    }
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withHeader("x-amzn-ErrorType", code)
        .withBody("{\"__type\":\"" + code + "\",\"message\":\"" + message + "\"}");
  }

  @Override
  public void close() {
    server.stop();
  }
}
