package dev.fnctl.provider.gcp;

import static org.junit.jupiter.api.Assertions.*;

import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.ProviderException.Kind;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Google's errors, as its REST APIs answer them, become one actionable line of the right kind. */
class GcpErrorsTest {
  static GoogleRest.Failure failure(
      int http, String status, String message, String reason, Map<String, String> md) {
    return new GoogleRest.Failure(http, status, message, reason, md);
  }

  @Test
  void aDisabledApiSaysWhichAndHowToEnableIt() {
    ProviderException e =
        GcpErrors.failure(
            "list scheduler jobs",
            failure(
                403,
                "PERMISSION_DENIED",
                "Cloud Scheduler API has not been used in project 123 before or it is disabled.",
                "SERVICE_DISABLED",
                Map.of("service", "cloudscheduler.googleapis.com")));
    assertEquals(Kind.PERMISSION_DENIED, e.kind());
    assertEquals(
        "list scheduler jobs: the cloudscheduler.googleapis.com API is disabled in the project;"
            + " enable it (gcloud services enable cloudscheduler.googleapis.com) and run again",
        e.getMessage());
  }

  @Test
  void aMissingPermissionIsNamed() {
    ProviderException e =
        GcpErrors.failure(
            "create service account shop-prod-x",
            failure(
                403,
                "PERMISSION_DENIED",
                "Permission 'iam.serviceAccounts.create' denied on resource (or it may not exist).",
                "IAM_PERMISSION_DENIED",
                Map.of()));
    assertEquals(Kind.PERMISSION_DENIED, e.kind());
    assertEquals("iam.serviceAccounts.create", e.permission());
    assertTrue(e.getMessage().endsWith("(missing permission: iam.serviceAccounts.create)"));
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void statusesBecomeKinds() {
    assertEquals(
        Kind.THROTTLED,
        GcpErrors.failure(
                "x", failure(429, "RESOURCE_EXHAUSTED", "Too many requests", null, Map.of()))
            .kind());
    // Google answers 429 for rate limits and quotas alike: a later run may succeed
    assertEquals(
        Kind.THROTTLED,
        GcpErrors.failure(
                "x",
                failure(
                    429,
                    "RESOURCE_EXHAUSTED",
                    "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per"
                        + " minute'",
                    null,
                    Map.of()))
            .kind());
    assertEquals(
        Kind.THROTTLED,
        GcpErrors.failure("x", failure(503, "UNAVAILABLE", "down", null, Map.of())).kind());
    assertEquals(
        Kind.CONFLICT,
        GcpErrors.failure(
                "x",
                failure(409, "ABORTED", "There were concurrent policy changes", null, Map.of()))
            .kind());
    assertEquals(
        Kind.CONFLICT,
        GcpErrors.failure("x", failure(412, null, "Precondition Failed", null, Map.of())).kind());
    assertEquals(
        Kind.NOT_FOUND,
        GcpErrors.failure("x", failure(404, "NOT_FOUND", "gone", null, Map.of())).kind());
    assertEquals(
        Kind.INVALID,
        GcpErrors.failure("x", failure(400, "INVALID_ARGUMENT", "bad", null, Map.of())).kind());
    ProviderException refused =
        GcpErrors.failure(
            "x",
            failure(
                401,
                "UNAUTHENTICATED",
                "Request had invalid authentication credentials.",
                null,
                Map.of()));
    assertEquals(Kind.PERMISSION_DENIED, refused.kind());
    assertTrue(refused.getMessage().contains("gcloud auth application-default login"));
  }
}
