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
 * topic delivering every event published to it to the function's {@code eventGridTrigger}
 * (destination type AzureFunction). For storage, as Azure documents the blob trigger on Flex
 * Consumption: an event subscription on the data account's system topic, filtered to one container
 * (and the trigger's prefix and suffix) and to the blob events asked for, whose endpoint is the
 * blob extension's webhook on the app, {@code https://<app
 * host>/runtime/webhooks/blobs?functionName=Host.Functions.<function>&code=<key>}, the function's
 * binding being a {@code blobTrigger} with {@code "source": "EventGrid"}. The key is the host's
 * {@code blobs_extension} system key, which the host makes when the package with the blob trigger
 * is deployed: it is read when the subscription is written and never kept, shown or compared (Event
 * Grid answers the endpoint's base URL only).
 *
 * <p>Event subscriptions take no tags: fnctl's ownership is in the subscription's {@code labels},
 * {@code fnctl-stack=<stack>}, {@code fnctl-target=<target>} and {@code fnctl-function=<app>/<azure
 * function>} (a webhook's answer does not name its function), parsed exactly. The name is the app's
 * and the Azure function's, cut to Event Grid's 64 characters with a hash.
 */
final class EventSubscriptionType implements ResourceType {
  /** The resource whose events are delivered (lower case): the data account, or a topic. */
  static final String SOURCE = "source";

  static final String FUNCTION = "function";
  static final String EVENTS = "events";
  static final String SUBJECT_BEGINS = "subjectBeginsWith";
  static final String SUBJECT_ENDS = "subjectEndsWith";
  static final String ID = "id";

  /** The label naming the function a subscription delivers to. */
  static final String FUNCTION_LABEL = "fnctl-function";

  /** The blob extension's Event Grid endpoint on a Functions host. */
  static final String BLOBS_WEBHOOK = "/runtime/webhooks/blobs";

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
    p.put(SUBJECT_BEGINS, subjectBegins(st.bucket(), st.prefix()));
    p.put(SUBJECT_ENDS, st.suffix() == null ? "" : st.suffix());
    return p;
  }

  /**
   * Blob events of one container, under a prefix: {@code
   * /blobServices/default/containers/c/blobs/p}.
   */
  static String subjectBegins(String container, String prefix) {
    return "/blobServices/default/containers/"
        + container
        + "/blobs/"
        + (prefix == null ? "" : prefix);
  }

  /** Whether the source is a system topic (a storage trigger, delivered to the blob extension). */
  static boolean systemTopic(String source) {
    return source.toLowerCase(Locale.ROOT).contains("/providers/microsoft.eventgrid/systemtopics/");
  }

  static String path(String source, String function) {
    String[] parts = function.split("/", 2);
    // Under a system topic a subscription is a child resource; elsewhere an extension resource.
    return source
        + (systemTopic(source)
            ? "/eventSubscriptions/"
            : "/providers/Microsoft.EventGrid/eventSubscriptions/")
        + name(parts[0], parts[1]);
  }

  @Override
  public Map<String, Object> create(
      Address a, Resource desired, Map<String, Object> after, Deadline d) throws ProviderException {
    String function = String.valueOf(after.get(FUNCTION));
    String[] parts = function.split("/", 2);
    String source = String.valueOf(after.get(SOURCE));
    Map<String, Object> destination =
        systemTopic(source)
            ? blobsWebhook(parts[0], parts[1], d)
            : functionDestination(parts[0], parts[1]);
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
            Ownership.TARGET_KEY + "=" + s.names.target(),
            FUNCTION_LABEL + "=" + function));
    props.put("eventDeliverySchema", "EventGridSchema");
    String path = path(String.valueOf(after.get(SOURCE)), function);
    Map<String, Object> r = s.arm.put(path, ApiVersions.EVENT_GRID, Map.of("properties", props), d);
    return Map.of(ID, String.valueOf(r.getOrDefault("id", path)));
  }

  /** An Event Grid trigger's destination: the function itself (no key passes through fnctl). */
  private Map<String, Object> functionDestination(String app, String function) {
    Map<String, Object> destination = new LinkedHashMap<>();
    destination.put("endpointType", "AzureFunction");
    destination.put(
        "properties",
        Map.of(
            "resourceId",
            s.sitePath(app) + "/functions/" + function,
            "maxEventsPerBatch",
            1,
            "preferredBatchSizeInKilobytes",
            64));
    return destination;
  }

  /**
   * A blob trigger's destination: the blob extension's webhook on the app, with the host's {@code
   * blobs_extension} system key, read now (the app's package is deployed: this subscription depends
   * on the app). Event Grid checks the endpoint with a validation handshake, which fails when the
   * key or the function is wrong.
   */
  private Map<String, Object> blobsWebhook(String app, String function, Deadline d)
      throws ProviderException {
    Map<String, Object> site = s.arm.get(s.sitePath(app), ApiVersions.WEB);
    Object host = site == null ? null : Arm.at(site, "properties", "defaultHostName");
    if (host == null)
      throw new ProviderException(
          "function app " + app + " has no host name for the blob trigger's Event Grid webhook");
    Map<String, Object> keys =
        s.arm.post(s.sitePath(app) + "/host/default/listkeys", ApiVersions.WEB, null);
    Object key = Arm.at(keys, "systemKeys", "blobs_extension");
    if (key == null)
      throw new ProviderException(
          "function app "
              + app
              + " has no blobs_extension system key: its Functions host did not load the blob"
              + " trigger of "
              + function
              + " (check the deployment's logs), so Event Grid cannot deliver to it; run apply"
              + " again once the app runs");
    String url =
        "https://"
            + host
            + BLOBS_WEBHOOK
            + "?functionName=Host.Functions."
            + function
            + "&code="
            + java.net.URLEncoder.encode(key.toString(), java.nio.charset.StandardCharsets.UTF_8);
    Map<String, Object> destination = new LinkedHashMap<>();
    destination.put("endpointType", "WebHook");
    destination.put(
        "properties",
        Map.of("endpointUrl", url, "maxEventsPerBatch", 1, "preferredBatchSizeInKilobytes", 64));
    return destination;
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

  /**
   * The live properties of a subscription listed on {@code source}, or null when it delivers to no
   * function fnctl can name.
   */
  static Map<String, Object> properties(Map<String, Object> r, String source) {
    String function = null;
    if ("WebHook".equals(Arm.at(r, "properties", "destination", "endpointType"))) {
      // The webhook's answer is its base URL: the function is in fnctl's label.
      if (Arm.at(r, "properties", "labels") instanceof List<?> labels)
        for (Object l : labels)
          if (String.valueOf(l).startsWith(FUNCTION_LABEL + "="))
            function = String.valueOf(l).substring(FUNCTION_LABEL.length() + 1);
      Object base = Arm.at(r, "properties", "destination", "properties", "endpointBaseUrl");
      if (base == null || !base.toString().endsWith(BLOBS_WEBHOOK)) return null;
    } else {
      String resourceId =
          String.valueOf(Arm.at(r, "properties", "destination", "properties", "resourceId"));
      String[] parts = resourceId.split("/");
      int sites = -1;
      for (int i = 0; i < parts.length; i++) if (parts[i].equalsIgnoreCase("sites")) sites = i;
      if (sites >= 0 && sites + 3 < parts.length && parts[sites + 2].equalsIgnoreCase("functions"))
        function = parts[sites + 1].toLowerCase(Locale.ROOT) + "/" + parts[sites + 3];
    }
    if (function == null || !function.contains("/")) return null;
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(SOURCE, source.toLowerCase(Locale.ROOT));
    p.put(FUNCTION, function);
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
