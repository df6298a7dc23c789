package dev.fnctl.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodePackagerTest {

  @TempDir Path tmp;

  private static void write(Path root, String path, String content) throws IOException {
    Path p = root.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  @Test
  void sameSourceGivesSameDigestWhateverTheMtimesAndCreationOrder() throws Exception {
    Path a = tmp.resolve("a");
    write(a, "main.py", "def handle(e, c): pass\n");
    write(a, "lib/util.py", "X = 1\n");
    write(a, "lib/data/z.txt", "zzz");
    Files.setLastModifiedTime(
        a.resolve("main.py"), FileTime.from(Instant.parse("2001-02-03T04:05:06Z")));

    Path b = tmp.resolve("b");
    write(b, "lib/data/z.txt", "zzz");
    write(b, "lib/util.py", "X = 1\n");
    write(b, "main.py", "def handle(e, c): pass\n");
    Files.setLastModifiedTime(
        b.resolve("lib/util.py"), FileTime.from(Instant.parse("2024-12-31T23:59:59Z")));

    CodePackage pa = CodePackager.pack(tmp, "a");
    CodePackage pb = CodePackager.pack(tmp, "./b");
    assertEquals(pa.digest(), pb.digest());
    assertEquals(paths(pa), paths(pb));
    assertEquals(64, pa.digest().length());

    write(b, "lib/util.py", "X = 2\n");
    assertNotEquals(pa.digest(), CodePackager.pack(tmp, "b").digest());
  }

  @Test
  void entriesAreSortedInNfcWithTheirSizesAndContent() throws Exception {
    Path dir = tmp.resolve("fn");
    write(dir, "b.txt", "bee");
    write(dir, "a/c.txt", "sea");
    write(dir, "a\u0308.txt", "umlaut, stored decomposed");
    CodePackage p = CodePackager.pack(tmp, "fn");
    assertEquals(List.of("a/c.txt", "b.txt", "\u00e4.txt"), paths(p));
    CodeEntry c = p.entries().get(0);
    assertEquals(3, c.size());
    try (var in = c.content().open()) {
      assertEquals("sea", new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    assertEquals(p.entries().stream().mapToLong(CodeEntry::size).sum(), p.size());
    assertEquals(null, p.archive());
  }

  @Test
  void ignoreFileAndDefaultsAreHonoured() throws Exception {
    Path dir = tmp.resolve("fn");
    write(dir, "main.js", "x");
    write(dir, "debug.log", "noise");
    write(dir, "keep.log", "kept");
    write(dir, "build/out.bin", "built");
    write(dir, "src/build/inner.txt", "also a build dir");
    write(dir, "docs/build", "a file named build, not a directory");
    write(dir, ".git/config", "git");
    write(dir, "pkg/__pycache__/m.pyc", "cache");
    write(dir, "node_modules/.cache/x", "cache");
    write(dir, "node_modules/left-pad/index.js", "dep");
    write(dir, "secret/only/at/root.txt", "s");
    write(dir, "nested/secret/stays.txt", "kept: anchored rule");
    write(dir, ".fnctlignore", "# comment\n*.log\n!keep.log\nbuild/\n/secret/\n\n");

    assertEquals(
        List.of(
            "docs/build",
            "keep.log",
            "main.js",
            "nested/secret/stays.txt",
            "node_modules/left-pad/index.js"),
        paths(CodePackager.pack(tmp, "fn")));
  }

  @Test
  void executeBitIsPreservedAndNothingElse() throws Exception {
    Path dir = tmp.resolve("fn");
    write(dir, "bootstrap", "#!/bin/sh\n");
    write(dir, "handler.sh", "echo\n");
    try {
      Files.setPosixFilePermissions(
          dir.resolve("bootstrap"), PosixFilePermissions.fromString("rwxr-x---"));
      Files.setPosixFilePermissions(
          dir.resolve("handler.sh"), PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      assumeTrue(false, "no POSIX permissions here");
    }
    List<CodeEntry> entries = CodePackager.pack(tmp, "fn").entries();
    assertEquals(0755, entries.get(0).mode());
    assertEquals(0644, entries.get(1).mode());
  }

  @Test
  void prebuiltArchivesAreUsedAsTheyAre() throws Exception {
    byte[] bytes = "not really a zip, but the user's bytes".getBytes(StandardCharsets.UTF_8);
    Files.write(tmp.resolve("app.zip"), bytes);
    Files.write(tmp.resolve("app.JAR"), bytes);
    CodePackage zip = CodePackager.pack(tmp, "app.zip");
    assertEquals(tmp.resolve("app.zip"), zip.archive());
    assertEquals(List.of(), zip.entries());
    assertEquals(tmp.resolve("app.JAR"), CodePackager.pack(tmp, "app.JAR").archive());
    assertEquals(
        java.util.HexFormat.of()
            .formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)),
        zip.digest());
    assertEquals(bytes.length, zip.size());
  }

  @Test
  void aSingleFileBecomesAOneEntryPackage() throws Exception {
    write(tmp, "handler.py", "print(1)");
    assertEquals(List.of("handler.py"), paths(CodePackager.pack(tmp, "handler.py")));
  }

  @Test
  void aFifoIsRefusedNotReadForever() throws Exception {
    Path dir = tmp.resolve("fn");
    write(dir, "main.py", "x = 1\n");
    mkfifo(dir.resolve("pipe"));
    for (org.junit.jupiter.api.function.Executable call :
        List.<org.junit.jupiter.api.function.Executable>of(
            () -> CodePackager.pack(tmp, "fn"), () -> CodePackager.check(tmp, "fn"))) {
      ProviderException e = assertThrows(ProviderException.class, call);
      assertEquals(
          "code directory 'fn' holds pipe, which is not a regular file (a FIFO, socket or device):"
              + " remove it or list it in .fnctlignore",
          e.getMessage());
    }
    write(dir, ".fnctlignore", "pipe\n");
    assertEquals(List.of("main.py"), paths(CodePackager.pack(tmp, "fn")));
  }

  @Test
  void aDeviceOrFifoAsTheCodePathIsRefused() throws Exception {
    assumeTrue(Files.exists(Path.of("/dev/zero")), "no /dev/zero here");
    ProviderException e =
        assertThrows(ProviderException.class, () -> CodePackager.pack(tmp, "/dev/zero"));
    assertEquals(
        "code path '/dev/zero' is not a regular file or a directory (a FIFO, socket or device)",
        e.getMessage());
    assertEquals(
        e.getMessage(),
        assertThrows(ProviderException.class, () -> CodePackager.check(tmp, "/dev/zero"))
            .getMessage(),
        "validate finds it too");
    mkfifo(tmp.resolve("handler.py"));
    assertThrows(ProviderException.class, () -> CodePackager.pack(tmp, "handler.py"));
  }

  @Test
  void aSymbolicLinkLeadingOutsideIsRefusedOneInsideIsFollowed() throws Exception {
    Path dir = tmp.resolve("fn");
    write(dir, "main.py", "x = 1\n");
    write(dir, "lib/shared.py", "y = 2\n");
    write(tmp, "outside/secret.txt", "do not ship");
    try {
      Files.createSymbolicLink(dir.resolve("alias.py"), dir.resolve("lib/shared.py"));
    } catch (UnsupportedOperationException | IOException e) {
      assumeTrue(false, "no symbolic links here");
    }
    assertEquals(
        List.of("alias.py", "lib/shared.py", "main.py"), paths(CodePackager.pack(tmp, "fn")));

    Files.createSymbolicLink(dir.resolve("escape"), tmp.resolve("outside"));
    ProviderException e = assertThrows(ProviderException.class, () -> CodePackager.pack(tmp, "fn"));
    assertTrue(
        e.getMessage()
            .startsWith(
                "code directory 'fn' holds escape, a symbolic link that leads outside it (to "),
        e.getMessage());
    Files.delete(dir.resolve("escape"));
    Files.createSymbolicLink(dir.resolve("passwd"), tmp.resolve("outside/secret.txt"));
    assertThrows(ProviderException.class, () -> CodePackager.check(tmp, "fn"));
  }

  private static void mkfifo(Path p) throws Exception {
    Process mk;
    try {
      mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
    } catch (IOException e) {
      assumeTrue(false, "no mkfifo here");
      return;
    }
    assumeTrue(mk.waitFor() == 0 && Files.exists(p), "mkfifo failed");
  }

  private static List<String> paths(CodePackage p) {
    return p.entries().stream().map(CodeEntry::path).toList();
  }

  @Test
  void missingPathIsAClearError() {
    ProviderException e =
        assertThrows(ProviderException.class, () -> CodePackager.pack(tmp, "./functions/resize"));
    assertTrue(e.getMessage().contains("'./functions/resize' does not exist"), e.getMessage());
    assertTrue(e.getMessage().contains(tmp.resolve("functions/resize").toString()), e.getMessage());
  }

  @Test
  void directoryWithNothingToShipIsAClearError() throws Exception {
    Path dir = tmp.resolve("fn");
    write(dir, "__pycache__/a.pyc", "x");
    ProviderException e = assertThrows(ProviderException.class, () -> CodePackager.pack(tmp, "fn"));
    assertTrue(e.getMessage().contains("no files to package"), e.getMessage());
    // check() finds it too, without packaging, so that validate can report it.
    assertEquals(
        "code directory 'fn' has no files to package",
        assertThrows(ProviderException.class, () -> CodePackager.check(tmp, "fn")).getMessage());
    Files.createDirectories(tmp.resolve("empty"));
    assertThrows(ProviderException.class, () -> CodePackager.check(tmp, "empty"));
  }

  @Test
  void aBadIgnorePatternIsTheUsersToFixAtItsLine() throws Exception {
    Path fn = tmp.resolve("fn");
    write(fn, "main.py", "x = 1\n");
    write(fn, ".fnctlignore", "# tests\ntest_*.py\n[z-a]\n");
    for (org.junit.jupiter.api.function.Executable call :
        List.<org.junit.jupiter.api.function.Executable>of(
            () -> CodePackager.check(tmp, "fn"), () -> CodePackager.pack(tmp, "fn"))) {
      IgnoreFileException e = assertThrows(IgnoreFileException.class, call);
      assertEquals(fn.resolve(".fnctlignore"), e.file());
      assertEquals(3, e.line());
      assertEquals("'[z-a]' is not a valid pattern (illegal character range)", e.reason());
      assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
    write(fn, ".fnctlignore", "[a-z]*.tmp\n");
    CodePackager.check(tmp, "fn");
    ProviderException missing =
        assertThrows(ProviderException.class, () -> CodePackager.check(tmp, "nope"));
    assertTrue(
        missing.getMessage().startsWith("code path 'nope' does not exist"), missing.getMessage());
  }
}
