package dev.fnctl.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's promises: a two-command quick start that works, and .ci/run running its test
 * command.
 */
class ReadmeIT {
  @TempDir Path scratch;

  static List<String> codeBlock(String readme, String heading, int index) {
    String section = readme.substring(readme.indexOf(heading));
    String[] blocks = section.split("```sh\n");
    return blocks[index + 1].substring(0, blocks[index + 1].indexOf("```")).lines().toList();
  }

  @Test
  void quickStartIsTwoCommandsAndCiRunRunsTheTestCommand() throws IOException {
    String readme = Files.readString(Launcher.ROOT.resolve("README.md"));
    List<String> quickStart = codeBlock(readme, "## Quick start", 0);
    assertEquals(2, quickStart.size(), "quick start: " + quickStart);
    assertEquals(".ci/run", quickStart.get(1));
    String testCommand = codeBlock(readme, "## Quick start", 1).get(0);

    List<String> ciRun = Files.readAllLines(Launcher.ROOT.resolve(".ci/run"));
    String last = ciRun.stream().filter(l -> !l.isBlank()).reduce((a, b) -> b).orElseThrow();
    assertEquals("exec " + testCommand, last);
    assertTrue(Files.isExecutable(Launcher.ROOT.resolve(".ci/run")));
  }

  @Test
  void quickStartDeploysTheSample() throws IOException {
    String readme = Files.readString(Launcher.ROOT.resolve("README.md"));
    String deploy = codeBlock(readme, "## Quick start", 0).get(0);
    assertTrue(deploy.startsWith("./fnctl apply "), deploy);
    List<String> args = Arrays.asList(deploy.substring("./fnctl ".length()).split(" "));
    String spec = args.get(args.indexOf("-f") + 1);
    Path sample = Launcher.ROOT.resolve(spec).getParent();
    assertTrue(Files.isRegularFile(Launcher.ROOT.resolve(spec)), spec + " does not exist");

    // The same command, from a copy of the checkout's layout, so no state lands in the checkout.
    Launcher.copy(sample, scratch.resolve(Launcher.ROOT.relativize(sample).toString()));
    Launcher.Result r = Launcher.run(scratch, args.toArray(String[]::new)).expect(0).noStackTrace();
    assertTrue(r.out().contains("Apply complete!"), r.out());
    Launcher.run(scratch, "plan", "-f", spec, "--detailed-exitcode").expect(0);
  }
}
