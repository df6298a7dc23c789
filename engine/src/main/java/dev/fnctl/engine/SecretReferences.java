package dev.fnctl.engine;

import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.model.plan.SensitiveValues;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.Permission;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.LiveState;
import dev.fnctl.provider.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The secret references a plan must not show, on every provider alike: the spec's ({@code secrets:}
 * values and {@code secret} permissions) and whatever a provider put at a property it marks
 * sensitive, on both the desired and the live side. Providers copy a reference into more than the
 * property they mark (an ARN in a policy's Resource, a Key Vault URI in an app setting), so every
 * string that mentions one is masked wherever it is; see {@link SensitiveValues}.
 */
final class SecretReferences {
  private SecretReferences() {}

  static Set<String> of(Deployment d, List<Resource> desired, LiveState live) {
    Set<String> refs = new TreeSet<>();
    for (FunctionSpec f : d.functions().values()) {
      if (f.secrets() != null) refs.addAll(f.secrets().values());
      for (Permission p : f.permissions()) {
        if (p.kind() == Permission.Kind.SECRET) refs.add(p.name());
      }
    }
    Map<String, LiveResource> liveByAddress = new java.util.HashMap<>();
    for (LiveResource l : live.resources()) liveByAddress.put(l.address(), l);
    for (Resource r : desired) {
      LiveResource l = liveByAddress.get(r.address());
      for (String path : r.sensitive()) {
        strings(at(r.properties(), path), refs);
        if (l != null) strings(at(l.properties(), path), refs);
      }
    }
    // What the spec no longer wants (a deleted function) has only its live side to say so.
    for (LiveResource l : live.resources()) {
      for (String path : l.sensitive()) strings(at(l.properties(), path), refs);
    }
    refs.removeIf(String::isBlank);
    return refs;
  }

  /** Every change with its sensitive values masked: what a plan holds once it leaves the engine. */
  static List<ResourceChange> masked(List<ResourceChange> changes, Collection<String> refs) {
    List<ResourceChange> out = new ArrayList<>(changes.size());
    for (ResourceChange c : changes) out.add(SensitiveValues.masked(c, refs));
    return List.copyOf(out);
  }

  private static Object at(Map<String, Object> values, String path) {
    Object v = values;
    for (String part : path.split("\\.", -1)) {
      if (!(v instanceof Map<?, ?> m)) return null;
      v = m.get(part);
    }
    return v;
  }

  private static void strings(Object value, Set<String> out) {
    if (value instanceof String s) out.add(s);
    else if (value instanceof Map<?, ?> m) m.values().forEach(v -> strings(v, out));
    else if (value instanceof Collection<?> c) c.forEach(v -> strings(v, out));
  }
}
