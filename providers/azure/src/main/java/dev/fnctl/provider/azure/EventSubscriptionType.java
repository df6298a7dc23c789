package dev.fnctl.provider.azure;

import dev.fnctl.model.spec.Trigger;
import dev.fnctl.provider.Address;
import dev.fnctl.provider.Deadline;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.Ownership;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A storage or topic trigger. For a topic: an Event Grid subscription on the stack's Event Grid
 * topic delivering every event published to it to the function's {@code eventGridTrigger}. For
 * storage: an Event Grid subscription on the stack's data account that delivers one bucket's blob
 * events (created, deleted), filtered by prefix and suffix, to the function's {@code
 * eventGridTrigger} (destination type AzureFunction, so no key passes through fnctl). An event
 * names the blob, as S3 notifications do on AWS; Flex Consumption has no polling blob trigger, and
 * the Event Grid blob trigger fires on created blobs only and needs the host's system key.
 *
 * <p>Event subscriptions take no tags: fnctl's ownership is in the subscription's {@code labels},
 * {@code fnctl-stack=<stack>} and {@code fnctl-target=<target>}, parsed exactly. The name is the
 * app's and the Azure function's, cut to Event Grid's 64 characters with a hash.
 */
final class EventSubscriptionType implements ResourceType {
  /** The resource whose events are delivered (lower case): the data account, or a topic. */
  static final String SOURCE = "source";

  static final String FUNCTION = "function";
  static final String EVENTS = "events";
  static final String SUBJECT_BEGINS = "subjectBeginsWith";
  static final String SUBJECT_ENDS = "subjectEndsWith";
  static final String ID = "id";

  private final AzureSession s;

  EventSubscriptionType(AzureSession s) {
    this.s = s;
  }

  @Override
  public String type() {
    return AzureTypes.EVENT_SUBSCRIPTION;
  }

  /** Event Grid's name: 3-64 letters, digits and hyphens. */
  static String name(String app, String function) {
    return AzureNames.fit(app + "-" + function.replace("_", "-"), 64);
  }

  /** A topic trigger: every event published to the topic. */
  static Map<String, Object> properties(String source, String app, String function) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(SOURCE, source);
    p.put(FUNCTION, app + "/" + function);
    p.put(EVENTS, List.of());
    p.put(SUBJECT_BEGINS, "");
    p.put(SUBJECT_ENDS, "");
    return p;
  }

  static Map<String, Object> properties(
      String source, String app, String function, Trigger.Storage st) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(SOURCE, source);
    p.put(FUNCTION, app + "/" + function);
    List<String> events = new ArrayList<>();
    for (String e : st.events() == null || st.events().isEmpty() ? List.of("created") : st.events())
      events.add(
          e.equals("deleted") ? "Microsoft.Storage.BlobDeleted" : "Microsoft.Storage.BlobCreated");
    events.sort(null);
    p.put(EVENTS, events.stream().distinct().toList());
    p.put(
        SUBJECT_BEGINS,
        "/blobServices/default/containers/"
            + st.bucket()
            + "/blobs/"
            + (st.prefix() == null ? "" : st.prefix()));
    p.put(SUBJECT_ENDS, st.suffix() == null ? "" : st.suffix());
    return p;
  }

  static String path(String source, String function) {
    String[] parts = function.split("/", 2);
    return source + "/providers/Microsoft.EventGrid/eventSubscriptions/" + name(parts[0], parts[1]);
  }

  @Override
  public Map<String, Object> create(
      Address a, Resource desired, Map<String, Object> after, Deadline d) throws ProviderException {
    String function = String.valueOf(after.get(FUNCTION));
    String[] parts = function.split("/", 2);
    Map<String, Object> destination = new LinkedHashMap<>();
    destination.put("endpointType", "AzureFunction");
    destination.put(
        "properties",
        Map.of(
            "resourceId",
            s.sitePath(parts[0]) + "/functions/" + parts[1],
            "maxEventsPerBatch",
            1,
            "preferredBatchSizeInKilobytes",
            64));
    Map<String, Object> filter = new LinkedHashMap<>();
    if (after.get(EVENTS) instanceof List<?> events && !events.isEmpty())
      filter.put("includedEventTypes", events);
    if (!"".equals(after.get(SUBJECT_BEGINS)))
      filter.put("subjectBeginsWith", after.get(SUBJECT_BEGINS));
    if (!"".equals(after.get(SUBJECT_ENDS))) filter.put("subjectEndsWith", after.get(SUBJECT_ENDS));
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("destination", destination);
    props.put("filter", filter);
    props.put(
        "labels",
        List.of(
            Ownership.STACK_KEY + "=" + s.names.stack(),
            Ownership.TARGET_KEY + "=" + s.names.target()));
    props.put("eventDeliverySchema", "EventGridSchema");
    String path = path(String.valueOf(after.get(SOURCE)), function);
    Map<String, Object> r = s.arm.put(path, ApiVersions.EVENT_GRID, Map.of("properties", props), d);
    return Map.of(ID, String.valueOf(r.getOrDefault("id", path)));
  }

  @Override
  public void delete(Address a, LiveResource live, Deadline d) throws ProviderException {
    Object id = live.outputs().get(ID);
    String path =
        id != null ? id.toString() : path(String.valueOf(live.properties().get(SOURCE)), a.name());
    s.arm.delete(path, ApiVersions.EVENT_GRID, d);
  }

  /** Whether a live subscription's labels mark it as this stack's and target's. */
  static boolean owned(Map<String, Object> r, Ownership ownership) {
    Object labels = Arm.at(r, "properties", "labels");
    if (!(labels instanceof List<?> l)) return false;
    return l.contains(Ownership.STACK_KEY + "=" + ownership.stack())
        && l.contains(Ownership.TARGET_KEY + "=" + ownership.target());
  }

  /** The live properties, or null when the destination is not a function app's function. */
  static Map<String, Object> properties(Map<String, Object> r) {
    String resourceId =
        String.valueOf(Arm.at(r, "properties", "destination", "properties", "resourceId"));
    String[] parts = resourceId.split("/");
    int sites = -1;
    for (int i = 0; i < parts.length; i++) if (parts[i].equalsIgnoreCase("sites")) sites = i;
    if (sites < 0 || sites + 3 >= parts.length || !parts[sites + 2].equalsIgnoreCase("functions"))
      return null;
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(SOURCE, String.valueOf(Arm.at(r, "properties", "topic")).toLowerCase(Locale.ROOT));
    p.put(FUNCTION, parts[sites + 1].toLowerCase(Locale.ROOT) + "/" + parts[sites + 3]);
    List<String> events = new ArrayList<>();
    if (Arm.at(r, "properties", "filter", "includedEventTypes") instanceof List<?> l)
      for (Object o : l) events.add(String.valueOf(o));
    events.sort(null);
    p.put(EVENTS, events);
    Object begins = Arm.at(r, "properties", "filter", "subjectBeginsWith");
    Object ends = Arm.at(r, "properties", "filter", "subjectEndsWith");
    p.put(SUBJECT_BEGINS, begins == null ? "" : begins.toString());
    p.put(SUBJECT_ENDS, ends == null ? "" : ends.toString());
    return p;
  }
}
