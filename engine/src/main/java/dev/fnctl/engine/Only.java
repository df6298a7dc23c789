package dev.fnctl.engine;

import dev.fnctl.model.plan.ResourceChange;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code --only ITEM}, for emergencies (as Terraform's {@code -target}): a plan cut down to one
 * spec item's changes and the changes of everything they depend on, so a broken function can be
 * fixed while the rest of the spec waits. The rest of the stack is neither planned nor touched, so
 * the cloud and the spec may disagree until a full apply: never a habit.
 *
 * @param item the spec item as plans group by it, e.g. {@code function api}
 */
public record Only(String item) {

  /**
   * {@code KIND:NAME} as users type it ({@code function:api}, {@code bucket:items}); the grouping
   * form {@code function api} is accepted too.
   *
   * @throws IllegalArgumentException naming the expected form
   */
  public static Only parse(String text) {
    String t = text.strip();
    int sep = t.indexOf(':') >= 0 ? t.indexOf(':') : t.indexOf(' ');
    if (sep <= 0 || sep == t.length() - 1) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a spec item: write KIND:NAME, e.g. function:api or bucket:items");
    }
    return new Only(
        t.substring(0, sep).toLowerCase(Locale.ROOT) + " " + t.substring(sep + 1).strip());
  }

  /** As users type it. */
  public String text() {
    return item.replaceFirst(" ", ":");
  }

  /**
   * The changes of this item's resources and, transitively, of the resources they depend on, in
   * plan order. Empty when no change belongs to the item (in a normal plan, where up-to-date
   * resources are there as no-ops, that means the spec has no such item on this target).
   */
  public List<ResourceChange> select(List<ResourceChange> changes) {
    Map<String, ResourceChange> byAddress =
        changes.stream()
            .collect(Collectors.toMap(ResourceChange::address, Function.identity(), (a, b) -> a));
    Set<String> wanted = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    for (ResourceChange c : changes) if (item.equals(c.item())) todo.add(c.address());
    while (!todo.isEmpty()) {
      String address = todo.pop();
      if (!wanted.add(address)) continue;
      ResourceChange c = byAddress.get(address);
      if (c != null) todo.addAll(c.dependsOn());
    }
    return changes.stream().filter(c -> wanted.contains(c.address())).toList();
  }
}
