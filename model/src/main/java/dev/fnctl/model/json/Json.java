package dev.fnctl.model.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON for plan files and the local target's state: maps keep insertion order, numbers are read as
 * Long or BigDecimal. Reading is jackson-core's streaming parser, strict and bounded, so a cut-off
 * or hostile file is a clear error with a line and column. Writing stays a few lines in-house: the
 * output is byte-for-byte stable (golden files and digests depend on it) and has no configuration
 * that could drift with a library upgrade.
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

  /**
   * Parses JSON text into Maps (insertion order kept), Lists, Strings, Longs (integers that fit),
   * BigDecimals, Booleans and nulls. Throws {@link JsonException} with the line and column on
   * anything that is not exactly one JSON value: cut-off text, invalid escapes, duplicate keys,
   * nesting deeper than {@value #MAX_DEPTH} or numbers beyond {@value #MAX_EXPONENT} in magnitude.
   */
  public static Object parse(String text) {
    try (JsonParser p = FACTORY.createParser(text)) {
      if (p.nextToken() == null) throw new JsonException("there is no JSON value", 1, 1);
      Object value = value(p);
      if (p.nextToken() != null) throw problem(p, "unexpected text after the JSON value");
      return value;
    } catch (JsonException e) {
      throw e;
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      throw new JsonException(
          describe(e), at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr());
    } catch (IOException e) {
      throw new JsonException("cannot read the JSON: " + e.getMessage(), 0, 0);
    }
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String text) {
    Object v = parse(text);
    if (!(v instanceof Map)) throw new JsonException("expected a JSON object", 1, 1);
    return (Map<String, Object>) v;
  }

  /** Plan files and state nest a few levels; far deeper input is broken or hostile. */
  public static final int MAX_DEPTH = 200;

  /**
   * The largest decimal exponent a number may have: nothing fnctl reads comes near it, and writing
   * {@code 1e999999999} out in plain digits would take gigabytes.
   */
  public static final int MAX_EXPONENT = 1000;

  private static final JsonFactory FACTORY =
      JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .streamReadConstraints(
              StreamReadConstraints.builder()
                  .maxNestingDepth(MAX_DEPTH)
                  .maxNumberLength(MAX_EXPONENT)
                  .build())
          .build();

  private static Object value(JsonParser p) throws IOException {
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT:
        {
          Map<String, Object> m = new LinkedHashMap<>();
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            m.put(key, value(p));
          }
          return m;
        }
      case START_ARRAY:
        {
          List<Object> l = new ArrayList<>();
          while (p.nextToken() != JsonToken.END_ARRAY) l.add(value(p));
          return l;
        }
      case VALUE_STRING:
        return p.getText();
      case VALUE_NUMBER_INT:
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
            ? new BigDecimal(p.getBigIntegerValue())
            : (Object) p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        {
          BigDecimal d;
          try {
            d = p.getDecimalValue();
          } catch (NumberFormatException e) {
            throw problem(p, "the number " + abbreviated(p.getText()) + " is out of range");
          }
          if (Math.abs((long) d.precision() - d.scale()) > MAX_EXPONENT)
            throw problem(p, "the number " + abbreviated(p.getText()) + " is out of range");
          return d;
        }
      case VALUE_TRUE:
        return Boolean.TRUE;
      case VALUE_FALSE:
        return Boolean.FALSE;
      case VALUE_NULL:
        return null;
      default:
        throw problem(p, "unexpected " + t.asString());
    }
  }

  private static JsonException problem(JsonParser p, String message) {
    JsonLocation at = p.currentTokenLocation();
    return new JsonException(message, at.getLineNr(), at.getColumnNr());
  }

  private static String abbreviated(String s) {
    return s.length() <= 24 ? s : s.substring(0, 20) + "...";
  }

  /** Jackson's message without its source excerpt and Java-isms, for a one-line user error. */
  private static String describe(JsonProcessingException e) {
    String m = e.getOriginalMessage();
    // Jackson reports some cut-offs (between object entries) as a plain parse error.
    if (e instanceof JsonEOFException || (m != null && m.startsWith("Unexpected end-of-input")))
      return "the JSON ends early (is the file cut off?)";
    if (m == null) return "invalid JSON";
    int cut = m.indexOf('\n');
    if (cut >= 0) m = m.substring(0, cut);
    int source = m.indexOf(" (start marker at");
    if (source >= 0) m = m.substring(0, source);
    return m.replace("Unrecognized character escape", "invalid escape")
        .replace("Illegal unquoted character", "unescaped control character")
        .trim();
  }
}
