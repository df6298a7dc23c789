package dev.fnctl.cli.view;

import dev.fnctl.model.diag.Diagnostic;
import dev.fnctl.model.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code validate --format json}: whether the spec is valid and every problem with its place, the
 * fields of {@code file:line:column: path: message} one by one ({@code line} and {@code column} 0
 * when the problem is about the whole file).
 */
public final class DiagnosticsJson {
  /** Bumped on any incompatible change of this output. */
  public static final String FORMAT_VERSION = "1.0";

  private DiagnosticsJson() {}

  public static String write(String specFile, List<Diagnostic> problems) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("formatVersion", FORMAT_VERSION);
    m.put("file", specFile);
    m.put("valid", !Diagnostic.anyError(problems));
    m.put("diagnostics", toList(problems));
    return Json.write(m) + "\n";
  }

  /** Each problem as a JSON object; the apply event stream uses the same shape. */
  public static List<Object> toList(List<Diagnostic> problems) {
    List<Object> list = new ArrayList<>();
    for (Diagnostic d : problems) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("file", d.position().file());
      p.put("line", (long) d.position().line());
      p.put("column", (long) d.position().column());
      p.put("path", d.path());
      p.put("severity", d.isError() ? "error" : "warning");
      p.put("message", d.message());
      list.add(p);
    }
    return list;
  }
}
