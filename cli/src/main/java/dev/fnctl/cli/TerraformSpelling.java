package dev.fnctl.cli;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Terraform's single-dash options ({@code -target=x}, {@code -auto-approve}, {@code -out=plan}) are
 * in people's fingers. Left to the parser they mislead: {@code -target=x} reads as {@code -t} with
 * the value {@code arget=x}. So they are caught before parsing and answered with fnctl's spelling.
 *
 * <p>A single-dash word is taken for one only when fnctl could not mean it otherwise: it is one of
 * Terraform's names below, or {@code --NAME} is an option of the command, or it has an {@code =} or
 * an inner dash. {@code -tprod} (the short option {@code -t} with its value attached) is left
 * alone.
 */
final class TerraformSpelling {
  private static final Pattern SINGLE_DASH =
      Pattern.compile("-([a-z][a-z0-9]*(?:-[a-z0-9]+)*)(=(.*))?");

  /** Terraform options whose fnctl counterpart is not simply the same name with two dashes. */
  private static final Map<String, String> DIFFERENT =
      Map.ofEntries(
          Map.entry(
              "target",
              "Terraform's -target is --only here: '--only ITEM' (e.g. --only function:api), for"
                  + " emergencies; -t/--target names the target (the environment) to work on"),
          Map.entry(
              "var",
              "fnctl has no -var: the spec reads values from the environment with ${env:NAME}"),
          Map.entry(
              "var-file",
              "fnctl has no -var-file: the spec reads values from the environment with"
                  + " ${env:NAME}"),
          Map.entry("chdir", "fnctl has no -chdir: name the spec with -f DIR/fnctl.yaml"),
          Map.entry("destroy", "to plan and make a destroy, run 'fnctl destroy'"),
          Map.entry("refresh", "fnctl always reads the live cloud: there is nothing to refresh"),
          Map.entry(
              "input",
              "fnctl never prompts without a terminal; give --auto-approve to apply in CI"),
          Map.entry(
              "lock",
              "fnctl always takes the stack lock; '--lock-timeout 30s' waits for another run's"),
          Map.entry("help", "fnctl's is '--help' (or 'fnctl help COMMAND')"),
          Map.entry("version", "fnctl's is '--version'"));

  private TerraformSpelling() {}

  /** The message for the first Terraform-style option in {@code args}, if there is one. */
  static Optional<String> hint(CommandLine root, String... args) {
    CommandSpec command = root.getCommandSpec();
    for (String arg : args) {
      if (arg.equals("--")) break;
      CommandLine sub = command.subcommands().get(arg);
      if (sub != null) {
        command = sub.getCommandSpec();
        continue;
      }
      Matcher m = SINGLE_DASH.matcher(arg);
      if (!m.matches() || m.group(1).length() < 2) continue;
      String name = m.group(1);
      String value = m.group(3);
      String different = DIFFERENT.get(name);
      if (different != null) return Optional.of(message(arg, different));
      boolean known = command.findOption("--" + name) != null;
      if (!known && value == null && !name.contains("-")) continue;
      String spelling =
          known
              ? "fnctl's is '--" + name + (value == null ? "" : " " + value) + "' (two dashes)"
              : "fnctl's options start with two dashes: see 'fnctl "
                  + (command.parent() == null ? "" : command.name() + " ")
                  + "--help'";
      return Optional.of(message(arg, spelling));
    }
    return Optional.empty();
  }

  private static String message(String arg, String advice) {
    return "'" + arg + "' is Terraform's spelling; " + advice + ".";
  }
}
