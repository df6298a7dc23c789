package dev.fnctl.provider;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One provider resource the spec asks for: what the engine diffs against a {@link LiveResource} at
 * the same address.
 *
 * <p>{@code properties} hold only what fnctl manages, in the same normalised shape the provider
 * reads back from the cloud, so an applied spec plans to no changes. Values are JSON-shaped
 * (String, Long, Boolean, BigDecimal, List, Map) or a {@link Ref} to an output of another resource
 * (known after that one exists).
 *
 * @param address stable identity, unique in the deployment: {@code
 *     aws:lambda:function/orders-resize}
 * @param type the provider's resource type: {@code aws:lambda:function}
 * @param item the neutral spec item it comes from, for grouping: {@code function resize}
 * @param replaceOn properties that cannot change in place: a change replaces the resource
 * @param sensitive properties every view masks
 * @param dependsOn addresses that must exist before this one is created (and be deleted after)
 * @param payload provider-private data needed to apply but never diffed or shown (a code package);
 *     null when there is none
 */
public record Resource(
    String address,
    String type,
    String item,
    Map<String, Object> properties,
    Set<String> replaceOn,
    Set<String> sensitive,
    List<String> dependsOn,
    Object payload) {

  public Resource {
    properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
    replaceOn = Set.copyOf(replaceOn);
    sensitive = Set.copyOf(sensitive);
    dependsOn = List.copyOf(dependsOn);
  }

  /** A resource with no replace-on, sensitive or payload parts. */
  public static Resource of(
      String address,
      String type,
      String item,
      Map<String, Object> properties,
      List<String> dependsOn) {
    return new Resource(address, type, item, properties, Set.of(), Set.of(), dependsOn, null);
  }
}
