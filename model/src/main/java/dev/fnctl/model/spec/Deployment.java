package dev.fnctl.model.spec;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A spec resolved for one target: what a provider expands into resources. Every function's settings
 * are complete (built-in defaults, then {@code defaults:}, the function's own, the target's {@code
 * defaults:} and the target's {@code functions.NAME}).
 */
public record Deployment(Spec spec, Target target, Map<String, FunctionSpec> functions) {

  /** The implicit target of a spec that declares none. */
  public static final String IMPLICIT_LOCAL = "local";

  public String stack() {
    return spec.stack();
  }

  public Map<String, QueueSpec> queues() {
    return spec.queues();
  }

  public Map<String, TopicSpec> topics() {
    return spec.topics();
  }

  public Map<String, BucketSpec> buckets() {
    return spec.buckets();
  }

  public Map<String, Budget> budgets() {
    return spec.budgets();
  }

  static Deployment of(Spec spec, String targetName) {
    Target target = spec.target(targetName);
    if (target == null) {
      throw new IllegalArgumentException("unknown target " + targetName);
    }
    Map<String, FunctionSpec> resolved = new LinkedHashMap<>();
    for (FunctionSpec f : spec.functions().values()) {
      FunctionSettings s =
          FunctionSettings.BUILT_IN
              .over(spec.defaults())
              .over(f.settings())
              .over(target.defaults())
              .over(target.functions().get(f.name()));
      resolved.put(f.name(), f.withSettings(s));
    }
    return new Deployment(spec, target, java.util.Collections.unmodifiableMap(resolved));
  }
}
