package dev.fnctl.provider.gcp;

import dev.fnctl.testkit.ExpansionGolden;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the GCP provider expands each sample into (with a {@code gcp} target added), compared with
 * {@code src/test/resources/expansion/SAMPLE.txt} ({@code -Dfnctl.golden.update=true} rewrites
 * them). Expanding makes no call, so this needs no server.
 */
class GcpExpansionTest {
  @TempDir Path tmp;

  static List<String> samples() throws Exception {
    return ExpansionGolden.sampleNames();
  }

  @ParameterizedTest
  @MethodSource("samples")
  void expandsAsItsGoldenFileSays(String sample) throws Exception {
    Path spec = GcpSpecs.sample(sample, tmp, "http://127.0.0.1:9");
    ExpansionGolden.assertMatches(
        Path.of("src/test/resources/expansion", sample + ".txt"),
        ExpansionGolden.expand(new GcpProvider(), spec, "gcp", Map.of()));
  }
}
