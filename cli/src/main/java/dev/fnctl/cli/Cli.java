package dev.fnctl.cli;

import dev.fnctl.cli.view.ApplyEvents;
import dev.fnctl.cli.view.Palette;
import dev.fnctl.engine.Engine;
import java.io.PrintWriter;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a command gets from the outside world: its streams, the environment, the terminal (if any),
 * and the engine. Passed in so tests run every command in-process with fakes.
 */
final class Cli {
  final PrintWriter out;
  final PrintWriter err;
  final Map<String, String> env;
  final Terminal terminal;

  /** From the environment; {@code --no-color} turns it plain before a command runs. */
  Palette palette;

  /** What {@code init} scaffolds from; tests swap in their own. */
  Templates templates = Templates.packaged();

  /**
   * How apply and destroy hear of Ctrl-C and SIGTERM: the real signals only when run from {@link
   * Main}.
   */
  Interrupts interrupts = Interrupts.NONE;

  /**
   * The JSON event stream of {@code apply --json} or {@code destroy --json}, once started: errors
   * that end the run are reported on it as well as on stderr.
   */
  ApplyEvents events;

  private final Supplier<Engine> engines;
  private Engine engine;

  Cli(
      PrintWriter out,
      PrintWriter err,
      Map<String, String> env,
      Terminal terminal,
      Supplier<Engine> engines) {
    this.out = out;
    this.err = err;
    this.env = env;
    this.terminal = terminal;
    this.palette = Palette.forEnvironment(env, terminal.interactive());
    this.engines = engines;
  }

  /**
   * Made on first use: {@code --help}, {@code init} and {@code schema} never discover providers.
   */
  Engine engine() {
    if (engine == null) engine = engines.get();
    return engine;
  }

  boolean debug() {
    return "1".equals(env.get("FNCTL_DEBUG"));
  }
}
