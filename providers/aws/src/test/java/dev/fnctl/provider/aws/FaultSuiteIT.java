package dev.fnctl.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fnctl.engine.ApplyReport;
import dev.fnctl.engine.Engine.PlanMode;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.testkit.aws.FaultProxy;
import dev.fnctl.testkit.aws.MotoProxy;
import dev.fnctl.testkit.aws.MotoServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault suite: fnctl's real engine against moto through a seeded {@link FaultProxy} that fails
 * a quarter of all requests (by default), evenly in five ways (500 before forwarding, 429,
 * connection dropped before forwarding, and, the hard ones, 500 or a dropped connection AFTER moto
 * made the change). Over a spec with every trigger kind, for each seed: apply is re-run until it
 * reports success and every failed run's report must name what was done, what failed and why, and
 * what was not started; then, with faults off, a count made with the SDK directly must equal what
 * the spec implies for every kind (no duplicate left by a lost reply), the plan must show no
 * changes, and a destroy (re-run under faults until it succeeds) must leave nothing of the stack.
 * Seeds, fault counts and resource counts are printed so a failure reproduces with the same seed.
 */
class FaultSuiteIT {
  /** The share of requests that fail; {@code -Dfnctl.faults.rate=0.5} for a harder run. */
  static final double RATE = Double.parseDouble(System.getProperty("fnctl.faults.rate", "0.25"));

  static final int MAX_RUNS = 12;

  @RegisterExtension static MotoServer moto = new MotoServer();
  static MotoProxy cloud;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    cloud = new MotoProxy(moto.start().endpoint());
  }

  @AfterAll
  static void stop() {
    cloud.close();
  }

  /** The seeds; {@code -Dfnctl.faults.seeds=7,8,9} runs others (or one that failed). */
  static java.util.stream.LongStream seeds() {
    return java.util.Arrays.stream(
            System.getProperty("fnctl.faults.seeds", "11,42,2026").split(","))
        .mapToLong(x -> Long.parseLong(x.trim()));
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void applyAndDestroyConvergeThroughFaults(long seed) throws Exception {
    moto.reset();
    cloud.resetFakes();
    Path spec = EngineOnMoto.everyKind(dir, "faults");
    try (FaultProxy faults = new FaultProxy(cloud.endpoint(), seed, RATE);
        AwsCensus census = new AwsCensus(cloud.endpoint())) {
      EngineOnMoto fnctl = new EngineOnMoto(moto.env(), faults.endpoint());
      int applies = runUntilSuccess(fnctl, spec, PlanMode.NORMAL, seed);

      faults.rate(0);
      Map<String, Integer> counts = census.count("faults", "dev");
      System.out.printf(
          "fault suite seed %d: apply succeeded on run %d; faults %s over %d requests; counts %s%n",
          seed, applies, faults.counts(), faults.requests(), counts);
      assertEquals(
          EngineOnMoto.everyKindCounts(), counts, "seed " + seed + ": what the spec implies");
      assertEquals(
          "",
          EngineOnMoto.describe(fnctl.plan(spec, "dev", PlanMode.NORMAL)),
          "seed " + seed + ": plan after Apply complete!");

      faults.rate(RATE);
      int destroys = runUntilSuccess(fnctl, spec, PlanMode.DESTROY, seed);
      faults.rate(0);
      Map<String, Integer> left = census.count("faults", "dev");
      System.out.printf(
          "fault suite seed %d: destroy succeeded on run %d; faults %s; left %s%n",
          seed, destroys, faults.counts(), left);
      assertTrue(
          left.values().stream().allMatch(n -> n == 0), "seed " + seed + ": destroy left " + left);
      assertEquals(
          "",
          EngineOnMoto.describe(fnctl.plan(spec, "dev", PlanMode.DESTROY)),
          "seed " + seed + ": nothing left to destroy");
    }
  }

  /** Re-runs like a user would until the report says success; returns the number of runs. */
  private static int runUntilSuccess(EngineOnMoto fnctl, Path spec, PlanMode mode, long seed)
      throws Exception {
    for (int run = 1; run <= MAX_RUNS; run++) {
      ApplyReport report;
      try {
        report = fnctl.apply(spec, "dev", mode);
      } catch (dev.fnctl.provider.ProviderException e) {
        // Reading the cloud failed before anything changed: the next run starts over.
        System.out.printf("  seed %d %s run %d: no plan (%s)%n", seed, mode, run, e.getMessage());
        continue;
      }
      if (report.succeeded()) return run;
      assertFalse(report.failed().isEmpty(), "a failed run names what failed");
      for (Map.Entry<ResourceChange, String> f : report.failed().entrySet())
        assertFalse(f.getValue().isBlank(), "the failure of " + f.getKey().address() + " says why");
      System.out.printf(
          "  seed %d %s run %d: done %d, failed %s, not started %d%n",
          seed,
          mode,
          run,
          report.done().size(),
          report.failed().entrySet().stream()
              .map(e -> e.getKey().address() + ": " + e.getValue())
              .toList(),
          report.notStarted().size());
    }
    return fail("seed " + seed + ": " + mode + " did not succeed in " + MAX_RUNS + " runs");
  }
}
