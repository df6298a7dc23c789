package dev.fnctl.cli.view;

import dev.fnctl.model.diag.Diagnostic;
import dev.fnctl.model.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code validate --format sarif}: spec problems as a SARIF 2.1.0 log, which GitHub code scanning
 * (and other tools) show on the lines of a pull request.
 *
 * <p>A diagnostic carries no rule of its own, so the rule a result breaks is the spec field it is
 * about, with the user's names and list indices generalised: {@code functions.resize.memory} and
 * {@code functions.thumbs.memory} break the same rule, {@code functions.*.memory}. That keeps rule
 * ids stable across specs and runs, which code scanning needs to track a problem over commits. A
 * problem about the document as a whole (YAML syntax, a missing file) has the rule {@code spec}.
 */
public final class SarifLog {
  static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";

  /** Sections and maps whose keys are the user's own names, not fields. */
  private static final Set<String> NAMED =
      Set.of("targets", "functions", "queues", "topics", "buckets", "budgets", "env", "secrets");

  private SarifLog() {}

  /**
   * The log for one run of {@code validate}.
   *
   * @param version fnctl's version, for the tool's driver
   */
  public static String write(String version, List<Diagnostic> problems) {
    List<String> ruleIds = new ArrayList<>();
    List<Object> results = new ArrayList<>();
    for (Diagnostic d : problems) {
      String rule = ruleId(d.path());
      if (!ruleIds.contains(rule)) ruleIds.add(rule);
      results.add(result(d, rule, ruleIds.indexOf(rule)));
    }
    List<Object> rules = new ArrayList<>();
    for (String id : ruleIds) {
      rules.add(
          map(
              "id",
              id,
              "shortDescription",
              map(
                  "text",
                  id.equals("spec")
                      ? "The spec file must be readable YAML."
                      : "The value of " + id + " must be valid.")));
    }
    Map<String, Object> driver = map("name", "fnctl", "version", version, "rules", rules);
    Map<String, Object> run = map("tool", map("driver", driver), "results", results);
    return Json.write(map("$schema", SCHEMA, "version", "2.1.0", "runs", List.of(run))) + "\n";
  }

  /** The field a problem is about, with names and indices generalised (see the class comment). */
  static String ruleId(String path) {
    if (path == null || path.isEmpty()) return "spec";
    String[] parts = path.split("\\.");
    StringBuilder id = new StringBuilder();
    boolean nameNext = false;
    for (String part : parts) {
      String field = part.replaceAll("\\[\\d+]", "[]");
      if (id.length() > 0) id.append('.');
      id.append(nameNext ? "*" : field);
      nameNext = !nameNext && NAMED.contains(field);
    }
    return id.toString();
  }

  private static Map<String, Object> result(Diagnostic d, String rule, int ruleIndex) {
    String text = d.path().isEmpty() ? d.message() : d.path() + ": " + d.message();
    // A problem with no place (line 0) is shown on the file's first line.
    long line = Math.max(1, d.position().line());
    long column = Math.max(1, d.position().column());
    Map<String, Object> location =
        map(
            "physicalLocation",
            map(
                "artifactLocation",
                map("uri", uri(d.position().file())),
                "region",
                map("startLine", line, "startColumn", column)));
    return map(
        "ruleId",
        rule,
        "ruleIndex",
        (long) ruleIndex,
        "level",
        d.isError() ? "error" : "warning",
        "message",
        map("text", text),
        "locations",
        List.of(location));
  }

  /**
   * A URI reference relative to the working directory (the repository root in CI), as code scanning
   * matches repository paths; a file outside it keeps its absolute {@code file:} URI.
   */
  static String uri(String file) {
    Path path = Path.of(file);
    if (path.isAbsolute()) {
      Path cwd = Path.of("").toAbsolutePath();
      if (!path.normalize().startsWith(cwd)) return path.toUri().toString();
      path = cwd.relativize(path.normalize());
    }
    String relative = path.normalize().toString().replace('\\', '/');
    return relative.replace("%", "%25").replace(" ", "%20");
  }

  private static Map<String, Object> map(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }
}
