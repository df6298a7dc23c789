package dev.fnctl.cli;

import dev.fnctl.model.diag.SpecException;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.StackLock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "unlock",
    description = {
      "Removes the stack lock of a target, whoever holds it. Use it only when the run holding it"
          + " was killed: removing the lock of a run still going lets two runs change the stack at"
          + " once.",
      "Exit codes: 0 removed (or no lock held), 1 error, 3 invalid spec or command line."
    })
final class UnlockCommand implements Callable<Integer> {
  private final Cli cli;

  @Mixin HelpOption help;
  @Mixin SpecOptions spec;

  UnlockCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() throws SpecException, ProviderException {
    Optional<StackLock.Holder> removed = cli.engine().unlock(spec.existingFile(), spec.target);
    if (removed.isPresent()) {
      StackLock.Holder h = removed.get();
      cli.out.printf(
          "Removed the lock held by %s (%s since %s, lock id %s).%n",
          h.who(), h.operation(), h.since(), h.id());
    } else {
      cli.out.println("No lock was held.");
    }
    cli.out.flush();
    return ExitCode.OK;
  }
}
