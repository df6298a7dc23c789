package dev.fnctl.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.fnctl.provider.CodeEntry;
import dev.fnctl.provider.CodePackage;
import dev.fnctl.provider.CodePackager;
import dev.fnctl.provider.ProviderException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReproducibleZipTest {

  @TempDir Path tmp;

  private static void write(Path root, String path, String content) throws IOException {
    Path p = root.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  private static CodeArchive archive(CodePackage p, long max) {
    return new CodeArchive("resize", p, new ReproducibleZip(), max, "the test's limit");
  }

  private static byte[] zip(CodePackage p) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new ReproducibleZip().write(p.entries(), out);
    return out.toByteArray();
  }

  /**
   * The digest of a package made by the zip writer fnctl had before this one (hand-written, stored
   * entries): the same code must keep its Lambda CodeSha256, or every deployed function would plan
   * an update after an upgrade.
   */
  @Test
  void theSameCodeHasTheSameDigestAsWithTheEarlierWriter() throws Exception {
    Path code = tmp.resolve("code");
    write(code, "main.py", "def handle(event, context):\n    return 'hi'\n");
    write(code, "lib/util.py", "X = 1\n");
    write(code, "bin/run.sh", "#!/bin/sh\necho hi\n");
    write(code, "caf\u00e9.txt", "\u00e9\n");
    Files.write(code.resolve("data.bin"), new byte[70000]);
    try {
      Files.setPosixFilePermissions(
          code.resolve("bin/run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
      Files.setPosixFilePermissions(
          code.resolve("main.py"), PosixFilePermissions.fromString("rw-r-----"));
    } catch (UnsupportedOperationException e) {
      assumeTrue(false, "no POSIX permissions here");
    }
    CodeArchive.Digest d = archive(CodePackager.pack(tmp, "code"), Long.MAX_VALUE).digest();
    assertEquals("W3zFL2FYJn1zr+CisJXr4xPSKAfzbaPSSA0r6XRADes=", d.sha256Base64());
    assertEquals(70563, d.size());
  }

  @Test
  void sameSourceGivesSameBytesWhateverTheMtimesAndCreationOrder() throws Exception {
    Path a = tmp.resolve("a");
    write(a, "main.py", "def handle(e, c): pass\n");
    write(a, "lib/util.py", "X = 1\n");
    Files.setLastModifiedTime(
        a.resolve("main.py"), FileTime.from(Instant.parse("2001-02-03T04:05:06Z")));
    Path b = tmp.resolve("b");
    write(b, "lib/util.py", "X = 1\n");
    write(b, "main.py", "def handle(e, c): pass\n");
    CodePackage pa = CodePackager.pack(tmp, "a");
    CodePackage pb = CodePackager.pack(tmp, "b");
    assertArrayEquals(zip(pa), zip(pb));
    assertEquals(archive(pa, 1 << 20).digest(), archive(pb, 1 << 20).digest());

    Path file = tmp.resolve("a.zip");
    CodeArchive.Digest written = archive(pa, 1 << 20).writeTo(file);
    assertArrayEquals(zip(pa), Files.readAllBytes(file));
    assertEquals(archive(pa, 1 << 20).digest(), written);

    write(b, "lib/util.py", "X = 2\n");
    assertNotEquals(
        archive(pa, 1 << 20).digest(), archive(CodePackager.pack(tmp, "b"), 1 << 20).digest());
  }

  @Test
  void zipIsReadableSortedAndHasFixedTimestampsAndUnixModes() throws Exception {
    Path dir = tmp.resolve("fn");
    write(dir, "b.txt", "bee");
    write(dir, "a/c.txt", "sea");
    write(dir, "\u00e4.txt", "umlaut");
    write(dir, "bootstrap", "#!/bin/sh\n");
    try {
      Files.setPosixFilePermissions(
          dir.resolve("bootstrap"), PosixFilePermissions.fromString("rwxr-x---"));
    } catch (UnsupportedOperationException e) {
      assumeTrue(false, "no POSIX permissions here");
    }
    byte[] bytes = zip(CodePackager.pack(tmp, "fn"));
    Map<String, String> read = new LinkedHashMap<>();
    try (ZipInputStream in =
        new ZipInputStream(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        assertEquals(LocalDateTime.of(1980, 1, 1, 0, 0), e.getTimeLocal());
        assertEquals(ZipEntry.STORED, e.getMethod());
        read.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    assertEquals(
        List.of("a/c.txt", "b.txt", "bootstrap", "\u00e4.txt"), new ArrayList<>(read.keySet()));
    assertEquals("sea", read.get("a/c.txt"));

    Path file = tmp.resolve("fn.zip");
    Files.write(file, bytes);
    Map<String, Integer> modes = new TreeMap<>();
    try (ZipFile z = ZipFile.builder().setPath(file).get()) {
      for (ZipArchiveEntry e : Collections.list(z.getEntries())) {
        assertEquals(ZipArchiveEntry.PLATFORM_UNIX, e.getPlatform());
        assertEquals(0, e.getExtra().length, "no extra fields: " + e.getName());
        modes.put(e.getName(), e.getUnixMode());
      }
    }
    assertEquals(0100755, modes.get("bootstrap"));
    assertEquals(0100644, modes.get("b.txt"));
  }

  @Test
  void prebuiltArchivesPassThroughAsTheyAre() throws Exception {
    byte[] bytes = "not really a zip, but the user's bytes".getBytes(StandardCharsets.UTF_8);
    Files.write(tmp.resolve("app.jar"), bytes);
    Path out = tmp.resolve("out.zip");
    CodeArchive.Digest d = archive(CodePackager.pack(tmp, "app.jar"), 1 << 20).writeTo(out);
    assertArrayEquals(bytes, Files.readAllBytes(out));
    assertEquals(CodePackager.pack(tmp, "app.jar").digest(), d.sha256Hex());
  }

  /** More entries than a plain zip can count: Zip64 records, readable by the JDK and by unzip. */
  @Test
  void seventyThousandEntriesNeedZip64AndGetIt() throws Exception {
    List<CodeEntry> entries = new ArrayList<>();
    for (int i = 0; i < 70_000; i++)
      entries.add(
          CodeEntry.generated(
              "f/%05d.txt".formatted(i), ("" + i).getBytes(StandardCharsets.UTF_8)));
    CodePackage many = new CodePackage(tmp, entries, null, 0, "unused");
    Path file = tmp.resolve("many.zip");
    archive(many, Long.MAX_VALUE).writeTo(file);

    try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(file.toFile())) {
      assertEquals(70_000, z.size());
      ZipEntry last = z.getEntry("f/69999.txt");
      assertEquals("69999", new String(z.getInputStream(last).readAllBytes()));
    }
    byte[] bytes = Files.readAllBytes(file);
    assertTrue(indexOf(bytes, new byte[] {0x50, 0x4b, 0x06, 0x06}) > 0, "a Zip64 end record");
  }

  @Test
  void aPackageOverTheLimitStopsWithTheFunctionsName() throws Exception {
    Path dir = tmp.resolve("fn");
    Files.createDirectories(dir);
    Files.write(dir.resolve("big.bin"), new byte[2000]);
    ProviderException before =
        assertThrows(
            ProviderException.class, () -> archive(CodePackager.pack(tmp, "fn"), 1000).digest());
    assertEquals(
        "function resize: its code package (2000 bytes of code) is over the test's limit (1000"
            + " bytes): leave files out with .fnctlignore or make the package smaller",
        before.getMessage());

    // The files fit, the zip's headers do not: stopped while writing, nothing left behind.
    Path file = tmp.resolve("out.zip");
    ProviderException during =
        assertThrows(
            ProviderException.class,
            () -> archive(CodePackager.pack(tmp, "fn"), 2050).writeTo(file));
    assertEquals(
        "function resize: its code package (more than 2050 bytes) is over the test's limit (2050"
            + " bytes): leave files out with .fnctlignore or make the package smaller",
        during.getMessage());
  }

  @Test
  void aFileThatChangesSizeWhileWrittenIsAnErrorNotACorruptZip() throws Exception {
    CodeEntry liar = new CodeEntry("x.txt", 0644, 10, () -> new ByteArrayInputStream(new byte[20]));
    CodePackage p = new CodePackage(tmp, List.of(liar), null, 10, "unused");
    ProviderException e = assertThrows(ProviderException.class, () -> archive(p, 1 << 20).digest());
    assertTrue(e.getMessage().contains("x.txt changed while it was packaged"), e.getMessage());
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = haystack.length - needle.length; i >= 0; i--) {
      for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
      return i;
    }
    return -1;
  }
}
