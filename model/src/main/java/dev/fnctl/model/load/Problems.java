package dev.fnctl.model.load;

import dev.fnctl.model.diag.Diagnostic;
import dev.fnctl.model.diag.Position;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The problems found in one spec file, collected so that the user sees all of them at once. */
final class Problems {
  private final String file;
  private final List<Diagnostic> found = new ArrayList<>();

  Problems(String file) {
    this.file = file;
  }

  String file() {
    return file;
  }

  void add(Position position, String path, String message) {
    found.add(new Diagnostic(position, path, message));
  }

  void atFile(String path, String message) {
    add(Position.ofFile(file), path, message);
  }

  boolean any() {
    return !found.isEmpty();
  }

  int count() {
    return found.size();
  }

  /**
   * In file order, so the list reads top to bottom like the file; equal places keep their order.
   */
  List<Diagnostic> sorted() {
    List<Diagnostic> out = new ArrayList<>(found);
    out.sort(
        Comparator.comparingInt((Diagnostic d) -> d.position().line())
            .thenComparingInt(d -> d.position().column()));
    return out.stream().distinct().toList();
  }
}
