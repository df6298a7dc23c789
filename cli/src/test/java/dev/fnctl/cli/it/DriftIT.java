package dev.fnctl.cli.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local target's cloud is the files under .fnctl/: a hand edit there is drift, and plan must
 * show it as a change (exit 2 with --detailed-exitcode), then apply must repair it.
 */
class DriftIT {
  private static final Pattern MEMORY = Pattern.compile("(\"memory\"\\s*:\\s*)256\\b");

  @TempDir Path dir;

  @Test
  void editedLiveStateShowsInPlanAndApplyRepairsIt() throws IOException {
    Project.create(dir, 256);
    Launcher.run(dir, "apply", "--auto-approve").expect(0);
    Launcher.run(dir, "plan", "--detailed-exitcode").expect(0);

    Path edited = editMemory(dir.resolve(".fnctl"));

    Launcher.Result drift =
        Launcher.run(dir, "plan", "--detailed-exitcode").expect(2).noStackTrace();
    assertTrue(drift.out().contains("memory"), drift.out());
    assertTrue(
        drift.out().contains("4096 -> 256"),
        "the drifted value must show (" + edited + "):\n" + drift.out());
    assertTrue(drift.out().contains("Plan: 0 to add, 1 to change, 0 to destroy."), drift.out());

    Launcher.run(dir, "apply", "--auto-approve").expect(0);
    Launcher.run(dir, "plan", "--detailed-exitcode").expect(0);
  }

  /** Sets the deployed function's memory to 4096 behind fnctl's back, as a console user might. */
  private static Path editMemory(Path state) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.walk(state)) {
      files = s.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path f : files) {
      String text;
      try {
        text = Files.readString(f, StandardCharsets.UTF_8);
      } catch (java.nio.charset.MalformedInputException binary) {
        continue;
      }
      Matcher m = MEMORY.matcher(text);
      if (m.find()) {
        Files.writeString(f, m.replaceFirst("$14096"), StandardCharsets.UTF_8);
        return f;
      }
    }
    throw new AssertionError(
        "no deployed function with \"memory\": 256 under " + state + ": " + files);
  }
}
