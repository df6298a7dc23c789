package dev.fnctl.provider.gcp;

import static dev.fnctl.provider.gcp.EngineOnFake.changes;
import static dev.fnctl.provider.gcp.EngineOnFake.shape;
import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import dev.fnctl.engine.ApplyReport;
import dev.fnctl.engine.Engine;
import dev.fnctl.fake.gcp.FakeGcp;
import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.testkit.ExpansionGolden;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample on Google Cloud (the fake), through the engine: plan, apply, plan is no changes, one
 * changed property is exactly one update, a change behind fnctl's back shows as drift, destroy
 * leaves nothing labelled with the stack.
 */
class GcpSamplesIT {
  static FakeGcp fake;
  static EngineOnFake on;
  @TempDir Path tmp;

  @BeforeAll
  static void start() throws Exception {
    fake = FakeGcp.start();
    on = new EngineOnFake(fake.endpoint());
    whatTheSamplesExpectToExist();
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  static List<String> samples() throws Exception {
    return ExpansionGolden.sampleNames();
  }

  /**
   * The sample with a gcp target. Eventarc filters Cloud Storage events by bucket only, so the
   * thumbnails sample's two prefix/suffix triggers become the one trigger a GCP user writes (the
   * provider refuses the filters, see GcpProviderTest).
   */
  private Path spec(String sample) throws Exception {
    Path spec = GcpSpecs.sample(sample, tmp, fake.endpoint());
    String yaml = Files.readString(spec);
    yaml =
        yaml.replaceAll(
                "(?m)^( *)- storage: \\{ bucket: uploads, events: \\[created\\], prefix: images/, suffix: \\.jpg \\}\\n",
                "$1- storage: { bucket: uploads, events: [created] }\n")
            .replaceAll(
                "(?m)^ *- storage: \\{ bucket: uploads, events: \\[created\\], prefix: images/, suffix: \\.png \\}\\n",
                "");
    Files.writeString(spec, yaml);
    return spec;
  }

  @ParameterizedTest
  @MethodSource("samples")
  void planApplyNoChangesOneUpdateDriftDestroy(String sample) throws Exception {
    Path spec = spec(sample);
    String stack = GcpSpecs.load(spec, "gcp").stack();

    Plan first = on.plan(spec, "gcp", Engine.PlanMode.NORMAL);
    assertEquals(first.changes().size(), first.count(Action.CREATE), shape(first).toString());
    ApplyReport applied = on.applyOk(spec, "gcp", Engine.PlanMode.NORMAL);
    assertEquals(first.changes().size(), applied.done().size());
    if (Files.readString(spec).contains("- http:"))
      assertFalse(applied.outputs().isEmpty(), "http endpoints are printed after apply");

    List<String> made = on.labelledWith(stack);
    assertTrue(made.stream().anyMatch(n -> n.contains("/functions/")), made.toString());
    if (!GcpSpecs.load(spec, "gcp").budgets().isEmpty())
      assertTrue(
          made.stream().anyMatch(n -> n.contains("/budgets/"))
              && made.stream().anyMatch(n -> n.contains("/notificationChannels/")),
          "budgets and their channels are made: " + made);

    if (sample.equals("webhook-queue")) {
      // the queue's dead-letter setting is the policy of the subscription delivering to worker
      List<JsonObject> withPolicy =
          EngineOnFake.items(
                  on.get("/v1/projects/" + GcpSpecs.PROJECT + "/subscriptions"), "subscriptions")
              .stream()
              .filter(x -> x.has("deadLetterPolicy"))
              .toList();
      assertEquals(
          1,
          withPolicy.size(),
          withPolicy
              + " "
              + fake.requestLog().stream().filter(l -> l.contains("ubscription")).toList());
      JsonObject policy = withPolicy.get(0).getAsJsonObject("deadLetterPolicy");
      assertEquals(
          "projects/" + GcpSpecs.PROJECT + "/topics/webhooks-gcp-events-dlq",
          policy.get("deadLetterTopic").getAsString());
      assertEquals(5, policy.get("maxDeliveryAttempts").getAsInt());
    }

    Plan again = on.plan(spec, "gcp", Engine.PlanMode.NORMAL);
    assertEquals(List.of(), shape(again), "an applied sample plans to no changes");

    // one property changed: the first function's memory
    String yaml = Files.readString(spec);
    String fn = GcpSpecs.load(spec, "gcp").functions().keySet().iterator().next();
    int memory = GcpSpecs.load(spec, "gcp").functions().get(fn).memory();
    String changed =
        yaml.replaceFirst(
            "(?m)^(  " + fn + ":\\n)", "$1    memory: " + (memory == 2048 ? 1024 : 2048) + "\n");
    // a function that already sets memory: the first memory line after its name wins
    Files.writeString(spec, dedupeMemory(changed, fn));
    Plan one = on.plan(spec, "gcp", Engine.PlanMode.NORMAL);
    List<ResourceChange> ch = changes(one);
    assertEquals(1, ch.size(), shape(one).toString());
    assertEquals(Action.UPDATE, ch.get(0).action());
    assertEquals(List.of("memory"), ch.get(0).changedProperties());
    on.applyOk(spec, "gcp", Engine.PlanMode.NORMAL);
    assertEquals(List.of(), shape(on.plan(spec, "gcp", Engine.PlanMode.NORMAL)));

    // drift: the timeout changed behind fnctl's back
    String id = GcpNames.fit(stack + "-gcp-" + fn, GcpNames.FUNCTION_MAX);
    JsonObject op =
        on.send(
            "PATCH",
            "/v2/projects/"
                + GcpSpecs.PROJECT
                + "/locations/"
                + GcpSpecs.REGION
                + "/functions/"
                + id
                + "?updateMask=serviceConfig.timeoutSeconds",
            "{\"serviceConfig\":{\"timeoutSeconds\":123}}");
    awaitOperation(op); // as gcloud waits for its own change
    Plan drift = on.plan(spec, "gcp", Engine.PlanMode.NORMAL);
    assertEquals(1, changes(drift).size(), shape(drift).toString());
    assertEquals(List.of("timeout"), changes(drift).get(0).changedProperties());
    assertEquals(123L, ((Number) changes(drift).get(0).before().get("timeout")).longValue());

    on.applyOk(spec, "gcp", Engine.PlanMode.DESTROY);
    assertEquals(List.of(), shape(on.plan(spec, "gcp", Engine.PlanMode.DESTROY)));
    assertEquals(List.of(), on.labelledWith(stack), "destroy leaves nothing labelled");
  }

  private static void awaitOperation(JsonObject op) throws Exception {
    for (int i = 0; i < 100 && !(op.has("done") && op.get("done").getAsBoolean()); i++) {
      Thread.sleep(50);
      op = on.get("/v2/" + op.get("name").getAsString());
    }
    assertTrue(op.has("done") && op.get("done").getAsBoolean(), op.toString());
  }

  /**
   * What the samples use without owning: the legacy bucket of thumbnails (someone else's) and the
   * signing key secret of webhook-queue, made here as their owners would have.
   */
  static void whatTheSamplesExpectToExist() throws Exception {
    on.send(
        "POST",
        "/storage/v1/b?project=" + GcpSpecs.PROJECT,
        "{\"name\":\"acme-legacy-uploads\",\"location\":\"EU\"}");
    on.send(
        "POST",
        "/v1/projects/" + GcpSpecs.PROJECT + "/secrets?secretId=webhook-signing-key",
        "{\"replication\":{\"automatic\":{}}}");
  }

  /** Keeps only the memory line inserted first in function {@code fn}'s block. */
  static String dedupeMemory(String yaml, String fn) {
    String[] lines = yaml.split("\n", -1);
    StringBuilder out = new StringBuilder();
    boolean in = false;
    boolean seen = false;
    for (String line : lines) {
      if (line.equals("  " + fn + ":")) {
        in = true;
        seen = false;
      } else if (in && line.matches("  [a-z].*")) in = false;
      if (in && line.matches("    memory: .*")) {
        if (seen) continue;
        seen = true;
      }
      out.append(line).append('\n');
    }
    return out.substring(0, out.length() - 1);
  }
}
