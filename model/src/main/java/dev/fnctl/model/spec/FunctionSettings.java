package dev.fnctl.model.spec;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings of a function that defaults and targets may override. Any field may be null (not
 * written); {@link #over(FunctionSettings)} layers one set over another. {@code env} maps are
 * merged key by key rather than replaced, as users of every peer tool expect.
 */
public record FunctionSettings(
    String runtime,
    Integer memory,
    Duration timeout,
    String architecture,
    Map<String, String> env,
    Concurrency concurrency) {

  public static final FunctionSettings NONE =
      new FunctionSettings(null, null, null, null, Map.of(), null);

  /** What a function gets when neither it nor defaults say otherwise. */
  public static final FunctionSettings BUILT_IN =
      new FunctionSettings(null, 256, Duration.ofSeconds(30), "x86_64", Map.of(), Concurrency.NONE);

  /** These settings with {@code top}'s non-null fields laid over them. */
  public FunctionSettings over(FunctionSettings top) {
    if (top == null) return this;
    Map<String, String> mergedEnv = new LinkedHashMap<>(env == null ? Map.of() : env);
    if (top.env != null) mergedEnv.putAll(top.env);
    return new FunctionSettings(
        top.runtime != null ? top.runtime : runtime,
        top.memory != null ? top.memory : memory,
        top.timeout != null ? top.timeout : timeout,
        top.architecture != null ? top.architecture : architecture,
        java.util.Collections.unmodifiableMap(mergedEnv),
        top.concurrency != null ? top.concurrency : concurrency);
  }
}
