package dev.fnctl.provider.aws;

import dev.fnctl.model.json.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * IAM policy documents as fnctl compares them: IAM hands them back URL-encoded, with single values
 * where fnctl wrote lists and in its own order. Both sides go through {@link #normalise}.
 */
final class PolicyDocuments {
  // The IAM policy grammar's element names, as AWS spells them (not fnctl property keys).
  static final String VERSION = "Version";
  static final String STATEMENT = "Statement";
  static final String SID = "Sid";
  static final String EFFECT = "Effect";
  static final String ACTION = "Action";
  static final String RESOURCE = "Resource";
  static final String PRINCIPAL = "Principal";
  static final String CONDITION = "Condition";

  /** The one effect fnctl writes. */
  static final String ALLOW = "Allow";

  private PolicyDocuments() {}

  static Map<String, Object> parse(String document) {
    String json = document.trim();
    if (!json.startsWith("{")) json = URLDecoder.decode(json, StandardCharsets.UTF_8);
    return Json.parseObject(json);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> normalise(Map<String, Object> doc) {
    List<Map<String, Object>> statements = new ArrayList<>();
    Object raw = doc.get(STATEMENT);
    List<Object> list =
        raw instanceof List<?> l ? (List<Object>) l : raw == null ? List.of() : List.of(raw);
    for (Object o : list) {
      Map<String, Object> s = (Map<String, Object>) o;
      Map<String, Object> n = new LinkedHashMap<>();
      n.put(SID, s.getOrDefault(SID, ""));
      n.put(EFFECT, s.get(EFFECT));
      for (String key : new String[] {ACTION, "NotAction", RESOURCE, "NotResource"}) {
        if (s.containsKey(key)) n.put(key, sortedList(s.get(key)));
      }
      for (Map.Entry<String, Object> e : s.entrySet()) n.putIfAbsent(e.getKey(), e.getValue());
      statements.add(n);
    }
    statements.sort(Comparator.comparing(s -> String.valueOf(s.get(SID))));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(VERSION, doc.getOrDefault(VERSION, FunctionLayout.POLICY_VERSION));
    out.put(STATEMENT, List.copyOf(statements));
    return out;
  }

  static List<String> sortedList(Object v) {
    TreeSet<String> set = new TreeSet<>();
    if (v instanceof List<?> l) {
      for (Object o : l) set.add(String.valueOf(o));
    } else if (v != null) {
      set.add(String.valueOf(v));
    }
    return List.copyOf(set);
  }

  /** The trust policy for one AWS service principal. */
  static String trust(String service) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\""
        + service
        + "\"},\"Action\":\"sts:AssumeRole\"}]}";
  }

  /**
   * The service a trust policy lets assume the role, or the whole document when it is not that
   * simple.
   */
  @SuppressWarnings("unchecked")
  static String trustedService(String document) {
    Map<String, Object> doc = parse(document);
    Object raw = doc.get(STATEMENT);
    List<Object> list = raw instanceof List<?> l ? (List<Object>) l : List.of(raw);
    if (list.size() == 1
        && list.get(0) instanceof Map<?, ?> s
        && ALLOW.equals(s.get(EFFECT))
        && s.get(PRINCIPAL) instanceof Map<?, ?> p
        && p.size() == 1
        && p.get("Service") instanceof String service
        && sortedList(s.get(ACTION)).equals(List.of("sts:AssumeRole"))
        && s.get(CONDITION) == null) {
      return service;
    }
    return Json.writeCompact(normalise(doc));
  }

  static String write(Object normalisedDocument) {
    return Json.writeCompact(normalisedDocument);
  }
}
