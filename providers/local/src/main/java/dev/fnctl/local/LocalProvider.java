package dev.fnctl.local;

import dev.fnctl.model.spec.Deployment;
import dev.fnctl.provider.Cloud;
import dev.fnctl.provider.Context;
import dev.fnctl.provider.Problem;
import dev.fnctl.provider.Provider;
import dev.fnctl.provider.ProviderException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The embedded default target: a directory standing for a cloud, so that plan, apply, drift and
 * destroy all work with no account. It accepts everything the model accepts.
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

  @Override
  public List<Problem> validate(Deployment deployment) {
    return List.of();
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
