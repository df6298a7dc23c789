package dev.fnctl.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A release archive unpacked where a user would put it, outside the checkout, and run as a user
 * would: a separate process whose PATH holds the archive's {@code bin/} and a directory of the few
 * system tools a shell script needs (bash, coreutils, grep, tar, curl...), and no java, mvn or
 * checkout. Java comes from {@code JAVA_HOME} (the JVM running the tests) unless a test takes it
 * away.
 */
final class Installed {
  static final String VERSION = System.getProperty("fnctl.version", "0.1.0-SNAPSHOT");
  static final Path ROOT = Path.of(System.getProperty("fnctl.root", "..")).toAbsolutePath();
  static final Path ARCHIVES =
      Path.of(System.getProperty("fnctl.archives", "target")).toAbsolutePath();
  static final Path TAR_GZ = ARCHIVES.resolve("fnctl-" + VERSION + ".tar.gz");
  static final Path ZIP = ARCHIVES.resolve("fnctl-" + VERSION + ".zip");

  /** What a launcher script, the action's scripts and the tests' shell lines may call. */
  private static final List<String> TOOLS =
      List.of(
          ("bash env sh dirname readlink grep cut cksum mkdir mv rm cp cat awk sed tr head tail wc"
                  + " ls mktemp date sleep tar gzip unzip curl jq sha256sum chmod printf basename touch")
              .split(" "));

  final Path home;
  final Path tools;
  final Path cache;

  private Installed(Path home, Path tools, Path cache) {
    this.home = home;
    this.tools = tools;
    this.cache = cache;
  }

  /** Unpacks {@code archive} (tar.gz or zip) into {@code dir} with the system's tar or unzip. */
  static Installed unpack(Path archive, Path dir) throws IOException {
    assertFalse(dir.toAbsolutePath().startsWith(ROOT), dir + " is inside the checkout " + ROOT);
    assertTrue(
        Files.isRegularFile(archive), archive + " is missing: mvn package builds it in dist/");
    Path into = Files.createDirectories(dir.resolve("install"));
    Result r =
        archive.toString().endsWith(".zip")
            ? exec(into, Map.of(), List.of("unzip", "-q", archive.toString()))
            : exec(into, Map.of(), List.of("tar", "xzf", archive.toString()));
    r.expect(0);
    Path tools = Files.createDirectories(dir.resolve("tools"));
    for (String tool : TOOLS) {
      Path found = which(tool);
      if (found != null) Files.createSymbolicLink(tools.resolve(tool), found);
    }
    return new Installed(into.resolve("fnctl-" + VERSION), tools, dir.resolve("cache"));
  }

  Path bin() {
    return home.resolve("bin");
  }

  /** The environment of a user's shell with only the archive and the basic tools on PATH. */
  Map<String, String> env() {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", bin() + File.pathSeparator + tools);
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("XDG_CACHE_HOME", cache.toString());
    env.put("HOME", cache.getParent().toString());
    env.put("NO_COLOR", "1");
    return env;
  }

  /** {@code fnctl ARGS} in {@code dir}, found through PATH as a user types it. */
  Result fnctl(Path dir, String... args) {
    return fnctl(dir, env(), args);
  }

  Result fnctl(Path dir, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>(List.of("bash", "-c", "exec fnctl \"$@\"", "fnctl"));
    command.addAll(List.of(args));
    return exec(dir, env, command);
  }

  record Result(List<String> command, int code, String out, String err) {
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
  }

  /** Runs {@code command} with exactly {@code env} (nothing inherited but what is given). */
  static Result exec(Path dir, Map<String, String> env, List<String> command) {
    try {
      Path out = Files.createTempFile("dist-out", ".txt");
      Path err = Files.createTempFile("dist-err", ".txt");
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
      if (!env.isEmpty()) {
        pb.environment().clear();
        pb.environment().putAll(env);
        // An executable is looked up by the JVM in its own PATH, not the child's.
        String first = command.get(0);
        if (!first.contains("/")) {
          for (String d : env.get("PATH").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, first))) {
              command = new ArrayList<>(command);
              command.set(0, Path.of(d, first).toString());
              pb.command(command);
              break;
            }
          }
        }
      }
      pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      pb.redirectOutput(out.toFile());
      pb.redirectError(err.toFile());
      Process p = pb.start();
      if (!p.waitFor(5, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        throw new AssertionError("timed out: " + command);
      }
      Result r =
          new Result(
              command,
              p.exitValue(),
              Files.readString(out, StandardCharsets.UTF_8),
              Files.readString(err, StandardCharsets.UTF_8));
      Files.delete(out);
      Files.delete(err);
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static Path which(String tool) {
    for (String d : System.getenv("PATH").split(File.pathSeparator)) {
      Path p = Path.of(d, tool);
      if (Files.isExecutable(p)) return p;
    }
    return null;
  }

  /** The template names of templates/index.tsv, which init packs into the jar. */
  static List<String> templates() {
    try {
      return Files.readAllLines(ROOT.resolve("templates/index.tsv")).stream()
          .filter(l -> !l.isBlank() && !l.startsWith("#"))
          .map(l -> l.split("\t", 2)[0].strip())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
