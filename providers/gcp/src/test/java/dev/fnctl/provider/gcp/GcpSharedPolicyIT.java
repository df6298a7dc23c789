package dev.fnctl.provider.gcp;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.fnctl.engine.Engine;
import dev.fnctl.fake.gcp.FakeGcp;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An IAM policy is a shared document: a binding another tool adds between fnctl's read of the
 * policy and its write survives (fnctl's write carries the stale etag, is refused, and is redone on
 * the policy as it is then), and fnctl's own removal leaves the other binding in place.
 */
class GcpSharedPolicyIT {
  static FakeGcp fake;
  static EngineOnFake on;
  @TempDir Path dir;

  static final String OTHER = "user:someone-else@example.com";

  @BeforeAll
  static void start() {
    fake = FakeGcp.start();
    on = new EngineOnFake(fake.endpoint());
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  private Path spec(String endpoint, boolean permission) throws Exception {
    return GcpSpecs.write(
        dir,
        """
        apiVersion: fnctl.dev/v1
        stack: shared
        targets:
          gcp: %s
        defaults: { runtime: python3.12, timeout: 30s }
        functions:
          hello:
            code: ./functions/hello
            handler: main.handle
        %s
        buckets:
          files: {}
        """
            .formatted(
                GcpSpecs.target(endpoint),
                permission ? "    permissions:\n      - { bucket: files, access: read }" : ""));
  }

  private JsonObject policy() throws Exception {
    return on.get("/storage/v1/b/shared-gcp-files/iam");
  }

  static List<String> members(JsonObject policy, String role) {
    List<String> out = new ArrayList<>();
    if (policy.has("bindings"))
      for (JsonElement e : policy.getAsJsonArray("bindings")) {
        JsonObject b = e.getAsJsonObject();
        if (b.get("role").getAsString().equals(role))
          for (JsonElement m : b.getAsJsonArray("members")) out.add(m.getAsString());
      }
    return out;
  }

  @Test
  void aBindingAddedBetweenReadAndWriteSurvives() throws Exception {
    try (PolicyRacer racer =
        new PolicyRacer(
            fake.endpoint(),
            path -> {
              // another tool's own read-modify-write of the same policy, straight to the fake
              JsonObject p = policy();
              JsonArray bindings =
                  p.has("bindings") ? p.getAsJsonArray("bindings") : new JsonArray();
              JsonObject b = new JsonObject();
              b.addProperty("role", "roles/storage.legacyBucketReader");
              b.add("members", EngineOnFake.array(OTHER));
              bindings.add(b);
              p.add("bindings", bindings);
              on.send("PUT", "/storage/v1/b/shared-gcp-files/iam", p.toString());
            })) {
      Path spec = spec(racer.endpoint(), true);
      on.applyOk(spec, "gcp", Engine.PlanMode.NORMAL);
      assertEquals(1, racer.raced.get(), "the race ran before fnctl's first policy write");
      assertTrue(racer.policyWrites.get() >= 2, "fnctl's stale write was refused and redone");

      JsonObject p = policy();
      String me =
          "serviceAccount:shared-gcp-hello@" + GcpSpecs.PROJECT + ".iam.gserviceaccount.com";
      assertEquals(List.of(OTHER), members(p, "roles/storage.legacyBucketReader"));
      assertTrue(members(p, "roles/storage.objectViewer").contains(me), p.toString());
      assertEquals(List.of(), EngineOnFake.shape(on.plan(spec, "gcp", Engine.PlanMode.NORMAL)));

      // fnctl's binding leaves with the permission; the other one stays
      spec = spec(racer.endpoint(), false);
      on.applyOk(spec, "gcp", Engine.PlanMode.NORMAL);
      p = policy();
      assertFalse(members(p, "roles/storage.objectViewer").contains(me), p.toString());
      assertEquals(List.of(OTHER), members(p, "roles/storage.legacyBucketReader"));
      on.applyOk(spec, "gcp", Engine.PlanMode.DESTROY);
    }
  }
}
