package dev.fnctl.cli.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a terminal, apply and destroy refuse to run unless --auto-approve says so. */
class ConfirmationIT {
  @TempDir Path dir;

  @Test
  void applyWithoutTerminalIsRefusedAndChangesNothing() {
    Project.create(dir, 256);
    Launcher.Result r = Launcher.run(dir, "apply").expect(1).noStackTrace();
    assertTrue(
        r.err().startsWith("Error: apply needs confirmation, but there is no terminal"), r.err());
    assertTrue(r.err().contains("--auto-approve"), r.err());
    assertFalse(r.out().contains("Apply complete"), r.out());
    Launcher.run(dir, "plan", "--detailed-exitcode").expect(2);
  }

  @Test
  void destroyWithoutTerminalIsRefusedAndDestroysNothing() {
    Project.create(dir, 256);
    Launcher.run(dir, "apply", "--auto-approve").expect(0);
    Launcher.Result r = Launcher.run(dir, "destroy").expect(1).noStackTrace();
    assertTrue(r.err().contains("destroy needs confirmation"), r.err());
    Launcher.run(dir, "plan", "--detailed-exitcode").expect(0);
    assertTrue(Files.isDirectory(dir.resolve(".fnctl")));
  }
}
