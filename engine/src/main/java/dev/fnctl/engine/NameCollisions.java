package dev.fnctl.engine;

import dev.fnctl.model.diag.Diagnostic;
import dev.fnctl.model.diag.Position;
import dev.fnctl.model.diag.SourceMap;
import dev.fnctl.model.diag.SpecException;
import dev.fnctl.model.spec.Spec;
import dev.fnctl.provider.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Two spec items whose resources land at one address: the same physical name in the cloud (a queue
 * {@code orders} with a dead-letter queue is {@code orders-dlq}, and so is a queue named {@code
 * orders-dlq}). Applying such a spec would make one resource out of two and silently drop one
 * item's settings, so it is refused before anything is read or changed, naming both items. Checked
 * on the provider's expansion, so it holds for every provider's naming rules: by {@code plan} on
 * the connected expansion, by {@code validate} on the offline one ({@link
 * dev.fnctl.provider.Provider#expandOffline}).
 */
final class NameCollisions {
  private NameCollisions() {}

  static void refuse(Spec spec, List<Resource> desired) throws SpecException {
    List<Diagnostic> problems = find(spec, desired);
    if (!problems.isEmpty()) throw new SpecException(problems);
  }

  /** One problem per address that two or more items' resources share. */
  static List<Diagnostic> find(Spec spec, List<Resource> desired) {
    Map<String, Set<String>> items = new LinkedHashMap<>();
    for (Resource r : desired)
      items.computeIfAbsent(r.address(), a -> new LinkedHashSet<>()).add(r.item());
    List<Diagnostic> problems = new ArrayList<>();
    for (Map.Entry<String, Set<String>> e : items.entrySet()) {
      if (e.getValue().size() < 2) continue;
      List<String> names = new ArrayList<>(e.getValue());
      String both = String.join(" and ", names);
      String message =
          both
              + " both become "
              + e.getKey()
              + ": rename one of them (physical names must differ after expansion)";
      problems.add(at(spec, path(names.get(names.size() - 1)), message));
    }
    return problems;
  }

  /** {@code queue orders-dlq} -> {@code queues.orders-dlq}; the stack's own items have no path. */
  private static String path(String item) {
    int space = item.indexOf(' ');
    if (space < 0) return "";
    String kind = item.substring(0, space);
    String name = item.substring(space + 1);
    return switch (kind) {
      case "function", "queue", "topic", "bucket", "budget" -> kind + "s." + name;
      default -> "";
    };
  }

  private static Diagnostic at(Spec spec, String path, String message) {
    SourceMap map = spec.sourceMap();
    if (map != null) return map.at(path, message);
    String file = spec.file() == null ? "" : spec.file().toString();
    return new Diagnostic(Position.ofFile(file), path, message);
  }
}
