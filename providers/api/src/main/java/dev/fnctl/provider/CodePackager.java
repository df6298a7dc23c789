package dev.fnctl.provider;

import java.io.IOException;
import java.io.InputStream;
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
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Turns a function's {@code code:} into a {@link CodePackage}: the deterministic list of file
 * entries a provider writes into the archive its cloud wants (fnctl-provider-archive has the
 * reproducible zip), and their digest.
 *
 * <p>A directory gives its files sorted by path, names in Unicode NFC (macOS may store them
 * decomposed), mode 0644 or 0755 (the owner's execute bit is kept: scripts and native binaries need
 * it), files only. Files matched by {@code .fnctlignore} at the top of the directory, or by the
 * {@link IgnoreRules#DEFAULTS}, are left out. Nothing but regular files is packaged: a FIFO, socket
 * or device is refused (reading one would hang or never end), and so is a symbolic link that leads
 * outside the directory (packaging must not pick up {@code /etc} or a home directory).
 *
 * <p>A {@code .zip} or {@code .jar} file is used as it is: the user built it, its bytes are the
 * package. Any other single regular file becomes a one-entry package.
 *
 * <p>Nothing is read into memory whole: the digest is computed by streaming each file once.
 */
public final class CodePackager {

  /** The name of the ignore file read from the top of a code directory. */
  public static final String IGNORE_FILE = ".fnctlignore";

  private CodePackager() {}

  /**
   * Packages {@code code}, a path as written in the spec, relative to {@code baseDir} (the
   * directory of the spec file) unless absolute.
   *
   * @throws ProviderException when the path does not exist, is not a regular file or directory,
   *     holds no files, holds a file that is not a regular one or a link leading out, or cannot be
   *     read
   */
  public static CodePackage pack(Path baseDir, String code) throws ProviderException {
    Path source = source(baseDir, code);
    try {
      if (Files.isDirectory(source)) {
        List<CodeEntry> entries = new ArrayList<>();
        for (var f : files(source, code).entrySet()) {
          BasicFileAttributes attrs = Files.readAttributes(f.getValue(), BasicFileAttributes.class);
          entries.add(
              CodeEntry.file(f.getKey(), f.getValue(), executable(f.getValue()), attrs.size()));
        }
        return new CodePackage(source, entries, null, size(entries), digest(entries));
      }
      if (!Files.isRegularFile(source)) throw notAFileOrDirectory(code, source);
      if (isArchive(source)) {
        return new CodePackage(
            source, List.of(), source, Files.size(source), digest(Files.newInputStream(source)));
      }
      String name = nfc(source.getFileName().toString());
      List<CodeEntry> one =
          List.of(CodeEntry.file(name, source, executable(source), Files.size(source)));
      return new CodePackage(source, one, null, size(one), digest(one));
    } catch (IOException e) {
      throw new ProviderException("cannot read code path '" + code + "': " + describe(e), e);
    }
  }

  /**
   * Checks what {@link #pack} would refuse, without reading or zipping the code, so that the engine
   * can report it with the spec's problems before any cloud is read: the path must exist and be a
   * regular file or a directory, a directory's {@code .fnctlignore} must hold only valid patterns,
   * and some file must be left to package.
   *
   * @throws IgnoreFileException naming the ignore file and the line of a bad pattern
   * @throws ProviderException for any other problem, with a message for the user
   */
  public static void check(Path baseDir, String code) throws ProviderException {
    Path source = source(baseDir, code);
    if (!Files.isDirectory(source)) {
      if (!Files.isRegularFile(source)) throw notAFileOrDirectory(code, source);
      return;
    }
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

  /**
   * The files of {@code dir} that go into its package, by their path in the zip.
   *
   * @throws ProviderException when none is left
   */
  private static TreeMap<String, Path> files(Path dir, String code)
      throws IOException, ProviderException {
    IgnoreRules ignore = IgnoreRules.forDirectory(dir);
    Path realDir = dir.toRealPath();
    TreeMap<String, Path> entries = new TreeMap<>();
    try {
      Files.walkFileTree(
          dir,
          EnumSet.of(FileVisitOption.FOLLOW_LINKS),
          Integer.MAX_VALUE,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs)
                throws IOException {
              if (d.equals(dir)) return FileVisitResult.CONTINUE;
              if (ignore.ignores(relative(dir, d), true)) return FileVisitResult.SKIP_SUBTREE;
              insideOrRefused(d);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
              String path = relative(dir, f);
              if (ignore.ignores(path, false)) return FileVisitResult.CONTINUE;
              if (!attrs.isRegularFile()) {
                throw new RefusedFile(
                    "code directory '"
                        + code
                        + "' holds "
                        + path
                        + ", which is not a regular file ("
                        + kind(f)
                        + "): remove it or list it in "
                        + IGNORE_FILE);
              }
              insideOrRefused(f);
              entries.put(path, f);
              return FileVisitResult.CONTINUE;
            }

            /** A symbolic link (or one on the way) must not lead out of the code directory. */
            private void insideOrRefused(Path p) throws IOException {
              Path real = p.toRealPath();
              if (!real.startsWith(realDir)) {
                throw new RefusedFile(
                    "code directory '"
                        + code
                        + "' holds "
                        + relative(dir, p)
                        + ", a symbolic link that leads outside it (to "
                        + real
                        + "): copy what it needs into the directory instead");
              }
            }

            @Override
            public FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
              if (e instanceof FileSystemLoopException) {
                throw new IOException("symbolic link loop at " + f);
              }
              throw e;
            }
          });
    } catch (RefusedFile e) {
      throw new ProviderException(e.getMessage());
    }
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

  /** Thrown inside the file walk; the walk's caller turns it into a {@link ProviderException}. */
  private static final class RefusedFile extends IOException {
    private static final long serialVersionUID = 1L;

    RefusedFile(String message) {
      super(message);
    }
  }

  private static String kind(Path p) {
    try {
      BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
      if (a.isOther()) return "a FIFO, socket or device";
      if (a.isSymbolicLink()) return "a symbolic link";
      return a.isDirectory() ? "a directory" : "a special file";
    } catch (IOException e) {
      return "unreadable: " + describe(e);
    }
  }

  private static ProviderException notAFileOrDirectory(String code, Path source) {
    return new ProviderException(
        "code path '" + code + "' is not a regular file or a directory (" + kind(source) + ")");
  }

  private static long size(List<CodeEntry> entries) {
    return entries.stream().mapToLong(CodeEntry::size).sum();
  }

  /**
   * SHA-256 over each entry's path, mode, size and bytes, in order: any change of content, name or
   * execute bit changes it; nothing else does.
   */
  static String digest(List<CodeEntry> entries) throws IOException {
    MessageDigest sha = sha256();
    byte[] buf = new byte[64 * 1024];
    for (CodeEntry e : entries) {
      sha.update(
          (e.path() + "\0" + Integer.toOctalString(e.mode()) + "\0" + e.size() + "\0")
              .getBytes(StandardCharsets.UTF_8));
      long read = 0;
      try (InputStream in = e.content().open()) {
        for (int n; (n = in.read(buf)) > 0; ) {
          sha.update(buf, 0, n);
          read += n;
        }
      }
      if (read != e.size())
        throw new IOException(
            e.path() + " changed while it was read (" + read + " bytes, not " + e.size() + ")");
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static String digest(InputStream content) throws IOException {
    MessageDigest sha = sha256();
    try (InputStream in = content) {
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) > 0; ) sha.update(buf, 0, n);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m;
  }
}
