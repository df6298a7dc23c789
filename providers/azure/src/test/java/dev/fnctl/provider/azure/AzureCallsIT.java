package dev.fnctl.provider.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A no-op plan reads with list calls, not a call per resource: at most 3 calls per function (the
 * reader's 6 fixed calls, 8 with queues or buckets, plus one settings read per app), counted by the
 * fake.
 */
class AzureCallsIT {
  @RegisterExtension static AzureFakes azure = new AzureFakes();

  @TempDir Path dir;

  @Test
  void aNoOpPlanMakesAtMostThreeCallsPerFunction() throws Exception {
    azure.resetGroup();
    int functions = 5;
    EngineOnFake fnctl =
        new EngineOnFake(
            azure,
            TestSpecs.functions(
                dir, "calls", AzureSamples.target(azure.settings(), false), functions),
            "azure");
    assertTrue(fnctl.apply().succeeded());
    // The packages were deployed and indexed: every http function, and f0's timer.
    List<String> indexed = azure.arm.ids("/functions/");
    assertEquals(functions + 1, indexed.size(), indexed.toString());
    String timer =
        indexed.stream()
            .filter(id -> id.contains("/functions/f0-schedule-"))
            .findFirst()
            .orElseThrow();
    assertTrue(
        azure.arm.get(timer).contains("\"schedule\":\"0 0 9 * * 1-5\""), azure.arm.get(timer));
    azure.arm.resetCounts();
    assertEquals(List.of(), EngineOnFake.shape(fnctl.plan()));
    long calls = azure.arm.requests();
    assertTrue(
        calls <= 3L * functions,
        calls
            + " calls for a no-op plan of "
            + functions
            + " functions: "
            + azure.arm.requestLog());
    // The group, its resources, apps, role assignments, budgets, the host account's containers,
    // the custom topics' event subscriptions of the region.
    assertEquals(7 + functions, calls, String.join("\n", azure.arm.requestLog()));
    assertTrue(fnctl.destroy().succeeded());
  }
}
