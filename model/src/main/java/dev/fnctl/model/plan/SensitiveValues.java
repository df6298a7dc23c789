package dev.fnctl.model.plan;

import dev.fnctl.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How a change's sensitive properties are kept out of what users and CI keep. A change names them
 * whole ({@code secrets}) or by a nested path ({@code env.API_KEY}); a path is masked when it or
 * any ancestor is named. Every view and every plan file shows {@value #MASK} in their place, and a
 * saved plan carries only a digest of them, so that applying it can still tell whether they are
 * what was reviewed.
 */
public final class SensitiveValues {
  public static final String MASK = "(sensitive)";

  private SensitiveValues() {}

  public static boolean masks(Set<String> sensitive, String path) {
    String p = path;
    while (true) {
      if (sensitive.contains(p)) return true;
      int dot = p.lastIndexOf('.');
      if (dot < 0) return false;
      p = p.substring(0, dot);
    }
  }

  /** True when something below {@code path} is sensitive, so a map value must be walked. */
  public static boolean masksBelow(Set<String> sensitive, String path) {
    String prefix = path + ".";
    return sensitive.stream().anyMatch(s -> s.startsWith(prefix));
  }

  /**
   * {@code values} with every sensitive entry, at any depth of nested maps, replaced by the mask.
   */
  public static Map<String, Object> masked(Map<String, Object> values, Set<String> sensitive) {
    Map<String, Object> m = new LinkedHashMap<>();
    values.forEach((k, v) -> m.put(k, masks(sensitive, k) ? MASK : maskedBelow(k, v, sensitive)));
    return m;
  }

  private static Object maskedBelow(String path, Object value, Set<String> sensitive) {
    if (!(value instanceof Map<?, ?> map) || !masksBelow(sensitive, path)) return value;
    Map<String, Object> m = new LinkedHashMap<>();
    map.forEach(
        (k, v) -> {
          String p = path + "." + k;
          m.put(String.valueOf(k), masks(sensitive, p) ? MASK : maskedBelow(p, v, sensitive));
        });
    return m;
  }

  /**
   * A SHA-256 over the address and the sensitive values before and after, or null when the change
   * has none. It tells two plans' sensitive values apart without holding them; what providers mark
   * sensitive are references into a secret store (never a secret's value, which fnctl never sees),
   * and the address is part of the input so equal references on two resources hash apart.
   */
  public static String digest(
      String address,
      Map<String, Object> before,
      Map<String, Object> after,
      Set<String> sensitive) {
    if (sensitive.isEmpty()) return null;
    Map<String, Object> doc = new TreeMap<>();
    for (String path : new TreeSet<>(sensitive)) {
      Map<String, Object> sides = new TreeMap<>();
      Object b = lookUp(before, path);
      Object a = lookUp(after, path);
      if (b != ABSENT) sides.put("before", Json.withSortedKeys(b));
      if (a != ABSENT) sides.put("after", Json.withSortedKeys(a));
      doc.put(path, sides);
    }
    String text = Json.writeCompact(List.of(address, doc));
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  private static final Object ABSENT = new Object();

  /** The value at a dotted path, or {@link #ABSENT} when some part of it is not there. */
  private static Object lookUp(Map<String, Object> values, String path) {
    Object at = values;
    for (String part : path.split("\\.", -1)) {
      if (!(at instanceof Map<?, ?> m) || !m.containsKey(part)) return ABSENT;
      at = m.get(part);
    }
    return at;
  }
}
