package dev.fnctl.cli;

import dev.fnctl.engine.Engine;
import dev.fnctl.engine.Only;
import dev.fnctl.model.json.Json;
import dev.fnctl.model.plan.Plan;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --only ITEM} on plan and apply: for emergencies, as Terraform documents -target. */
final class OnlyOption {
  /** The key a saved plan made with --only records it under, next to the plan's own fields. */
  static final String KEY = "only";

  @Option(
      names = "--only",
      paramLabel = "ITEM",
      description =
          "For emergencies only (as Terraform's -target): plans only the changes of spec item ITEM,"
              + " written KIND:NAME (function:api, queue:orders, bucket:items), and of what it"
              + " depends on. Everything else is left as it is, so the cloud may not match the spec"
              + " until a full apply. A plan saved with --out records it.")
  String item;

  /** Null without --only. */
  Only only() {
    if (item == null) return null;
    try {
      return Only.parse(item);
    } catch (IllegalArgumentException e) {
      throw UserError.invalid("--only " + e.getMessage());
    }
  }

  /** The engine, cut down to the item when --only is given. */
  static Engine engine(Cli cli, Only only) {
    return only == null ? cli.engine() : cli.engine().only(only);
  }

  /**
   * An unknown item leaves a normal plan empty (up-to-date resources are in it as no-ops): say so
   * rather than report "no changes" for a typo.
   */
  static void checkFound(Only only, Plan plan) {
    if (only != null && plan.changes().isEmpty()) {
      throw UserError.invalid(
          "--only "
              + only.text()
              + ": target "
              + plan.target()
              + " has no spec item '"
              + only.item()
              + "' (write KIND:NAME as the plan groups them, e.g. function:api)");
    }
  }

  /** Said before the plan, every time: a partial plan must never pass for a whole one. */
  static void warn(Only only, PrintWriter to) {
    if (only == null) return;
    to.printf("Warning: %s%n%n", warning(only));
    to.flush();
  }

  static String warning(Only only) {
    return String.format(
        "--only %s: this plan holds only the changes of %s and of what it depends on; the rest of"
            + " the spec is not planned. Use it for emergencies, then run a full plan.",
        only.text(), only.item());
  }

  /** The recorded --only of a saved plan's JSON, or null. */
  static Only recorded(Map<String, Object> savedJson) {
    Object o = savedJson.get(KEY);
    if (o == null) return null;
    if (!(o instanceof String s)) throw new IllegalArgumentException(KEY + " must be a string");
    return Only.parse(s);
  }

  /** The plan's JSON with the --only it was made with, when there was one. */
  static String withRecorded(Only only, Map<String, Object> planJson) {
    if (only != null) planJson.put(KEY, only.text());
    return Json.write(planJson) + "\n";
  }
}
