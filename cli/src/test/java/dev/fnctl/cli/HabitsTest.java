package dev.fnctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.cli.view.PlanFixtures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The field's habits: --no-color, help COMMAND, Terraform's single dash, shell completion. */
class HabitsTest {
  @TempDir Path dir;
  Path spec;
  final FakeEngine engine = new FakeEngine();
  final Map<String, String> env = new HashMap<>(Map.of("TERM", "xterm"));
  String out;
  String err;

  /** A person at a terminal: colour is on unless turned off. */
  final Terminal terminal =
      new Terminal() {
        @Override
        public boolean interactive() {
          return true;
        }

        @Override
        public Optional<String> ask(String prompt) {
          return Optional.of("no");
        }
      };

  @BeforeEach
  void setUp() throws IOException {
    spec = Files.writeString(dir.resolve("fnctl.yaml"), "stack: orders\n");
    engine.plan = PlanFixtures.cases().get("mixed");
  }

  int run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    Cli cli = new Cli(new PrintWriter(o), new PrintWriter(e), env, terminal, () -> engine);
    int code = Main.run(cli, args);
    out = o.toString();
    err = e.toString();
    return code;
  }

  @Test
  void noColorTurnsColourOffOnAnyCommandAsNoColorDoes() {
    assertEquals(0, run("plan", "-f", spec.toString()));
    assertTrue(out.contains("\u001b["), "a terminal gets colour");
    assertEquals(0, run("plan", "-f", spec.toString(), "--no-color"));
    assertFalse(out.contains("\u001b["), out);
    assertEquals(0, run("--no-color", "plan", "-f", spec.toString()));
    assertFalse(out.contains("\u001b["), out);
    assertEquals(0, run("plan", "--help", "--no-color"));
    assertFalse(out.contains("\u001b["), out);
    assertTrue(out.contains("--no-color"), "help lists it: " + out);
  }

  @Test
  void helpCommandShowsACommandsUsage() {
    assertEquals(0, run("help", "plan", "--no-color"));
    assertTrue(out.startsWith("Usage: fnctl plan"), out);
    assertEquals(0, run("help", "--no-color"));
    assertTrue(out.startsWith("Usage: fnctl "), out);
    assertTrue(out.contains("completion"), out);
    assertEquals(ExitCode.INVALID, run("help", "nope"));
    assertTrue(err.startsWith("Error: no command 'nope'; the commands are: validate, plan,"), err);
  }

  @Test
  void terraformSpellingsGetFnctlsInstead() {
    assertEquals(ExitCode.INVALID, run("plan", "-f", spec.toString(), "-target=prod"));
    assertEquals(
        "Error: '-target=prod' is Terraform's spelling; Terraform's -target is --only here: '--only"
            + " ITEM' (e.g. --only function:api), for emergencies; -t/--target names the target"
            + " (the environment) to work on.\n",
        err);
    assertEquals(ExitCode.INVALID, run("apply", "-f", spec.toString(), "-auto-approve"));
    assertEquals(
        "Error: '-auto-approve' is Terraform's spelling; fnctl's is '--auto-approve' (two"
            + " dashes).\n",
        err);
    assertEquals(ExitCode.INVALID, run("plan", "-out=plan.json"));
    assertTrue(err.contains("fnctl's is '--out plan.json' (two dashes)"), err);
    assertEquals(ExitCode.INVALID, run("plan", "-json"));
    assertTrue(err.contains("fnctl's is '--json'"), err);
    assertEquals(ExitCode.INVALID, run("plan", "-var=x=1"));
    assertTrue(err.contains("${env:NAME}"), err);
    assertEquals(ExitCode.INVALID, run("plan", "-no-such=1"));
    assertTrue(err.contains("see 'fnctl plan --help'"), err);
    assertEquals(List.of(), engine.calls, "nothing was read");
  }

  @Test
  void aShortOptionWithItsValueAttachedIsNotTakenForTerraforms() {
    assertEquals(0, run("plan", "-f" + spec, "-tprod"));
    assertEquals(List.of("plan " + spec + " prod NORMAL"), engine.calls);
  }

  @Test
  void bashCompletionCompletesCommandsAndOptions() throws Exception {
    assertEquals(0, run("completion", "bash"));
    Path script = Files.writeString(dir.resolve("fnctl.bash"), out);
    assertEquals(List.of("plan"), complete(script, "fnctl", "pl"));
    assertTrue(complete(script, "fnctl", "plan", "--fo").contains("--format"));
    assertTrue(complete(script, "fnctl", "apply", "--on").contains("--only"));
    assertEquals(0, run("completion", "zsh"));
    assertTrue(out.contains("bashcompinit"), "zsh runs the script through bashcompinit");
    assertEquals(ExitCode.INVALID, run("completion", "fish"));
    assertTrue(err.contains("use bash or zsh"), err);
  }

  /** What bash offers for the last word, with the script sourced as a user's shell would. */
  private static List<String> complete(Path script, String... words) throws Exception {
    String line = String.join(" ", words);
    String program =
        "source '"
            + script
            + "' 2>/dev/null; COMP_WORDS=("
            + line
            + "); COMP_CWORD="
            + (words.length - 1)
            + "; COMP_LINE='"
            + line
            + "'; COMP_POINT="
            + line.length()
            + "; _complete_fnctl fnctl '"
            + words[words.length - 1]
            + "' '"
            + words[words.length - 2]
            + "' 2>/dev/null; printf '%s\\n' \"${COMPREPLY[@]}\"";
    Process p = new ProcessBuilder("bash", "-c", program).redirectErrorStream(true).start();
    String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    return text.lines().filter(l -> !l.isBlank()).toList();
  }
}
