package dev.fnctl.provider.aws;

import dev.fnctl.provider.CodePackage;
import dev.fnctl.provider.ProviderException;

/**
 * The stack's bucket for code packages too large to upload to Lambda directly. It is a planned
 * resource ({@link StackLayout} adds it when a package needs it); objects are keyed by content hash
 * so re-uploads are harmless.
 */
final class ArtifactBucket {
  private final AwsSession s;
  private final S3Buckets buckets;

  ArtifactBucket(AwsSession s, S3Buckets buckets) {
    this.s = s;
    this.buckets = buckets;
  }

  String upload(String function, CodePackage code) throws ProviderException {
    String key = function + "/" + code.sha256Hex() + ".zip";
    buckets.upload(s.names.artifactBucket(), key, code.zip());
    return key;
  }
}
