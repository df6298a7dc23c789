package dev.fnctl.model.plan;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The planned change to one provider resource.
 *
 * <p>{@code before} is the live value of every property fnctl manages (empty for a create); {@code
 * after} is the desired value (empty for a delete). Values are JSON-shaped: String, Long, Boolean,
 * BigDecimal, List, Map, or null. A property whose value is known only after apply (an id generated
 * by the cloud) is listed in {@code unknown} and absent from {@code after}. The paths in {@code
 * sensitive} ({@code secrets}, {@code environment.API_KEY_SECRET_ID}, {@code
 * policy.Statement.0.Resource.0}) are masked: a plan from the engine holds {@link
 * SensitiveValues#MASK} there already, and every view and plan file masks them again.
 *
 * @param address stable identity, e.g. {@code aws:lambda:function/orders-resize}
 * @param type provider resource type, e.g. {@code aws:lambda:function}
 * @param item the neutral spec item it belongs to, e.g. {@code function resize}, for grouping
 * @param reason why, for display only: never parsed
 * @param replacedBy the changed properties that force a replacement (for {@link Action#REPLACE})
 * @param dependsOn addresses this resource needs to exist first
 * @param sensitiveDigest {@link SensitiveValues#digest} of the sensitive values before and after,
 *     null when there are none: what a saved plan, whose file holds only masks, is checked by
 * @param items every spec item the resource serves, {@code item} first: one resource may carry
 *     several (an Azure function app with several functions), and output groups it under all
 * @param replaceMode for {@link Action#REPLACE}, the order of its two steps as the provider chose;
 *     null for every other action
 * @param pending what the cloud was still doing to the resource when it was read (a create or an
 *     update still running after a kill), null when it was settled: apply waits for it first
 */
public record ResourceChange(
    String address,
    String type,
    String item,
    Action action,
    String reason,
    Map<String, Object> before,
    Map<String, Object> after,
    Set<String> unknown,
    Set<String> replacedBy,
    Set<String> sensitive,
    List<String> dependsOn,
    String sensitiveDigest,
    List<String> items,
    ReplaceMode replaceMode,
    String pending) {

  public ResourceChange {
    items =
        items == null || items.isEmpty()
            ? (item == null ? List.of() : List.of(item))
            : List.copyOf(items);
    if (action == Action.REPLACE && replaceMode == null)
      replaceMode = ReplaceMode.DELETE_THEN_CREATE;
    if (action != Action.REPLACE) replaceMode = null;
  }

  /** A change of one item that is settled, replaced (if at all) delete first. */
  public ResourceChange(
      String address,
      String type,
      String item,
      Action action,
      String reason,
      Map<String, Object> before,
      Map<String, Object> after,
      Set<String> unknown,
      Set<String> replacedBy,
      Set<String> sensitive,
      List<String> dependsOn,
      String sensitiveDigest) {
    this(
        address,
        type,
        item,
        action,
        reason,
        before,
        after,
        unknown,
        replacedBy,
        sensitive,
        dependsOn,
        sensitiveDigest,
        null,
        null,
        null);
  }

  /** A change made from real values: its sensitive digest is computed from them. */
  public ResourceChange(
      String address,
      String type,
      String item,
      Action action,
      String reason,
      Map<String, Object> before,
      Map<String, Object> after,
      Set<String> unknown,
      Set<String> replacedBy,
      Set<String> sensitive,
      List<String> dependsOn) {
    this(
        address,
        type,
        item,
        action,
        reason,
        before,
        after,
        unknown,
        replacedBy,
        sensitive,
        dependsOn,
        SensitiveValues.digest(address, before, after, sensitive));
  }

  /** The same change serving {@code items}, replaced in {@code mode}, read {@code pending}. */
  public ResourceChange with(List<String> items, ReplaceMode mode, String pending) {
    return new ResourceChange(
        address,
        type,
        item,
        action,
        reason,
        before,
        after,
        unknown,
        replacedBy,
        sensitive,
        dependsOn,
        sensitiveDigest,
        items,
        mode,
        pending);
  }

  /** The symbol users see in front of it: a replacement's says which step goes first. */
  public String symbol() {
    return replaceMode == null ? action.symbol() : replaceMode.symbol();
  }

  /** The managed properties whose value differs, in a stable order. */
  public List<String> changedProperties() {
    java.util.TreeSet<String> keys = new java.util.TreeSet<>(before.keySet());
    keys.addAll(after.keySet());
    keys.addAll(unknown);
    return keys.stream()
        .filter(k -> unknown.contains(k) || !java.util.Objects.equals(before.get(k), after.get(k)))
        .toList();
  }
}
