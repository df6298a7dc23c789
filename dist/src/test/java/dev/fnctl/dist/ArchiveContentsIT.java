package dev.fnctl.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What makes the archives reproducible, read back from the built files: every entry has the build's
 * fixed time and a fixed mode, entries come in a fixed order (lib/ by name), and the tar.gz and the
 * zip hold the same files. {@code dist/check-reproducible} builds twice and compares the bytes;
 * this checks the properties on every build. Also: every third-party jar is named in THIRD-PARTY.md
 * with its licence.
 */
class ArchiveContentsIT {
  static final Instant FIXED = Instant.parse("2026-01-01T00:00:00Z");
  static final String BASE = "fnctl-" + Installed.VERSION + "/";

  record Entry(String name, int mode, Instant time, byte[] content) {}

  @Test
  void tarEntriesHaveTheFixedTimeModesAndOrder() throws IOException {
    List<Entry> entries = tar(Installed.TAR_GZ);
    List<String> lib = new ArrayList<>();
    for (Entry e : entries) {
      assertTrue(e.name().startsWith(BASE), e.name());
      assertEquals(FIXED, e.time(), e.name());
      String rel = e.name().substring(BASE.length());
      int expected = rel.isEmpty() || rel.endsWith("/") || rel.equals("bin/fnctl") ? 0755 : 0644;
      assertEquals(Integer.toOctalString(expected), Integer.toOctalString(e.mode()), e.name());
      if (rel.startsWith("lib/") && rel.endsWith(".jar")) lib.add(rel);
    }
    List<String> sorted = new ArrayList<>(lib);
    Collections.sort(sorted);
    assertEquals(sorted, lib, "lib/ entries in name order");
    assertTrue(lib.contains("lib/fnctl-cli-" + Installed.VERSION + ".jar"), lib.toString());
    assertTrue(names(entries).contains(BASE + "bin/fnctl"));
    assertTrue(names(entries).contains(BASE + "THIRD-PARTY.md"));
  }

  @Test
  void zipHoldsTheSameFilesWithTheFixedTime() throws IOException {
    List<Entry> tar = tar(Installed.TAR_GZ).stream().filter(e -> !e.name().endsWith("/")).toList();
    List<String> zipNames = new ArrayList<>();
    try (ZipFile zip = new ZipFile(Installed.ZIP.toFile())) {
      for (ZipEntry z : Collections.list(zip.entries())) {
        if (z.isDirectory()) continue;
        zipNames.add(z.getName());
        assertEquals(FIXED, z.getLastModifiedTime().toInstant(), z.getName());
        Entry t = tar.stream().filter(e -> e.name().equals(z.getName())).findFirst().orElseThrow();
        try (InputStream in = zip.getInputStream(z)) {
          assertTrue(java.util.Arrays.equals(t.content(), in.readAllBytes()), z.getName());
        }
      }
    }
    assertEquals(names(tar), zipNames);
  }

  @Test
  void everyThirdPartyJarIsInTheNotices() throws IOException {
    String notices = Files.readString(Installed.ROOT.resolve("dist/src/licenses/THIRD-PARTY.md"));
    for (Entry e : tar(Installed.TAR_GZ)) {
      String rel = e.name().substring(BASE.length());
      if (!rel.startsWith("lib/") || !rel.endsWith(".jar") || rel.startsWith("lib/fnctl-"))
        continue;
      String jar = rel.substring("lib/".length());
      assertTrue(
          notices.contains("| `" + jar + "` |"),
          jar
              + " is not in dist/src/licenses/THIRD-PARTY.md: run `mvn -B -q -pl dist -am package"
              + " -DskipTests && dist/third-party` and check its licence");
    }
  }

  private static List<String> names(List<Entry> entries) {
    return entries.stream().map(Entry::name).toList();
  }

  /** A ustar/GNU tar reader: enough for the archiver's output (names, modes, times, contents). */
  static List<Entry> tar(Path file) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (DataInputStream in =
        new DataInputStream(new GZIPInputStream(Files.newInputStream(file)))) {
      String longName = null;
      byte[] header = new byte[512];
      while (true) {
        try {
          in.readFully(header);
        } catch (EOFException e) {
          break;
        }
        if (header[0] == 0) break;
        String name = string(header, 0, 100);
        int mode = (int) octal(header, 100, 8);
        long size = octal(header, 124, 12);
        long mtime = octal(header, 136, 12);
        char type = (char) header[156];
        String prefix = string(header, 345, 155);
        byte[] content = new byte[(int) size];
        in.readFully(content);
        in.skipNBytes((512 - size % 512) % 512);
        if (type == 'L') {
          longName = new String(content, StandardCharsets.UTF_8).replace("\0", "");
          continue;
        }
        if (longName != null) {
          name = longName;
          longName = null;
        } else if (!prefix.isEmpty()) {
          name = prefix + "/" + name;
        }
        entries.add(new Entry(name, mode & 07777, Instant.ofEpochSecond(mtime), content));
      }
    }
    return entries;
  }

  private static String string(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) end++;
    return new String(b, off, end - off, StandardCharsets.UTF_8);
  }

  private static long octal(byte[] b, int off, int len) {
    String s = string(b, off, len).trim();
    return s.isEmpty() ? 0 : Long.parseLong(s, 8);
  }
}
