package dev.fnctl.provider;

import java.util.List;
import java.util.Map;

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
 */
public record LiveResource(
    String address,
    String type,
    String item,
    boolean owned,
    Map<String, Object> properties,
    Map<String, Object> outputs,
    List<String> dependsOn) {

  public LiveResource {
    dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
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
}
