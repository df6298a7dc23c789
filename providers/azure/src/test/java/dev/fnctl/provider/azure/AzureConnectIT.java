package dev.fnctl.provider.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.spec.Deployment;
import dev.fnctl.provider.Cloud;
import dev.fnctl.provider.Context;
import dev.fnctl.provider.ProviderException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connecting through the production pipeline (the JDK HTTP client over HTTPS, the bearer token
 * policy, the retry policy): it trusts only certificates it is told to, sends a token the fake
 * requires, and each way it can fail is one line saying what to do.
 */
class AzureConnectIT {
  @RegisterExtension static AzureFakes azure = new AzureFakes();
  @TempDir Path dir;
  Deployment d;

  @BeforeEach
  void spec() throws Exception {
    azure.resetGroup();
    d =
        AzureSamples.load(
            TestSpecs.functions(dir, "connect", AzureSamples.target(azure.settings(), false), 1),
            azure.env());
  }

  private Context context() {
    return new Context(dir, azure.env(), Context.Log.SILENT);
  }

  @Test
  void theBearerTokenGoesOverHttpsToAnEndpointItTrusts() throws Exception {
    azure.arm.resetCounts();
    try (Cloud cloud = azure.provider().connect(d, context())) {
      assertTrue(cloud.read(d, cloud.desired(d)).resources().isEmpty());
    }
    // The fake answers 401 to any request without a bearer token: these all carried one.
    assertTrue(azure.arm.requests() >= 2, azure.arm.requestLog().toString());
  }

  @Test
  void anEndpointWhoseCertificateIsNotTrustedIsRefused() {
    ProviderException e =
        assertThrows(
            ProviderException.class,
            () -> new AzureProvider(null, () -> "token").connect(d, context()));
    assertOneLine(e);
    assertTrue(e.getMessage().contains(azure.arm.endpoint()), e.getMessage());
  }

  @Test
  void noCredentialsIsOneLineSayingHowToSignIn() {
    AzureProvider noCredentials =
        new AzureProvider(
            azure.arm.sslContext(),
            () -> {
              throw new com.azure.identity.CredentialUnavailableException(
                  "EnvironmentCredential authentication unavailable.\nManagedIdentityCredential"
                      + " authentication unavailable.");
            });
    ProviderException e =
        assertThrows(ProviderException.class, () -> noCredentials.connect(d, context()));
    assertOneLine(e);
    assertEquals(ProviderException.Kind.PERMISSION_DENIED, e.kind());
    assertTrue(e.getMessage().contains("az login"), e.getMessage());
  }

  @Test
  void aMissingResourceGroupIsOneLineSayingHowToMakeIt() {
    azure.arm.delete(AzureFakes.groupId());
    ProviderException e =
        assertThrows(ProviderException.class, () -> azure.provider().connect(d, context()));
    assertOneLine(e);
    assertTrue(e.getMessage().contains("az group create -n " + AzureFakes.GROUP), e.getMessage());
  }

  private static void assertOneLine(ProviderException e) {
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertFalse(e.getMessage().contains("Exception"), e.getMessage());
  }
}
