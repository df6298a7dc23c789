package dev.fnctl.cli.view;

import dev.fnctl.cli.view.Palette.Style;
import dev.fnctl.model.json.Json;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.model.plan.SensitiveValues;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code fnctl show}: what a stack has deployed on a target, read live, grouped by spec item, each
 * resource with its key properties and each item with its endpoints.
 *
 * <p>It renders a destroy plan: the list of every resource the stack owns on the target, with its
 * live values as {@code before} (sensitive ones masked as in every view) and the live outputs. Key
 * properties are the plain values (text, numbers, flags); a map or list is shown by its size, as
 * policies and the like would drown the rest ({@code --json} has them all).
 */
public final class InventoryView {
  /** Bumped on any incompatible change of the JSON form. */
  public static final String FORMAT_VERSION = "1.0";

  private static final int LONGEST_VALUE = 80;

  private final PrintWriter out;
  private final Palette palette;

  public InventoryView(PrintWriter out, Palette palette) {
    this.out = out;
    this.palette = palette;
  }

  public void show(Plan owned) {
    Map<String, List<ResourceChange>> items = byItem(owned);
    if (items.isEmpty()) {
      out.printf(
          "Stack %s has nothing deployed on target %s (%s).%n",
          owned.stack(), owned.target(), owned.provider());
      out.flush();
      return;
    }
    out.printf(
        "Stack %s on target %s (%s): %d resources.%n",
        owned.stack(), owned.target(), owned.provider(), owned.changes().size());
    Map<String, String> unclaimed = new LinkedHashMap<>(owned.outputs());
    for (Map.Entry<String, List<ResourceChange>> item : items.entrySet()) {
      out.println();
      out.println(palette.paint(Style.HEADING, item.getKey()));
      for (ResourceChange r : item.getValue()) showResource(r);
      Map<String, String> endpoints = endpoints(item.getKey(), owned.outputs());
      endpoints.keySet().forEach(name -> unclaimed.remove(item.getKey() + " " + name));
      if (!endpoints.isEmpty()) {
        out.println("    endpoints:");
        int width = endpoints.keySet().stream().mapToInt(String::length).max().orElse(0);
        endpoints.forEach(
            (name, url) ->
                out.println("        " + name + ":" + " ".repeat(width - name.length() + 1) + url));
      }
    }
    if (!unclaimed.isEmpty()) {
      out.println();
      out.println(palette.paint(Style.HEADING, "Outputs:"));
      unclaimed.forEach((k, v) -> out.println("  " + k + ": " + v));
    }
    out.flush();
  }

  /** Properties sorted by name, as in the plan, so the listing is the same on every run. */
  private void showResource(ResourceChange r) {
    out.println("  " + r.address());
    Map<String, Object> values = new TreeMap<>(SensitiveValues.masked(r.before(), r.sensitive()));
    int width = values.keySet().stream().mapToInt(String::length).max().orElse(0);
    values.forEach(
        (key, value) ->
            out.println(
                "        "
                    + key
                    + ":"
                    + " ".repeat(width - key.length() + 1)
                    + palette.paint(
                        value instanceof Map || value instanceof List ? Style.QUIET : Style.ADD,
                        summary(key, value, r))));
  }

  private static String summary(String key, Object value, ResourceChange r) {
    if (SensitiveValues.masks(r.sensitive(), key)) return SensitiveValues.MASK;
    if (value instanceof Map<?, ?> m)
      return "{" + m.size() + (m.size() == 1 ? " entry}" : " entries}");
    if (value instanceof List<?> l) return "[" + l.size() + (l.size() == 1 ? " item]" : " items]");
    String text = Json.writeCompact(value);
    return text.length() > LONGEST_VALUE ? text.substring(0, LONGEST_VALUE - 3) + "..." : text;
  }

  /** The record {@code show --json} prints: every property, sensitive ones masked. */
  public static String json(Plan owned) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("formatVersion", FORMAT_VERSION);
    m.put("stack", owned.stack());
    m.put("target", owned.target());
    m.put("provider", owned.provider());
    List<Object> items = new ArrayList<>();
    byItem(owned)
        .forEach(
            (item, resources) -> {
              Map<String, Object> i = new LinkedHashMap<>();
              i.put("item", item);
              List<Object> rs = new ArrayList<>();
              for (ResourceChange r : resources) {
                Map<String, Object> rm = new LinkedHashMap<>();
                rm.put("address", r.address());
                rm.put("type", r.type());
                rm.put("properties", SensitiveValues.masked(r.before(), r.sensitive()));
                rs.add(rm);
              }
              i.put("resources", rs);
              i.put("endpoints", new LinkedHashMap<>(endpoints(item, owned.outputs())));
              items.add(i);
            });
    m.put("items", items);
    m.put("outputs", new LinkedHashMap<>(owned.outputs()));
    return Json.write(m) + "\n";
  }

  /** In the order they would be created (the destroy plan's reverse), so it reads as the spec. */
  private static Map<String, List<ResourceChange>> byItem(Plan owned) {
    List<ResourceChange> inOrder = new ArrayList<>(owned.changes());
    java.util.Collections.reverse(inOrder);
    Map<String, List<ResourceChange>> groups = new LinkedHashMap<>();
    for (ResourceChange c : inOrder) {
      String item = c.item() == null || c.item().isEmpty() ? "stack" : c.item();
      groups.computeIfAbsent(item, k -> new ArrayList<>()).add(c);
    }
    return groups;
  }

  /** The outputs an item's resources give: providers name them after the item first. */
  private static Map<String, String> endpoints(String item, Map<String, String> outputs) {
    Map<String, String> mine = new LinkedHashMap<>();
    outputs.forEach(
        (name, url) -> {
          if (name.startsWith(item + " ")) mine.put(name.substring(item.length() + 1), url);
        });
    return mine;
  }
}
