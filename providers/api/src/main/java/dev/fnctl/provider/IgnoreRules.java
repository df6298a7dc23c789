package dev.fnctl.provider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which files of a code directory stay out of its package: gitignore-like globs, as in a {@code
 * .fnctlignore} file. Later rules win; {@code !} re-includes; a trailing {@code /} matches
 * directories only; a pattern with a {@code /} before its end is anchored to the code directory,
 * otherwise it matches a name at any depth; {@code *}, {@code ?}, {@code [a-z]} and {@code **} work
 * as in git. As in git, nothing under an ignored directory can be re-included.
 */
final class IgnoreRules {

  /** Never worth shipping, and differ between machines (so they would break reproducibility). */
  static final List<String> DEFAULTS =
      List.of(
          ".git/",
          ".fnctl/",
          "__pycache__/",
          "**/node_modules/.cache/",
          ".DS_Store",
          ".fnctlignore");

  private record Rule(Pattern pattern, boolean negated, boolean dirOnly, boolean anchored) {}

  private final List<Rule> rules = new ArrayList<>();

  static IgnoreRules of(List<String> lines) {
    IgnoreRules r = new IgnoreRules();
    for (String line : lines) r.add(line);
    return r;
  }

  /** The defaults, then the rules of {@code dir}'s ignore file when it has one. */
  static IgnoreRules forDirectory(Path dir) throws IOException, IgnoreFileException {
    IgnoreRules r = of(DEFAULTS);
    Path file = dir.resolve(CodePackager.IGNORE_FILE);
    if (!Files.isRegularFile(file)) return r;
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      try {
        r.add(lines.get(i));
      } catch (PatternSyntaxException e) {
        String why = e.getDescription().toLowerCase(java.util.Locale.ROOT);
        throw new IgnoreFileException(
            file, i + 1, "'" + lines.get(i).strip() + "' is not a valid pattern (" + why + ")");
      }
    }
    return r;
  }

  /**
   * @throws PatternSyntaxException when the line is no valid pattern, e.g. {@code [z-a]}
   */
  private void add(String raw) {
    String line = stripTrailingSpaces(raw);
    if (line.isEmpty() || line.startsWith("#")) return;
    boolean negated = line.startsWith("!");
    if (negated) line = line.substring(1);
    if (line.startsWith("\\")) line = line.substring(1); // "\#file", "\!file"
    boolean dirOnly = line.endsWith("/");
    if (dirOnly) line = line.substring(0, line.length() - 1);
    boolean anchored = line.contains("/");
    if (line.startsWith("/")) line = line.substring(1);
    if (line.isEmpty()) return;
    rules.add(new Rule(Pattern.compile(toRegex(line)), negated, dirOnly, anchored));
  }

  /** True when {@code path} (relative, '/'-separated) is ignored. */
  boolean ignores(String path, boolean directory) {
    String name = path.substring(path.lastIndexOf('/') + 1);
    boolean ignored = false;
    for (Rule rule : rules) {
      if (rule.dirOnly && !directory) continue;
      String subject = rule.anchored ? path : name;
      if (rule.pattern.matcher(subject).matches()) ignored = !rule.negated;
    }
    return ignored;
  }

  private static String stripTrailingSpaces(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ' && (end < 2 || s.charAt(end - 2) != '\\')) end--;
    return s.substring(0, end);
  }

  static String toRegex(String glob) {
    StringBuilder re = new StringBuilder();
    int i = 0;
    int n = glob.length();
    while (i < n) {
      char c = glob.charAt(i);
      if (glob.startsWith("**/", i) && (i == 0 || glob.charAt(i - 1) == '/')) {
        re.append("(?:.*/)?");
        i += 3;
      } else if (glob.startsWith("**", i) && i + 2 == n && (i == 0 || glob.charAt(i - 1) == '/')) {
        re.append(".*");
        i += 2;
      } else if (c == '*') {
        re.append("[^/]*");
        i++;
      } else if (c == '?') {
        re.append("[^/]");
        i++;
      } else if (c == '[') {
        int close = glob.indexOf(']', i + 2);
        if (close < 0) {
          re.append("\\[");
          i++;
          continue;
        }
        String body = glob.substring(i + 1, close);
        if (body.startsWith("!")) body = "^" + body.substring(1);
        re.append('[').append(body.replace("\\", "\\\\")).append(']');
        i = close + 1;
      } else if (c == '\\' && i + 1 < n) {
        re.append(Pattern.quote(String.valueOf(glob.charAt(i + 1))));
        i += 2;
      } else {
        re.append(Pattern.quote(String.valueOf(c)));
        i++;
      }
    }
    return re.toString();
  }
}
