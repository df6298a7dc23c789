package dev.fnctl.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
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
          + " 'fnctl apply' on the local target. Existing files are never overwritten.",
      "Exit codes: 0 created, 1 a file exists already or cannot be written, 3 unknown template or"
          + " bad command line."
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
      index.forEach((name, description) -> cli.out.println(name + " ".repeat(width - name.length() + 2) + description));
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
                        "no template named '" + name + "'; choose one of: " + String.join(", ", index.keySet())));
    List<Path> clashes = new ArrayList<>();
    for (String f : files) if (Files.exists(dir.resolve(f), java.nio.file.LinkOption.NOFOLLOW_LINKS)) clashes.add(dir.resolve(f));
    if (!clashes.isEmpty()) {
      throw UserError.failed(
          clashes.get(0) + " already exists" + (clashes.size() > 1 ? " (and " + (clashes.size() - 1) + " more)" : "")
              + "; init never overwrites: choose an empty directory");
    }
    Path base = dir.toAbsolutePath().normalize();
    for (String f : files) {
      Path target = base.resolve(f).normalize();
      if (!target.startsWith(base)) throw new IllegalStateException("template " + name + " lists a file outside it: " + f);
      Files.createDirectories(target.getParent());
      Files.write(target, templates.read(name, f));
      if (isScript(f)) makeExecutable(target);
    }
    cli.out.printf("Created %d files in %s from template %s.%n", files.size(), dir, name);
    String where = dir.equals(Path.of(".")) ? "" : "cd " + dir + " && ";
    cli.out.printf("Next: %sfnctl plan, then fnctl apply (the local target needs no cloud account).%n", where);
    cli.out.flush();
    return ExitCode.OK;
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
