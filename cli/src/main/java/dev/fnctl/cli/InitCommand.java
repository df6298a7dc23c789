package dev.fnctl.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "init",
    description = {
      "Creates a new project from a template: a spec (fnctl.yaml) and function code, ready for"
          + " 'fnctl apply' on the local target. Existing files are never overwritten; an existing"
          + " .gitignore gets the template's patterns it lacks (.fnctl/ among them).",
      "Exit codes: 0 created, 1 a file exists already or cannot be written, 3 unknown template,"
          + " DIR is a file, or bad command line."
    })
final class InitCommand implements Callable<Integer> {
  private final Cli cli;

  @Mixin HelpOption help;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Choice choice;

  static final class Choice {
    @Option(
        names = "--template",
        paramLabel = "NAME",
        description = "The template to start from; 'fnctl init --list' shows them.")
    String template;

    @Option(names = "--list", description = "Lists the templates and exits.")
    boolean list;
  }

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DIR",
      description = "Where to create the project (default: the current directory).")
  Path dir = Path.of(".");

  InitCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() throws IOException {
    Templates templates = cli.templates;
    Map<String, String> index = templates.index();
    if (choice.list) {
      int width = index.keySet().stream().mapToInt(String::length).max().orElse(0);
      index.forEach(
          (name, description) ->
              cli.out.println(name + " ".repeat(width - name.length() + 2) + description));
      cli.out.flush();
      return ExitCode.OK;
    }
    String name = choice.template;
    List<String> files =
        templates
            .files(name)
            .orElseThrow(
                () ->
                    UserError.invalid(
                        "no template named '"
                            + name
                            + "'; choose one of: "
                            + String.join(", ", index.keySet())));
    for (Path p = dir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
      if (!Files.exists(p)) continue; // made below
      if (!Files.isDirectory(p)) {
        throw UserError.invalid(
            (p.equals(dir.toAbsolutePath().normalize()) ? dir : p)
                + " is a file, not a directory; name the"
                + " directory to create the project in");
      }
      break;
    }
    Set<Path> clashes = new LinkedHashSet<>();
    for (String f : files) {
      if (isGitignore(f) && Files.isRegularFile(dir.resolve(f), LinkOption.NOFOLLOW_LINKS))
        continue; // added to
      clash(f).ifPresent(clashes::add);
    }
    if (!clashes.isEmpty()) {
      throw UserError.failed(
          clashes.iterator().next()
              + " already exists"
              + (clashes.size() > 1 ? " (and " + (clashes.size() - 1) + " more)" : "")
              + "; init never overwrites: move it away or choose another directory");
    }
    Path base = dir.toAbsolutePath().normalize();
    int created = 0;
    Map<Path, List<String>> added = new java.util.LinkedHashMap<>();
    for (String f : files) {
      Path target = base.resolve(f).normalize();
      if (!target.startsWith(base))
        throw new IllegalStateException("template " + name + " lists a file outside it: " + f);
      try {
        if (isGitignore(f) && Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
          List<String> lines = addMissingLines(target, templates.read(name, f));
          if (!lines.isEmpty()) added.put(dir.resolve(f), lines);
          continue;
        }
        Files.createDirectories(target.getParent());
        Files.write(
            target,
            templates.read(name, f),
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE);
        created++;
      } catch (IOException e) {
        throw UserError.failed("cannot write " + dir.resolve(f) + ": " + reason(e));
      }
      if (isScript(f)) makeExecutable(target);
    }
    cli.out.printf("Created %d files in %s from template %s.%n", created, dir, name);
    added.forEach((f, lines) -> cli.out.printf("Added %s to %s.%n", String.join(", ", lines), f));
    String where = dir.equals(Path.of(".")) ? "" : "cd " + dir + " && ";
    cli.out.printf(
        "Next: %sfnctl plan, then fnctl apply (the local target needs no cloud account).%n", where);
    cli.out.flush();
    return ExitCode.OK;
  }

  /**
   * What is in the way of a template's file: the file itself, or a file where one of the
   * directories it goes in should be.
   */
  private Optional<Path> clash(String file) {
    Path relative = Path.of(file);
    for (int i = 1; i <= relative.getNameCount(); i++) {
      Path at = dir.resolve(relative.subpath(0, i).toString());
      if (!Files.exists(at, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
      if (i == relative.getNameCount() || !Files.isDirectory(at)) return Optional.of(at);
    }
    return Optional.empty();
  }

  /**
   * A {@code .gitignore} the directory already has (a repository's) is added to rather than in the
   * way: projects are often started inside one, and {@code .fnctl/} must stay out of it.
   */
  private static boolean isGitignore(String file) {
    return Path.of(file).getFileName().toString().equals(".gitignore");
  }

  /** Appends the template's patterns the file does not have yet, and returns them. */
  private static List<String> addMissingLines(Path file, byte[] template) throws IOException {
    String existing = Files.readString(file, StandardCharsets.UTF_8);
    Set<String> have = new java.util.HashSet<>();
    existing.lines().map(String::strip).forEach(have::add);
    List<String> missing =
        new String(template, StandardCharsets.UTF_8)
            .lines()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#") && !have.contains(l))
            .toList();
    if (missing.isEmpty()) return missing;
    StringBuilder text = new StringBuilder();
    if (!existing.isEmpty() && !existing.endsWith("\n")) text.append('\n');
    text.append("\n# fnctl: the local target's state and local leftovers\n");
    missing.forEach(l -> text.append(l).append('\n'));
    Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    return missing;
  }

  private static String reason(IOException e) {
    if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null)
      return f.getReason();
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** A jar keeps no file modes; scripts are the files users expect to run. */
  private static boolean isScript(String f) {
    return f.endsWith(".sh");
  }

  private static void makeExecutable(Path file) {
    try {
      var perms = EnumSet.copyOf(Files.getPosixFilePermissions(file));
      perms.add(PosixFilePermission.OWNER_EXECUTE);
      Files.setPosixFilePermissions(file, perms);
    } catch (UnsupportedOperationException | IOException ignored) {
      // Not a POSIX file system: nothing to mark.
    }
  }
}
