package dev.fnctl.model.diag;

import java.util.Map;

/**
 * Where each spec path was written, so that problems found after loading (a provider's range check,
 * a plan-time conflict) point at the line the user must change. Paths use dots for keys and {@code
 * [i]} for list items: {@code functions.resize.triggers[0].schedule.cron}.
 */
public record SourceMap(String file, Map<String, Position> positions) {

  /** The position of {@code path}, or of its nearest written ancestor, or the file itself. */
  public Position find(String path) {
    String p = path;
    while (!p.isEmpty()) {
      Position pos = positions.get(p);
      if (pos != null) return pos;
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut < 0 ? "" : p.substring(0, cut);
    }
    return Position.ofFile(file);
  }

  public Diagnostic at(String path, String message) {
    return new Diagnostic(find(path), path, message);
  }
}
