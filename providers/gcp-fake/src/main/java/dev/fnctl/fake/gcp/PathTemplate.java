package dev.fnctl.fake.gcp;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A google.api.http path template ({@code /v2/{parent=projects/*&#47;locations/*}/functions},
 * {@code /v1/{resource=projects/*&#47;topics/*}:getIamPolicy}) compiled to a matcher that yields
 * the request fields its variables bind. {@code *} matches one segment, {@code **} any number; a
 * variable without a pattern is one segment. A segment never swallows a {@code :verb} suffix, so
 * {@code GET .../topics/t:getIamPolicy} is not read as a topic named {@code t:getIamPolicy}.
 */
final class PathTemplate {
  private static final Pattern VARIABLE = Pattern.compile("\\{([a-zA-Z0-9_.]+)(?:=([^}]*))?}");

  private final String template;
  private final Pattern regex;
  private final List<String> fields = new ArrayList<>();
  private final int literalLength;

  PathTemplate(String template) {
    this.template = template;
    StringBuilder re = new StringBuilder("^");
    Matcher m = VARIABLE.matcher(template);
    int last = 0;
    int literal = 0;
    while (m.find()) {
      String before = template.substring(last, m.start());
      re.append(segments(before));
      literal += before.length();
      fields.add(m.group(1));
      String pattern = m.group(2) == null ? "*" : m.group(2);
      re.append('(').append(segments(pattern)).append(')');
      literal += pattern.replace("*", "").length();
      last = m.end();
    }
    String tail = template.substring(last);
    re.append(segments(tail)).append('$');
    literal += tail.length();
    this.regex = Pattern.compile(re.toString());
    this.literalLength = literal;
  }

  private static String segments(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '*') {
        if (i + 1 < text.length() && text.charAt(i + 1) == '*') {
          out.append("[^:]+?");
          i++;
        } else {
          out.append("[^/:]+");
        }
      } else {
        out.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return out.toString();
  }

  /** The request fields bound by the path (dotted field paths), or null if it does not match. */
  Map<String, String> match(String rawPath) {
    Matcher m = regex.matcher(rawPath);
    if (!m.matches()) {
      return null;
    }
    Map<String, String> bound = new LinkedHashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      bound.put(
          fields.get(i),
          URLDecoder.decode(m.group(i + 1).replace("+", "%2B"), StandardCharsets.UTF_8));
    }
    return bound;
  }

  /** How much of the template is literal text: the more, the more specific when two match. */
  int specificity() {
    return literalLength;
  }

  @Override
  public String toString() {
    return template;
  }
}
