package dev.fnctl.provider.aws;

import dev.fnctl.testkit.ExpansionGolden;
import dev.fnctl.testkit.aws.MotoServer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the AWS provider expands each sample's {@code aws} target into (moto answers the account
 * look-up), compared with {@code src/test/resources/expansion/SAMPLE.txt} ({@code
 * -Dfnctl.golden.update=true} rewrites them).
 */
class AwsExpansionIT {
  @RegisterExtension static MotoServer moto = new MotoServer();
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
        ExpansionGolden.expand(new AwsProvider(), spec, "aws", moto.env()));
  }
}
