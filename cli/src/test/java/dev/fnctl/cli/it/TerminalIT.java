package dev.fnctl.cli.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a real terminal (a pseudo-terminal made by util-linux {@code script}) apply asks, and only
 * {@code yes} goes ahead. The answer is typed ahead, as a fast user would.
 */
class TerminalIT {
  @TempDir Path dir;

  @BeforeEach
  void needsScript() {
    Assumptions.assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/script"))
            || Files.isExecutable(Path.of("/bin/script")),
        "util-linux script is not installed: no pseudo-terminal to test with");
  }

  private Launcher.Result onTerminal(String answer, String args) {
    return Launcher.exec(
        dir,
        Map.of("NO_COLOR", "1"),
        answer + "\n",
        List.of("script", "-qec", Launcher.SCRIPT + " " + args, "/dev/null"));
  }

  @Test
  void yesApplies() {
    Project.create(dir, 256);
    Launcher.Result r = onTerminal("yes", "apply").expect(0).noStackTrace();
    assertTrue(r.out().contains("Only 'yes' will be accepted."), r.out());
    assertTrue(r.out().contains("Apply complete!"), r.out());
    Launcher.run(dir, "plan", "--detailed-exitcode").expect(0);
  }

  @Test
  void anythingElseCancels() {
    Project.create(dir, 256);
    Launcher.Result r = onTerminal("y", "apply").expect(1).noStackTrace();
    assertTrue(r.out().contains("apply cancelled; nothing was changed"), r.out());
    assertFalse(r.out().contains("Apply complete!"), r.out());
    Launcher.run(dir, "plan", "--detailed-exitcode").expect(2);
  }

  @Test
  void colourOnATerminalUnlessNoColor() {
    Project.create(dir, 256);
    List<String> plan = List.of("script", "-qec", Launcher.SCRIPT + " plan", "/dev/null");
    Launcher.Result coloured =
        Launcher.exec(dir, Map.of("NO_COLOR", "", "TERM", "xterm"), null, plan).expect(0);
    assertTrue(coloured.out().contains("\u001b[32m"), "a terminal gets colour:\n" + coloured.out());
    Launcher.Result plain =
        Launcher.exec(dir, Map.of("NO_COLOR", "1", "TERM", "xterm"), null, plan).expect(0);
    assertFalse(plain.out().contains("\u001b["), "NO_COLOR wins:\n" + plain.out());
  }

  @Test
  void destroyAsksToo() {
    Project.create(dir, 256);
    Launcher.run(dir, "apply", "--auto-approve").expect(0);
    Launcher.Result r = onTerminal("yes", "destroy").expect(0).noStackTrace();
    assertTrue(r.out().contains("Destroy everything stack itest owns on target dev?"), r.out());
    assertTrue(r.out().contains("Destroy complete!"), r.out());
  }
}
