package dev.fnctl.local;

import dev.fnctl.model.spec.BucketSpec;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.QueueSpec;
import dev.fnctl.model.spec.TopicSpec;
import dev.fnctl.provider.Cloud;
import dev.fnctl.provider.Context;
import dev.fnctl.provider.Problem;
import dev.fnctl.provider.Provider;
import dev.fnctl.provider.ProviderException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The embedded default target: a directory standing for a cloud, so that plan, apply, drift and
 * destroy all work with no account.
 */
public final class LocalProvider implements Provider {

  /** Where the "cloud" lives when the target does not say, relative to the project directory. */
  public static final String DEFAULT_DIR = ".fnctl/local";

  @Override
  public String id() {
    return "local";
  }

  @Override
  public Map<String, String> settings() {
    return Map.of(
        "dir",
        "the directory holding what was deployed (default " + DEFAULT_DIR + " under the project)");
  }

  /**
   * Everything the model accepts, except an {@code existing:} name that is the name this target
   * gives one of the stack's own queues, topics or buckets ({@code STACK-TARGET-NAME}).
   */
  @Override
  public List<Problem> validate(Deployment deployment) {
    if (deployment.stack() == null) return List.of();
    LocalNames own = LocalNames.of(deployment);
    Map<String, String> owned = new java.util.HashMap<>();
    deployment.queues().values().stream()
        .filter(QueueSpec::owned)
        .forEach(q -> owned.put("queues:" + own.physical(q.name()), q.name()));
    deployment.topics().values().stream()
        .filter(TopicSpec::owned)
        .forEach(t -> owned.put("topics:" + own.physical(t.name()), t.name()));
    deployment.buckets().values().stream()
        .filter(BucketSpec::owned)
        .forEach(b -> owned.put("buckets:" + own.physical(b.name()), b.name()));
    List<Problem> out = new ArrayList<>();
    java.util.function.BiConsumer<String, Map.Entry<String, String>> check =
        (section, item) -> {
          String declared = owned.get(section + ":" + item.getValue());
          if (declared == null) return;
          out.add(
              new Problem(
                  section + "." + item.getKey() + ".existing",
                  "'"
                      + item.getValue()
                      + "' is the name of '"
                      + declared
                      + "' of this stack on target "
                      + deployment.target().name()
                      + ", which the stack itself creates and deletes: existing: names something"
                      + " the stack does not own; use '"
                      + declared
                      + "' by its spec name instead"));
        };
    deployment.queues().values().stream()
        .filter(q -> !q.owned())
        .forEach(q -> check.accept("queues", Map.entry(q.name(), q.existing())));
    deployment.topics().values().stream()
        .filter(t -> !t.owned())
        .forEach(t -> check.accept("topics", Map.entry(t.name(), t.existing())));
    deployment.buckets().values().stream()
        .filter(b -> !b.owned())
        .forEach(b -> check.accept("buckets", Map.entry(b.name(), b.existing())));
    return out;
  }

  /**
   * Generous: the local "cloud" is a directory on this machine, with no limit but the disk's. The
   * bound is there so that a runaway tree (a build output, a home directory) is refused.
   */
  @Override
  public long maxPackageBytes() {
    return 1024L * 1024 * 1024;
  }

  @Override
  public Cloud connect(Deployment deployment, Context context) throws ProviderException {
    String dir = deployment.target().settings().getOrDefault("dir", DEFAULT_DIR);
    Path root = context.projectDir().resolve(dir).normalize();
    Path stackDir = root.resolve(deployment.stack());
    // What fnctl made and may remove once empty: the default .fnctl/ folder whole; in a directory
    // the user chose, only the stack's folder inside it.
    Path made =
        deployment.target().settings().containsKey("dir")
            ? stackDir
            : context.projectDir().resolve(DEFAULT_DIR).normalize().getParent();
    return new LocalCloud(stackDir.resolve(deployment.target().name()), deployment, made);
  }
}
