package dev.fnctl.model.plan;

import dev.fnctl.model.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How sensitive values are kept out of everything users and CI keep. A change names them by path:
 * whole ({@code secrets}), nested ({@code environment.API_KEY_SECRET_ID}) or inside a list ({@code
 * policy.Statement.1.Resource.0}); a path is masked when it or any ancestor is named. A plan leaves
 * the engine with {@link #masked(ResourceChange, Collection)} applied: every sensitive value is
 * {@value #MASK} ({@value #MASK_CHANGED} on the after side when the hidden value differs from
 * before), and only a digest of the real values is kept, so that applying a saved plan can still
 * tell whether they are what was reviewed.
 */
public final class SensitiveValues {
  public static final String MASK = "(sensitive)";

  /** In place of an after value that differs from the hidden before value. */
  public static final String MASK_CHANGED = "(sensitive, changed)";

  private SensitiveValues() {}

  /** True for the strings masks are written as, which a view prints as they are. */
  public static boolean isMask(Object value) {
    return MASK.equals(value) || MASK_CHANGED.equals(value);
  }

  public static boolean masks(Set<String> sensitive, String path) {
    String p = path;
    while (true) {
      if (sensitive.contains(p)) return true;
      int dot = p.lastIndexOf('.');
      if (dot < 0) return false;
      p = p.substring(0, dot);
    }
  }

  /** True when something below {@code path} is sensitive, so a map or list must be walked. */
  public static boolean masksBelow(Set<String> sensitive, String path) {
    String prefix = path + ".";
    return sensitive.stream().anyMatch(s -> s.startsWith(prefix));
  }

  /**
   * The change as it may be shown or saved: the properties at its sensitive paths, and every string
   * that mentions one of {@code references} (the spec's secret references, which providers copy
   * into names, ARNs and policy documents), masked at any depth; the paths masked listed in {@code
   * sensitive}; the digest made from the real values.
   */
  public static ResourceChange masked(ResourceChange c, Collection<String> references) {
    Set<String> paths = new TreeSet<>(c.sensitive());
    List<String> refs = references.stream().filter(r -> r != null && !r.isBlank()).toList();
    if (!refs.isEmpty()) {
      mentioning(c.before(), "", refs, paths);
      mentioning(c.after(), "", refs, paths);
    }
    // A path under one already masked says nothing more.
    paths.removeIf(p -> p.contains(".") && masks(paths, p.substring(0, p.lastIndexOf('.'))));
    if (paths.isEmpty()) return c;
    return new ResourceChange(
        c.address(),
        c.type(),
        c.item(),
        c.action(),
        c.reason(),
        masked(c.before(), paths, null),
        masked(c.after(), paths, c.before()),
        c.unknown(),
        c.replacedBy(),
        Set.copyOf(paths),
        c.dependsOn(),
        digest(c.address(), c.before(), c.after(), paths));
  }

  /**
   * {@code values} with every sensitive entry, at any depth of nested maps and lists, replaced by
   * the mask. Masking masked values changes nothing.
   */
  public static Map<String, Object> masked(Map<String, Object> values, Set<String> sensitive) {
    return masked(values, sensitive, null);
  }

  /**
   * A change's after values as every view shows them: masked, and {@value #MASK_CHANGED} where the
   * hidden value differs from the before side. Masking a masked change changes nothing.
   */
  public static Map<String, Object> maskedAfter(ResourceChange c) {
    return masked(c.after(), c.sensitive(), c.before());
  }

  /** With {@code before}, a masked value that differs from the one there is marked changed. */
  private static Map<String, Object> masked(
      Map<String, Object> values, Set<String> sensitive, Map<String, Object> before) {
    Map<String, Object> m = new LinkedHashMap<>();
    values.forEach((k, v) -> m.put(k, maskedAt(k, v, sensitive, before)));
    return m;
  }

  private static Object maskedAt(
      String path, Object value, Set<String> sensitive, Map<String, Object> before) {
    if (masks(sensitive, path)) {
      // Nothing to hide: a mask there would suggest a secret that is not.
      if (empty(value)) return value;
      if (MASK_CHANGED.equals(value)) return MASK_CHANGED;
      if (before == null) return MASK;
      Object was = lookUp(before, path);
      return was == ABSENT || empty(was) || Objects.equals(was, value) ? MASK : MASK_CHANGED;
    }
    if (!masksBelow(sensitive, path)) return value;
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> m = new LinkedHashMap<>();
      map.forEach(
          (k, v) -> m.put(String.valueOf(k), maskedAt(path + "." + k, v, sensitive, before)));
      return m;
    }
    if (value instanceof List<?> list) {
      List<Object> l = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++)
        l.add(maskedAt(path + "." + i, list.get(i), sensitive, before));
      return l;
    }
    return value;
  }

  private static boolean empty(Object value) {
    return value == null
        || (value instanceof Map<?, ?> m && m.isEmpty())
        || (value instanceof List<?> l && l.isEmpty());
  }

  /** Adds the path of every string at or below {@code value} that mentions a reference. */
  private static void mentioning(Object value, String path, List<String> refs, Set<String> out) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> mentioning(v, path.isEmpty() ? "" + k : path + "." + k, refs, out));
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) mentioning(list.get(i), path + "." + i, refs, out);
    } else if (value instanceof String s && !path.isEmpty()) {
      for (String ref : refs) {
        if (mentions(s, ref)) {
          out.add(path);
          return;
        }
      }
    }
  }

  /**
   * True when {@code text} holds {@code reference} as a whole word: not inside a longer name, so
   * that a secret called {@code db} hides {@code arn:...:secret:db-AbCdEf} but not {@code
   * dynamodb}. When in doubt it masks: hiding a harmless value costs less than showing a secret's
   * name.
   */
  static boolean mentions(String text, String reference) {
    int i = text.indexOf(reference);
    while (i >= 0) {
      int end = i + reference.length();
      if ((i == 0 || !wordChar(text.charAt(i - 1)))
          && (end == text.length() || !wordChar(text.charAt(end)))) return true;
      i = text.indexOf(reference, i + 1);
    }
    return false;
  }

  private static boolean wordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
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

  /**
   * The value at a dotted path (a list element by its index), or {@link #ABSENT} when some part of
   * it is not there.
   */
  private static Object lookUp(Map<String, Object> values, String path) {
    Object at = values;
    for (String part : path.split("\\.", -1)) {
      if (at instanceof Map<?, ?> m && m.containsKey(part)) {
        at = m.get(part);
      } else if (at instanceof List<?> l && isIndex(part) && Integer.parseInt(part) < l.size()) {
        at = l.get(Integer.parseInt(part));
      } else {
        return ABSENT;
      }
    }
    return at;
  }

  private static boolean isIndex(String part) {
    return !part.isEmpty() && part.length() < 9 && part.chars().allMatch(Character::isDigit);
  }
}
