package dev.fnctl.provider;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Properties of a live resource that its provider knows were changed outside fnctl: a value fnctl
 * never sets (an inline policy on a role that fnctl did not add), or one that disagrees with what
 * fnctl recorded when it wrote it (a deployed package whose content is not the one recorded). The
 * engine labels such a change "changed outside fnctl" in the plan; without a state file it cannot
 * tell on its own whether the spec or the cloud moved.
 *
 * <p>The names ride in the resource's outputs under {@link #OUTPUT}, a key no {@link Ref} names, so
 * that {@link LiveResource} keeps its shape for every provider that never marks drift.
 */
public final class Drift {
  /** The output key holding the sorted list of property names. */
  public static final String OUTPUT = "fnctl:changedOutsideFnctl";

  private Drift() {}

  /** {@code r} with {@code properties} marked as changed outside fnctl (none: {@code r} as is). */
  public static LiveResource mark(LiveResource r, Collection<String> properties) {
    if (properties.isEmpty()) return r;
    Set<String> all = new TreeSet<>(of(r));
    all.addAll(properties);
    Map<String, Object> outputs = new LinkedHashMap<>(r.outputs());
    outputs.put(OUTPUT, List.copyOf(all));
    return new LiveResource(
        r.address(), r.type(), r.item(), r.owned(), r.properties(), outputs, r.dependsOn());
  }

  /** The properties of {@code r} marked as changed outside fnctl. */
  public static Set<String> of(LiveResource r) {
    Set<String> out = new TreeSet<>();
    if (r != null && r.outputs().get(OUTPUT) instanceof List<?> l)
      for (Object o : l) out.add(String.valueOf(o));
    return out;
  }
}
