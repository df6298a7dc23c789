package dev.fnctl.provider.aws;

import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.Permission;
import dev.fnctl.model.spec.Trigger;
import dev.fnctl.provider.Problem;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Rules Lambda and S3 apply to a function that moto does not, checked at validate so a spec that
 * real AWS would refuse halfway through an apply is refused before anything is touched.
 */
final class LambdaRules {
  private LambdaRules() {}

  /** Lambda's pattern for variable names (botocore model: EnvironmentVariableName). */
  static final Pattern VARIABLE_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]+");

  /**
   * Names Lambda sets itself and refuses in a function's configuration ("Defined runtime
   * environment variables", Lambda developer guide), besides every {@code AWS_LAMBDA_*}.
   */
  static final Set<String> RESERVED =
      Set.of(
          "_HANDLER",
          "_X_AMZN_TRACE_ID",
          "AWS_DEFAULT_REGION",
          "AWS_REGION",
          "AWS_EXECUTION_ENV",
          "AWS_ACCESS_KEY",
          "AWS_ACCESS_KEY_ID",
          "AWS_SECRET_ACCESS_KEY",
          "AWS_SESSION_TOKEN",
          "LAMBDA_TASK_ROOT",
          "LAMBDA_RUNTIME_DIR",
          "TZ");

  /** Lambda's limit on a function's environment: keys and values together, in bytes. */
  static final int ENVIRONMENT_BYTES = 4096;

  /**
   * The characters S3 takes literally in an object key filter. S3 matches filters against the
   * URL-encoded key (a space is {@code +}), so any other character would have to be sent encoded;
   * fnctl sends filters as written, so it refuses them instead.
   */
  static final Pattern FILTER_VALUE = Pattern.compile("[A-Za-z0-9!\\-_.*'()/]*");

  /**
   * Problems with a function's environment (its variables and the secret references fnctl adds).
   */
  static List<Problem> environment(FunctionSpec f, String path, String on) {
    List<Problem> out = new ArrayList<>();
    // what the function's configuration will hold: its variables and a reference per secret
    Map<String, String> env = new TreeMap<>(f.env());
    if (f.secrets() != null)
      f.secrets().forEach((k, ref) -> env.put(FunctionSpec.secretIdVariable(k), ref));
    int bytes = 0;
    for (Map.Entry<String, String> e : env.entrySet()) {
      String name = e.getKey();
      bytes +=
          name.getBytes(StandardCharsets.UTF_8).length
              + String.valueOf(e.getValue()).getBytes(StandardCharsets.UTF_8).length;
      String where = f.env().containsKey(name) ? path + ".env." + name : path + ".secrets";
      if (!VARIABLE_NAME.matcher(name).matches()) {
        out.add(
            new Problem(
                where,
                "environment variable name '"
                    + name
                    + "' is not allowed by Lambda"
                    + on
                    + ": it must start with a letter and have at least two letters, digits or"
                    + " underscores"));
      } else if (RESERVED.contains(name) || name.startsWith("AWS_LAMBDA_")) {
        out.add(
            new Problem(
                where,
                "environment variable '" + name + "' is reserved: Lambda sets it itself" + on));
      }
    }
    if (bytes > ENVIRONMENT_BYTES) {
      out.add(
          new Problem(
              path + ".env",
              "the environment is "
                  + bytes
                  + " bytes (names and values, with the secret references), over Lambda's"
                  + " 4 KB"
                  + on));
    }
    return out;
  }

  /** The runtime's problem when Lambda no longer creates functions on it, else null. */
  static Problem deprecatedRuntime(String runtime, String path, String on) {
    LocalDate date = LambdaRuntimes.DEPRECATED.get(runtime);
    if (date == null) return null;
    return new Problem(
        path + ".runtime",
        "runtime '"
            + runtime
            + "' was deprecated by Lambda on "
            + date
            + " and new functions can no longer use it"
            + on
            + "; use one of "
            + String.join(", ", LambdaRuntimes.OFFERED));
  }

  /** Problems with a storage trigger's prefix and suffix. */
  static List<Problem> storageFilter(Trigger.Storage st, String path, String on) {
    List<Problem> out = new ArrayList<>();
    for (String[] f : new String[][] {{"prefix", st.prefix()}, {"suffix", st.suffix()}}) {
      if (f[1] == null || FILTER_VALUE.matcher(f[1]).matches()) continue;
      out.add(
          new Problem(
              path + ".storage." + f[0],
              f[0]
                  + " '"
                  + f[1]
                  + "' has characters S3 matches only URL-encoded (a space is '+')"
                  + on
                  + "; use letters, digits and ! - _ . * ' ( ) /"));
    }
    return out;
  }

  /** IAM's limit on all of a role's inline policies together, in characters without whitespace. */
  static final int INLINE_POLICY_CHARACTERS = 10_240;

  /**
   * The most characters one statement's actions take ({@code "s3:GetObject",} and so on), for the
   * widest access fnctl grants on each kind of thing (StackLayout's grants).
   */
  private static final Map<Permission.Kind, Integer> ACTIONS =
      Map.of(
          Permission.Kind.BUCKET, 90,
          Permission.Kind.QUEUE, 153,
          Permission.Kind.TOPIC, 72,
          Permission.Kind.FUNCTION, 46,
          Permission.Kind.SECRET, 32);

  /**
   * An upper bound of the characters of the function's inline policy. validate knows no account or
   * partition, so the exact document (built at plan time) is not available here; every part is
   * counted at its largest (the widest access, the longest partition and region, two resources per
   * grant), so a policy this says fits does fit, and one it refuses is at least close to IAM's
   * limit.
   */
  static int inlinePolicyEstimate(FunctionSpec f, String prefix) {
    Set<String> grants = new TreeSet<>();
    int chars = 40; // {"Version":"2012-10-17","Statement":[]}
    List<Permission> all = new ArrayList<>(f.permissions());
    for (Trigger t : f.triggers())
      if (t instanceof Trigger.Queue q)
        all.add(new Permission(Permission.Kind.QUEUE, q.queue(), Permission.Access.CONSUME));
    boolean secrets = false;
    for (Permission p : all) {
      if (p.kind() == Permission.Kind.SECRET) {
        if (!grants.add("secret " + p.name())) continue;
        chars += arn(prefix, p.name());
        secrets = true;
        continue;
      }
      if (!grants.add(p.kind() + " " + p.name() + " " + p.access())) continue;
      // {"Sid":"...","Effect":"Allow","Action":[...],"Resource":[...]}, with two resources
      chars += 60 + p.name().length() + 20 + ACTIONS.get(p.kind()) + 2 * arn(prefix, p.name());
    }
    if (f.secrets() != null)
      for (String ref : new TreeSet<>(f.secrets().values()))
        if (grants.add("secret " + ref)) {
          chars += arn(prefix, ref);
          secrets = true;
        }
    if (secrets) chars += 60 + 20 + ACTIONS.get(Permission.Kind.SECRET);
    return chars;
  }

  /** arn:aws-us-gov:service:region:account:prefix-name plus a suffix, quoted, with a comma. */
  private static int arn(String prefix, String name) {
    return 70 + prefix.length() + name.length();
  }

  /** The inline policy's problem when it may not fit IAM's limit, else null. */
  static Problem inlinePolicy(FunctionSpec f, String path, String prefix, String on) {
    int estimate = inlinePolicyEstimate(f, prefix);
    if (estimate <= INLINE_POLICY_CHARACTERS) return null;
    return new Problem(
        path + ".permissions",
        "the role's inline policy for these permissions could reach "
            + estimate
            + " characters, over the 10,240 IAM allows a role's inline policies"
            + on
            + "; grant fewer things, or split the function");
  }
}
