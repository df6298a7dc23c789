package dev.fnctl.provider;

import java.nio.file.Path;

/**
 * A function's code, ready to upload: the zip bytes and their SHA-256. Built deterministically by
 * {@link CodePackager} so the same source gives the same digest on every machine.
 *
 * @param source the directory or archive it was made from
 * @param sha256Base64 what Lambda reports as CodeSha256
 * @param sha256Hex for providers and file names that want hex
 */
public record CodePackage(Path source, byte[] zip, String sha256Base64, String sha256Hex) {
  public long size() {
    return zip.length;
  }
}
