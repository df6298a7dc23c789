package dev.fnctl.model.spec;

import java.util.List;
import java.util.Map;

/**
 * One function. In a {@link Spec} its {@code settings} are only what was written for it; in a
 * {@link Deployment} they are complete (defaults, target overrides and built-in defaults merged),
 * so the accessors below never return null there except for {@code runtime} when none was given
 * anywhere (a validation error) and the concurrency limits.
 *
 * @param code the path as written: a directory (zipped deterministically), a .zip or a .jar
 * @param secrets NAME to a reference into the provider's secret store. Every provider gives the
 *     function the environment variable {@code NAME_SECRET_ID} ({@link #secretIdVariable}) holding
 *     its own reference to that secret, and read permission on exactly that secret; the value
 *     itself never passes through fnctl, the function fetches it at run time
 * @param allowCodeOutsideProject the spec's explicit {@code allowCodeOutsideProject: true}: {@code
 *     code} may lie outside the project (the spec's directory, or the git work tree holding it) and
 *     hold symbolic links that lead out of it. Off by default, so that a spec from elsewhere cannot
 *     package and upload files such as {@code ../../etc} or a link to {@code ~/.ssh}
 */
public record FunctionSpec(
    String name,
    String code,
    String handler,
    FunctionSettings settings,
    Map<String, String> secrets,
    List<Trigger> triggers,
    List<Permission> permissions,
    boolean allowCodeOutsideProject) {

  /** A function whose code must stay inside the project (the default). */
  public FunctionSpec(
      String name,
      String code,
      String handler,
      FunctionSettings settings,
      Map<String, String> secrets,
      List<Trigger> triggers,
      List<Permission> permissions) {
    this(name, code, handler, settings, secrets, triggers, permissions, false);
  }

  /** Appended to a {@code secrets:} name to make the variable holding the secret's reference. */
  public static final String SECRET_ID_SUFFIX = "_SECRET_ID";

  /** The environment variable that carries secret {@code name}'s reference: API_KEY_SECRET_ID. */
  public static String secretIdVariable(String name) {
    return name + SECRET_ID_SUFFIX;
  }

  public String runtime() {
    return settings.runtime();
  }

  public int memory() {
    return settings.memory();
  }

  public java.time.Duration timeout() {
    return settings.timeout();
  }

  public String architecture() {
    return settings.architecture();
  }

  public Map<String, String> env() {
    return settings.env() == null ? Map.of() : settings.env();
  }

  public Concurrency concurrency() {
    return settings.concurrency() == null ? Concurrency.NONE : settings.concurrency();
  }

  public FunctionSpec withSettings(FunctionSettings resolved) {
    return new FunctionSpec(
        name, code, handler, resolved, secrets, triggers, permissions, allowCodeOutsideProject);
  }
}
