package dev.fnctl.cli;

import dev.fnctl.model.json.JsonException;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.PlanDocument;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A plan file on disk: {@code plan --out} writes it, {@code apply PLAN} reads it. It is readable by
 * its owner only (0600 where the file system has POSIX permissions), because CI keeps it and it
 * names the stack's resources; and it is written whole or not at all, so a cut-off file never
 * replaces a good one.
 */
final class SavedPlanFile {
  private SavedPlanFile() {}

  /**
   * Refuses, before anything is planned, an {@code --out} that cannot be written: a directory, or a
   * file in a directory that does not exist or cannot be written to.
   */
  static void checkWritable(Path file) {
    if (Files.isDirectory(file)) {
      throw UserError.invalid("--out " + file + " is a directory: name a file to save the plan in");
    }
    Path dir = directory(file);
    if (!Files.isDirectory(dir)) {
      throw UserError.invalid(
          "--out " + file + ": the directory " + dir + " does not exist (create it first)");
    }
    if (!Files.isWritable(dir)) {
      throw UserError.invalid("--out " + file + ": the directory " + dir + " is not writable");
    }
    if (Files.exists(file) && !Files.isWritable(file)) {
      throw UserError.invalid("--out " + file + " exists and is not writable");
    }
  }

  static void write(Path file, Plan plan) {
    write(file, PlanDocument.write(plan));
  }

  /** Writes a plan document's text (a plan with what the CLI records beside it, such as --only). */
  static void write(Path file, String document) {
    Path dir = directory(file);
    Path temp = null;
    try {
      temp = Files.createTempFile(dir, ".fnctl-plan-", ".tmp", ownerOnly(dir));
      Files.writeString(temp, document, StandardCharsets.UTF_8);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
      temp = null;
    } catch (IOException e) {
      throw UserError.failed("cannot write the plan to " + file + ": " + e.getMessage());
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException ignored) {
          // the temporary file is left behind; the error above is what matters
        }
      }
    }
  }

  /**
   * The plan in {@code file}. A file that is not a plan (not JSON, cut off, another format) is the
   * user's input problem (exit 3), named with its line and column where there is one.
   */
  static Plan read(Path file) {
    if (Files.isDirectory(file)) throw UserError.invalid(file + " is a directory, not a plan file");
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw UserError.invalid(file + ": no such plan file");
    } catch (java.nio.charset.CharacterCodingException e) {
      throw UserError.invalid(file + ": not a fnctl plan: the file is not UTF-8 text");
    } catch (IOException e) {
      throw UserError.failed("cannot read the plan " + file + ": " + e.getMessage());
    }
    try {
      return PlanDocument.read(text);
    } catch (JsonException e) {
      String at = e.line() > 0 ? ":" + e.line() + ":" + e.column() : "";
      throw UserError.invalid(file + at + ": not a fnctl plan: " + e.problem());
    } catch (IllegalArgumentException e) {
      throw UserError.invalid(file + ": not a fnctl plan: " + e.getMessage());
    }
  }

  private static Path directory(Path file) {
    Path parent = file.toAbsolutePath().normalize().getParent();
    return parent == null ? file.toAbsolutePath().getRoot() : parent;
  }

  private static FileAttribute<?>[] ownerOnly(Path dir) {
    if (!dir.getFileSystem().supportedFileAttributeViews().contains("posix"))
      return new FileAttribute<?>[0];
    return new FileAttribute<?>[] {
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
    };
  }
}
