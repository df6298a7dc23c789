package dev.fnctl.model.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Minimal JSON for plan files and the local target's state: maps keep insertion order, numbers are
 * read as Long or BigDecimal. Kept in-house so that the CLI starts without a JSON library and every
 * output is byte-for-byte stable (golden files depend on it).
 */
public final class Json {
  private Json() {}

  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, 0, true);
    return sb.toString();
  }

  public static String writeCompact(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, 0, false);
    return sb.toString();
  }

  /**
   * The value with every map's keys sorted, at any depth (lists keep their order): the form digests
   * are made of, so that the order a map was built in never changes one.
   */
  public static Object withSortedKeys(Object value) {
    if (value instanceof Map<?, ?> m) {
      Map<String, Object> out = new java.util.TreeMap<>();
      m.forEach((k, v) -> out.put(String.valueOf(k), withSortedKeys(v)));
      return out;
    }
    if (value instanceof List<?> l) {
      List<Object> out = new ArrayList<>(l.size());
      for (Object o : l) out.add(withSortedKeys(o));
      return out;
    }
    return value;
  }

  private static void write(StringBuilder sb, Object v, int indent, boolean pretty) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof String s) {
      quote(sb, s);
    } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
      sb.append(v);
    } else if (v instanceof BigDecimal d) {
      sb.append(d.toPlainString());
    } else if (v instanceof Number n) {
      sb.append(new BigDecimal(n.toString()).toPlainString());
    } else if (v instanceof Map<?, ?> m) {
      if (m.isEmpty()) {
        sb.append("{}");
        return;
      }
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (!first) sb.append(',');
        first = false;
        newline(sb, indent + 1, pretty);
        quote(sb, String.valueOf(e.getKey()));
        sb.append(pretty ? ": " : ":");
        write(sb, e.getValue(), indent + 1, pretty);
      }
      newline(sb, indent, pretty);
      sb.append('}');
    } else if (v instanceof Iterable<?> it) {
      if (!it.iterator().hasNext()) {
        sb.append("[]");
        return;
      }
      sb.append('[');
      boolean first = true;
      for (Object o : it) {
        if (!first) sb.append(',');
        first = false;
        newline(sb, indent + 1, pretty);
        write(sb, o, indent + 1, pretty);
      }
      newline(sb, indent, pretty);
      sb.append(']');
    } else if (v instanceof Enum<?> e) {
      quote(sb, e.name().toLowerCase(java.util.Locale.ROOT));
    } else {
      quote(sb, v.toString());
    }
  }

  private static void newline(StringBuilder sb, int indent, boolean pretty) {
    if (!pretty) return;
    sb.append('\n');
    sb.append("  ".repeat(indent));
  }

  private static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    sb.append('"');
  }

  /** Parses JSON text; throws {@link IllegalArgumentException} with the offset on bad input. */
  public static Object parse(String text) {
    Parser p = new Parser(text);
    p.ws();
    Object v = p.value();
    p.ws();
    if (p.i != text.length()) throw p.error("unexpected trailing text");
    return v;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String text) {
    Object v = parse(text);
    if (!(v instanceof Map)) throw new IllegalArgumentException("expected a JSON object");
    return (Map<String, Object>) v;
  }

  private static final class Parser {
    final String s;
    int i;

    Parser(String s) {
      this.s = s;
    }

    IllegalArgumentException error(String msg) {
      return new IllegalArgumentException(msg + " at offset " + i);
    }

    void ws() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    }

    Object value() {
      if (i >= s.length()) throw error("unexpected end");
      char c = s.charAt(i);
      switch (c) {
        case '{':
          return object();
        case '[':
          return array();
        case '"':
          return string();
        case 't':
          expect("true");
          return Boolean.TRUE;
        case 'f':
          expect("false");
          return Boolean.FALSE;
        case 'n':
          expect("null");
          return null;
        default:
          return number();
      }
    }

    void expect(String word) {
      if (!s.startsWith(word, i)) throw error("expected " + word);
      i += word.length();
    }

    Map<String, Object> object() {
      Map<String, Object> m = new LinkedHashMap<>();
      i++;
      ws();
      if (peek('}')) {
        i++;
        return m;
      }
      while (true) {
        ws();
        if (!peek('"')) throw error("expected a key");
        String k = string();
        ws();
        if (!peek(':')) throw error("expected ':'");
        i++;
        ws();
        m.put(k, value());
        ws();
        if (peek(',')) {
          i++;
          continue;
        }
        if (peek('}')) {
          i++;
          return m;
        }
        throw error("expected ',' or '}'");
      }
    }

    List<Object> array() {
      List<Object> l = new ArrayList<>();
      i++;
      ws();
      if (peek(']')) {
        i++;
        return l;
      }
      while (true) {
        ws();
        l.add(value());
        ws();
        if (peek(',')) {
          i++;
          continue;
        }
        if (peek(']')) {
          i++;
          return l;
        }
        throw error("expected ',' or ']'");
      }
    }

    boolean peek(char c) {
      return i < s.length() && s.charAt(i) == c;
    }

    String string() {
      StringBuilder sb = new StringBuilder();
      i++;
      while (true) {
        if (i >= s.length()) throw error("unterminated string");
        char c = s.charAt(i++);
        if (c == '"') return sb.toString();
        if (c != '\\') {
          sb.append(c);
          continue;
        }
        char e = s.charAt(i++);
        switch (e) {
          case 'n' -> sb.append('\n');
          case 'r' -> sb.append('\r');
          case 't' -> sb.append('\t');
          case 'b' -> sb.append('\b');
          case 'f' -> sb.append('\f');
          case 'u' -> {
            sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
          }
          default -> sb.append(e);
        }
      }
    }

    Object number() {
      int start = i;
      while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
      String n = s.substring(start, i);
      if (n.isEmpty()) throw error("unexpected character '" + s.charAt(i) + "'");
      try {
        if (n.indexOf('.') < 0 && n.indexOf('e') < 0 && n.indexOf('E') < 0)
          return Long.parseLong(n);
        return new BigDecimal(n);
      } catch (NumberFormatException ex) {
        throw error("bad number " + n);
      }
    }
  }
}
