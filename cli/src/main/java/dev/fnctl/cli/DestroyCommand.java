package dev.fnctl.cli;

import dev.fnctl.engine.Engine.PlanMode;
import dev.fnctl.engine.PlanSession;
import dev.fnctl.model.diag.SpecException;
import dev.fnctl.provider.ProviderException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "destroy",
    description = {
      "Deletes everything the stack owns on the target (resources tagged with its stack and"
          + " target), in reverse dependency order. Resources it does not own, including"
          + " 'existing:' queues, topics and buckets, are never touched.",
      "Shows the plan and asks for confirmation ('yes'); without a terminal it refuses unless"
          + " --auto-approve is given.",
      "Ctrl-C (or SIGTERM) while it deletes stops it: no new deletion starts, the ones in flight"
          + " finish and the lock is released. A second Ctrl-C exits at once and leaves the lock held"
          + " ('fnctl unlock').",
      "Exit codes: 0 destroyed (or nothing to do), 1 error, partial or interrupted destroy, 3 invalid"
          + " spec or command line."
    })
final class DestroyCommand implements Callable<Integer> {
  private final Cli cli;

  @Mixin HelpOption help;
  @Mixin SpecOptions spec;
  @Mixin ApplyRun run;

  DestroyCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() throws SpecException, ProviderException {
    run.begin(cli, "destroy");
    run.refuseEarly(cli, "destroy");
    Path file = spec.existingFile();
    try (PlanSession session = cli.engine().plan(file, spec.target, PlanMode.DESTROY)) {
      Main.warn(cli, session.warnings());
      return run.run(cli, session, true);
    }
  }
}
