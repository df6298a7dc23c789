package dev.fnctl.provider;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * Turns a function's {@code code:} into the zip every provider uploads.
 *
 * <p>A directory is zipped deterministically, so the same source gives the same SHA-256 on every
 * machine and a re-plan never shows a code change that did not happen: entries sorted by path,
 * every timestamp 1980-01-01T00:00, mode 0644 or 0755 (the owner's execute bit is kept: scripts and
 * native binaries need it), names in Unicode NFC (macOS may store them decomposed), files only.
 * Entries are stored, not deflated: deflate output depends on the zlib build (zlib-ng and classic
 * zlib differ), which would make the digest machine-dependent. Files matched by {@code
 * .fnctlignore} at the top of the directory, or by the {@link IgnoreRules#DEFAULTS}, are left out.
 *
 * <p>A {@code .zip} or {@code .jar} file is used as it is: the user built it, its bytes are the
 * package. Any other single file becomes a one-entry zip.
 */
public final class CodePackager {

  /** The name of the ignore file read from the top of a code directory. */
  public static final String IGNORE_FILE = ".fnctlignore";

  // MS-DOS date/time of 1980-01-01 00:00, the earliest a zip can hold.
  private static final int DOS_TIME = 0;
  private static final int DOS_DATE = (1 << 5) | 1;

  private CodePackager() {}

  /**
   * Packages {@code code}, a path as written in the spec, relative to {@code baseDir} (the
   * directory of the spec file) unless absolute.
   *
   * @throws ProviderException when the path does not exist, holds no files, or cannot be read
   */
  public static CodePackage pack(Path baseDir, String code) throws ProviderException {
    Path source = source(baseDir, code);
    try {
      byte[] zip;
      if (Files.isDirectory(source)) {
        zip = zipDirectory(source, code);
      } else if (isArchive(source)) {
        zip = Files.readAllBytes(source);
      } else {
        String name = nfc(source.getFileName().toString());
        zip =
            write(
                new TreeMap<>(
                    java.util.Map.of(
                        name, new Entry(Files.readAllBytes(source), executable(source)))));
      }
      return new CodePackage(source, zip, digestBase64(zip), digestHex(zip));
    } catch (IOException e) {
      throw new ProviderException("cannot read code path '" + code + "': " + describe(e), e);
    }
  }

  /**
   * Checks what {@link #pack} would refuse, without reading or zipping the code, so that the engine
   * can report it with the spec's problems before any cloud is read: the path must exist, a
   * directory's {@code .fnctlignore} must hold only valid patterns, and some file must be left to
   * package.
   *
   * @throws IgnoreFileException naming the ignore file and the line of a bad pattern
   * @throws ProviderException for any other problem, with a message for the user
   */
  public static void check(Path baseDir, String code) throws ProviderException {
    Path source = source(baseDir, code);
    if (!Files.isDirectory(source)) return;
    try {
      files(source, code);
    } catch (IOException e) {
      throw new ProviderException("cannot read code path '" + code + "': " + describe(e), e);
    }
  }

  private static Path source(Path baseDir, String code) throws ProviderException {
    if (code == null || code.isBlank()) throw new ProviderException("no code path given");
    Path source;
    try {
      source = baseDir.resolve(code).normalize();
    } catch (java.nio.file.InvalidPathException e) {
      throw new ProviderException("'" + code + "' is not a valid path");
    }
    if (!Files.exists(source)) {
      throw new ProviderException(
          "code path '" + code + "' does not exist (looked for " + source.toAbsolutePath() + ")");
    }
    return source;
  }

  private static boolean isArchive(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".zip") || name.endsWith(".jar");
  }

  private record Entry(byte[] content, boolean executable) {}

  private static byte[] zipDirectory(Path dir, String code) throws IOException, ProviderException {
    TreeMap<String, Entry> entries = new TreeMap<>();
    for (var f : files(dir, code).entrySet()) {
      entries.put(
          f.getKey(), new Entry(Files.readAllBytes(f.getValue()), executable(f.getValue())));
    }
    return write(entries);
  }

  /**
   * The files of {@code dir} that go into its package, by their path in the zip.
   *
   * @throws ProviderException when none is left
   */
  private static TreeMap<String, Path> files(Path dir, String code)
      throws IOException, ProviderException {
    IgnoreRules ignore = IgnoreRules.forDirectory(dir);
    TreeMap<String, Path> entries = new TreeMap<>();
    Files.walkFileTree(
        dir,
        EnumSet.of(FileVisitOption.FOLLOW_LINKS),
        Integer.MAX_VALUE,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
            if (d.equals(dir)) return FileVisitResult.CONTINUE;
            return ignore.ignores(relative(dir, d), true)
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
            if (!attrs.isRegularFile()) return FileVisitResult.CONTINUE;
            String path = relative(dir, f);
            if (!ignore.ignores(path, false)) entries.put(path, f);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
            if (e instanceof FileSystemLoopException) {
              throw new IOException("symbolic link loop at " + f);
            }
            throw e;
          }
        });
    if (entries.isEmpty()) {
      throw new ProviderException(
          "code directory '"
              + code
              + "' has no files to package"
              + (Files.exists(dir.resolve(IGNORE_FILE)) ? " (check its " + IGNORE_FILE + ")" : ""));
    }
    return entries;
  }

  private static String relative(Path root, Path p) {
    return nfc(root.relativize(p).toString().replace('\\', '/'));
  }

  private static String nfc(String s) {
    return Normalizer.normalize(s, Normalizer.Form.NFC);
  }

  private static boolean executable(Path f) throws IOException {
    PosixFileAttributeView view = Files.getFileAttributeView(f, PosixFileAttributeView.class);
    // Without POSIX permissions (Windows) nothing is executable, whatever the file system says:
    // the same source must give the same package.
    return view != null
        && view.readAttributes().permissions().contains(PosixFilePermission.OWNER_EXECUTE);
  }

  /** Writes a stored (uncompressed) zip by hand: java.util.zip cannot set Unix modes. */
  private static byte[] write(TreeMap<String, Entry> entries) throws ProviderException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream central = new ByteArrayOutputStream();
    for (var e : entries.entrySet()) {
      byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
      byte[] data = e.getValue().content();
      long offset = out.size();
      if (offset + data.length > 0xFFFFFFFFL - 1) {
        throw new ProviderException("code package is larger than 4 GB");
      }
      CRC32 crc = new CRC32();
      crc.update(data);
      int mode = e.getValue().executable() ? 0100755 : 0100644;

      int32(out, 0x04034b50);
      int16(out, 10); // version needed: 1.0, stored
      int16(out, 0x0800); // names are UTF-8
      int16(out, 0); // stored
      int16(out, DOS_TIME);
      int16(out, DOS_DATE);
      int32(out, (int) crc.getValue());
      int32(out, data.length);
      int32(out, data.length);
      int16(out, name.length);
      int16(out, 0);
      out.writeBytes(name);
      out.writeBytes(data);

      int32(central, 0x02014b50);
      int16(central, (3 << 8) | 20); // made by Unix, so the mode below is honoured by unzip
      int16(central, 10);
      int16(central, 0x0800);
      int16(central, 0);
      int16(central, DOS_TIME);
      int16(central, DOS_DATE);
      int32(central, (int) crc.getValue());
      int32(central, data.length);
      int32(central, data.length);
      int16(central, name.length);
      int16(central, 0); // extra
      int16(central, 0); // comment
      int16(central, 0); // disk
      int16(central, 0); // internal attributes
      int32(central, mode << 16);
      int32(central, (int) offset);
      central.writeBytes(name);
    }
    if (entries.size() > 0xFFFF)
      throw new ProviderException("code package has more than 65535 files");
    long centralOffset = out.size();
    byte[] dir = central.toByteArray();
    out.writeBytes(dir);
    int32(out, 0x06054b50);
    int16(out, 0);
    int16(out, 0);
    int16(out, entries.size());
    int16(out, entries.size());
    int32(out, dir.length);
    int32(out, (int) centralOffset);
    int16(out, 0);
    return out.toByteArray();
  }

  private static void int16(ByteArrayOutputStream out, int v) {
    out.write(v & 0xff);
    out.write((v >>> 8) & 0xff);
  }

  private static void int32(ByteArrayOutputStream out, int v) {
    int16(out, v & 0xffff);
    int16(out, (v >>> 16) & 0xffff);
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  static String digestBase64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(sha256(bytes));
  }

  static String digestHex(byte[] bytes) {
    return HexFormat.of().formatHex(sha256(bytes));
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
