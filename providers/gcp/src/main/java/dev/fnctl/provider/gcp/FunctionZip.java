package dev.fnctl.provider.gcp;

import dev.fnctl.archive.CodeArchive;
import dev.fnctl.archive.ReproducibleZip;
import dev.fnctl.provider.CodePackage;
import dev.fnctl.provider.ProviderException;
import java.nio.file.Path;

/**
 * A function's source as Cloud Functions builds it: the reproducible zip of its package, uploaded
 * through {@code generateUploadUrl}. Planning streams the zip into its SHA-256, kept as the
 * function's {@code fnctl-code} label (Google reports no hash of the source it built), so unchanged
 * code plans to no changes.
 */
final class FunctionZip {
  /** Cloud Functions' limit on source deployed through an upload URL: 500 MiB unzipped. */
  static final long MAX_BYTES = 500L * 1024 * 1024;

  /** Label values hold 63 characters: the first 40 hex digits (160 bits) of the zip's SHA-256. */
  static final int LABEL_DIGITS = 40;

  private final CodeArchive archive;
  private final CodeArchive.Digest digest;

  private FunctionZip(CodeArchive archive, CodeArchive.Digest digest) {
    this.archive = archive;
    this.digest = digest;
  }

  static FunctionZip of(String function, CodePackage code) throws ProviderException {
    CodeArchive archive =
        new CodeArchive(
            function,
            code,
            new ReproducibleZip(),
            MAX_BYTES,
            "Cloud Functions' source limit of " + MAX_BYTES / (1024 * 1024) + " MiB");
    return new FunctionZip(archive, archive.digest());
  }

  /** What the function's {@code fnctl-code} label holds. */
  String hash() {
    return digest.sha256Hex().substring(0, LABEL_DIGITS);
  }

  /** The zip in a temporary file (the caller deletes it), checked to be the one planned. */
  Path write() throws ProviderException {
    return archive.writePlanned(digest.sha256Hex());
  }
}
