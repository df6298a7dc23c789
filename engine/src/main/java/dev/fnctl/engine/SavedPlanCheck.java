package dev.fnctl.engine;

import dev.fnctl.model.json.Json;
import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.model.plan.SensitiveValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Whether the changes a saved plan holds are exactly the ones the spec and the live state call for
 * now: the same resources with the same action, before, after and values known only after apply. A
 * matching live digest is not enough: a variable's environment value or a function's code can
 * change the desired side while the spec file and the cloud stay as they were.
 *
 * <p>A plan holds sensitive values only as masks (both sides come masked from the engine), so they
 * are compared through each change's digest of the real values.
 */
final class SavedPlanCheck {
  private static final Object ABSENT = new Object();
  private static final int SHOWN = 3;

  private SavedPlanCheck() {}

  /** What differs, one phrase per difference, in plan order; empty when nothing does. */
  static List<String> differences(List<ResourceChange> saved, List<ResourceChange> now) {
    Map<String, ResourceChange> was = byAddress(saved);
    Map<String, ResourceChange> is = byAddress(now);
    List<String> out = new ArrayList<>();
    for (ResourceChange s : was.values()) {
      ResourceChange n = is.get(s.address());
      if (n == null) {
        out.add(
            s.address() + ": the plan would " + s.action().word() + " it, now nothing needs doing");
      } else if (s.action() != n.action()) {
        out.add(
            s.address()
                + ": the plan would "
                + s.action().word()
                + " it, now it needs "
                + n.action().word());
      } else {
        out.addAll(valueDifferences(s, n));
      }
    }
    for (ResourceChange n : is.values()) {
      if (!was.containsKey(n.address()))
        out.add(n.address() + ": now needs " + n.action().word() + ", which the plan does not do");
    }
    return out;
  }

  /** The differences as one line: the first few, and how many more. */
  static String describe(List<String> differences) {
    String shown = String.join("; ", differences.subList(0, Math.min(SHOWN, differences.size())));
    int more = differences.size() - SHOWN;
    return more > 0 ? shown + "; and " + more + " more" : shown;
  }

  private static Map<String, ResourceChange> byAddress(List<ResourceChange> changes) {
    Map<String, ResourceChange> out = new LinkedHashMap<>();
    for (ResourceChange c : changes) if (c.action() != Action.NO_OP) out.put(c.address(), c);
    return out;
  }

  private static List<String> valueDifferences(ResourceChange saved, ResourceChange now) {
    List<String> out = new ArrayList<>();
    String a = saved.address();
    leaves(
        out,
        a,
        "",
        masked(saved.after(), saved),
        masked(now.after(), now),
        "the plan has %s, now %s");
    leaves(
        out,
        a,
        "",
        masked(saved.before(), saved),
        masked(now.before(), now),
        "was %s when planned, is now %s");
    if (!new TreeSet<>(saved.unknown()).equals(new TreeSet<>(now.unknown()))) {
      out.add(
          a
              + ": known after apply: the plan has "
              + new TreeSet<>(saved.unknown())
              + ", now "
              + new TreeSet<>(now.unknown()));
    }
    if (!Objects.equals(saved.sensitiveDigest(), now.sensitiveDigest())) {
      out.add(
          a
              + ": a sensitive value ("
              + String.join(", ", new TreeSet<>(now.sensitive()))
              + ") is not the one in the plan");
    }
    return out;
  }

  private static Object masked(Map<String, Object> values, ResourceChange c) {
    return Values.canonical(SensitiveValues.masked(values, c.sensitive()));
  }

  /** One phrase per differing leaf, descending into maps present on both sides. */
  private static void leaves(
      List<String> out, String address, String path, Object was, Object is, String phrase) {
    if (Objects.equals(was, is)) return;
    if (was instanceof Map<?, ?> wm && is instanceof Map<?, ?> im) {
      TreeSet<String> keys = new TreeSet<>();
      wm.keySet().forEach(k -> keys.add(String.valueOf(k)));
      im.keySet().forEach(k -> keys.add(String.valueOf(k)));
      for (String k : keys) {
        Object w = wm.containsKey(k) ? wm.get(k) : ABSENT;
        Object i = im.containsKey(k) ? im.get(k) : ABSENT;
        leaves(out, address, path.isEmpty() ? k : path + "." + k, w, i, phrase);
      }
      return;
    }
    out.add(address + " " + path + ": " + String.format(phrase, shown(was), shown(is)));
  }

  private static String shown(Object v) {
    if (v == ABSENT) return "nothing";
    if (v instanceof String s && s.length() > 20)
      return Json.writeCompact(s.substring(0, 16) + "...");
    String text = Json.writeCompact(v);
    return text.length() <= 40 ? text : text.substring(0, 36) + " ...";
  }
}
