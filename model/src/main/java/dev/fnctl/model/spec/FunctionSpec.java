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
 * @param secrets environment name to a reference into the provider's secret store; the value
 *     itself never passes through fnctl
 */
public record FunctionSpec(
    String name,
    String code,
    String handler,
    FunctionSettings settings,
    Map<String, String> secrets,
    List<Trigger> triggers,
    List<Permission> permissions) {

  public String runtime() { return settings.runtime(); }
  public int memory() { return settings.memory(); }
  public java.time.Duration timeout() { return settings.timeout(); }
  public String architecture() { return settings.architecture(); }
  public Map<String, String> env() { return settings.env() == null ? Map.of() : settings.env(); }
  public Concurrency concurrency() {
    return settings.concurrency() == null ? Concurrency.NONE : settings.concurrency();
  }

  public FunctionSpec withSettings(FunctionSettings resolved) {
    return new FunctionSpec(name, code, handler, resolved, secrets, triggers, permissions);
  }
}
