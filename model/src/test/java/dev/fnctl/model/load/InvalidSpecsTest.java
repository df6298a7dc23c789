package dev.fnctl.model.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.diag.Diagnostic;
import dev.fnctl.model.diag.Position;
import dev.fnctl.model.diag.SpecException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus of invalid specs: each {@code invalid/<case>.yaml} must fail with exactly the lines of
 * {@code <case>.expected}. Run with {@code -Dfnctl.golden.update=true} to rewrite them after an
 * intended change of wording, then review the diff.
 */
class InvalidSpecsTest {
  static final Path DIR = Path.of("src/test/resources/invalid");
  static final Map<String, String> ENV = Map.of("FNCTL_SET", "yes");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".yaml"))
          .map(n -> n.substring(0, n.length() - ".yaml".length()))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsExactlyTheExpectedProblems(String name) throws IOException {
    Path spec = DIR.resolve(name + ".yaml");
    SpecException e = assertThrows(SpecException.class, () -> new SpecLoader(ENV).load(spec, null));
    String actual =
        e.diagnostics().stream()
            .map(d -> bare(d, spec))
            .collect(Collectors.joining("\n", "", "\n"));
    Path expectedFile = DIR.resolve(name + ".expected");
    if (Boolean.getBoolean("fnctl.golden.update")) {
      Files.writeString(expectedFile, actual, StandardCharsets.UTF_8);
    }
    assertTrue(
        Files.exists(expectedFile), "no " + expectedFile + "; run with -Dfnctl.golden.update=true");
    assertEquals(Files.readString(expectedFile, StandardCharsets.UTF_8), actual);
  }

  @Test
  void theCorpusIsLargeAndEveryCaseHasItsExpectation() throws IOException {
    List<String> all = cases().toList();
    assertTrue(all.size() >= 35, "corpus has " + all.size() + " cases");
    for (String c : all) {
      assertTrue(Files.exists(DIR.resolve(c + ".expected")), c);
      assertFalse(Files.readString(DIR.resolve(c + ".expected")).isBlank(), c);
    }
  }

  /** The diagnostic with the file shown by its bare name, as the .expected files are written. */
  static String bare(Diagnostic d, Path spec) {
    Position p = d.position();
    assertEquals(spec.toString(), p.file(), "every diagnostic names the file it was found in");
    return new Diagnostic(
            new Position(spec.getFileName().toString(), p.line(), p.column()),
            d.path(),
            d.message())
        .render();
  }
}
