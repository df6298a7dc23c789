package dev.fnctl.provider;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One file of a function's code package: where it sits in the package, its mode and size, and how
 * to read it. Plain data: the archive a cloud wants is written from these by the provider ({@code
 * fnctl-provider-archive}), never held whole in memory.
 *
 * @param path the path inside the package: {@code /}-separated, relative, Unicode NFC
 * @param mode the Unix permission bits, {@code 0644} or {@code 0755}: only the owner's execute bit
 *     of the source is kept, so the same code gives the same package on every machine
 * @param size the number of bytes {@link Content#open()} yields
 * @param content how to read the bytes, each time afresh
 */
public record CodeEntry(String path, int mode, long size, Content content) {

  /** Reads an entry's bytes; may be called more than once (a writer may read twice). */
  @FunctionalInterface
  public interface Content {
    InputStream open() throws IOException;
  }

  public static final int REGULAR = 0644;
  public static final int EXECUTABLE = 0755;

  public CodeEntry {
    if (path.isEmpty() || path.startsWith("/") || path.contains("\\"))
      throw new IllegalArgumentException("not a relative package path: " + path);
    if (mode != REGULAR && mode != EXECUTABLE)
      throw new IllegalArgumentException(
          "mode must be 0644 or 0755, not " + Integer.toOctalString(mode));
  }

  /** A file on disk, read when the archive is written. */
  public static CodeEntry file(String path, Path file, boolean executable, long size) {
    return new CodeEntry(
        path, executable ? EXECUTABLE : REGULAR, size, () -> Files.newInputStream(file));
  }

  /** A file a provider generates (Azure's {@code host.json}, say): small, held in memory. */
  public static CodeEntry generated(String path, byte[] bytes) {
    byte[] copy = bytes.clone();
    return new CodeEntry(path, REGULAR, copy.length, () -> new ByteArrayInputStream(copy));
  }

  public boolean executable() {
    return mode == EXECUTABLE;
  }
}
