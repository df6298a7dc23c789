package dev.fnctl.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.engine.ApplyReport;
import dev.fnctl.engine.Engine.PlanMode;
import dev.fnctl.testkit.aws.MotoProxy;
import dev.fnctl.testkit.aws.MotoServer;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two targets of one stack whose names are prefixes of each other are separate worlds: applying and
 * destroying {@code dev} leaves every resource of {@code dev-eu} as it was, for every resource
 * kind, counted with the SDK directly. Before ownership was exact, {@code apply -t dev} deleted
 * dev-eu's budget, bucket notification and invoke permissions (matched by name prefix).
 */
class TwoTargetsAwsIT {
  @RegisterExtension static MotoServer moto = new MotoServer();
  static MotoProxy proxy;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    proxy = new MotoProxy(moto.start().endpoint());
  }

  @AfterAll
  static void stop() {
    proxy.close();
  }

  @Test
  void applyingAndDestroyingDevLeavesDevEuUntouched() throws Exception {
    moto.reset();
    proxy.resetFakes();
    Path spec = EngineOnMoto.everyKind(dir, "shop");
    EngineOnMoto fnctl = new EngineOnMoto(moto.env(), proxy.endpoint());
    try (AwsCensus census = new AwsCensus(proxy.endpoint())) {
      ApplyReport a = fnctl.apply(spec, "dev-eu", PlanMode.NORMAL);
      assertTrue(a.succeeded(), () -> "apply -t dev-eu: " + a.failed());
      Map<String, Integer> devEu = census.count("shop", "dev-eu");
      assertEquals(EngineOnMoto.everyKindCounts(), devEu, "dev-eu as the spec implies");

      assertEquals(
          "",
          EngineOnMoto.describe(fnctl.plan(spec, "dev", PlanMode.DESTROY)),
          "dev owns nothing yet: destroying it plans nothing of dev-eu's");
      ApplyReport b = fnctl.apply(spec, "dev", PlanMode.NORMAL);
      assertTrue(b.succeeded(), () -> "apply -t dev: " + b.failed());
      assertEquals(EngineOnMoto.everyKindCounts(), census.count("shop", "dev"), "dev");
      assertEquals(devEu, census.count("shop", "dev-eu"), "dev-eu after apply -t dev");
      assertEquals("", EngineOnMoto.describe(fnctl.plan(spec, "dev", PlanMode.NORMAL)));

      ApplyReport gone = fnctl.apply(spec, "dev", PlanMode.DESTROY);
      assertTrue(gone.succeeded(), () -> "destroy -t dev: " + gone.failed());
      assertEquals(devEu, census.count("shop", "dev-eu"), "dev-eu after destroy -t dev");
      assertTrue(
          census.count("shop", "dev").values().stream().allMatch(n -> n == 0),
          () -> "dev left: " + census.count("shop", "dev"));
      assertEquals(
          "",
          EngineOnMoto.describe(fnctl.plan(spec, "dev-eu", PlanMode.NORMAL)),
          "dev-eu still plans no changes");
    }
  }
}
