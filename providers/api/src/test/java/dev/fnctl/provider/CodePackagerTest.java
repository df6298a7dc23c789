package dev.fnctl.provider;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
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
    assertEquals(pa.sha256Hex(), pb.sha256Hex());
    assertArrayEquals(pa.zip(), pb.zip());
    assertEquals(CodePackager.digestBase64(pa.zip()), pa.sha256Base64());

    write(b, "lib/util.py", "X = 2\n");
    assertNotEquals(pa.sha256Hex(), CodePackager.pack(tmp, "b").sha256Hex());
  }

  @Test
  void zipIsReadableSortedAndHasFixedTimestamps() throws Exception {
    Path dir = tmp.resolve("fn");
    write(dir, "b.txt", "bee");
    write(dir, "a/c.txt", "sea");
    write(dir, "ä.txt", "umlaut");
    Map<String, String> read = unzip(CodePackager.pack(tmp, "fn").zip(), true);
    assertEquals(List.of("a/c.txt", "b.txt", "ä.txt"), new ArrayList<>(read.keySet()));
    assertEquals("sea", read.get("a/c.txt"));
    assertEquals("umlaut", read.get("ä.txt"));
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

    Map<String, String> read = unzip(CodePackager.pack(tmp, "fn").zip(), false);
    assertEquals(
        List.of(
            "docs/build",
            "keep.log",
            "main.js",
            "nested/secret/stays.txt",
            "node_modules/left-pad/index.js"),
        new ArrayList<>(read.keySet()));
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
    Map<String, Integer> modes = unixModes(CodePackager.pack(tmp, "fn").zip());
    assertEquals(0100755, modes.get("bootstrap"));
    assertEquals(0100644, modes.get("handler.sh"));
  }

  @Test
  void prebuiltArchivesAreUsedAsTheyAre() throws Exception {
    byte[] bytes = "not really a zip, but the user's bytes".getBytes(StandardCharsets.UTF_8);
    Files.write(tmp.resolve("app.zip"), bytes);
    Files.write(tmp.resolve("app.JAR"), bytes);
    CodePackage zip = CodePackager.pack(tmp, "app.zip");
    assertArrayEquals(bytes, zip.zip());
    assertArrayEquals(bytes, CodePackager.pack(tmp, "app.JAR").zip());
    assertEquals(CodePackager.digestHex(bytes), zip.sha256Hex());
    assertEquals(bytes.length, zip.size());
  }

  @Test
  void aSingleFileBecomesAOneEntryZip() throws Exception {
    write(tmp, "handler.py", "print(1)");
    Map<String, String> read = unzip(CodePackager.pack(tmp, "handler.py").zip(), false);
    assertEquals(Map.of("handler.py", "print(1)"), read);
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

  private static Map<String, String> unzip(byte[] zip, boolean checkTimes) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (ZipInputStream in =
        new ZipInputStream(new ByteArrayInputStream(zip), StandardCharsets.UTF_8)) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        if (checkTimes) assertEquals(LocalDateTime.of(1980, 1, 1, 0, 0), e.getTimeLocal());
        out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  /** Reads each central directory record's external attributes (the Unix mode in the high half). */
  private static Map<String, Integer> unixModes(byte[] zip) {
    ByteBuffer buf = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    int eocd = zip.length - 22;
    assertEquals(0x06054b50, buf.getInt(eocd));
    int count = Short.toUnsignedInt(buf.getShort(eocd + 10));
    int pos = buf.getInt(eocd + 16);
    Map<String, Integer> modes = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      assertEquals(0x02014b50, buf.getInt(pos));
      assertEquals(3, Short.toUnsignedInt(buf.getShort(pos + 4)) >> 8, "made by Unix");
      int nameLen = Short.toUnsignedInt(buf.getShort(pos + 28));
      int extraLen = Short.toUnsignedInt(buf.getShort(pos + 30));
      int commentLen = Short.toUnsignedInt(buf.getShort(pos + 32));
      int external = buf.getInt(pos + 38);
      String name = new String(zip, pos + 46, nameLen, StandardCharsets.UTF_8);
      modes.put(name, external >>> 16);
      pos += 46 + nameLen + extraLen + commentLen;
    }
    return modes;
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
