package dev.fnctl.provider.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.spec.Deployment;
import dev.fnctl.provider.Problem;
import dev.fnctl.testkit.ExpansionGolden;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What each deployable sample expands to on Azure, packages included (the expansion needs no
 * network), compared with {@code src/test/resources/expansion/SAMPLE.txt}.
 */
class AzureExpansionTest {
  @TempDir Path dir;

  static List<String> samples() {
    return AzureSamples.DEPLOYABLE;
  }

  /**
   * The samples Azure cannot take as written are refused at validate, each problem naming the
   * target: nightly-report's Berlin time zone, thumbnails' existing bucket by its bare name (the
   * default of LEGACY_BUCKET), which must be the container's ARM resource id on Azure.
   */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource({
    "nightly-report, functions.report.triggers[0].schedule.timezone",
    "thumbnails, buckets.legacy.existing"
  })
  void theOtherSamplesAreRefusedSayingWhy(String sample, String path) throws Exception {
    Deployment d = AzureSamples.load(AzureSamples.copy(sample, dir, ""), Map.of());
    List<Problem> errors =
        new AzureProvider()
            .validate(d).stream()
                .filter(p -> p.severity() == dev.fnctl.model.diag.Severity.ERROR)
                .toList();
    assertTrue(errors.stream().anyMatch(p -> p.path().equals(path)), errors.toString());
    for (Problem p : errors) assertTrue(p.message().contains("target azure"), p.message());
    if (sample.equals("thumbnails"))
      assertTrue(
          errors.stream()
              .anyMatch(
                  p ->
                      p.message().contains("'acme-legacy-uploads' is not the ARM resource id")
                          && p.message()
                              .contains(
                                  "/storageAccounts/<account>/blobServices/default/containers/<container>")),
          "the error says the form to write: " + errors);
  }

  @ParameterizedTest
  @MethodSource("samples")
  void expansionMatchesItsGolden(String sample) throws Exception {
    Path spec = AzureSamples.copy(sample, dir, "");
    Deployment d = AzureSamples.load(spec, AzureSamples.env(sample));
    List<Problem> problems = new AzureProvider().validate(d);
    assertEquals(
        List.of(),
        problems.stream()
            .filter(p -> p.severity() == dev.fnctl.model.diag.Severity.ERROR)
            .toList());
    AzureNames names =
        new AzureNames(AzureSamples.SUBSCRIPTION, AzureSamples.GROUP, d.stack(), "azure");
    var resources =
        new StackLayout(names, "westeurope", "fnctlvault", dir, false, "core.windows.net")
            .expand(d);
    ExpansionGolden.assertMatches(
        Path.of("src/test/resources/expansion/" + sample + ".txt"), resources);
  }
}
