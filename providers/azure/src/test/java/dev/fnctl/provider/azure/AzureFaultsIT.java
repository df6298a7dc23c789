package dev.fnctl.provider.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.engine.ApplyReport;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.provider.ProviderException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Faults during apply (throttling with Retry-After, server errors past the retries, a long-running
 * operation that ends Failed) stop cleanly with one line naming the resource, and the re-run
 * converges with nothing made twice.
 */
class AzureFaultsIT {
  @RegisterExtension static AzureFakes azure = new AzureFakes();

  @TempDir Path dir;
  EngineOnFake fnctl;

  static final String SITES = "/providers/Microsoft.Web/sites/";

  @BeforeEach
  void fresh() throws Exception {
    azure.arm.clearFaults();
    azure.resetGroup();
    fnctl =
        new EngineOnFake(
            azure,
            TestSpecs.functions(dir, "faults", AzureSamples.target(azure.settings(), false), 2),
            "azure");
  }

  @AfterEach
  void cleanUp() throws Exception {
    azure.arm.clearFaults();
    fnctl.destroy();
  }

  @Test
  void throttlingWithRetryAfterIsWaitedOut() throws Exception {
    azure.arm.failNext(SITES, 429, 2, Duration.ofSeconds(1));
    long start = System.nanoTime();
    ApplyReport r = fnctl.apply();
    assertTrue(r.succeeded(), "throttling is retried: " + r.failed());
    assertTrue(
        Duration.ofNanos(System.nanoTime() - start).compareTo(Duration.ofSeconds(1)) >= 0,
        "Retry-After was honoured");
    assertEquals(List.of(), EngineOnFake.shape(fnctl.plan()));
  }

  @Test
  void serverErrorsPastTheRetriesFailCleanlyAndTheRerunConverges() throws Exception {
    azure.arm.failNext(SITES, 500, 50, null);
    ApplyReport r = fnctl.apply();
    assertFalse(r.succeeded());
    assertFailedCleanly(r, "500");
    azure.arm.clearFaults();
    converges();
  }

  @Test
  void aFailedLongRunningOperationFailsCleanlyAndTheRerunConverges() throws Exception {
    azure.arm.operationDelay(Duration.ofMillis(50));
    azure.arm.failOperations(SITES, "the platform could not place the app", 1);
    try {
      ApplyReport r = fnctl.apply();
      assertFalse(r.succeeded());
      assertFailedCleanly(r, "could not place the app");
    } finally {
      azure.arm.operationDelay(Duration.ZERO);
    }
    converges();
  }

  private static void assertFailedCleanly(ApplyReport r, String says) {
    assertFalse(r.failed().isEmpty(), "something failed");
    for (var e : r.failed().entrySet()) {
      String m = e.getValue();
      assertFalse(m.contains("\n"), "one line: " + m);
      assertFalse(m.contains("Exception"), "no Java in the message: " + m);
      assertTrue(m.contains(says), m);
      assertTrue(
          m.contains(e.getKey().address().replaceAll(".*/", "")) || m.contains("/sites/"), m);
    }
    for (ResourceChange c : r.failed().keySet())
      assertTrue(r.kindOf(c) != ProviderException.Kind.INVALID, c.address());
  }

  private void converges() throws Exception {
    ApplyReport again = fnctl.apply();
    assertTrue(again.succeeded(), "the re-run converges: " + again.failed());
    assertEquals(List.of(), EngineOnFake.shape(fnctl.plan()));
    long sites =
        azure.arm.ids(SITES.toLowerCase()).stream()
            .filter(id -> id.matches("(?i).*/sites/[^/]+$"))
            .count();
    assertEquals(2, sites, "nothing made twice");
  }
}
