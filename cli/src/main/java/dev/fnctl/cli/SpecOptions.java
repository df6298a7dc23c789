package dev.fnctl.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which spec and which of its targets a command works on. */
final class SpecOptions {
  static final String DEFAULT_FILE = "fnctl.yaml";

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "The spec file (default: ${DEFAULT-VALUE}).",
      defaultValue = DEFAULT_FILE)
  Path file;

  @Option(
      names = {"-t", "--target"},
      paramLabel = "NAME",
      description =
          "The target to work on. Default: the only target; with several, the first one on the"
              + " local provider (if there is none, name one with -t); without any, an implicit"
              + " local target.")
  String target;

  /** The spec file, which must exist: a missing file is the user's input problem (exit 3). */
  Path existingFile() {
    return existing(file);
  }

  static Path existing(Path file) {
    if (Files.isDirectory(file)) {
      throw UserError.invalid(
          file
              + ": is a directory; point -f at the spec file inside it, e.g. -f "
              + file.resolve(DEFAULT_FILE));
    }
    if (!Files.isRegularFile(file)) {
      String hint =
          file.toString().equals(DEFAULT_FILE)
              ? " (name another one with -f FILE, or create one with 'fnctl init')"
              : "";
      throw UserError.invalid(file + ": no such spec file" + hint);
    }
    return file;
  }
}
