package dev.fnctl.local;

import dev.fnctl.testkit.ExpansionGolden;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the local target expands each sample into, compared with {@code
 * src/test/resources/expansion/SAMPLE.txt} ({@code -Dfnctl.golden.update=true} rewrites them).
 */
class LocalExpansionTest {
  @TempDir Path tmp;

  static List<String> samples() throws Exception {
    return ExpansionGolden.sampleNames();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void expandsAsItsGoldenFileSays(String sample) throws Exception {
    Path spec = ExpansionGolden.copySample(sample, tmp);
    ExpansionGolden.assertMatches(
        Path.of("src/test/resources/expansion", sample + ".txt"),
        ExpansionGolden.expand(new LocalProvider(), spec, "local", Map.of("HOME", tmp.toString())));
  }
}
