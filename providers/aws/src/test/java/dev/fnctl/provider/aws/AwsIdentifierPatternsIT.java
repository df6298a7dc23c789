package dev.fnctl.provider.aws;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.spec.Deployment;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Names fnctl derives fit their API's pattern and length (issue 11, item 2), shown through the
 * strict layer, which refuses what Lambda refuses.
 */
class AwsIdentifierPatternsIT extends MotoTestBase {

  @Test
  void aStorageTriggerOnAnExistingBucketWithDotsApplies() throws Exception {
    String legacy = "acme.legacy.uploads";
    try (S3Client s3 = client(S3Client.builder())) {
      s3.createBucket(
          b -> b.bucket(legacy).createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
    }
    Deployment d =
        TestSpecs.prod(TestSpecs.everything("dots", dir, legacy, Map.of("region", "eu-west-1")));
    try (AwsCloud cloud = connect(d)) {
      Applied applied = apply(cloud, plan(cloud, d, false).deployment(), false);
      assertTrue(applied.ok(), applied.toString());
    }
  }
}
