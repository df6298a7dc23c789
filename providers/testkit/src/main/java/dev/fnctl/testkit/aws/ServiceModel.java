package dev.fnctl.testkit.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One AWS API as botocore describes it ({@code data/<service>/<version>/service-2.json}, the model
 * moto itself is built from): its wire protocol, its operations and the shapes of their inputs.
 * Finds the operation a request calls: by X-Amz-Target (json), Action= (query) or method and
 * request URI template (rest-json, rest-xml).
 */
record ServiceModel(
    String name,
    String protocol,
    String signingName,
    Map<String, Object> operations,
    Map<String, Object> shapes) {

  @SuppressWarnings("unchecked")
  static ServiceModel of(String name, Map<String, Object> model) {
    Map<String, Object> meta = (Map<String, Object>) model.get("metadata");
    String signing = (String) meta.getOrDefault("signingName", meta.get("endpointPrefix"));
    return new ServiceModel(
        name,
        (String) meta.get("protocol"),
        signing,
        (Map<String, Object>) model.get("operations"),
        (Map<String, Object>) model.get("shapes"));
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> shape(String shapeName) {
    return (Map<String, Object>) shapes.get(shapeName);
  }

  /** The operation's definition, or null when the model has no operation of that name. */
  @SuppressWarnings("unchecked")
  Map<String, Object> operation(String operationName) {
    return (Map<String, Object>) operations.get(operationName);
  }

  /**
   * The name of the REST operation whose method and request URI template fit, the most specific
   * when several do ({@code /{Bucket}?notification} over {@code /{Bucket}}); among operations on
   * the same URI, the one whose required headers the request carries (CopyObject is PutObject's URI
   * with {@code x-amz-copy-source}) and that is not deprecated (GetBucketNotification); null when
   * none fits.
   */
  @SuppressWarnings("unchecked")
  String restOperation(
      String method,
      String path,
      Map<String, List<String>> query,
      java.util.function.Predicate<String> hasHeader) {
    String best = null;
    int bestScore = Integer.MIN_VALUE;
    for (Map.Entry<String, Object> e : operations.entrySet()) {
      Map<String, Object> op = (Map<String, Object>) e.getValue();
      Map<String, Object> http = (Map<String, Object>) op.get("http");
      if (http == null || !method.equalsIgnoreCase((String) http.get("method"))) continue;
      UriTemplate t = UriTemplate.of((String) http.get("requestUri"));
      if (t.pathParams(path) == null || !t.queryLiteralsIn(query)) continue;
      int score = 4 * t.specificity();
      if (Boolean.TRUE.equals(op.get("deprecated"))) score -= 1;
      if (!requiredLocationsPresent(op, hasHeader, query)) score -= 2;
      if (score > bestScore) {
        best = e.getKey();
        bestScore = score;
      }
    }
    return best;
  }

  @SuppressWarnings("unchecked")
  private boolean requiredLocationsPresent(
      Map<String, Object> op,
      java.util.function.Predicate<String> hasHeader,
      Map<String, List<String>> query) {
    Object in = op.get("input");
    if (!(in instanceof Map<?, ?> input)) return true;
    Map<String, Object> shape = shape((String) input.get("shape"));
    if (shape == null) return true;
    Map<String, Object> members = (Map<String, Object>) shape.getOrDefault("members", Map.of());
    for (Object r : (List<Object>) shape.getOrDefault("required", List.of())) {
      Map<String, Object> m = (Map<String, Object>) members.get(r);
      if (m == null) continue;
      String name = (String) m.get("locationName");
      if ("header".equals(m.get("location")) && !hasHeader.test(name)) return false;
      if ("querystring".equals(m.get("location")) && !query.containsKey(name)) return false;
    }
    return true;
  }

  /** A request URI template: {@code /2015-03-31/functions/{FunctionName}/policy?Qualifier}. */
  record UriTemplate(Pattern path, List<String> names, List<String> queryLiterals, int literals) {
    static UriTemplate of(String requestUri) {
      int q = requestUri.indexOf('?');
      String p = q < 0 ? requestUri : requestUri.substring(0, q);
      List<String> literals = new ArrayList<>();
      if (q >= 0) {
        for (String part : requestUri.substring(q + 1).split("&"))
          if (!part.isEmpty()) literals.add(part);
      }
      StringBuilder regex = new StringBuilder();
      List<String> names = new ArrayList<>();
      Matcher m = Pattern.compile("\\{([^}+]+)(\\+?)}").matcher(p);
      int last = 0;
      int literalChars = 0;
      while (m.find()) {
        regex.append(Pattern.quote(p.substring(last, m.start())));
        literalChars += m.start() - last;
        regex.append(m.group(2).isEmpty() ? "([^/]+)" : "(.+)");
        names.add(m.group(1));
        last = m.end();
      }
      regex.append(Pattern.quote(p.substring(last)));
      literalChars += p.length() - last;
      regex.append("/?");
      return new UriTemplate(Pattern.compile(regex.toString()), names, literals, literalChars);
    }

    /** The path parameters by name (still percent-encoded), or null when the path does not fit. */
    Map<String, String> pathParams(String rawPath) {
      Matcher m = path.matcher(rawPath);
      if (!m.matches()) return null;
      Map<String, String> out = new java.util.LinkedHashMap<>();
      for (int i = 0; i < names.size(); i++) out.put(names.get(i), m.group(i + 1));
      return out;
    }

    boolean queryLiteralsIn(Map<String, List<String>> query) {
      for (String lit : queryLiterals) {
        int eq = lit.indexOf('=');
        String key = eq < 0 ? lit : lit.substring(0, eq);
        List<String> values = query.get(key);
        if (values == null) return false;
        if (eq >= 0 && !values.contains(lit.substring(eq + 1))) return false;
      }
      return true;
    }

    int specificity() {
      return literals + 1000 * queryLiterals.size();
    }
  }
}
