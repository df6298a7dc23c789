package dev.fnctl.provider.azure;

import dev.fnctl.model.load.SpecLoader;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.testkit.ExpansionGolden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The samples with an {@code azure} target added (the samples themselves name only local and AWS
 * targets): Flex Consumption's memory in the target's defaults, the test subscription and group.
 */
final class AzureSamples {
  private AzureSamples() {}

  static final String SUBSCRIPTION = "11111111-2222-3333-4444-555555555555";
  static final String GROUP = "fnctl-rg";

  /**
   * The samples that deploy to Azure (nightly-report's Berlin time zone is what Azure refuses),
   * thumbnails with its legacy bucket named as Azure takes existing: ({@link #env}).
   */
  static final List<String> DEPLOYABLE = List.of("fanout", "thumbnails", "webhook-queue");

  /** The container thumbnails' {@code LEGACY_BUCKET} names on Azure: someone else's. */
  static final String LEGACY_CONTAINER =
      "/subscriptions/"
          + SUBSCRIPTION
          + "/resourceGroups/shared-rg/providers/Microsoft.Storage/storageAccounts/legacyst"
          + "/blobServices/default/containers/acme-legacy-uploads";

  /**
   * The environment a sample is loaded with on Azure: thumbnails' legacy bucket as its ARM resource
   * id (its default, a bare bucket name, is refused: see AzureExpansionTest).
   */
  static Map<String, String> env(String sample) {
    return sample.equals("thumbnails") ? Map.of("LEGACY_BUCKET", LEGACY_CONTAINER) : Map.of();
  }

  static String target(String extra) {
    return target(extra, true);
  }

  /**
   * The target entry; with {@code memoryDefault}, Flex's 2048 MB in its defaults (which override
   * what functions say, as every target's defaults do).
   */
  static String target(String extra, boolean memoryDefault) {
    return "{ provider: azure, subscription: \""
        + SUBSCRIPTION
        + "\", resourceGroup: "
        + GROUP
        + ", region: westeurope, keyVault: fnctlvault"
        + (memoryDefault ? ", defaults: { memory: 2048 }" : "")
        + (extra.isEmpty() ? "" : ", " + extra)
        + " }";
  }

  /** Copies {@code sample} to {@code dir} with an {@code azure} target; returns its spec file. */
  static Path copy(String sample, Path dir, String extraSettings) throws IOException {
    ExpansionGolden.copySample(sample, dir);
    Path spec = dir.resolve("fnctl.yaml");
    String text = Files.readString(spec);
    text =
        text.replaceFirst(
            "(?m)^targets:\\s*\\n", "targets:\n  azure: " + target(extraSettings) + "\n");
    Files.writeString(spec, text);
    return spec;
  }

  static Deployment load(Path spec, Map<String, String> env) throws Exception {
    return new SpecLoader(env).load(spec, "azure").forTarget("azure");
  }
}
