package dev.fnctl.model.plan;

import dev.fnctl.model.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON form of a {@link Plan}: what {@code plan --json} prints and {@code plan --out} saves, in
 * format {@value Plan#FORMAT_VERSION}. Field for field the record, nothing added, so every view and
 * the saved file agree. Sets are written sorted so the bytes are stable.
 *
 * <p>Sensitive values are written as {@link SensitiveValues#MASK}: a plan file is an artifact CI
 * keeps. The engine masks them before a plan leaves it; masking again here costs nothing and keeps
 * a plan built elsewhere (a test, a future caller) from ever writing one out. Each change's {@code
 * sensitiveDigest} is what applying the file checks them by.
 */
public final class PlanDocument {
  private PlanDocument() {}

  public static String write(Plan plan) {
    return Json.write(toMap(plan)) + "\n";
  }

  public static Map<String, Object> toMap(Plan plan) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("formatVersion", plan.formatVersion());
    m.put("fnctlVersion", plan.fnctlVersion());
    m.put("mode", plan.mode().word());
    m.put("stack", plan.stack());
    m.put("target", plan.target());
    m.put("provider", plan.provider());
    m.put("specFile", plan.specFile());
    m.put("specFileAbsolute", plan.specFileAbsolute());
    m.put("specDigest", plan.specDigest());
    m.put("liveDigest", plan.liveDigest());
    List<Object> changes = new ArrayList<>();
    for (ResourceChange c : plan.changes()) changes.add(toMap(c));
    m.put("changes", changes);
    m.put("outputs", new LinkedHashMap<>(plan.outputs()));
    return m;
  }

  private static Map<String, Object> toMap(ResourceChange c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("address", c.address());
    m.put("type", c.type());
    m.put("item", c.item());
    m.put("action", c.action().word());
    m.put("reason", c.reason());
    m.put("before", SensitiveValues.masked(c.before(), c.sensitive()));
    m.put("after", SensitiveValues.maskedAfter(c));
    m.put("unknown", new TreeSet<>(c.unknown()));
    m.put("replacedBy", new TreeSet<>(c.replacedBy()));
    m.put("sensitive", new TreeSet<>(c.sensitive()));
    m.put("dependsOn", c.dependsOn());
    m.put("sensitiveDigest", c.sensitiveDigest());
    // Written only where they say something, so a plan of single-item, settled resources reads
    // as before.
    if (c.items().size() > 1) m.put("items", c.items());
    if (c.replaceMode() != null) m.put("replaceMode", c.replaceMode().word());
    if (c.pending() != null) m.put("pending", c.pending());
    return m;
  }

  /**
   * Reads a saved plan. Throws {@link IllegalArgumentException} naming what is wrong (a {@link
   * dev.fnctl.model.json.JsonException} with line and column for text that is not JSON), for a file
   * that is not a plan or has another format version.
   */
  public static Plan read(String text) {
    Map<String, Object> m = Json.parseObject(text);
    String version = string(m, "formatVersion");
    if (!Plan.FORMAT_VERSION.equals(version)) {
      throw new IllegalArgumentException(
          "plan format "
              + version
              + " is not supported (this fnctl reads "
              + Plan.FORMAT_VERSION
              + "): make the plan again with this fnctl");
    }
    List<ResourceChange> changes = new ArrayList<>();
    for (Object o : list(m, "changes")) changes.add(change(asMap(o, "changes[]")));
    Map<String, String> outputs = new LinkedHashMap<>();
    asMap(m.getOrDefault("outputs", Map.of()), "outputs")
        .forEach((k, v) -> outputs.put(k, String.valueOf(v)));
    return new Plan(
        version,
        string(m, "fnctlVersion"),
        Plan.Mode.ofWord(required(m, "mode")),
        required(m, "stack"),
        required(m, "target"),
        string(m, "provider"),
        string(m, "specFile"),
        string(m, "specFileAbsolute"),
        string(m, "specDigest"),
        string(m, "liveDigest"),
        List.copyOf(changes),
        outputs);
  }

  private static ResourceChange change(Map<String, Object> m) {
    return new ResourceChange(
        required(m, "address"),
        string(m, "type"),
        string(m, "item"),
        Action.ofWord(required(m, "action")),
        string(m, "reason"),
        asMap(m.getOrDefault("before", Map.of()), "before"),
        asMap(m.getOrDefault("after", Map.of()), "after"),
        strings(m, "unknown"),
        strings(m, "replacedBy"),
        strings(m, "sensitive"),
        List.copyOf(strings(m, "dependsOn")),
        string(m, "sensitiveDigest"),
        List.copyOf(strings(m, "items")),
        m.get("replaceMode") == null ? null : ReplaceMode.ofWord(string(m, "replaceMode")),
        string(m, "pending"));
  }

  private static String required(Map<String, Object> m, String key) {
    String s = string(m, key);
    if (s == null) throw new IllegalArgumentException(key + " is missing");
    return s;
  }

  private static String string(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) return null;
    if (!(v instanceof String s)) throw new IllegalArgumentException(key + " must be a string");
    return s;
  }

  private static List<?> list(Map<String, Object> m, String key) {
    Object v = m.get(key);
    if (v == null) return List.of();
    if (!(v instanceof List<?> l)) throw new IllegalArgumentException(key + " must be a list");
    return l;
  }

  private static Set<String> strings(Map<String, Object> m, String key) {
    Set<String> s = new LinkedHashSet<>();
    for (Object o : list(m, key)) s.add(String.valueOf(o));
    return s;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object o, String what) {
    if (!(o instanceof Map)) throw new IllegalArgumentException(what + " must be an object");
    return (Map<String, Object>) o;
  }
}
