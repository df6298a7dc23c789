package dev.fnctl.cli.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/** Every command the top-level help lists answers --help with exit 0 and its own usage. */
class HelpIT {
  @TempDir Path dir;

  static List<String> commands(String help) {
    List<String> names = new ArrayList<>();
    boolean in = false;
    for (String line : help.lines().toList()) {
      if (line.startsWith("Commands:")) {
        in = true;
        continue;
      }
      if (in && line.isBlank()) break;
      if (in && line.startsWith("  ") && !line.startsWith("   "))
        names.add(line.strip().split("\\s+")[0]);
    }
    return names;
  }

  @TestFactory
  Stream<DynamicTest> everyCommandHasHelp() {
    Launcher.Result top = Launcher.run(dir, "--help").expect(0);
    List<String> commands = commands(top.out());
    assertTrue(
        commands.containsAll(
            List.of(
                "validate",
                "plan",
                "apply",
                "destroy",
                "show",
                "output",
                "init",
                "schema",
                "unlock",
                "completion",
                "help")),
        "commands listed: " + commands);
    return commands.stream()
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c + " --help",
                    () -> {
                      Launcher.Result r = Launcher.run(dir, c, "--help").expect(0);
                      assertTrue(r.out().startsWith("Usage: fnctl " + c), r.out());
                      assertTrue(r.err().isEmpty(), r.err());
                    }));
  }

  @Test
  void version() {
    Launcher.Result r = Launcher.run(dir, "--version").expect(0);
    assertTrue(r.out().matches("(?s)fnctl \\d+\\.\\d+\\.\\d+.*"), r.out());
  }

  @Test
  void usageErrorExitsThreeWithoutStackTrace() {
    Launcher.Result r = Launcher.run(dir, "plan", "--no-such-option").expect(3).noStackTrace();
    assertTrue(r.err().contains("Unknown option: '--no-such-option'"), r.err());
  }
}
