package dev.fnctl.model.load;

import dev.fnctl.model.spec.Runtime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code runtime:} and, when it is not a neutral name, says which neutral name was meant.
 * Most wrong runtimes are a cloud's own id copied from its console or docs, so those get the exact
 * replacement rather than a list.
 */
final class RuntimeReader {
  /** Ids the clouds use for a runtime, with the neutral name each stands for ($n: a group). */
  private static final Map<Pattern, String> CLOUD_IDS =
      Map.of(
          Pattern.compile("nodejs([1-9][0-9]*)\\.x"), "nodejs$1",
          Pattern.compile("java([1-9][0-9]*)\\.al2(?:023)?"), "java$1",
          Pattern.compile("python3([0-9]{1,2})"), "python3.$1",
          Pattern.compile("dotnet-isolated([1-9][0-9]*)(?:\\.0)?"), "dotnet$1");

  private static final Map<String, String> EXAMPLES =
      Map.of("python", "python3.12", "nodejs", "nodejs22", "java", "java21", "dotnet", "dotnet8");

  private static final Pattern PARTS = Pattern.compile("([a-z]+)[\\s_-]*([0-9][0-9.]*)?(.*)");

  private RuntimeReader() {}

  /**
   * The runtime as written, after reporting a problem when it is not a neutral name. A wrong name
   * is still returned: the spec fails to load anyway, and the check that every function has a
   * runtime must not report it missing as well.
   */
  static String read(SpecNode node) {
    String id = node.nonEmptyText("runtime");
    if (id != null && Runtime.parse(id).isEmpty()) node.problem(problem(id));
    return id;
  }

  /** Why {@code id} is not a neutral runtime name, with the name meant when it can tell. */
  static String problem(String id) {
    String lower = id.strip().toLowerCase(Locale.ROOT);
    for (var e : CLOUD_IDS.entrySet()) {
      Matcher m = e.getKey().matcher(lower);
      if (m.matches()) {
        return "runtime '"
            + id
            + "' is a cloud-specific id; write the neutral name '"
            + m.replaceFirst(e.getValue())
            + "' (fnctl maps it to each cloud's runtime)";
      }
    }
    if (Runtime.parse(lower).isPresent()) {
      return "runtime '" + id + "': runtime names are lower case; write '" + lower + "'";
    }
    Matcher parts = PARTS.matcher(lower);
    if (parts.matches()) {
      String language = parts.group(1).equals("node") ? "nodejs" : parts.group(1);
      Optional<String> known =
          Runtime.LANGUAGES.contains(language)
              ? Optional.of(language)
              : DidYouMean.closest(language, Runtime.LANGUAGES);
      if (known.isPresent()) {
        String lang = known.get();
        String version = parts.group(2) == null ? "" : parts.group(2);
        if (version.isEmpty() || (lang.equals("python") && !version.contains("."))) {
          return "runtime '"
              + id
              + "' needs a version; write e.g. '"
              + EXAMPLES.get(lang)
              + "'"
              + (lang.equals("python") ? " (python3.N)" : " (" + lang + "<major>)");
        }
        Optional<Runtime> meant = Runtime.parse(lang + neutralVersion(lang, version));
        if (meant.isPresent() && parts.group(3).isEmpty()) {
          return "runtime '"
              + id
              + "' is not a neutral runtime name; did you mean '"
              + meant.get().id()
              + "'?";
        }
      }
    }
    return "runtime '"
        + id
        + "' is not one fnctl knows; write python3.N, nodejs<major>, java<major> or"
        + " dotnet<major>, e.g. "
        + String.join(", ", List.of("python3.12", "nodejs22", "java21", "dotnet8"));
  }

  /** Python keeps 3.N; the others keep only the major of a version such as 22.1 or 21.0.2. */
  private static String neutralVersion(String language, String version) {
    String[] v = version.split("\\.");
    if (language.equals("python")) return v.length >= 2 ? v[0] + "." + v[1] : version;
    return v.length == 0 ? version : v[0];
  }
}
