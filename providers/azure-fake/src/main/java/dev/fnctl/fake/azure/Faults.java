package dev.fnctl.fake.azure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Injected faults: failed requests (429, 500, ...) and long-running operations that end Failed. */
final class Faults {
  private record RequestRule(
      String pathSubstring, int status, int[] remaining, Duration retryAfter) {}

  record OperationFailure(String code, String message, int status) {}

  private record OperationRule(String pathSubstring, OperationFailure failure, int[] remaining) {}

  private final List<RequestRule> requestRules = new ArrayList<>();
  private final List<OperationRule> operationRules = new ArrayList<>();

  synchronized void failNext(String pathSubstring, int status, int times, Duration retryAfter) {
    requestRules.add(new RequestRule(pathSubstring, status, new int[] {times}, retryAfter));
  }

  synchronized void failOperations(String pathSubstring, String code, String message, int times) {
    operationRules.add(
        new OperationRule(
            pathSubstring, new OperationFailure(code, message, 500), new int[] {times}));
  }

  synchronized void clear() {
    requestRules.clear();
    operationRules.clear();
  }

  /** The injected error for this request, consuming one of the rule's times, or null. */
  synchronized ArmException requestFault(String path) {
    for (var rule : requestRules) {
      if (rule.remaining[0] > 0 && path.contains(rule.pathSubstring)) {
        rule.remaining[0]--;
        var headers =
            rule.retryAfter == null
                ? Map.<String, String>of()
                : Map.of("Retry-After", Long.toString(Math.max(0, rule.retryAfter.toSeconds())));
        return switch (rule.status) {
          case 429 ->
              new ArmException(
                  429,
                  "TooManyRequests",
                  "The request is being throttled as the limit has been reached for operation type - Write. For more information, see - https://aka.ms/armthrottling",
                  headers);
          case 500 ->
              new ArmException(
                  500,
                  "InternalServerError",
                  "Encountered internal server error. Diagnostic information: timestamp '', subscription id '', tracking id '', request correlation id ''.",
                  headers);
          case 403 ->
              new ArmException(
                  403,
                  "AuthorizationFailed",
                  "The client 'fnctl-test' with object id '00000000-0000-0000-0000-000000000000'"
                      + " does not have authorization to perform action"
                      + " 'Microsoft.EventGrid/eventSubscriptions/read' over scope '"
                      + path.replaceAll("\\?.*", "")
                      + "' or the scope is invalid. If access was recently granted, please refresh"
                      + " your credentials.",
                  headers);
          case 503 ->
              new ArmException(
                  503, "ServiceUnavailable", "The service is currently unavailable.", headers);
          default ->
              new ArmException(
                  rule.status,
                  "InjectedFault",
                  "A fault injected by the test (HTTP " + rule.status + ").",
                  headers);
        };
      }
    }
    return null;
  }

  /** Whether an operation on this resource must fail, consuming one of the rule's times. */
  synchronized OperationFailure operationFailure(String resourceId) {
    for (var rule : operationRules) {
      if (rule.remaining[0] > 0 && resourceId.contains(rule.pathSubstring)) {
        rule.remaining[0]--;
        return rule.failure;
      }
    }
    return null;
  }
}
