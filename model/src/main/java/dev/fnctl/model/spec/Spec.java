package dev.fnctl.model.spec;

import dev.fnctl.model.diag.SourceMap;
import java.nio.file.Path;
import java.util.Map;

/**
 * A spec file as the user wrote it, after loading and validation, with its variables resolved
 * ({@code ${target}} for the target it was loaded for). Functions still carry only the settings
 * written for them; {@link #forTarget(String)} merges defaults and target overrides into a {@link
 * Deployment}.
 *
 * <p>Maps keep the order of the file so that output follows the user's own layout.
 *
 * @param file the spec file, for messages
 * @param baseDir the directory that relative {@code code:} paths are resolved against
 * @param sourceMap where each spec path (e.g. {@code functions.resize.memory}) was written, so that
 *     problems found later (by a provider) still point at file:line:column
 * @param digest SHA-256 of the spec file's bytes, recorded in plans
 */
public record Spec(
    String apiVersion,
    String stack,
    Map<String, Target> targets,
    FunctionSettings defaults,
    Map<String, FunctionSpec> functions,
    Map<String, QueueSpec> queues,
    Map<String, TopicSpec> topics,
    Map<String, BucketSpec> buckets,
    Map<String, Budget> budgets,
    Path file,
    Path baseDir,
    SourceMap sourceMap,
    String digest) {

  public static final String API_VERSION = "fnctl.dev/v1";

  public Deployment forTarget(String targetName) {
    return Deployment.of(this, targetName);
  }

  /**
   * The target named {@code targetName}: a declared one, or the implicit {@code local} of a spec
   * that declares none; null when there is no such target.
   */
  public Target target(String targetName) {
    Target target = targets.get(targetName);
    if (target == null && targets.isEmpty() && Deployment.IMPLICIT_LOCAL.equals(targetName)) {
      target = new Target(Deployment.IMPLICIT_LOCAL, "local", Map.of(), null, Map.of());
    }
    return target;
  }
}
