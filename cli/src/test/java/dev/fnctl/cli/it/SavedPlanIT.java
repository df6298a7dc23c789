package dev.fnctl.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** plan --out then apply PLAN: the reviewed plan is applied as is, and a stale one is refused. */
class SavedPlanIT {
  @TempDir Path dir;

  @Test
  void savedPlanIsApplied() throws IOException {
    Project.create(dir, 256);
    Launcher.Result plan = Launcher.run(dir, "plan", "--out", "reviewed.plan").expect(0);
    assertTrue(plan.out().contains("Saved the plan to reviewed.plan"), plan.out());
    Map<String, Object> saved = Json.parseObject(Files.readString(dir.resolve("reviewed.plan")));
    assertTrue(saved.containsKey("liveDigest") && saved.containsKey("changes"), saved.toString());

    // Like any apply without a terminal, a saved plan needs --auto-approve.
    Launcher.Result refused = Launcher.run(dir, "apply", "reviewed.plan").expect(1).noStackTrace();
    assertTrue(refused.err().contains("--auto-approve"), refused.err());
    Launcher.Result apply =
        Launcher.run(dir, "apply", "--auto-approve", "reviewed.plan").expect(0).noStackTrace();
    assertTrue(apply.out().contains("Apply complete!"), apply.out());
    Launcher.run(dir, "plan", "--detailed-exitcode").expect(0);
  }

  @Test
  void planMadeBeforeTheLiveStateChangedIsRefused() {
    Project.create(dir, 256);
    Launcher.run(dir, "apply", "--auto-approve").expect(0);
    Project.spec(dir, 512);
    Launcher.run(dir, "plan", "--out", "memory.plan").expect(0);
    // Someone else applies in between: the live state is no longer what the plan was made against.
    Project.spec(dir, 1024);
    Launcher.run(dir, "apply", "--auto-approve").expect(0);
    Project.spec(dir, 512);

    Launcher.Result stale =
        Launcher.run(dir, "apply", "--auto-approve", "memory.plan").expect(1).noStackTrace();
    assertTrue(stale.err().startsWith("Error: the saved plan is stale"), stale.err());
    assertFalse(stale.out().contains("Apply complete"), stale.out());
    Launcher.Result plan = Launcher.run(dir, "plan").expect(0);
    assertTrue(
        plan.out().contains("1024 -> 512"),
        "the refused plan must not have been applied:\n" + plan.out());
  }

  @Test
  void aPlanIsAppliedOnlyWithTheValuesAndCodeItWasMadeWith() throws IOException {
    Project.create(dir, 256);
    Path spec = dir.resolve("fnctl.yaml");
    Files.writeString(
        spec,
        Files.readString(spec).replace("    memory: 256\n", "    memory: \"${env:MEM:-256}\"\n"));
    Launcher.run(dir, "apply", "--auto-approve").expect(0);
    Launcher.Result plan =
        Launcher.run(dir, Map.of("MEM", "512"), "plan", "--out", "memory.plan").expect(0);
    assertTrue(plan.out().contains("memory: 256 -> 512"), plan.out());

    // Same spec file, same cloud, another value: not what was reviewed.
    Launcher.Result stale =
        Launcher.run(dir, Map.of("MEM", "4096"), "apply", "--auto-approve", "memory.plan")
            .expect(1)
            .noStackTrace();
    assertTrue(stale.err().startsWith("Error: the saved plan is stale: "), stale.err());
    assertTrue(
        stale.err().contains("local:function/hello memory: the plan has 512, now 4096"),
        stale.err());
    assertEquals(1, stale.err().lines().count(), stale.err());
    Launcher.run(dir, "plan", "--detailed-exitcode").expect(0);

    // The function's code edited after the review: its package is not the one in the plan.
    Files.writeString(
        dir.resolve("functions/hello/main.py"),
        "def handle(event, context):\n    return 'changed'\n");
    Launcher.Result code =
        Launcher.run(dir, Map.of("MEM", "512"), "apply", "--auto-approve", "memory.plan")
            .expect(1)
            .noStackTrace();
    assertTrue(code.err().contains("local:function/hello codeSha256: the plan has \""), code.err());
    assertFalse(code.err().contains("another fnctl version"), code.err());
    Launcher.Result notApplied = Launcher.run(dir, "plan").expect(0);
    assertTrue(
        notApplied.out().contains("codeSha256"),
        "the refused plan must not have been applied:\n" + notApplied.out());

    Files.writeString(
        dir.resolve("functions/hello/main.py"),
        "def handle(event, context):\n    return 'hello'\n");
    Launcher.run(dir, Map.of("MEM", "512"), "apply", "--auto-approve", "memory.plan").expect(0);
    Launcher.Result after =
        Launcher.run(dir, Map.of("MEM", "512"), "plan", "--detailed-exitcode").expect(0);
    assertTrue(after.out().contains("No changes."), after.out());
  }

  @Test
  void aSavedPlanFindsItsSpecFromAnyDirectory() throws IOException {
    Path project = Project.create(dir.resolve("repo/app"), 256);
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    Launcher.run(
            dir.resolve("repo"),
            "plan",
            "-f",
            "app/fnctl.yaml",
            "--out",
            dir.resolve("p.plan").toString())
        .expect(0);
    // An unrelated spec at the same relative path is passed over for the one the plan was made
    // from.
    Project.create(elsewhere.resolve("app"), 1024);

    Launcher.Result apply =
        Launcher.run(elsewhere, "apply", "--auto-approve", dir.resolve("p.plan").toString())
            .expect(0)
            .noStackTrace();
    assertTrue(apply.out().contains("Apply complete!"), apply.out());
    Launcher.run(project, "plan", "--detailed-exitcode").expect(0);
    assertFalse(
        Files.exists(elsewhere.resolve("app/.fnctl")), "the decoy's target was not touched");

    Launcher.run(
            dir.resolve("repo"),
            "plan",
            "-f",
            "app/fnctl.yaml",
            "--out",
            dir.resolve("gone.plan").toString())
        .expect(0);
    Files.move(project.resolve("fnctl.yaml"), project.resolve("moved.yaml"));
    Launcher.Result gone =
        Launcher.run(dir, "apply", "--auto-approve", "gone.plan").expect(3).noStackTrace();
    assertTrue(
        gone.err()
            .startsWith(
                "app/fnctl.yaml: the spec this plan was made from is not there (nor at "
                    + project.resolve("fnctl.yaml")),
        gone.err());
    assertFalse(gone.err().contains("-f FILE"), "-f is refused with a saved plan: " + gone.err());
  }

  @Test
  void planOfASpecEditedSinceIsRefused() {
    Project.create(dir, 256);
    Launcher.run(dir, "plan", "--out", "first.plan").expect(0);
    Project.spec(dir, 2048);
    Launcher.Result stale =
        Launcher.run(dir, "apply", "--auto-approve", "first.plan").expect(1).noStackTrace();
    assertTrue(stale.err().startsWith("Error: the saved plan is stale"), stale.err());
    Launcher.run(dir, "plan", "--detailed-exitcode").expect(2);
  }
}
