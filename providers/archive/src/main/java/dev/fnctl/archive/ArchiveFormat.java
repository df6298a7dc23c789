package dev.fnctl.archive;

import dev.fnctl.provider.CodeEntry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes code entries as the archive a cloud takes. The small interface between the neutral package
 * (plain data in the SPI) and a library that knows the format, as Jib keeps its reproducible layer
 * writer behind its build plan.
 *
 * <p>An implementation must be reproducible (the same entries give the same bytes on every machine,
 * since clouds compare digests of the archive), must stream (an entry is copied, never held whole),
 * and must not close {@code out}.
 */
public interface ArchiveFormat {

  /** Writes {@code entries}, in the order given, to {@code out}. */
  void write(List<CodeEntry> entries, OutputStream out) throws IOException;
}
