package dev.fnctl.provider;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A resource as it is now in the cloud, normalised to the shape of {@link Resource#properties()}.
 *
 * @param owned true when it carries the stack's ownership tag/label (or, for what cannot be tagged,
 *     lives in the stack's name or group). Only owned resources are ever updated or deleted; a
 *     desired address that is live but not owned is a name clash, reported as an error.
 * @param outputs values other resources refer to with a {@link Ref} (arn, id, url)
 * @param dependsOn addresses this resource needs, when the cloud tells (e.g. a function's role);
 *     the engine uses them to delete resources that are no longer in the spec in a safe order.
 *     Empty when unknown.
 * @param container the shared document it is an entry of (see {@link Resource#container()}), or
 *     null; needed here because a resource no longer in the spec is deleted from its live form
 *     alone
 * @param pending what the cloud is still doing to it, in words for the plan ("creating, operation
 *     operations/123"), or null when it is settled. A resource read mid-operation (a long-running
 *     create cut off by a kill, an Azure {@code provisioningState} still running) has properties
 *     that mean nothing yet: the engine does not trust a diff against them, plans the resource as
 *     changing, and before its step calls {@link Cloud#awaitSettled}, then converges against what
 *     it settled to
 * @param sensitive properties (dot paths) holding secret references, masked in every view as the
 *     desired side's {@link Resource#sensitive()}; see {@link #withSensitive}
 */
public record LiveResource(
    String address,
    String type,
    String item,
    boolean owned,
    Map<String, Object> properties,
    Map<String, Object> outputs,
    List<String> dependsOn,
    String container,
    String pending,
    Set<String> sensitive) {

  public LiveResource {
    dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    sensitive = sensitive == null ? Set.of() : Set.copyOf(sensitive);
  }

  /** A settled live resource in no container. */
  public LiveResource(
      String address,
      String type,
      String item,
      boolean owned,
      Map<String, Object> properties,
      Map<String, Object> outputs,
      List<String> dependsOn) {
    this(address, type, item, owned, properties, outputs, dependsOn, null, null, Set.of());
  }

  /** A live resource whose dependencies are not known (the original six-part form). */
  public LiveResource(
      String address,
      String type,
      String item,
      boolean owned,
      Map<String, Object> properties,
      Map<String, Object> outputs) {
    this(address, type, item, owned, properties, outputs, List.of());
  }

  /** The same resource as an entry of a shared document. */
  public LiveResource inContainer(String container) {
    return new LiveResource(
        address, type, item, owned, properties, outputs, dependsOn, container, pending, sensitive);
  }

  /**
   * The same resource with the properties (dot paths) that hold secret references, as {@link
   * Resource#sensitive()} marks them on the desired side. The live side needs its own marks: a
   * resource the spec no longer wants is a delete with no desired resource, and its old references
   * must be masked all the same.
   */
  public LiveResource withSensitive(Set<String> paths) {
    return new LiveResource(
        address, type, item, owned, properties, outputs, dependsOn, container, pending, paths);
  }

  /** The same resource, read while the cloud is still working on it. */
  public LiveResource pending(String what) {
    return new LiveResource(
        address, type, item, owned, properties, outputs, dependsOn, container, what, sensitive);
  }

  public boolean isPending() {
    return pending != null;
  }
}
