package dev.fnctl.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.engine.ApplyListener;
import dev.fnctl.engine.ApplyOptions;
import dev.fnctl.engine.ApplyReport;
import dev.fnctl.engine.Engine;
import dev.fnctl.engine.PlanSession;
import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.provider.Providers;
import dev.fnctl.testkit.aws.MotoProxy.Call;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A function read while Lambda is still creating it (as a killed run leaves it): the plan says so,
 * and apply waits for Lambda before converging, through the real engine against moto. moto's
 * functions are Active at once, so the proxy answers GetFunction with the function as moto has it
 * but Pending.
 */
class AwsPendingFunctionIT extends MotoTestBase {

  @Test
  void aFunctionStillBeingCreatedIsShownAndAwaitedBeforeItsStep() throws Exception {
    Path spec = dir.resolve("fnctl.yaml");
    Files.writeString(
        spec,
        """
        apiVersion: fnctl.dev/v1
        stack: pend
        targets:
          aws: { provider: aws, region: eu-west-1 }
        functions:
          a: { code: ./code, handler: main.handle, runtime: python3.12 }
        """);
    Engine engine = Engine.create(Providers.discover(), env());
    assertTrue(apply(engine, spec).succeeded());

    String live = moto.aws("lambda", "get-function", "--function-name", "pend-aws-a");
    String pending = live.replaceFirst("\"State\":\\s*\"Active\"", "\"State\": \"Pending\"");
    assertFalse(live.equals(pending), "moto's answer has a State to change: " + live);
    proxy.respond(
        Call.rest("GET", "/2015-03-31/functions/pend-aws-a"), 200, "application/json", pending);

    ResourceChange fn = function(plan(engine, spec));
    assertEquals(Action.UPDATE, fn.action(), "never 'no changes' against a half-made function");
    assertEquals("being created", fn.pending());
    assertEquals("still being created: apply waits for it first", fn.reason());

    ApplyReport report = apply(engine, spec);
    assertTrue(report.succeeded(), report.failed().toString());

    proxy.clearFaults();
    assertFalse(plan(engine, spec).hasChanges());
  }

  private static ResourceChange function(Plan plan) {
    return plan.changes().stream()
        .filter(c -> c.type().equals("aws:lambda:function"))
        .findFirst()
        .orElseThrow();
  }

  private Plan plan(Engine engine, Path spec) throws Exception {
    try (PlanSession s = engine.plan(spec, "aws", Engine.PlanMode.NORMAL)) {
      return s.plan();
    }
  }

  private ApplyReport apply(Engine engine, Path spec) throws Exception {
    try (PlanSession s = engine.plan(spec, "aws", Engine.PlanMode.NORMAL)) {
      return engine.apply(s, ApplyOptions.defaults(), ApplyListener.NONE);
    }
  }
}
