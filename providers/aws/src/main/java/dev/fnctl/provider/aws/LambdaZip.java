package dev.fnctl.provider.aws;

import dev.fnctl.archive.CodeArchive;
import dev.fnctl.archive.ReproducibleZip;
import dev.fnctl.provider.CodePackage;
import dev.fnctl.provider.ProviderException;
import java.nio.file.Path;

/**
 * A function's code as Lambda takes it: the reproducible zip of its package. Planning computes the
 * zip's SHA-256 by streaming it (Lambda reports base64 SHA-256 of the zip as CodeSha256, so an
 * unchanged function plans to no changes); apply writes it to a temporary file and uploads that.
 * The zip is never held in memory, except for a direct upload, which Lambda caps at 50 MB.
 */
final class LambdaZip {
  /**
   * Lambda's deployment package quota: 250 MB unzipped. fnctl's zip stores its entries, so the zip
   * is a little larger than what it unzips to; checking the zip keeps the check on one number.
   */
  static final long MAX_BYTES = 250L * 1024 * 1024;

  private final CodeArchive archive;
  private final CodeArchive.Digest digest;

  private LambdaZip(CodeArchive archive, CodeArchive.Digest digest) {
    this.archive = archive;
    this.digest = digest;
  }

  /** The zip of {@code function}'s {@code code}, digested now. */
  static LambdaZip of(String function, CodePackage code) throws ProviderException {
    return of(function, code, MAX_BYTES);
  }

  static LambdaZip of(String function, CodePackage code, long maxBytes) throws ProviderException {
    CodeArchive archive =
        new CodeArchive(
            function,
            code,
            new ReproducibleZip(),
            maxBytes,
            "AWS Lambda's deployment package limit of " + maxBytes / (1024 * 1024) + " MiB");
    return new LambdaZip(archive, archive.digest());
  }

  /** What Lambda reports as CodeSha256. */
  String sha256Base64() {
    return digest.sha256Base64();
  }

  String sha256Hex() {
    return digest.sha256Hex();
  }

  /** The zip's size in bytes. */
  long size() {
    return digest.size();
  }

  /** The zip in a temporary file (the caller deletes it), checked to be the one planned. */
  Path write() throws ProviderException {
    return archive.writePlanned(digest.sha256Hex());
  }
}
