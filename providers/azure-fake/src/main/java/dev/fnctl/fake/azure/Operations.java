package dev.fnctl.fake.azure;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Long-running operations as ARM runs them: the first answer is 201/202 with {@code
 * Azure-AsyncOperation} and/or {@code Location} and {@code Retry-After}; the operation finishes at
 * the first poll after the configured delay, then runs its completion (provisioningState Succeeded,
 * or the resource removed for a delete). One marked to fail by {@link Faults} ends Failed with
 * ARM's error instead.
 */
final class Operations {
  private final Map<String, Operation> byId = new ConcurrentHashMap<>();
  private final Faults faults;
  private volatile String endpoint = "";
  private volatile Duration delay = Duration.ZERO;

  Operations(Faults faults) {
    this.faults = faults;
  }

  void endpoint(String endpoint) {
    this.endpoint = endpoint;
  }

  void delay(Duration delay) {
    this.delay = delay;
  }

  /** What an operation does when it ends. */
  interface Completion {
    /** Called once when the operation succeeds; returns the final body, or null (deletes). */
    JsonNode succeed();

    /** Called once when the operation is made to fail. */
    default void fail() {}
  }

  final class Operation {
    final String id = UUID.randomUUID().toString();
    final String resourceId;
    final String subscription;
    final String namespace;
    final String apiVersion;
    final Instant start = Instant.now();
    final Instant readyAt;
    final Completion completion;
    final Faults.OperationFailure failure;
    private String status = "InProgress";
    private JsonNode result;
    private Instant end;

    /** The region in the polling URLs ({@code .../locations/eastus/...}), as ARM puts it there. */
    String region = "global";

    /** Storage answers its Location as {@code .../asyncoperations/{id}?monitor=true}. */
    boolean storageStyle;

    Operation(
        String resourceId,
        String namespace,
        String apiVersion,
        Completion completion,
        Faults.OperationFailure failure) {
      this.resourceId = resourceId;
      this.subscription = ResourceIds.subscription(resourceId);
      this.namespace = namespace;
      this.apiVersion = apiVersion;
      this.readyAt = start.plus(delay);
      this.completion = completion;
      this.failure = failure != null ? failure : faults.operationFailure(resourceId);
    }

    synchronized String poll() {
      if (status.equals("InProgress") && !Instant.now().isBefore(readyAt)) {
        end = Instant.now();
        if (failure != null) {
          status = "Failed";
          completion.fail();
        } else {
          status = "Succeeded";
          result = completion.succeed();
        }
      }
      return status;
    }

    String base() {
      return endpoint
          + "/subscriptions/"
          + subscription
          + "/providers/"
          + namespace
          + "/locations/"
          + region;
    }

    String asyncOperationUrl() {
      return base() + "/operationStatuses/" + id + "?api-version=" + apiVersion;
    }

    String locationUrl() {
      if (storageStyle) {
        return base() + "/asyncoperations/" + id + "?monitor=true&api-version=" + apiVersion;
      }
      return base() + "/operationResults/" + id + "?api-version=" + apiVersion;
    }

    synchronized JsonNode statusBody() {
      var body = Json.object();
      body.put("id", base().substring(endpoint.length()) + "/operationStatuses/" + id);
      body.put("name", id);
      body.put("status", status);
      body.put("startTime", start.toString());
      if (end != null) {
        body.put("endTime", end.toString());
      }
      if (failure != null && status.equals("Failed")) {
        var error = body.putObject("error");
        error.put("code", failure.code());
        error.put("message", failure.message());
      }
      return body;
    }
  }

  Operation start(String resourceId, String namespace, String apiVersion, Completion completion) {
    return start(resourceId, namespace, apiVersion, completion, null);
  }

  /** An operation that ends with {@code failure} (what the service found), or as faults say. */
  Operation start(
      String resourceId,
      String namespace,
      String apiVersion,
      Completion completion,
      Faults.OperationFailure failure) {
    var op = new Operation(resourceId, namespace, apiVersion, completion, failure);
    byId.put(op.id, op);
    return op;
  }

  /** The headers of an accepted request: which polling headers real ARM sends for this type. */
  Map<String, String> headers(Operation op, boolean asyncOperation, boolean location) {
    var headers = new LinkedHashMap<String, String>();
    if (asyncOperation) {
      headers.put("Azure-AsyncOperation", op.asyncOperationUrl());
    }
    if (location) {
      headers.put("Location", op.locationUrl());
    }
    headers.put("Retry-After", retryAfter());
    return headers;
  }

  long delayMillis() {
    return delay.toMillis();
  }

  String retryAfter() {
    long millis = delay.toMillis();
    return Long.toString((millis + 999) / 1000);
  }

  Operation find(String id) {
    var op = byId.get(id);
    if (op == null) {
      throw ArmException.notFound(
          "OperationNotFound", "The operation '" + id + "' could not be found.");
    }
    return op;
  }

  /** GET on the Azure-AsyncOperation URL: always 200 with the status object. */
  ArmResponse status(String id) {
    var op = find(id);
    var status = op.poll();
    var headers =
        status.equals("InProgress")
            ? Map.of("Retry-After", retryAfter())
            : Map.<String, String>of();
    return new ArmResponse(200, headers, op.statusBody());
  }

  /**
   * GET on the Location URL: 202 while running, then 200 with the final body (no body after a
   * delete), or the operation's error with a 4xx/5xx status when it failed.
   */
  ArmResponse result(String id) {
    var op = find(id);
    var status = op.poll();
    switch (status) {
      case "InProgress":
        return new ArmResponse(
            202, Map.of("Location", op.locationUrl(), "Retry-After", retryAfter()), null);
      case "Failed":
        throw new ArmException(op.failure.status(), op.failure.code(), op.failure.message());
      default:
        return ArmResponse.ok(
            op.result); // a delete ends 200 with no body, as ARM's group delete does
    }
  }
}
