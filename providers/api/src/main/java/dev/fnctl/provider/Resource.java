package dev.fnctl.provider;

import dev.fnctl.model.plan.ReplaceMode;
import java.util.ArrayList;
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
 * @param address stable identity, unique in the deployment: the printed form of an {@link Address}
 *     ({@code aws:lambda:function/orders-resize}), built and taken apart through that type
 * @param type the provider's resource type: {@code aws:lambda:function}
 * @param item the neutral spec item it comes from, for grouping: {@code function resize}; the first
 *     of {@code items}
 * @param replaceOn properties that cannot change in place: a change replaces the resource
 * @param sensitive properties every view masks
 * @param dependsOn addresses that must exist before this one is created (and be deleted after)
 * @param payload provider-private data needed to apply but never diffed or shown (a code package);
 *     null when there is none
 * @param items every spec item the resource serves, {@code item} first. Most resources serve one; a
 *     resource that several items share (one Azure function app or package carrying several
 *     functions) lists them all, and plan output groups it under all of them rather than under an
 *     arbitrary one
 * @param container the shared document this resource is an entry of, or null: a document the cloud
 *     replaces whole (an S3 bucket's notification configuration {@code
 *     aws:s3:bucket-notifications/BUCKET}, a Lambda function's resource policy, Azure app settings,
 *     a GCP IAM policy). The engine never runs two steps on one container at once, so two entries
 *     written in parallel cannot overwrite each other; the provider still writes with the cloud's
 *     concurrency control ({@link SharedDocument}) because other tools write there too. Any string
 *     naming the document exactly works; the same string on the {@link LiveResource}
 * @param replaceMode the order of a replacement's two steps: {@link ReplaceMode#CREATE_THEN_DELETE}
 *     only where the cloud lets the new one exist beside the old one (a generated id, a name the
 *     provider varies), {@link ReplaceMode#DELETE_THEN_CREATE} (the default) where the name is
 *     fixed
 */
public record Resource(
    String address,
    String type,
    String item,
    Map<String, Object> properties,
    Set<String> replaceOn,
    Set<String> sensitive,
    List<String> dependsOn,
    Object payload,
    List<String> items,
    String container,
    ReplaceMode replaceMode) {

  public Resource {
    properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
    replaceOn = Set.copyOf(replaceOn);
    sensitive = Set.copyOf(sensitive);
    dependsOn = List.copyOf(dependsOn);
    items = withFirst(item, items);
    replaceMode = replaceMode == null ? ReplaceMode.DELETE_THEN_CREATE : replaceMode;
  }

  /** A resource of one item, in no container, replaced delete first. */
  public Resource(
      String address,
      String type,
      String item,
      Map<String, Object> properties,
      Set<String> replaceOn,
      Set<String> sensitive,
      List<String> dependsOn,
      Object payload) {
    this(
        address,
        type,
        item,
        properties,
        replaceOn,
        sensitive,
        dependsOn,
        payload,
        List.of(),
        null,
        null);
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

  /** The same resource as an entry of a shared document ({@link #container()}). */
  public Resource inContainer(String container) {
    return new Resource(
        address,
        type,
        item,
        properties,
        replaceOn,
        sensitive,
        dependsOn,
        payload,
        items,
        container,
        replaceMode);
  }

  /** The same resource, replaced in the given order. */
  public Resource replacedBy(ReplaceMode mode) {
    return new Resource(
        address,
        type,
        item,
        properties,
        replaceOn,
        sensitive,
        dependsOn,
        payload,
        items,
        container,
        mode);
  }

  /** The same resource, serving these spec items as well as {@link #item()}. */
  public Resource alsoServing(List<String> more) {
    List<String> all = new ArrayList<>(items);
    for (String i : more) if (!all.contains(i)) all.add(i);
    return new Resource(
        address,
        type,
        item,
        properties,
        replaceOn,
        sensitive,
        dependsOn,
        payload,
        all,
        container,
        replaceMode);
  }

  private static List<String> withFirst(String item, List<String> items) {
    List<String> out = new ArrayList<>();
    if (item != null) out.add(item);
    if (items != null) for (String i : items) if (i != null && !out.contains(i)) out.add(i);
    return List.copyOf(out);
  }
}
