package dev.fnctl.archive;

import dev.fnctl.provider.CodePackage;
import dev.fnctl.provider.ProviderException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;

/**
 * One function's code as the archive its provider uploads: a {@link CodePackage} written in an
 * {@link ArchiveFormat}, never larger than the provider's limit. The archive is streamed: {@link
 * #digest()} writes it into SHA-256 only (for plans, which compare digests), {@link #writeTo} into
 * a file (for apply, which uploads it). An archive the user built is passed through as it is.
 *
 * @param function the function's name in the spec, for messages
 * @param code what to write
 * @param format how to write it
 * @param maxBytes the provider's limit on the archive's size, in bytes
 * @param limitName how the limit is named to the user: {@code "AWS Lambda's limit of 250 MiB"}
 */
public record CodeArchive(
    String function, CodePackage code, ArchiveFormat format, long maxBytes, String limitName) {

  /** SHA-256 of an archive's bytes, in both spellings clouds use, and its size. */
  public record Digest(String sha256Base64, String sha256Hex, long size) {}

  /**
   * The digest of the archive, computed without keeping it.
   *
   * @throws ProviderException when the code cannot be read or the archive would pass the limit
   */
  public Digest digest() throws ProviderException {
    return write(OutputStream.nullOutputStream());
  }

  /** Writes the archive to {@code file} (replacing it) and returns its digest. */
  public Digest writeTo(Path file) throws ProviderException {
    try (OutputStream out = Files.newOutputStream(file)) {
      return write(out);
    } catch (IOException e) {
      throw new ProviderException(
          "function " + function + ": cannot write its code package to " + file + ": " + e, e);
    }
  }

  /**
   * Writes the archive to a new temporary file (the caller removes it with {@link #delete}) and
   * checks that it is still the archive that was planned ({@code plannedSha256Hex}): code edited
   * between plan and apply is an error, never a different deploy.
   */
  public Path writePlanned(String plannedSha256Hex) throws ProviderException {
    Path file;
    try {
      file = Files.createTempFile("fnctl-" + function + "-", ".zip");
    } catch (IOException e) {
      throw new ProviderException(
          "function " + function + ": cannot create a temporary file: " + e.getMessage(), e);
    }
    Digest written;
    try {
      written = writeTo(file);
    } catch (ProviderException e) {
      delete(file);
      throw e;
    }
    if (!written.sha256Hex().equals(plannedSha256Hex)) {
      delete(file);
      throw new ProviderException(
          "function "
              + function
              + ": its code changed since it was planned; plan again to see the change");
    }
    return file;
  }

  /** Removes a file {@link #writePlanned} made; one left behind is the system's to clean. */
  public static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a temporary file
    }
  }

  private Digest write(OutputStream sink) throws ProviderException {
    if (code.size() > maxBytes) throw tooLarge(code.size() + " bytes of code");
    MessageDigest sha = sha256();
    Limited out = new Limited(new DigestOutputStream(sink, sha), maxBytes);
    try {
      if (code.archive() != null) {
        try (InputStream in = Files.newInputStream(code.archive())) {
          in.transferTo(out);
        }
      } else {
        format.write(code.entries(), out);
      }
      out.flush();
    } catch (TooLarge e) {
      throw tooLarge("more than " + maxBytes + " bytes");
    } catch (IOException e) {
      throw new ProviderException(
          "function "
              + function
              + ": cannot package its code from "
              + code.source()
              + ": "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
          e);
    }
    byte[] d = sha.digest();
    return new Digest(
        Base64.getEncoder().encodeToString(d), HexFormat.of().formatHex(d), out.count);
  }

  private ProviderException tooLarge(String what) {
    return new ProviderException(
        "function "
            + function
            + ": its code package ("
            + what
            + ") is over "
            + limitName
            + " ("
            + maxBytes
            + " bytes): leave files out with "
            + dev.fnctl.provider.CodePackager.IGNORE_FILE
            + " or make the package smaller");
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;
  }

  /** Counts what passes and stops the write once it passes the limit. */
  private static final class Limited extends FilterOutputStream {
    private final long max;
    long count;

    Limited(OutputStream out, long max) {
      super(out);
      this.max = max;
    }

    @Override
    public void write(int b) throws IOException {
      if (++count > max) throw new TooLarge();
      out.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      count += len;
      if (count > max) throw new TooLarge();
      out.write(b, off, len);
    }
  }
}
