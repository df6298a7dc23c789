package dev.fnctl.provider.gcp;

import dev.fnctl.model.load.SpecLoader;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.testkit.ExpansionGolden;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Specs for the GCP tests: written as YAML and loaded as users' specs are. */
final class GcpSpecs {
  private GcpSpecs() {}

  static final String PROJECT = "fnctl-test";
  static final String REGION = "europe-west1";
  static final String BILLING_ACCOUNT = "0A1B2C-3D4E5F-6A7B8C";

  /** A target entry for the gcp provider, pointing at {@code endpoint}. */
  static String target(String endpoint) {
    return "{ provider: gcp, project: "
        + PROJECT
        + ", region: "
        + REGION
        + ", billingAccount: "
        + BILLING_ACCOUNT
        + ", endpoint: \""
        + endpoint
        + "\" }";
  }

  /** Writes {@code yaml} as {@code dir/fnctl.yaml} with a small handler per function dir. */
  static Path write(Path dir, String yaml) throws Exception {
    Files.createDirectories(dir.resolve("functions/hello"));
    Files.writeString(dir.resolve("functions/hello/main.py"), "def handle(e, c):\n  return 1\n");
    Path spec = dir.resolve("fnctl.yaml");
    Files.writeString(spec, yaml);
    return spec;
  }

  static Deployment load(Path spec, String target) throws Exception {
    return new SpecLoader(Map.of()).load(spec, target).forTarget(target);
  }

  /**
   * A sample copied to {@code dir} with a {@code gcp} target added (the samples name local and AWS
   * targets only).
   */
  static Path sample(String name, Path dir, String endpoint) throws Exception {
    Path spec = ExpansionGolden.copySample(name, dir);
    String yaml = Files.readString(spec);
    yaml = yaml.replaceFirst("(?m)^targets:\\s*\\n", "targets:\n  gcp: " + target(endpoint) + "\n");
    Files.writeString(spec, yaml);
    return spec;
  }
}
