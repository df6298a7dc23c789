package dev.fnctl.engine;

import dev.fnctl.model.json.Json;
import dev.fnctl.provider.Ref;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Property values as the engine compares them: JSON-shaped, with numbers in one form so that a
 * provider reading {@code 256} back as an Integer, a Long or {@code 256.0} never shows a change.
 */
final class Values {
  private Values() {}

  /** Stands for a value known only after apply. */
  static final Object UNKNOWN =
      new Object() {
        @Override
        public String toString() {
          return "(known after apply)";
        }
      };

  /** The value with numbers as Long (whole) or BigDecimal (stripped), maps and lists copied. */
  static Object normalise(Object v) {
    if (v instanceof Integer || v instanceof Short || v instanceof Byte)
      return ((Number) v).longValue();
    if (v instanceof Double || v instanceof Float) return normalise(new BigDecimal(v.toString()));
    if (v instanceof BigDecimal d) {
      BigDecimal s = d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
      if (s.scale() <= 0 && s.precision() - s.scale() <= 18) return s.longValueExact();
      return s;
    }
    if (v instanceof java.math.BigInteger b) return normalise(new BigDecimal(b));
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.forEach((k, val) -> out.put(String.valueOf(k), normalise(val)));
      return out;
    }
    if (v instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>(c.size());
      for (Object o : c) out.add(normalise(o));
      return out;
    }
    if (v instanceof Enum<?> e) return e.name().toLowerCase(java.util.Locale.ROOT);
    return v;
  }

  /** As {@link #normalise}, and maps sorted by key at every depth: the form digests are made of. */
  static Object canonical(Object v) {
    return Json.withSortedKeys(normalise(v));
  }

  static boolean same(Object a, Object b) {
    return java.util.Objects.equals(normalise(a), normalise(b));
  }

  /** Every address a value refers to through a {@link Ref}, at any depth. */
  static Set<String> refs(Object v) {
    Set<String> out = new LinkedHashSet<>();
    collect(v, out);
    return out;
  }

  private static void collect(Object v, Set<String> out) {
    if (v instanceof Ref r) out.add(r.address());
    else if (v instanceof Map<?, ?> m) m.values().forEach(x -> collect(x, out));
    else if (v instanceof Collection<?> c) c.forEach(x -> collect(x, out));
  }

  /**
   * The value with every {@link Ref} replaced by what {@code lookup} gives, or {@link #UNKNOWN}
   * when any part of it is not known yet (then the whole property is "known after apply").
   */
  static Object resolve(Object v, Function<Ref, Object> lookup) {
    if (v instanceof Ref r) {
      Object out = lookup.apply(r);
      return out == UNKNOWN ? UNKNOWN : normalise(out);
    }
    if (v instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        Object r = resolve(e.getValue(), lookup);
        if (r == UNKNOWN) return UNKNOWN;
        out.put(String.valueOf(e.getKey()), r);
      }
      return out;
    }
    if (v instanceof Collection<?> c) {
      List<Object> out = new ArrayList<>();
      for (Object o : c) {
        Object r = resolve(o, lookup);
        if (r == UNKNOWN) return UNKNOWN;
        out.add(r);
      }
      return out;
    }
    return normalise(v);
  }
}
