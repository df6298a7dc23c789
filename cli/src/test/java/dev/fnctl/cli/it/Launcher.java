package dev.fnctl.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Runs the real {@code ./fnctl} launcher of this checkout as a user would: a separate process, in a
 * scratch directory, with {@code NO_COLOR=1}, stdin from /dev/null (no terminal), and no {@code
 * FNCTL_DEBUG}.
 */
final class Launcher {
  static final Path ROOT = findRoot();
  static final Path SCRIPT = ROOT.resolve("fnctl");

  private Launcher() {}

  record Result(List<String> command, int code, String out, String err) {
    /** The exit code, with everything printed shown when it is not the one expected. */
    Result expect(int expected) {
      assertEquals(
          expected,
          code,
          () ->
              "exit code of "
                  + String.join(" ", command)
                  + "\n--- stdout\n"
                  + out
                  + "\n--- stderr\n"
                  + err);
      return this;
    }

    /** User-facing failures are messages, never Java stack traces. */
    Result noStackTrace() {
      for (String s : new String[] {out, err}) {
        assertFalse(
            s.contains("\tat ") || s.contains("Exception in thread"),
            () -> "stack trace printed:\n" + s);
      }
      return this;
    }
  }

  static Result run(Path dir, String... args) {
    return run(dir, Map.of(), args);
  }

  static Result run(Path dir, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(SCRIPT.toString());
    command.addAll(List.of(args));
    return exec(dir, env, null, command);
  }

  /** Runs any command the same way, with {@code input} as its stdin (null: /dev/null). */
  static Result exec(Path dir, Map<String, String> env, String input, List<String> command) {
    return start(dir, env, input, command).finish(Duration.ofMinutes(5));
  }

  /** Starts the launcher the same way without waiting, for tests that signal or kill it mid-run. */
  static Running start(Path dir, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(SCRIPT.toString());
    command.addAll(List.of(args));
    return start(dir, env, null, command);
  }

  private static Running start(
      Path dir, Map<String, String> env, String input, List<String> command) {
    try {
      Path out = Files.createTempFile("fnctl-out", ".txt");
      Path err = Files.createTempFile("fnctl-err", ".txt");
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
      pb.environment().remove("FNCTL_DEBUG");
      pb.environment().remove("FNCTL_JAVA_OPTS");
      pb.environment().put("NO_COLOR", "1");
      pb.environment().putAll(env);
      // An empty value here means "leave it unset", to test what happens without it.
      env.forEach(
          (k, v) -> {
            if (v.isEmpty()) pb.environment().remove(k);
          });
      Path in = null;
      if (input == null) {
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      } else {
        in = Files.writeString(Files.createTempFile("fnctl-in", ".txt"), input);
        pb.redirectInput(in.toFile());
      }
      pb.redirectOutput(out.toFile());
      pb.redirectError(err.toFile());
      return new Running(command, pb.start(), out, err, in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A run in progress. The launcher execs the JVM, so signals sent to its pid reach fnctl itself.
   */
  static final class Running {
    private final List<String> command;
    private final Process process;
    private final Path out;
    private final Path err;
    private final Path in;

    private Running(List<String> command, Process process, Path out, Path err, Path in) {
      this.command = command;
      this.process = process;
      this.out = out;
      this.err = err;
      this.in = in;
    }

    String out() {
      return read(out);
    }

    String err() {
      return read(err);
    }

    /**
     * Waits until what it printed on {@code stream} so far satisfies {@code ready}; fails if it
     * ends first.
     */
    private Running await(Path stream, Predicate<String> ready, Duration timeout, String what) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!ready.test(read(stream))) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new AssertionError(
              (process.isAlive() ? "timed out" : "exited")
                  + " before "
                  + what
                  + ": "
                  + String.join(" ", command)
                  + "\n--- stdout\n"
                  + out()
                  + "\n--- stderr\n"
                  + err());
        }
        Launcher.sleep(100);
      }
      return this;
    }

    Running awaitOut(Predicate<String> ready, Duration timeout, String what) {
      return await(out, ready, timeout, what);
    }

    Running awaitErr(Predicate<String> ready, Duration timeout, String what) {
      return await(err, ready, timeout, what);
    }

    /**
     * SIGTERM, as a CI system sends to a cancelled job (what {@link Process#destroy} sends on Linux
     * and macOS).
     */
    Running terminate() {
      process.destroy();
      return this;
    }

    /** SIGKILL: {@code kill -9}, which nothing can handle. */
    Running kill() {
      process.destroyForcibly();
      return this;
    }

    /** Waits for the exit and returns everything it printed. */
    Result finish(Duration timeout) {
      try {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          throw new AssertionError(
              "timed out: " + command + "\n--- stdout\n" + out() + "\n--- stderr\n" + err());
        }
        Result r = new Result(command, process.exitValue(), out(), err());
        Files.delete(out);
        Files.delete(err);
        if (in != null) Files.delete(in);
        return r;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }

    private static String read(Path file) {
      try {
        return Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The checkout holding this module: the first ancestor with the launcher and a pom. */
  private static Path findRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null) {
      if (Files.isRegularFile(p.resolve("fnctl")) && Files.isRegularFile(p.resolve("pom.xml")))
        return p;
      p = p.getParent();
    }
    throw new IllegalStateException("no ./fnctl launcher above " + Path.of("").toAbsolutePath());
  }

  /** The samples present in this checkout: every directory under samples/ with a fnctl.yaml. */
  static List<Path> samples() {
    Path dir = ROOT.resolve("samples");
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(d -> Files.isRegularFile(d.resolve("fnctl.yaml"))).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The template names of templates/index.tsv, which init packs into the jar. */
  static List<String> templates() {
    Path index = ROOT.resolve("templates/index.tsv");
    if (!Files.isRegularFile(index)) return List.of();
    try {
      return Files.readAllLines(index).stream()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .map(l -> l.split("\t", 2)[0].strip())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies a sample to a scratch directory so its .fnctl/ state never lands in the checkout. */
  static Path copy(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path rel = from.relativize(f);
        if (rel.toString().startsWith(".fnctl") || rel.toString().contains("node_modules"))
          continue;
        Path t = to.resolve(rel.toString());
        if (Files.isDirectory(f)) Files.createDirectories(t);
        else Files.copy(f, t, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
      }
      return to;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
