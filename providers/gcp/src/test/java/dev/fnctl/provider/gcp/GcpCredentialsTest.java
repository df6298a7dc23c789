package dev.fnctl.provider.gcp;

import static org.junit.jupiter.api.Assertions.*;

import dev.fnctl.provider.Context;
import dev.fnctl.provider.ProviderException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Credentials that are missing or wrong are one line saying what to do, before any call. */
class GcpCredentialsTest {
  @TempDir Path dir;
  final GcpNames names = new GcpNames("shop", "prod", "acme-prod", "europe-west1");

  private ProviderException open(Map<String, String> env) {
    return assertThrows(
        ProviderException.class,
        // Google's own endpoints: credentials are needed (a loopback http endpoint needs none)
        () -> GcpSession.open(names, null, new Context(dir, env, Context.Log.SILENT)));
  }

  @Test
  void aCredentialsFileThatIsNotThereSaysSo() {
    ProviderException e =
        open(Map.of("GOOGLE_APPLICATION_CREDENTIALS", dir.resolve("missing.json").toString()));
    assertEquals(ProviderException.Kind.PERMISSION_DENIED, e.kind());
    assertTrue(e.getMessage().contains("GOOGLE_APPLICATION_CREDENTIALS names"), e.getMessage());
    assertTrue(e.getMessage().contains("which is not a file"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void aFileThatIsNotCredentialsSaysSo() throws Exception {
    Path file = Files.writeString(dir.resolve("creds.json"), "{\"type\": \"nonsense\"}");
    ProviderException e = open(Map.of("GOOGLE_APPLICATION_CREDENTIALS", file.toString()));
    assertEquals(ProviderException.Kind.PERMISSION_DENIED, e.kind());
    assertTrue(e.getMessage().contains("which is not a Google credentials file"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void aLoopbackEmulatorNeedsNoCredentials() throws Exception {
    try (GcpSession s =
        GcpSession.open(
            names,
            "http://127.0.0.1:9",
            new Context(
                dir,
                Map.of("GOOGLE_APPLICATION_CREDENTIALS", dir.resolve("missing.json").toString()),
                Context.Log.SILENT))) {
      assertEquals("http://127.0.0.1:9", s.base("iam.googleapis.com"));
    }
  }
}
