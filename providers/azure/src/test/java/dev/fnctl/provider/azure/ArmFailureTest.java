package dev.fnctl.provider.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.core.http.HttpHeaders;
import dev.fnctl.provider.Context;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.ProviderException.Kind;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** ARM's error answers, as ARM writes them, become the right kind and one line. */
class ArmFailureTest {
  private final Arm arm =
      new Arm(null, "https://management.azure.com", "sub-1", Context.Log.SILENT, Duration.ZERO);

  private ProviderException failure(int status, String body) {
    return arm.failure(
        "PUT /subscriptions/sub-1/resourceGroups/rg/providers/Microsoft.Web/sites/app?api-version=2024-04-01",
        new Arm.Reply(status, body, new HttpHeaders()));
  }

  @Test
  void anUnregisteredResourceProviderSaysWhichAndHowToRegisterIt() {
    ProviderException e =
        failure(
            409,
            "{\"error\":{\"code\":\"MissingSubscriptionRegistration\",\"message\":\"The subscription"
                + " is not registered to use namespace 'Microsoft.Web'.\"}}");
    assertEquals(Kind.PERMISSION_DENIED, e.kind());
    assertTrue(
        e.getMessage().contains("az provider register --namespace Microsoft.Web"), e.getMessage());
  }

  @Test
  void statusesAndCodesBecomeKinds() {
    assertEquals(
        Kind.THROTTLED,
        failure(429, "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"slow\"}}").kind());
    assertEquals(
        Kind.CONFLICT,
        failure(409, "{\"error\":{\"code\":\"Conflict\",\"message\":\"busy\"}}").kind());
    assertEquals(
        Kind.QUOTA,
        failure(400, "{\"error\":{\"code\":\"QuotaExceeded\",\"message\":\"no\"}}").kind());
    assertEquals(
        Kind.INVALID,
        failure(400, "{\"error\":{\"code\":\"BadRequest\",\"message\":\"no\"}}").kind());
    ProviderException denied =
        failure(
            403,
            "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"The client 'x' does not have"
                + " authorization to perform action 'Microsoft.Web/sites/write' over scope '/s'.\"}}");
    assertEquals(Kind.PERMISSION_DENIED, denied.kind());
    assertEquals("Microsoft.Web/sites/write", denied.permission());
    assertTrue(!denied.getMessage().contains("api-version"), denied.getMessage());
  }
}
