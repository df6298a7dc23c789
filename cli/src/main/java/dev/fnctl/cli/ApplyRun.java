package dev.fnctl.cli;

import dev.fnctl.cli.view.ApplyEvents;
import dev.fnctl.cli.view.ApplyView;
import dev.fnctl.cli.view.PlanView;
import dev.fnctl.engine.ApplyOptions;
import dev.fnctl.engine.ApplyReport;
import dev.fnctl.engine.PlanSession;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.provider.ProviderException;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Option;

/** What apply and destroy share: options, the confirmation rule, and running the plan. */
final class ApplyRun {

  @Option(
      names = "--auto-approve",
      description =
          "Skips the confirmation. Required when there is no terminal to ask on (CI, pipes).")
  boolean autoApprove;

  @Option(
      names = "--json",
      description =
          "Prints one JSON event per line (planned change, start, progress, done or failed per"
              + " resource, outputs, summary, diagnostics) instead of text; see docs/json-events.md."
              + " Needs --auto-approve: a machine stream cannot be asked for confirmation.")
  boolean json;

  @Option(
      names = "--parallelism",
      paramLabel = "N",
      defaultValue = "" + ApplyOptions.DEFAULT_PARALLELISM,
      description = "How many changes may run at once (default: ${DEFAULT-VALUE}).")
  int parallelism;

  @Option(
      names = "--lock-timeout",
      paramLabel = "DURATION",
      defaultValue = "0s",
      converter = DurationConverter.class,
      description =
          "How long to wait for another run's stack lock, e.g. 30s or 5m (default: ${DEFAULT-VALUE}:"
              + " fail at once).")
  Duration lockTimeout;

  @Option(
      names = "--step-timeout",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "How long one change may take before it is stopped and reported as timed out, e.g. 20m"
              + " (default: the provider's, 30m on AWS, 1m on local). The cloud may still finish"
              + " it; the next apply waits for it.")
  Duration stepTimeout;

  /**
   * Fails before the cloud is read on bad options, and when confirmation is needed and nobody can
   * give it: a CI job without --auto-approve must stop, never hang and never go ahead.
   */
  void refuseEarly(Cli cli, String command) {
    if (json && !autoApprove)
      throw UserError.invalid(
          command
              + " --json needs --auto-approve: nobody can answer a confirmation on a machine"
              + " stream");
    if (parallelism < 1)
      throw UserError.invalid("--parallelism must be 1 or more, not " + parallelism);
    if (stepTimeout != null && (stepTimeout.isZero() || stepTimeout.isNegative()))
      throw UserError.invalid("--step-timeout must be more than 0s, not " + stepTimeout);
    if (autoApprove || cli.terminal.interactive()) return;
    throw UserError.failed(
        command
            + " needs confirmation, but there is no terminal to ask on; run it with --auto-approve"
            + " (as in CI)");
  }

  /**
   * Shows the plan, asks (unless --auto-approve), applies and reports. Returns the exit code. A
   * saved plan is asked about too: nothing changes without a 'yes' or an explicit --auto-approve.
   */
  int run(Cli cli, PlanSession session, boolean destroy) throws ProviderException {
    if (json) return runWithEvents(cli, session, destroy);
    Plan plan = session.plan();
    ApplyView view = new ApplyView(cli.out, cli.palette);
    if (destroy && !plan.hasChanges()) {
      cli.out.printf(
          "Nothing to destroy: stack %s owns no resources on target %s.%n",
          plan.stack(), plan.target());
      cli.out.flush();
      return ExitCode.OK;
    }
    PlanView.human(cli.out, cli.palette).show(plan);
    if (!plan.hasChanges()) {
      view.outputs(plan.outputs());
      return ExitCode.OK;
    }
    if (!autoApprove) confirm(cli, plan, destroy);
    cli.out.println();
    cli.out.flush();
    String operation = destroy ? "destroy" : "apply";
    // Only from here is an interrupt handled: until now nothing was changed and no lock was held.
    Interrupts.Watch interrupts = cli.interrupts.watch(cli.err, operation);
    try {
      ApplyReport report =
          cli.engine()
              .apply(
                  session,
                  new ApplyOptions(
                      parallelism,
                      lockTimeout,
                      operation,
                      stepTimeout,
                      ApplyOptions.DEFAULT_PROGRESS),
                  view);
      view.report(report, destroy);
      return report.succeeded() ? ExitCode.OK : ExitCode.ERROR;
    } finally {
      interrupts.close();
    }
  }

  /**
   * Starts the JSON event stream, before anything can fail, so that failures are reported on it too
   * ({@link Main#failure}). Call it first thing in a command's {@code call()}.
   */
  void begin(Cli cli, String operation) {
    if (!json) return;
    cli.events = new ApplyEvents(cli.out, Clock.systemUTC());
    cli.events.version(Version.number(), operation);
  }

  /** As {@link #run}, with events for the text; always --auto-approve (checked early). */
  private int runWithEvents(Cli cli, PlanSession session, boolean destroy)
      throws ProviderException {
    Plan plan = session.plan();
    ApplyEvents events = cli.events;
    events.planned(plan);
    if (!plan.hasChanges()) {
      if (!destroy) events.outputs(plan.outputs());
      return ExitCode.OK;
    }
    String operation = destroy ? "destroy" : "apply";
    Interrupts.Watch interrupts = cli.interrupts.watch(cli.err, operation);
    try {
      ApplyReport report =
          cli.engine()
              .apply(session, new ApplyOptions(parallelism, lockTimeout, operation), events);
      events.report(report, destroy);
      return report.succeeded() ? ExitCode.OK : ExitCode.ERROR;
    } finally {
      interrupts.close();
    }
  }

  private static void confirm(Cli cli, Plan plan, boolean destroy) {
    String question =
        destroy
            ? "Destroy everything stack " + plan.stack() + " owns on target " + plan.target() + "?"
            : "Apply these changes to stack " + plan.stack() + " on target " + plan.target() + "?";
    cli.out.println();
    cli.out.println(question + " Only 'yes' will be accepted.");
    cli.out.flush();
    String answer = cli.terminal.ask("  Enter a value: ").orElse("").trim();
    if (!answer.equals("yes"))
      throw UserError.failed((destroy ? "destroy" : "apply") + " cancelled; nothing was changed");
  }
}
