package dev.fnctl.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lock left by another run (here: a killed one, written the way the local target keeps it) stops
 * apply with exit 1 and says who holds it; --lock-timeout waits first; unlock removes it.
 */
class LockIT {
  @TempDir Path dir;

  @Test
  void heldLockStopsApplyUntilUnlocked() throws IOException {
    Project.create(dir, 256);
    Launcher.run(dir, "apply", "--auto-approve").expect(0);
    Path stackDir = dir.resolve(".fnctl/local/itest/dev");
    assertTrue(Files.isDirectory(stackDir), "the local target's layout changed: no " + stackDir);
    Files.writeString(
        stackDir.resolve("lock.json"),
        "{\"id\": \"it-lock\", \"who\": \"ci@runner-7\", \"operation\": \"apply\", \"since\": \"2026-11-25T06:40:00Z\"}");
    Project.spec(dir, 512);

    Launcher.Result held = Launcher.run(dir, "apply", "--auto-approve").expect(1).noStackTrace();
    assertTrue(
        held.err()
            .startsWith(
                "Error: the stack is locked by ci@runner-7 (apply since 2026-11-25T06:40:00Z"),
        held.err());
    assertTrue(held.err().contains("fnctl unlock"), held.err());

    long start = System.nanoTime();
    Launcher.run(dir, "apply", "--auto-approve", "--lock-timeout", "2s").expect(1);
    assertTrue(
        System.nanoTime() - start >= 2_000_000_000L, "--lock-timeout 2s must wait before failing");

    Launcher.Result unlock = Launcher.run(dir, "unlock").expect(0);
    assertEquals(
        "Removed the lock held by ci@runner-7 (apply since 2026-11-25T06:40:00Z, lock id it-lock).\n",
        unlock.out());
    Launcher.run(dir, "unlock").expect(0);

    Launcher.Result apply = Launcher.run(dir, "apply", "--auto-approve").expect(0);
    assertTrue(
        apply.out().contains("Apply complete! Resources: 0 added, 1 changed, 0 destroyed."),
        apply.out());
  }
}
