package dev.fnctl.provider.azure;

import dev.fnctl.archive.CodeArchive;
import dev.fnctl.archive.ReproducibleZip;
import dev.fnctl.provider.CodeEntry;
import dev.fnctl.provider.CodePackage;
import dev.fnctl.provider.ProviderException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A function app's package as Azure takes it: the reproducible zip of the function's files plus the
 * {@code host.json} and {@code function.json} files fnctl writes from the spec. Its SHA-256 is kept
 * in the app's {@code fnctl-package} tag, which is what the plan compares: an unchanged function
 * plans to no changes, and a change of code or triggers is one update.
 */
final class AzurePackage {
  /**
   * What fnctl lets a package weigh: Flex Consumption takes deployment packages from blob storage
   * and documents no smaller limit than the host's; 1 GiB keeps uploads reasonable.
   */
  static final long MAX_BYTES = 1024L * 1024 * 1024;

  private final CodeArchive archive;
  private final String sha256;

  private AzurePackage(CodeArchive archive, String sha256) {
    this.archive = archive;
    this.sha256 = sha256;
  }

  static AzurePackage of(String function, CodePackage code, List<CodeEntry> generated)
      throws ProviderException {
    List<CodeEntry> entries = new ArrayList<>();
    List<String> taken = generated.stream().map(CodeEntry::path).toList();
    for (CodeEntry e : code.entries()) {
      if (taken.contains(e.path()))
        throw new ProviderException(
            ProviderException.Kind.INVALID,
            "function "
                + function
                + ": its code has a "
                + e.path()
                + ", which fnctl writes from the spec on Azure; remove it from the code directory");
      entries.add(e);
    }
    entries.addAll(generated);
    entries.sort(Comparator.comparing(CodeEntry::path));
    CodePackage merged =
        new CodePackage(
            code.source(),
            entries,
            null,
            entries.stream().mapToLong(CodeEntry::size).sum(),
            code.digest());
    CodeArchive archive =
        new CodeArchive(
            function,
            merged,
            new ReproducibleZip(),
            MAX_BYTES,
            "fnctl's Azure package limit of " + MAX_BYTES / (1024 * 1024) + " MiB");
    return new AzurePackage(archive, archive.digest().sha256Hex());
  }

  /** Hex SHA-256 of the zip. */
  String sha256() {
    return sha256;
  }

  /** The zip in a temporary file (the caller deletes it), checked to be the one planned. */
  Path write() throws ProviderException {
    return archive.writePlanned(sha256);
  }
}
