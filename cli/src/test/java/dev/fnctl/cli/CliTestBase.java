package dev.fnctl.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A command run in-process against a {@link FakeEngine}: what it prints and the exit code it
 * returns, with no cloud and no colour. A subclass's own {@code @BeforeEach} runs after this one's,
 * so it can set the engine's plan or the environment.
 */
abstract class CliTestBase {
  @TempDir Path dir;
  Path spec;
  final FakeEngine engine = new FakeEngine();
  final Map<String, String> env = new HashMap<>(Map.of("NO_COLOR", "1"));
  String out;
  String err;

  @BeforeEach
  void writeSpec() throws IOException {
    spec = Files.writeString(dir.resolve("fnctl.yaml"), "stack: orders\n");
  }

  int run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    Cli cli = new Cli(new PrintWriter(o), new PrintWriter(e), env, Terminal.NONE, () -> engine);
    int code = Main.run(cli, args);
    out = o.toString();
    err = e.toString();
    return code;
  }
}
