package dev.fnctl.model.load;

import dev.fnctl.model.diag.Diagnostic;
import dev.fnctl.model.diag.Position;
import dev.fnctl.model.diag.Severity;
import dev.fnctl.model.diag.SourceMap;
import dev.fnctl.model.spec.FunctionSettings;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.Spec;
import dev.fnctl.model.spec.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Values that look like secret material rather than a reference to it. A value under {@code
 * secrets:} must be a reference into the provider's secret store (a name, an ARN, a resource path):
 * a key written there instead is an error. Under {@code env:} it is a warning, since env values are
 * plain configuration that is stored in clear in the function's settings and shown in plans.
 *
 * <p>A value looks like a key when it starts with a well-known key prefix ({@code sk_live_}, {@code
 * AKIA}, {@code ghp_}, {@code xoxb-}...), or when it is one long random-looking token: at least 24
 * characters of letters, digits and {@code +/=_-.} only (references have {@code :} or are words),
 * mixing upper case, lower case and at least three digits (a CamelCase name has words, not digits),
 * with high entropy. Messages never include the value.
 */
public final class SecretMaterial {
  private SecretMaterial() {}

  private record Prefix(Pattern pattern, String what) {}

  private static final List<Prefix> PREFIXES =
      List.of(
          new Prefix(Pattern.compile("^[sr]k_live_\\w{8,}"), "a Stripe live key"),
          new Prefix(Pattern.compile("^[sr]k_test_\\w{8,}"), "a Stripe test key"),
          new Prefix(Pattern.compile("^(AKIA|ASIA)[0-9A-Z]{16}$"), "an AWS access key id"),
          new Prefix(Pattern.compile("^gh[pousr]_\\w{20,}"), "a GitHub token"),
          new Prefix(Pattern.compile("^github_pat_\\w{20,}"), "a GitHub token"),
          new Prefix(Pattern.compile("^glpat-[\\w-]{20,}"), "a GitLab token"),
          new Prefix(Pattern.compile("^xox[abposr]-[\\w-]{10,}"), "a Slack token"),
          new Prefix(Pattern.compile("^xapp-[\\w-]{10,}"), "a Slack app token"),
          new Prefix(Pattern.compile("^AIza[\\w-]{35}$"), "a Google API key"),
          new Prefix(Pattern.compile("^npm_\\w{30,}"), "an npm token"),
          new Prefix(Pattern.compile("^SG\\.[\\w-]{16,}\\.[\\w-]{16,}"), "a SendGrid key"),
          new Prefix(Pattern.compile("^-----BEGIN [A-Z ]*PRIVATE KEY"), "a private key"));

  private static final Pattern TOKEN = Pattern.compile("^[A-Za-z0-9+/=_.\\-]{24,}$");

  /**
   * What kind of secret material {@code value} looks like ("a GitHub token", "a random-looking
   * token"), or empty when it reads as a reference or plain configuration.
   */
  public static Optional<String> looksLike(String value) {
    if (value == null) return Optional.empty();
    String v = value.strip();
    for (Prefix p : PREFIXES) {
      if (p.pattern.matcher(v).find()) return Optional.of(p.what);
    }
    if (TOKEN.matcher(v).matches()
        && v.chars().anyMatch(Character::isUpperCase)
        && v.chars().anyMatch(Character::isLowerCase)
        && v.chars().filter(Character::isDigit).count() >= 3
        && entropyBitsPerChar(v) >= 4.0) {
      return Optional.of("a random-looking token");
    }
    return Optional.empty();
  }

  /** Shannon entropy: about 3.3 for English words, 4 to 6 for random base64 of this length. */
  static double entropyBitsPerChar(String s) {
    Map<Character, Integer> counts = new HashMap<>();
    for (char c : s.toCharArray()) counts.merge(c, 1, Integer::sum);
    double bits = 0;
    for (int n : counts.values()) {
      double p = (double) n / s.length();
      bits -= p * Math.log(p) / Math.log(2);
    }
    return bits;
  }

  /**
   * Every {@code secrets:} value that looks like a key (an error) and every {@code env:} value that
   * does, at any level: defaults, functions, target defaults and target overrides (a warning).
   */
  public static List<Diagnostic> check(Spec spec) {
    List<Diagnostic> out = new ArrayList<>();
    for (FunctionSpec f : spec.functions().values()) {
      String at = "functions." + f.name();
      f.secrets()
          .forEach(
              (name, value) ->
                  looksLike(value)
                      .ifPresent(
                          what ->
                              out.add(
                                  diagnostic(
                                      spec,
                                      at + ".secrets." + name,
                                      Severity.ERROR,
                                      "the value looks like secret material ("
                                          + what
                                          + "), not a reference to it: put the secret in the"
                                          + " provider's secret store (e.g. AWS Secrets Manager)"
                                          + " and write its name or ARN here; then rotate it, since"
                                          + " it was written in the spec"))));
      env(spec, at, f.settings(), out);
    }
    env(spec, "defaults", spec.defaults(), out);
    for (Target t : spec.targets().values()) {
      String at = "targets." + t.name();
      env(spec, at + ".defaults", t.defaults(), out);
      t.functions().forEach((fn, s) -> env(spec, at + ".functions." + fn, s, out));
    }
    return out;
  }

  private static void env(Spec spec, String at, FunctionSettings settings, List<Diagnostic> out) {
    if (settings == null || settings.env() == null) return;
    settings
        .env()
        .forEach(
            (name, value) ->
                looksLike(value)
                    .ifPresent(
                        what ->
                            out.add(
                                diagnostic(
                                    spec,
                                    at + ".env." + name,
                                    Severity.WARNING,
                                    "the value looks like secret material ("
                                        + what
                                        + "); env values are stored in clear in the function's"
                                        + " settings and shown in plans: put it in the provider's"
                                        + " secret store and refer to it under secrets: instead,"
                                        + " e.g. secrets: { "
                                        + name
                                        + ": my-"
                                        + name.toLowerCase(java.util.Locale.ROOT).replace('_', '-')
                                        + " }"))));
  }

  private static Diagnostic diagnostic(Spec spec, String path, Severity severity, String message) {
    SourceMap map = spec.sourceMap();
    Position at =
        map != null
            ? map.find(path)
            : Position.ofFile(spec.file() == null ? "" : spec.file().toString());
    return new Diagnostic(at, path, message, severity);
  }
}
