package dev.fnctl.cli.view;

import dev.fnctl.cli.view.Palette.Style;
import dev.fnctl.model.json.Json;
import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.model.plan.SensitiveValues;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The plan as people read it in a terminal or a CI log:
 *
 * <pre>
 * fnctl will change stack orders on target dev (local):
 *
 * function resize
 *     + local:function/orders-dev-resize
 *         memory: 1024
 *         url:    (known after apply)
 *
 * Plan: 1 to add, 0 to change, 0 to destroy.
 * </pre>
 *
 * Changes are grouped by the spec item they belong to, in plan order; no-ops are left out. A
 * replacement shows its order: {@code -/+} deletes first, {@code +/-} creates the new one first.
 * Map values are shown entry by entry ({@code env.THUMBS}) so a one-variable change reads as one
 * line.
 */
final class HumanPlanView implements PlanView {
  static final String UNKNOWN = "(known after apply)";
  static final String ABSENT = "(none)";

  private final PrintWriter out;
  private final Palette palette;

  HumanPlanView(PrintWriter out, Palette palette) {
    this.out = out;
    this.palette = palette;
  }

  @Override
  public void show(Plan plan) {
    if (!plan.hasChanges()) {
      out.println(
          palette.paint(Style.HEADING, "No changes.") + " Your infrastructure matches the spec.");
      out.flush();
      return;
    }
    out.printf(
        "fnctl will change stack %s on target %s (%s):%n",
        plan.stack(), plan.target(), plan.provider());
    for (Map.Entry<String, List<ResourceChange>> group : byItem(plan).entrySet()) {
      out.println();
      out.println(palette.paint(Style.HEADING, group.getKey()));
      for (ResourceChange change : group.getValue()) showChange(change);
    }
    out.println();
    Plan.Summary s = plan.summary();
    out.println(
        palette.paint(
            Style.HEADING,
            String.format(
                "Plan: %d to add, %d to change, %d to destroy.",
                s.add(), s.change(), s.destroy())));
    out.flush();
  }

  private static Map<String, List<ResourceChange>> byItem(Plan plan) {
    Map<String, List<ResourceChange>> groups = new LinkedHashMap<>();
    for (ResourceChange c : plan.changes()) {
      if (c.action() == Action.NO_OP) continue;
      // A resource serving several items (one app carrying two functions) is shown once, under
      // all of them, rather than under whichever happens to come first.
      String item =
          c.items().isEmpty() || c.items().get(0).isEmpty()
              ? "stack"
              : String.join(", ", c.items());
      groups.computeIfAbsent(item, k -> new ArrayList<>()).add(c);
    }
    return groups;
  }

  /** One change as its lines in this view; the Markdown view reuses them, masks and all. */
  void showChange(ResourceChange c) {
    StringBuilder head = new StringBuilder("  ");
    head.append(palette.paint(style(c.action()), String.format("%3s", c.symbol())));
    head.append(' ').append(c.address());
    if (c.reason() != null && !c.reason().isEmpty()) {
      head.append("  ").append(palette.paint(Style.QUIET, "# " + c.reason()));
    }
    out.println(head);
    if (c.action() == Action.DELETE) return;

    List<Line> lines = lines(c);
    int width = lines.stream().mapToInt(l -> l.path.length()).max().orElse(0);
    for (Line l : lines) {
      StringBuilder sb = new StringBuilder("        ");
      sb.append(l.path).append(':').append(" ".repeat(width - l.path.length() + 1));
      if (c.action() == Action.CREATE) {
        sb.append(l.after);
      } else {
        sb.append(l.before).append(" -> ").append(l.after);
      }
      if (l.forcesReplacement)
        sb.append("  ").append(palette.paint(Style.DESTROY, "# forces replacement"));
      out.println(sb);
    }
  }

  private Style style(Action action) {
    return switch (action) {
      case CREATE -> Style.ADD;
      case UPDATE -> Style.CHANGE;
      case DELETE, REPLACE -> Style.DESTROY;
      case NO_OP -> Style.QUIET;
    };
  }

  private record Line(String path, String before, String after, boolean forcesReplacement) {}

  private List<Line> lines(ResourceChange c) {
    TreeSet<String> keys = new TreeSet<>(c.changedProperties());
    if (c.action() == Action.CREATE) keys.addAll(c.after().keySet());
    // The engine hands over masked plans; masking again keeps any other plan from showing one.
    Map<String, Object> before = SensitiveValues.masked(c.before(), c.sensitive());
    Map<String, Object> after = SensitiveValues.maskedAfter(c);
    List<Line> lines = new ArrayList<>();
    for (String key : keys) {
      boolean forces = c.replacedBy().contains(key);
      if (c.unknown().contains(key)) {
        lines.add(new Line(key, value(before, key), palette.paint(Style.QUIET, UNKNOWN), forces));
        continue;
      }
      addLines(lines, c, key, key, before, after, forces);
    }
    return lines;
  }

  /** One line per changed leaf, descending into maps on both sides. */
  private void addLines(
      List<Line> lines,
      ResourceChange c,
      String path,
      Object key,
      Map<?, ?> beforeParent,
      Map<?, ?> afterParent,
      boolean forces) {
    boolean hasB = beforeParent.containsKey(key);
    boolean hasA = afterParent.containsKey(key);
    Object b = beforeParent.get(key);
    Object a = afterParent.get(key);
    Map<?, ?> bm = hasB ? (b instanceof Map<?, ?> m ? m : null) : Map.of();
    Map<?, ?> am = hasA ? (a instanceof Map<?, ?> m ? m : null) : Map.of();
    if (bm != null && am != null && !(bm.isEmpty() && am.isEmpty())) {
      TreeSet<String> keys = new TreeSet<>();
      Map<String, Object> bs = new LinkedHashMap<>();
      Map<String, Object> as = new LinkedHashMap<>();
      bm.forEach((k, v) -> bs.put(String.valueOf(k), v));
      am.forEach((k, v) -> as.put(String.valueOf(k), v));
      keys.addAll(bs.keySet());
      keys.addAll(as.keySet());
      for (String k : keys) {
        boolean same =
            bs.containsKey(k) == as.containsKey(k) && Objects.equals(bs.get(k), as.get(k));
        if (c.action() != Action.CREATE && same) continue;
        addLines(lines, c, path + "." + k, k, bs, as, forces);
      }
      return;
    }
    // A new resource's unset or empty properties say nothing (no secrets, no tags): leave them
    // out, as they are in the spec.
    if (c.action() == Action.CREATE && (a == null || am != null && am.isEmpty())) return;
    lines.add(new Line(path, hasB ? render(b) : ABSENT, hasA ? render(a) : ABSENT, forces));
  }

  private static String value(Map<String, Object> values, String key) {
    return values.containsKey(key) ? render(values.get(key)) : ABSENT;
  }

  /** JSON, except that a mask is shown as it is, not as a quoted string. */
  static String render(Object value) {
    return SensitiveValues.isMask(value) ? (String) value : Json.writeCompact(value);
  }
}
