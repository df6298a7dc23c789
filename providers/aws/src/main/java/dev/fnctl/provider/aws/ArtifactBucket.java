package dev.fnctl.provider.aws;

import dev.fnctl.provider.ProviderException;
import java.nio.file.Path;

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

  /** Uploads {@code zip}, the file {@code code} was written to; returns the object's key. */
  String upload(String function, LambdaZip code, Path zip) throws ProviderException {
    String key = function + "/" + code.sha256Hex() + ".zip";
    buckets.upload(s.names.artifactBucket(), key, zip);
    return key;
  }
}
