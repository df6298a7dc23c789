package dev.fnctl.provider;

import java.nio.file.Path;
import java.util.List;

/**
 * A function's code, ready for a provider to turn into the archive its cloud takes: either the
 * sorted list of file entries of a directory (or of one file), or an archive the user built. Made
 * by {@link CodePackager}; nothing here holds file contents, so a package of any size costs a list.
 *
 * @param source the directory or file it was made from
 * @param entries the files, sorted by path; empty when {@code archive} is set
 * @param archive a {@code .zip} or {@code .jar} the user built, uploaded as it is; null otherwise
 * @param size the bytes of content: the sum of the entries' sizes, or the archive's size
 * @param digest hex SHA-256 over every entry's path, mode and bytes (or of the archive's bytes):
 *     the same code gives the same digest on every machine. Providers whose cloud reports a digest
 *     of the archive (Lambda's CodeSha256) compare that one instead.
 */
public record CodePackage(
    Path source, List<CodeEntry> entries, Path archive, long size, String digest) {
  public CodePackage {
    entries = List.copyOf(entries);
  }
}
