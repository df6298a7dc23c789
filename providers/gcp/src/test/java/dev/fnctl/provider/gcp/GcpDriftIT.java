package dev.fnctl.provider.gcp;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.fnctl.engine.Engine;
import dev.fnctl.fake.gcp.FakeGcp;
import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.ResourceChange;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changes made behind fnctl's back show in the next plan as updates of exactly what changed (a
 * schedule's time zone, a role added to fnctl's binding), and apply puts them back.
 */
class GcpDriftIT {
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

  @Test
  void outOfBandChangesShowAndApplyPutsThemBack() throws Exception {
    Path spec =
        GcpSpecs.write(
            dir,
            """
            apiVersion: fnctl.dev/v1
            stack: drift
            targets:
              gcp: %s
            defaults: { runtime: python3.12, timeout: 30s }
            functions:
              hello:
                code: ./functions/hello
                handler: main.handle
                triggers:
                  - schedule: { cron: "0 9 * * 1-5", timezone: Europe/Berlin }
                permissions:
                  - { bucket: files, access: read }
            buckets:
              files: {}
            """
                .formatted(GcpSpecs.target(fake.endpoint())));
    on.applyOk(spec, "gcp", Engine.PlanMode.NORMAL);

    String loc = "projects/" + GcpSpecs.PROJECT + "/locations/" + GcpSpecs.REGION;
    JsonObject jobs = on.get("/v1/" + loc + "/jobs");
    String job = EngineOnFake.items(jobs, "jobs").get(0).get("name").getAsString();
    on.send("PATCH", "/v1/" + job + "?updateMask=timeZone", "{\"timeZone\":\"America/New_York\"}");

    JsonObject policy = on.get("/storage/v1/b/drift-gcp-files/iam");
    String me = "serviceAccount:drift-gcp-hello@" + GcpSpecs.PROJECT + ".iam.gserviceaccount.com";
    JsonArray bindings = policy.getAsJsonArray("bindings");
    JsonObject extra = new JsonObject();
    extra.addProperty("role", "roles/storage.objectAdmin");
    extra.add("members", EngineOnFake.array(me));
    bindings.add(extra);
    on.send("PUT", "/storage/v1/b/drift-gcp-files/iam", policy.toString());

    Plan drift = on.plan(spec, "gcp", Engine.PlanMode.NORMAL);
    Map<String, List<String>> changed =
        EngineOnFake.changes(drift).stream()
            .collect(Collectors.toMap(ResourceChange::address, ResourceChange::changedProperties));
    assertEquals(
        Map.of(
            "gcp:scheduler:job/" + job.substring(job.lastIndexOf('/') + 1),
            List.of("timeZone"),
            "gcp:iam:member/bucket/drift-gcp-files/drift-gcp-hello",
            List.of("roles")),
        changed);
    assertTrue(EngineOnFake.changes(drift).stream().allMatch(c -> c.action() == Action.UPDATE));

    on.applyOk(spec, "gcp", Engine.PlanMode.NORMAL);
    assertEquals(List.of(), EngineOnFake.shape(on.plan(spec, "gcp", Engine.PlanMode.NORMAL)));
    JsonObject after = on.get("/storage/v1/b/drift-gcp-files/iam");
    for (JsonElement e : after.getAsJsonArray("bindings"))
      if (e.getAsJsonObject().get("role").getAsString().equals("roles/storage.objectAdmin"))
        assertFalse(e.getAsJsonObject().getAsJsonArray("members").toString().contains(me));
    on.applyOk(spec, "gcp", Engine.PlanMode.DESTROY);
  }
}
