package dev.fnctl.archive;

import dev.fnctl.provider.CodeEntry;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * A zip whose bytes depend only on the entries, written with commons-compress.
 *
 * <p>Every entry is stored, not deflated: deflate output depends on the zlib build (zlib-ng and
 * classic zlib differ), which would make the digest machine-dependent. Every timestamp is
 * 1980-01-01T00:00 (the earliest a zip can hold), names are UTF-8 with the language-encoding flag,
 * the Unix mode is kept (made by Unix, so unzip and Lambda honour the execute bit), and no extra
 * fields are written. Zip64 records appear only when needed (more than 65535 entries, an entry or
 * offset past 4 GiB), so a package made before this writer existed has the same bytes, and the same
 * digest, now.
 *
 * <p>A stored entry written to a stream needs its CRC-32 in the header that precedes it, so each
 * entry is read twice: once for the CRC, once to copy. Nothing is held in memory but a buffer.
 */
public final class ReproducibleZip implements ArchiveFormat {

  @Override
  public void write(List<CodeEntry> entries, OutputStream out) throws IOException {
    // The local time that commons-compress turns into the MS-DOS date 1980-01-01 and time 00:00.
    long epoch =
        LocalDateTime.of(1980, 1, 1, 0, 0)
            .atZone(ZoneId.systemDefault())
            .toInstant()
            .toEpochMilli();
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(new KeptOpen(out))) {
      zip.setUseZip64(Zip64Mode.AsNeeded);
      zip.setMethod(ZipEntry.STORED);
      byte[] buf = new byte[64 * 1024];
      for (CodeEntry e : entries) {
        ZipArchiveEntry z = new ZipArchiveEntry(e.path());
        z.setMethod(ZipEntry.STORED);
        z.setTime(epoch);
        z.setUnixMode(0100000 | e.mode());
        z.setSize(e.size());
        z.setCompressedSize(e.size());
        z.setCrc(crc(e, buf));
        zip.putArchiveEntry(z);
        long copied = 0;
        try (InputStream in = e.content().open()) {
          for (int n; (n = in.read(buf)) > 0; ) {
            if (copied + n > e.size()) throw changed(e);
            zip.write(buf, 0, n);
            copied += n;
          }
        }
        if (copied != e.size()) throw changed(e);
        zip.closeArchiveEntry();
      }
      zip.finish();
    }
  }

  private static long crc(CodeEntry e, byte[] buf) throws IOException {
    CRC32 crc = new CRC32();
    long read = 0;
    try (InputStream in = e.content().open()) {
      for (int n; (n = in.read(buf)) > 0; ) {
        crc.update(buf, 0, n);
        read += n;
      }
    }
    if (read != e.size()) throw changed(e);
    return crc.getValue();
  }

  private static IOException changed(CodeEntry e) {
    return new IOException(
        e.path() + " changed while it was packaged (expected " + e.size() + " bytes)");
  }

  /** The caller's stream, which closing the zip must leave open. */
  private static final class KeptOpen extends FilterOutputStream {
    KeptOpen(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
