package dev.fnctl.cli.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The functions that samples and templates ship are code users copy: their own unit tests ({@code
 * samples/test-functions.sh}: Python with unittest, Node.js with node --test, the Java template
 * with Maven on a JDK 21+) pass, so that a template's handler is known to work.
 */
class FunctionTestsIT {

  @Test
  void everySampleAndTemplateFunctionPassesItsOwnTests() {
    for (String tool : List.of("python3", "node")) {
      assertTrue(
          onPath(tool),
          tool + " is not on PATH: the samples' and templates' function tests need it");
    }
    Launcher.Result r =
        Launcher.exec(
            Launcher.ROOT,
            Map.of(),
            null,
            List.of("sh", Launcher.ROOT.resolve("samples/test-functions.sh").toString()));
    String out = r.out();
    Matcher m = Pattern.compile("(?m)^(\\d+) passed, (\\d+) failed$").matcher(out);
    assertTrue(m.find(), out);
    assertTrue(m.group(2).equals("0"), out);
    // Python and Node.js functions in samples/ and templates/: all of them ran.
    assertTrue(
        Integer.parseInt(m.group(1)) >= 8,
        "expected the tests of at least 8 functions to run:\n" + out);
    r.expect(0);
  }

  private static boolean onPath(String tool) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) return true;
    }
    return false;
  }
}
