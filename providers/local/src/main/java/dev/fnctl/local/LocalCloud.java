package dev.fnctl.local;

import dev.fnctl.archive.CodeArchive;
import dev.fnctl.model.plan.Action;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.provider.Address;
import dev.fnctl.provider.Cloud;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.LiveState;
import dev.fnctl.provider.Ownership;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import dev.fnctl.provider.StackLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The "cloud" of one stack and target: a directory with one JSON file per resource (and each
 * function's package next to it) plus the lock file. It is read back as a cloud would be, by
 * listing what is there and checking the ownership tags, so hand edits show as drift and a file
 * without this stack's tags is not owned.
 */
final class LocalCloud implements Cloud {
  static final String LOCK = "lock.json";

  private final Path dir;
  private final Deployment deployment;
  private final Ownership owner;
  private final Path made;

  /**
   * @param made the outermost directory fnctl made for this cloud (it holds {@code dir}): a delete
   *     and the lock's release remove the directories they leave empty up to and including it, so
   *     that a destroy leaves nothing behind
   */
  LocalCloud(Path dir, Deployment deployment, Path made) {
    this.dir = dir;
    this.deployment = deployment;
    this.owner = Ownership.of(deployment);
    this.made = made;
  }

  /**
   * Removes {@code from} and its parents up to and including {@code top} while they are empty. A
   * directory that is not empty (another target's, or one just made by another run) stays: the file
   * system checks that atomically.
   */
  static void removeEmpty(Path from, Path top) {
    for (Path d = from; d != null && d.startsWith(top); d = d.getParent()) {
      try {
        Files.delete(d);
      } catch (java.nio.file.NoSuchFileException e) {
        // already gone: go on with its parent
      } catch (IOException e) {
        return; // not empty, or not ours to remove
      }
    }
  }

  Path dir() {
    return dir;
  }

  @Override
  public List<Resource> desired(Deployment deployment) throws ProviderException {
    return new LocalResources(deployment).expand();
  }

  @Override
  public LiveState read(Deployment deployment, List<Resource> desired) throws ProviderException {
    if (!Files.isDirectory(dir)) return new LiveState(List.of());
    List<Path> files;
    try (Stream<Path> walk = Files.walk(dir)) {
      // Resource files sit in a folder per type; the lock and temporary files are not resources.
      files =
          walk.filter(p -> p.getNameCount() > dir.getNameCount() + 1)
              .filter(p -> p.getFileName().toString().endsWith(".json"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new ProviderException(
          "cannot list the local target directory " + dir + ": " + e.getMessage(), e);
    }
    List<LiveResource> live = new ArrayList<>();
    for (Path f : files) live.add(withDeployedCode(ResourceFile.read(f, owner)));
    live.sort(Comparator.comparing(LiveResource::address));
    refuseExistingThatIsOwned(deployment, live);
    return new LiveState(live);
  }

  /**
   * {@code existing:} is for what the stack does not own: naming the stack's own queue, topic or
   * bucket would leave triggers on a resource the same apply deletes (owned, no longer declared).
   */
  private void refuseExistingThatIsOwned(Deployment d, List<LiveResource> live)
      throws ProviderException {
    Map<String, String> existing = new LinkedHashMap<>();
    for (var q : d.queues().values())
      if (!q.owned()) existing.put("queues." + q.name(), q.existing());
    for (var t : d.topics().values())
      if (!t.owned()) existing.put("topics." + t.name(), t.existing());
    for (var b : d.buckets().values())
      if (!b.owned()) existing.put("buckets." + b.name(), b.existing());
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, String> e : existing.entrySet()) {
      for (LiveResource r : live) {
        if (r.owned() && e.getValue().equals(r.outputs().get("id")))
          problems.add(
              e.getKey()
                  + ".existing names "
                  + e.getValue()
                  + ", which stack "
                  + owner.stack()
                  + " owns on target "
                  + owner.target()
                  + " (fnctl made it): declare it as the stack's own instead of existing, or name"
                  + " a resource the stack does not own");
      }
    }
    if (!problems.isEmpty()) throw new ProviderException(String.join("; ", problems));
  }

  /**
   * A function's {@code codeSha256} as read from the package that is actually deployed next to its
   * file, not the hash recorded when it was written: a package changed or lost outside fnctl is
   * drift, as a changed CodeSha256 is on a cloud.
   */
  private LiveResource withDeployedCode(LiveResource r) throws ProviderException {
    if (!r.properties().containsKey(CODE_HASH)) return r;
    Path pkg = ResourceFile.path(dir, r.address(), ".zip");
    String deployed;
    try {
      deployed =
          Files.isRegularFile(pkg)
              ? java.util.HexFormat.of()
                  .formatHex(
                      java.security.MessageDigest.getInstance("SHA-256")
                          .digest(Files.readAllBytes(pkg)))
              : "(no package deployed)";
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      throw new ProviderException(
          "cannot read the deployed package " + pkg + ": " + e.getMessage(), e);
    }
    if (deployed.equals(r.properties().get(CODE_HASH))) return r;
    Map<String, Object> p = new LinkedHashMap<>(r.properties());
    p.put(CODE_HASH, deployed);
    return dev.fnctl.provider.Drift.mark(
        new LiveResource(r.address(), r.type(), r.item(), r.owned(), p, r.outputs(), r.dependsOn()),
        List.of(CODE_HASH));
  }

  private static final String CODE_HASH = "codeSha256";

  @Override
  public Map<String, Object> apply(Step step) throws ProviderException {
    Path file = ResourceFile.path(dir, step.address(), ".json");
    Path pkg = ResourceFile.path(dir, step.address(), ".zip");
    refuseIfNotOwned(file, step.address());
    if (step.action() == Action.DELETE) {
      try {
        Files.deleteIfExists(pkg);
        Files.deleteIfExists(file);
        removeEmpty(file.getParent(), dir);
      } catch (IOException e) {
        throw new ProviderException(
            step.address() + ": cannot delete " + file + ": " + e.getMessage(), e);
      }
      return Map.of();
    }
    if (step.action() != Action.CREATE && step.action() != Action.UPDATE) {
      throw new ProviderException(
          step.address() + ": the local target cannot " + step.action().word());
    }
    Resource r = step.desired();
    if (r.payload() instanceof CodeArchive code) ResourceFile.writeAtomically(pkg, code::writeTo);
    Map<String, Object> outputs = outputs(r, step.after());
    ResourceFile.write(
        file,
        new LiveResource(
            r.address(), r.type(), r.item(), true, step.after(), outputs, r.dependsOn()),
        owner);
    return outputs;
  }

  private void refuseIfNotOwned(Path file, String address) throws ProviderException {
    if (!Files.exists(file)) return;
    if (!ResourceFile.read(file, owner).owned()) {
      throw new ProviderException(
          address
              + ": "
              + file
              + " is not owned by stack '"
              + owner.stack()
              + "' on target '"
              + owner.target()
              + "'; fnctl will not change it");
    }
  }

  private Map<String, Object> outputs(Resource r, Map<String, Object> after) {
    Map<String, Object> out = new LinkedHashMap<>();
    String name = Address.parse(r.address()).name();
    out.put(
        "id",
        after.get("name") instanceof String s
            ? s
            : LocalNames.of(deployment).physical(name.replace('/', '-')));
    if (LocalResources.TRIGGER.equals(r.type()) && after.get("path") instanceof String path) {
      out.put("url", "http://localhost/" + owner.stack() + "/" + owner.target() + path);
    }
    return out;
  }

  /** Files on this machine: a step that takes a minute is stuck, not slow. */
  @Override
  public java.time.Duration stepTimeout() {
    return java.time.Duration.ofMinutes(1);
  }

  @Override
  public StackLock lock() {
    return new LockFile(dir.resolve(LOCK), made);
  }

  /** The URL of every HTTP trigger, keyed by function, method and path. */
  @Override
  public Map<String, String> outputs(LiveState live) {
    Map<String, String> out = new LinkedHashMap<>();
    for (LiveResource r : live.resources()) {
      if (!r.owned() || !(r.outputs().get("url") instanceof String url)) continue;
      out.put(
          r.item() + " " + r.properties().get("method") + " " + r.properties().get("path"), url);
    }
    return out;
  }

  @Override
  public String toString() {
    return "local target at " + dir + " for " + deployment.stack();
  }
}
