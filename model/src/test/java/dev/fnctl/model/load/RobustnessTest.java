package dev.fnctl.model.load;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import dev.fnctl.model.diag.SpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever the user writes, loading ends in a Spec or a SpecException with diagnostics: never
 * another exception (which the CLI would show as a crash). Every line of every test spec is dropped
 * in turn, and every value is replaced by values of the wrong kind.
 */
class RobustnessTest {
  private static final List<String> JUNK =
      List.of(
          "",
          "~",
          "[]",
          "{}",
          "[a, {b: c}]",
          "-1",
          "99999999999999999999",
          "\"\"",
          "${env:NOPE}",
          "*/",
          "{ x: }");

  @TempDir Path tmp;

  @Test
  void everyMutationEndsInASpecOrDiagnostics() throws IOException {
    List<Path> sources = new ArrayList<>();
    for (Path dir : List.of(SpecLoaderTest.VALID, InvalidSpecsTest.DIR)) {
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(sources::add);
      }
    }
    SpecLoader loader = new SpecLoader(Map.of());
    Path scratch = tmp.resolve("fnctl.yaml");
    int loads = 0;
    for (Path source : sources) {
      List<String> lines = Files.readAllLines(source);
      for (int i = 0; i < lines.size(); i++) {
        List<String> variants = new ArrayList<>();
        List<String> dropped = new ArrayList<>(lines);
        dropped.remove(i);
        variants.add(String.join("\n", dropped));
        int colon = lines.get(i).indexOf(": ");
        if (colon > 0) {
          for (String junk : JUNK) {
            List<String> changed = new ArrayList<>(lines);
            changed.set(i, lines.get(i).substring(0, colon + 2) + junk);
            variants.add(String.join("\n", changed));
          }
        }
        for (String text : variants) {
          Files.writeString(scratch, text);
          loads++;
          try {
            loader.load(scratch, null);
          } catch (SpecException e) {
            assertFalse(e.diagnostics().isEmpty());
          } catch (RuntimeException e) {
            fail(source + " line " + (i + 1) + " changed to:\n" + text, e);
          }
        }
      }
    }
    assertFalse(loads < 1000, "only " + loads + " variants");
  }
}
