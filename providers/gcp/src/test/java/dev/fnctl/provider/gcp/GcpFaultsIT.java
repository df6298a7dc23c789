package dev.fnctl.provider.gcp;

import static org.junit.jupiter.api.Assertions.*;

import dev.fnctl.engine.ApplyReport;
import dev.fnctl.engine.Engine;
import dev.fnctl.fake.gcp.FakeGcp;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.provider.ProviderException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Throttling, unavailability and a failed long-running operation during apply fail cleanly (the
 * report names the resource and the kind, nothing is left half-made that the next plan does not
 * show), and running apply again converges to "No changes".
 */
class GcpFaultsIT {
  static FakeGcp fake;
  static EngineOnFake on;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    fake = FakeGcp.start();
    on = new EngineOnFake(fake.endpoint());
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  private Path spec(String stack) throws Exception {
    return GcpSpecs.write(
        dir,
        """
        apiVersion: fnctl.dev/v1
        stack: %s
        targets:
          gcp: %s
        defaults: { runtime: python3.12, timeout: 30s }
        functions:
          hello:
            code: ./functions/hello
            handler: main.handle
            permissions:
              - { topic: events, access: publish }
        topics:
          events: {}
        """
            .formatted(stack, GcpSpecs.target(fake.endpoint())));
  }

  private static ResourceChange failed(ApplyReport r) {
    assertFalse(r.succeeded());
    assertEquals(1, r.failed().size(), r.failed().toString());
    return r.failed().keySet().iterator().next();
  }

  private void convergesOnRerun(Path spec) throws Exception {
    on.applyOk(spec, "gcp", Engine.PlanMode.NORMAL);
    assertEquals(List.of(), EngineOnFake.shape(on.plan(spec, "gcp", Engine.PlanMode.NORMAL)));
    on.applyOk(spec, "gcp", Engine.PlanMode.DESTROY);
  }

  @Test
  void throttlingPastTheRetriesFailsCleanlyAndTheRerunConverges() throws Exception {
    Path spec = spec("throttled");
    // more 429s than the IAM client's retries: the service account cannot be made this time
    fake.failNext("CreateServiceAccount", 429, GoogleRest.ATTEMPTS);
    ApplyReport r = on.apply(spec, "gcp", Engine.PlanMode.NORMAL);
    ResourceChange c = failed(r);
    assertEquals("gcp:iam:serviceAccount/throttled-gcp-hello", c.address());
    assertEquals(ProviderException.Kind.THROTTLED, r.kindOf(c));
    convergesOnRerun(spec);
  }

  @Test
  void unavailableFailsCleanlyAndTheRerunConverges() throws Exception {
    Path spec = spec("unavailable");
    fake.failNext("GenerateUploadUrl", 503, 1);
    ApplyReport r = on.apply(spec, "gcp", Engine.PlanMode.NORMAL);
    ResourceChange c = failed(r);
    assertEquals("gcp:functions:function/unavailable-gcp-hello", c.address());
    assertEquals(ProviderException.Kind.THROTTLED, r.kindOf(c));
    convergesOnRerun(spec);
  }

  @Test
  void aFailedOperationNamesTheFunctionAndGooglesMessage() throws Exception {
    Path spec = spec("failedop");
    fake.failOperations("CreateFunction", "Build failed: requirements.txt could not be installed");
    ApplyReport r = on.apply(spec, "gcp", Engine.PlanMode.NORMAL);
    ResourceChange c = failed(r);
    assertEquals("gcp:functions:function/failedop-gcp-hello", c.address());
    String message = r.failed().get(c);
    assertTrue(message.contains("create function failedop-gcp-hello failed"), message);
    assertTrue(message.contains("Build failed: requirements.txt could not be installed"), message);
    // Google leaves the function FAILED: the next plan must not take it as deployed
    assertFalse(
        EngineOnFake.shape(on.plan(spec, "gcp", Engine.PlanMode.NORMAL)).isEmpty(),
        "a failed function still needs deploying");
    on.applyOk(spec, "gcp", Engine.PlanMode.NORMAL);
    String fn =
        fake.json(
            "projects/"
                + GcpSpecs.PROJECT
                + "/locations/"
                + GcpSpecs.REGION
                + "/functions/failedop-gcp-hello");
    assertTrue(fn.contains("\"ACTIVE\""), fn);
    convergesOnRerun(spec);
  }
}
