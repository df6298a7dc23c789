package dev.fnctl.cli.view;

import java.util.Set;

/**
 * Which rendered values must be masked. A change names sensitive properties either whole
 * ({@code secrets}) or by a nested path ({@code env.API_KEY}); a path is masked when it or any
 * ancestor is named.
 */
final class Sensitivity {
  private Sensitivity() {}

  static boolean masks(Set<String> sensitive, String path) {
    String p = path;
    while (true) {
      if (sensitive.contains(p)) return true;
      int dot = p.lastIndexOf('.');
      if (dot < 0) return false;
      p = p.substring(0, dot);
    }
  }

  /** True when something below {@code path} is sensitive, so a map value must be walked. */
  static boolean masksBelow(Set<String> sensitive, String path) {
    String prefix = path + ".";
    return sensitive.stream().anyMatch(s -> s.startsWith(prefix));
  }
}
