package dev.fnctl.testkit.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The constraints a botocore model puts on an operation's input (required members, min/max length
 * or value, pattern, enum), checked on a request's members the way AWS's own validation does, with
 * AWS's wording: {@code Value 'a.b' at 'statementId' failed to satisfy constraint: Member must
 * satisfy regular expression pattern: ([a-zA-Z0-9-_]+)}.
 */
final class ModelConstraints {
  private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
  private final ServiceModel model;

  ModelConstraints(ServiceModel model) {
    this.model = model;
  }

  /**
   * Every violation in {@code value} (members by model name) of the structure {@code shapeName}.
   */
  List<String> check(String shapeName, Map<String, Object> value) {
    List<String> out = new ArrayList<>();
    structure(model.shape(shapeName), value, "", out);
    return out;
  }

  @SuppressWarnings("unchecked")
  private void structure(
      Map<String, Object> shape, Map<?, ?> value, String path, List<String> out) {
    Map<String, Object> members = (Map<String, Object>) shape.getOrDefault("members", Map.of());
    List<String> required = (List<String>) shape.getOrDefault("required", List.of());
    for (String r : required) {
      if (value.get(r) == null)
        out.add(
            "Value null at '"
                + at(path, r)
                + "' failed to satisfy constraint: Member must not be null");
    }
    for (Map.Entry<String, Object> m : members.entrySet()) {
      Object v = value.get(m.getKey());
      if (v == null) continue;
      String memberShape = (String) ((Map<String, Object>) m.getValue()).get("shape");
      check(memberShape, v, at(path, m.getKey()), out);
    }
  }

  @SuppressWarnings("unchecked")
  private void check(String shapeName, Object v, String path, List<String> out) {
    Map<String, Object> shape = model.shape(shapeName);
    if (shape == null) return;
    switch ((String) shape.get("type")) {
      case "structure" -> {
        if (v instanceof Map<?, ?> m) structure(shape, m, path, out);
      }
      case "string" -> string(shapeName, shape, v.toString(), path, out);
      case "integer", "long" -> number(shape, v, path, out);
      case "list" -> {
        if (!(v instanceof List<?> list)) return;
        size(shape, list.size(), "'[" + list.size() + " items]'", path, out);
        String member = (String) ((Map<String, Object>) shape.get("member")).get("shape");
        for (int i = 0; i < list.size(); i++)
          if (list.get(i) != null)
            check(member, list.get(i), path + "." + (i + 1) + ".member", out);
      }
      case "map" -> {
        if (!(v instanceof Map<?, ?> map)) return;
        size(shape, map.size(), "'{" + map.size() + " entries}'", path, out);
        String key = (String) ((Map<String, Object>) shape.get("key")).get("shape");
        String val = (String) ((Map<String, Object>) shape.get("value")).get("shape");
        for (Map.Entry<?, ?> e : map.entrySet()) {
          List<String> keyProblems = new ArrayList<>();
          check(key, String.valueOf(e.getKey()), path, keyProblems);
          for (String p : keyProblems)
            out.add(
                p.replace(
                    "failed to satisfy constraint: ",
                    "failed to satisfy constraint: Map keys must satisfy constraint: "));
          if (e.getValue() != null) check(val, e.getValue(), path + "." + e.getKey(), out);
        }
      }
      default -> {}
    }
  }

  @SuppressWarnings("unchecked")
  /**
   * Enums the service matches in any case: S3's filter rule names are modelled {@code prefix,
   * suffix}, but S3 answers and accepts {@code Prefix}, {@code Suffix} (what the Java SDK sends).
   */
  private static final java.util.Set<String> ANY_CASE_ENUMS = java.util.Set.of("FilterRuleName");

  private static void string(
      String shapeName, Map<String, Object> shape, String s, String path, List<String> out) {
    String shown = "Value '" + s + "' at '" + path + "' failed to satisfy constraint: ";
    int length = s.codePointCount(0, s.length());
    if (shape.get("min") instanceof Number min && length < min.longValue())
      out.add(shown + "Member must have length greater than or equal to " + min);
    if (shape.get("max") instanceof Number max && length > max.longValue())
      out.add(shown + "Member must have length less than or equal to " + max);
    if (shape.get("pattern") instanceof String p) {
      Pattern pattern = compiled(p);
      if (pattern != null && !pattern.matcher(s).matches())
        out.add(shown + "Member must satisfy regular expression pattern: " + p);
    }
    if (shape.get("enum") instanceof List<?> values
        && !values.contains(s)
        && !(ANY_CASE_ENUMS.contains(shapeName)
            && values.stream().anyMatch(v -> v.toString().equalsIgnoreCase(s))))
      out.add(shown + "Member must satisfy enum value set: " + values);
  }

  private static void number(Map<String, Object> shape, Object v, String path, List<String> out) {
    long n;
    try {
      n = v instanceof Number num ? num.longValue() : Long.parseLong(v.toString());
    } catch (NumberFormatException e) {
      return;
    }
    String shown = "Value '" + n + "' at '" + path + "' failed to satisfy constraint: ";
    if (shape.get("min") instanceof Number min && n < min.longValue())
      out.add(shown + "Member must have value greater than or equal to " + min);
    if (shape.get("max") instanceof Number max && n > max.longValue())
      out.add(shown + "Member must have value less than or equal to " + max);
  }

  private static void size(
      Map<String, Object> shape, int size, String shownValue, String path, List<String> out) {
    String shown = "Value " + shownValue + " at '" + path + "' failed to satisfy constraint: ";
    if (shape.get("min") instanceof Number min && size < min.longValue())
      out.add(shown + "Member must have length greater than or equal to " + min);
    if (shape.get("max") instanceof Number max && size > max.longValue())
      out.add(shown + "Member must have length less than or equal to " + max);
  }

  /**
   * botocore's patterns are the service's own (Java) regular expressions; one that does not compile
   * here is skipped rather than guessed at.
   */
  private static Pattern compiled(String p) {
    return PATTERNS.computeIfAbsent(
        p,
        k -> {
          try {
            return Pattern.compile(k, Pattern.DOTALL);
          } catch (PatternSyntaxException e) {
            return Pattern.compile("(?s).*");
          }
        });
  }

  /** AWS names members in messages in lower camel case: {@code Environment.Variables} -> ... */
  private static String at(String path, String member) {
    String m =
        member.isEmpty() ? member : Character.toLowerCase(member.charAt(0)) + member.substring(1);
    return path.isEmpty() ? m : path + "." + m;
  }
}
