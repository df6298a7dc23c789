package dev.fnctl.provider.gcp;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fnctl.engine.Engine;
import dev.fnctl.fake.gcp.FakeGcp;
import dev.fnctl.model.plan.Plan;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A budget filters on one label only; each target's resources carry {@code
 * fnctl-deployment=<stack>_<target>} and its budgets filter on that, so two targets of one stack in
 * one project count their own spend, not each other's.
 */
class GcpBudgetPerTargetIT {
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

  private static JsonObject budgetOf(String target) throws Exception {
    List<JsonObject> budgets =
        EngineOnFake.items(
                on.get("/v1/billingAccounts/" + GcpSpecs.BILLING_ACCOUNT + "/budgets"), "budgets")
            .stream()
            .filter(
                b ->
                    b.get("displayName").getAsString().equals("fnctl/split/" + target + "/monthly"))
            .toList();
    assertEquals(1, budgets.size(), budgets.toString());
    return budgets.get(0);
  }

  private static JsonObject functionLabels(String id) {
    String fn =
        fake.json(
            "projects/" + GcpSpecs.PROJECT + "/locations/" + GcpSpecs.REGION + "/functions/" + id);
    assertNotNull(fn, id);
    return JsonParser.parseString(fn).getAsJsonObject().getAsJsonObject("labels");
  }

  @Test
  void twoTargetsInOneProjectEachCountTheirOwnSpend() throws Exception {
    String target = GcpSpecs.target(fake.endpoint());
    Path spec =
        GcpSpecs.write(
            dir,
            """
            apiVersion: fnctl.dev/v1
            stack: split
            targets:
              eu: %s
              canary: %s
            defaults: { runtime: python3.12, timeout: 30s }
            functions:
              hello:
                code: ./functions/hello
                handler: main.handle
            budgets:
              monthly:
                amount: 20
                currency: USD
                period: monthly
                alerts:
                  - { at: 90%%, notify: [ops@example.com] }
            """
                .formatted(target, target));
    for (String t : List.of("eu", "canary")) on.applyOk(spec, t, Engine.PlanMode.NORMAL);

    for (String t : List.of("eu", "canary")) {
      JsonObject filter = budgetOf(t).getAsJsonObject("budgetFilter").getAsJsonObject("labels");
      assertEquals(1, filter.size(), filter.toString());
      assertEquals("[\"split_" + t + "\"]", filter.get("fnctl-deployment").toString());
      // the filter picks this target's function and not the other's
      assertEquals(
          "split_" + t,
          functionLabels("split-" + t + "-hello").get("fnctl-deployment").getAsString());
    }
    assertNotEquals(
        functionLabels("split-eu-hello").get("fnctl-deployment"),
        functionLabels("split-canary-hello").get("fnctl-deployment"));
    for (String t : List.of("eu", "canary"))
      assertEquals(List.of(), EngineOnFake.shape(on.plan(spec, t, Engine.PlanMode.NORMAL)));

    // a budget filtered on the stack's label (as fnctl made them before) shows as that change
    JsonObject eu = budgetOf("eu");
    JsonObject stackWide = eu.deepCopy();
    stackWide
        .getAsJsonObject("budgetFilter")
        .add("labels", JsonParser.parseString("{\"fnctl-stack\":[\"split\"]}"));
    stackWide.remove("etag");
    on.send(
        "PATCH",
        "/v1/" + eu.get("name").getAsString() + "?updateMask=budgetFilter",
        "{\"budgetFilter\":" + stackWide.get("budgetFilter") + "}");
    Plan drift = on.plan(spec, "eu", Engine.PlanMode.NORMAL);
    assertEquals(1, EngineOnFake.changes(drift).size(), EngineOnFake.shape(drift).toString());
    assertEquals(
        List.of(BudgetType.SPEND_LABEL), EngineOnFake.changes(drift).get(0).changedProperties());
    on.applyOk(spec, "eu", Engine.PlanMode.NORMAL);
    assertEquals(
        "[\"split_eu\"]",
        budgetOf("eu")
            .getAsJsonObject("budgetFilter")
            .getAsJsonObject("labels")
            .get("fnctl-deployment")
            .toString());

    for (String t : List.of("eu", "canary")) on.applyOk(spec, t, Engine.PlanMode.DESTROY);
    assertEquals(List.of(), on.labelledWith("split"));
  }
}
