package dev.fnctl.model.spec;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A function's language runtime in fnctl's neutral vocabulary: {@code python3.12}, {@code
 * nodejs22}, {@code java21}, {@code dotnet8}. The spec names the language and its version once;
 * each provider maps the pair to its cloud's own id (a cloud may spell {@code nodejs22} as {@code
 * nodejs22.x} or {@code node} plus a version field), so that one spec deploys to every cloud. Which
 * versions a cloud offers is the provider's check, not the model's.
 *
 * <p>Python keeps its minor version ({@code 3.12}) because Python minors break compatibility; the
 * other languages are named by their major version alone.
 *
 * @param language one of {@link #LANGUAGES}
 * @param version {@code 3.N} for Python, a major version (digits) for the others
 */
public record Runtime(String language, String version) {
  public static final String PYTHON = "python";
  public static final String NODEJS = "nodejs";
  public static final String JAVA = "java";
  public static final String DOTNET = "dotnet";

  /** The languages fnctl knows, in the order messages list them. */
  public static final List<String> LANGUAGES = List.of(PYTHON, NODEJS, JAVA, DOTNET);

  private static final Pattern PYTHON_VERSION = Pattern.compile("3\\.(0|[1-9][0-9]*)");
  private static final Pattern MAJOR_VERSION = Pattern.compile("[1-9][0-9]*");
  private static final Pattern NEUTRAL =
      Pattern.compile("(python)(3\\.(?:0|[1-9][0-9]*))|(nodejs|java|dotnet)([1-9][0-9]*)");

  public Runtime {
    if (!LANGUAGES.contains(language)) {
      throw new IllegalArgumentException(
          "unknown runtime language '"
              + language
              + "'; fnctl knows "
              + String.join(", ", LANGUAGES));
    }
    Pattern shape = language.equals(PYTHON) ? PYTHON_VERSION : MAJOR_VERSION;
    if (version == null || !shape.matcher(version).matches()) {
      throw new IllegalArgumentException(
          "runtime version '"
              + version
              + "' does not fit "
              + language
              + (language.equals(PYTHON) ? ": write 3.N, e.g. 3.12" : ": write a major version"));
    }
  }

  /** The runtime a neutral id names, or empty when {@code id} is not of the neutral shape. */
  public static Optional<Runtime> parse(String id) {
    if (id == null) return Optional.empty();
    Matcher m = NEUTRAL.matcher(id);
    if (!m.matches()) return Optional.empty();
    return Optional.of(
        m.group(1) != null
            ? new Runtime(m.group(1), m.group(2))
            : new Runtime(m.group(3), m.group(4)));
  }

  /** The neutral id as written in a spec: {@code python3.12}, {@code nodejs22}. */
  public String id() {
    return language + version;
  }

  /** The major version: 3 for python3.12, 22 for nodejs22. */
  public int major() {
    int dot = version.indexOf('.');
    return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
  }

  @Override
  public String toString() {
    return id();
  }
}
