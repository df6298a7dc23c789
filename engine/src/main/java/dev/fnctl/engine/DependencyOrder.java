package dev.fnctl.engine;

import dev.fnctl.provider.ProviderException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * Orders items so that each comes after what it depends on. Stable: among items that could go next,
 * the one listed first in the input goes first, so plans read in the provider's (and so the spec's)
 * order and never shuffle between runs. Dependencies on addresses not in the input (an existing
 * resource, something already deleted) are ignored.
 */
final class DependencyOrder {
  private DependencyOrder() {}

  static <T> List<T> sort(
      List<T> items, Function<T, String> address, Function<T, Collection<String>> dependsOn)
      throws ProviderException {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < items.size(); i++) index.put(address.apply(items.get(i)), i);
    int[] waiting = new int[items.size()];
    List<List<Integer>> dependents = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) dependents.add(new ArrayList<>());
    for (int i = 0; i < items.size(); i++) {
      for (String dep : new java.util.LinkedHashSet<>(dependsOn.apply(items.get(i)))) {
        Integer d = index.get(dep);
        if (d == null || d == i) continue;
        waiting[i]++;
        dependents.get(d).add(i);
      }
    }
    PriorityQueue<Integer> ready = new PriorityQueue<>();
    for (int i = 0; i < items.size(); i++) if (waiting[i] == 0) ready.add(i);
    List<T> out = new ArrayList<>(items.size());
    while (!ready.isEmpty()) {
      int i = ready.poll();
      out.add(items.get(i));
      for (int d : dependents.get(i)) if (--waiting[d] == 0) ready.add(d);
    }
    if (out.size() != items.size()) {
      List<String> stuck = new ArrayList<>();
      for (int i = 0; i < items.size(); i++)
        if (waiting[i] > 0) stuck.add(address.apply(items.get(i)));
      throw new ProviderException(
          "the provider's resources depend on each other in a cycle: " + String.join(", ", stuck));
    }
    return out;
  }
}
