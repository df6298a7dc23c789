package dev.fnctl.cli;

import dev.fnctl.cli.view.ApplyEvents;
import dev.fnctl.cli.view.Palette;
import dev.fnctl.engine.Engine;
import dev.fnctl.engine.StalePlanException;
import dev.fnctl.model.diag.Diagnostic;
import dev.fnctl.model.diag.SpecException;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Providers;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.IFactory;
import picocli.CommandLine.ParameterException;

/**
 * The entry point. {@link #run} parses, runs one command and turns its outcome into an exit code
 * ({@link ExitCode}); it never calls {@code System.exit}, so tests run it in-process.
 */
public final class Main {
  static {
    // Cloud SDKs log through SLF4J; without a binding, SLF4J 2 warns on stderr at first use, which
    // would break the one-line error contract. fnctl reports through its own views instead.
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
  }

  private Main() {}

  public static void main(String... args) {
    PrintWriter out =
        new PrintWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8));
    PrintWriter err =
        new PrintWriter(
            new OutputStreamWriter(
                new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8));
    int code = run(out, err, System.getenv(), args);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs one command line against the real terminal, the providers on the class path and the
   * process's signals (Ctrl-C during apply or destroy stops it gracefully: {@link Interrupts}).
   */
  public static int run(PrintWriter out, PrintWriter err, Map<String, String> env, String... args) {
    Cli cli =
        new Cli(out, err, env, Terminal.system(), () -> Engine.create(Providers.discover(), env));
    cli.interrupts = Interrupts.system();
    return run(cli, args);
  }

  /**
   * As {@link #run(PrintWriter, PrintWriter, Map, String...)}, with the terminal, engine and
   * signals of {@code cli}.
   */
  static int run(Cli cli, String... args) {
    PrintWriter out = cli.out;
    PrintWriter err = cli.err;
    if (noColor(args)) cli.palette = Palette.PLAIN;
    CommandLine commandLine = new CommandLine(FnctlCommand.class, factory(cli));
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setColorScheme(
        CommandLine.Help.defaultColorScheme(cli.palette.enabled() ? Ansi.ON : Ansi.OFF));
    commandLine.setParameterExceptionHandler((ex, a) -> usageError(cli, ex));
    commandLine.setExecutionExceptionHandler((ex, cl, parsed) -> failure(cli, ex));
    Optional<String> terraform = TerraformSpelling.hint(commandLine, args);
    if (terraform.isPresent()) {
      err.println("Error: " + terraform.get());
      err.flush();
      return ExitCode.INVALID;
    }
    int code = commandLine.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** {@code --no-color} anywhere before {@code --}. */
  private static boolean noColor(String... args) {
    for (String a : args) {
      if (a.equals("--")) return false;
      if (a.equals("--no-color")) return true;
    }
    return false;
  }

  private static int usageError(Cli cli, ParameterException ex) {
    cli.err.println(ex.getMessage());
    CommandLine.UnmatchedArgumentException.printSuggestions(ex, cli.err);
    cli.err.println(
        "Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more.");
    cli.err.flush();
    return ExitCode.INVALID;
  }

  /** The one place where an outcome becomes an exit code and a message. */
  static int failure(Cli cli, Exception ex) {
    if (cli.debug()) ex.printStackTrace(cli.err);
    if (cli.events != null) reportOnEvents(cli.events, ex);
    int code;
    if (ex instanceof SpecException spec) {
      for (Diagnostic d : spec.diagnostics()) cli.err.println(d.render());
      code = ExitCode.INVALID;
    } else if (ex instanceof UserError user) {
      cli.err.println("Error: " + oneLine(user));
      code = user.exitCode();
    } else if (ex instanceof StalePlanException stale) {
      cli.err.println(
          "Error: the saved plan is stale: " + oneLine(stale) + "; run 'fnctl plan' again");
      code = ExitCode.ERROR;
    } else if (ex instanceof ProviderException provider) {
      cli.err.println("Error: " + oneLine(provider));
      code = ExitCode.ERROR;
    } else {
      cli.err.println(
          "Error: internal error: "
              + ex
              + (cli.debug()
                  ? ""
                  : " (run with FNCTL_DEBUG=1 for the stack trace, and please report it)"));
      code = ExitCode.ERROR;
    }
    cli.err.flush();
    return code;
  }

  /**
   * Warnings about the spec go to stderr, one per line as errors are, and the command goes on: with
   * {@code --json}, stdout carries only the document.
   */
  static void warn(Cli cli, List<Diagnostic> diagnostics) {
    for (Diagnostic d : diagnostics) {
      if (!d.isError()) cli.err.println(d.render());
    }
    cli.err.flush();
  }

  /** A machine following the event stream sees why it ended there too, not only on stderr. */
  private static void reportOnEvents(ApplyEvents events, Exception ex) {
    if (ex instanceof SpecException spec) {
      for (Diagnostic d : spec.diagnostics()) events.diagnostic(d);
    } else {
      events.error(oneLine(ex));
    }
  }

  /** The contract is one line per error, whatever a cloud's message looks like. */
  private static String oneLine(Exception ex) {
    String message = ex.getMessage();
    if (message == null || message.isBlank()) return ex.getClass().getSimpleName();
    // A value from the user or a cloud may carry control characters: escaped, as in diagnostics.
    return Diagnostic.escape(message.strip().replaceAll("\\s*\\R\\s*", " "));
  }

  /** Hands every command the {@link Cli} through its constructor. */
  private static IFactory factory(Cli cli) {
    IFactory fallback = CommandLine.defaultFactory();
    return new IFactory() {
      @Override
      public <K> K create(Class<K> cls) throws Exception {
        try {
          Constructor<K> c = cls.getDeclaredConstructor(Cli.class);
          c.setAccessible(true);
          return c.newInstance(cli);
        } catch (NoSuchMethodException e) {
          return fallback.create(cls);
        }
      }
    };
  }
}
