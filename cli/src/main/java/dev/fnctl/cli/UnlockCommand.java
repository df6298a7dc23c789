package dev.fnctl.cli;

import dev.fnctl.model.diag.SpecException;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.StackLock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "unlock",
    description = {
      "Removes the stack lock of a target. Use it only when the run holding it was killed: removing"
          + " the lock of a run still going lets two runs change the stack at once.",
      "Shows the lock first. With LOCK_ID (the id the lock error and this command show, as"
          + " 'terraform force-unlock LOCK_ID' takes it) only that lock is removed: a lock another"
          + " run took since is left alone. On a terminal it asks before removing, unless --force.",
      "Exit codes: 0 removed (or no lock held), 1 error, a different lock id or not confirmed,"
          + " 3 invalid spec or command line."
    })
final class UnlockCommand implements Callable<Integer> {
  private final Cli cli;

  @Mixin HelpOption help;
  @Mixin SpecOptions spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "LOCK_ID",
      description = "Removes the lock only if its id is this one.")
  String lockId;

  @Option(names = "--force", description = "Does not ask for confirmation on a terminal.")
  boolean force;

  UnlockCommand(Cli cli) {
    this.cli = cli;
  }

  @Override
  public Integer call() throws SpecException, ProviderException {
    Optional<StackLock.Holder> held = cli.engine().lockHolder(spec.existingFile(), spec.target);
    if (held.isEmpty()) {
      cli.out.println("No lock was held.");
      cli.out.flush();
      return ExitCode.OK;
    }
    StackLock.Holder h = held.get();
    if (lockId != null && !lockId.equals(h.id()))
      throw UserError.failed(
          "the stack lock is held by "
              + describe(h)
              + ", not lock id "
              + lockId
              + "; nothing was removed");
    if (cli.terminal.interactive() && !force) {
      cli.out.println("The stack lock is held by " + describe(h) + ".");
      cli.out.println(
          "Remove it? Only if that run is no longer going. Only 'yes' will be accepted.");
      cli.out.flush();
      String answer = cli.terminal.ask("  Enter a value: ").orElse("").trim();
      if (!answer.equals("yes")) throw UserError.failed("unlock cancelled; the lock is still held");
    }
    // Removes the lock that was shown, by its id: one another run took meanwhile is left alone.
    Optional<StackLock.Holder> removed =
        cli.engine().unlock(spec.existingFile(), spec.target, h.id());
    if (removed.isPresent()) {
      cli.out.printf("Removed the lock held by %s.%n", describe(removed.get()));
    } else {
      cli.out.println("No lock was held.");
    }
    cli.out.flush();
    return ExitCode.OK;
  }

  private static String describe(StackLock.Holder h) {
    return h.who() + " (" + h.operation() + " since " + h.since() + ", lock id " + h.id() + ")";
  }
}
