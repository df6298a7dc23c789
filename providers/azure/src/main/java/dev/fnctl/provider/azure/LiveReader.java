package dev.fnctl.provider.azure;

import static dev.fnctl.provider.azure.AzureTypes.address;

import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.LiveState;
import dev.fnctl.provider.Ownership;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Reads what the stack owns in the resource group with list calls, in parallel: the group's
 * resources (storage accounts and plans), function apps, role assignments and budgets (one call
 * each), then the containers of the stack's two accounts and the queues of its data account (three
 * calls) and the settings of each owned app (one call per app, as Azure has no bulk read of
 * settings), and the event subscriptions of every custom topic in the target's region (one call:
 * the stack's own topics, and existing ones even after the spec stopped naming them). With the
 * resource group's check at connect, a no-op plan of N functions makes 7 + N calls, 9 + N when the
 * stack has queues or buckets (their containers and queues), one more for the data account's system
 * topic (storage triggers) and one more per {@code existing:} topic a trigger names (it may be in
 * another region).
 */
final class LiveReader {
  private final AzureSession s;
  private final ExecutorService pool;

  LiveReader(AzureSession s, ExecutorService pool) {
    this.s = s;
    this.pool = pool;
  }

  LiveState read(List<Resource> desired) throws ProviderException {
    Set<String> wanted = desired.stream().map(Resource::address).collect(Collectors.toSet());
    String rg = s.resourceGroupPath();
    // Storage accounts and plans come from the group's resource listing (one call for both): what
    // fnctl compares of them (location, kind, sku, tags) is in the listing's envelope.
    Future<List<Map<String, Object>>> resources =
        submit(() -> s.arm.list(rg + "/resources", ApiVersions.RESOURCES));
    Future<List<Map<String, Object>>> sites =
        submit(() -> s.arm.list(rg + "/providers/Microsoft.Web/sites", ApiVersions.WEB));
    Future<List<Map<String, Object>>> roles =
        submit(
            () ->
                s.arm.list(
                    rg + "/providers/Microsoft.Authorization/roleAssignments",
                    ApiVersions.AUTHORIZATION));

    // fnctl's assignments on existing: resources in other groups: one list per such group.
    List<Future<List<Map<String, Object>>>> outsideRoles = new ArrayList<>();
    String ownGroup = rg.toLowerCase(java.util.Locale.ROOT) + "/";
    Set<String> groups = new java.util.TreeSet<>();
    for (Resource r : desired) {
      if (!r.type().equals(AzureTypes.ROLE_ASSIGNMENT)) continue;
      String scope = String.valueOf(r.properties().get(RoleAssignmentType.SCOPE));
      java.util.regex.Matcher m =
          java.util.regex.Pattern.compile("^(/subscriptions/[^/]+/resourcegroups/[^/]+)/")
              .matcher(scope.toLowerCase(java.util.Locale.ROOT));
      if (m.find() && !scope.toLowerCase(java.util.Locale.ROOT).startsWith(ownGroup))
        groups.add(m.group(1));
    }
    for (String group : groups)
      outsideRoles.add(
          submit(
              () ->
                  s.arm.list(
                      group + "/providers/Microsoft.Authorization/roleAssignments",
                      ApiVersions.AUTHORIZATION)));
    Future<List<Map<String, Object>>> budgets =
        submit(
            () ->
                s.arm.list(
                    rg + "/providers/Microsoft.Consumption/budgets", ApiVersions.CONSUMPTION));

    List<LiveResource> out = new ArrayList<>();
    List<String> ownedAccounts = new ArrayList<>();
    List<Map<String, Object>> accounts = new ArrayList<>();
    List<Map<String, Object>> plans = new ArrayList<>();
    List<Map<String, Object>> topics = new ArrayList<>();
    List<Map<String, Object>> systemTopics = new ArrayList<>();
    for (Map<String, Object> r : get(resources)) {
      String type = String.valueOf(r.get("type"));
      if (type.equalsIgnoreCase("Microsoft.Storage/storageAccounts")) accounts.add(r);
      else if (type.equalsIgnoreCase("Microsoft.Web/serverFarms")) plans.add(r);
      else if (type.equalsIgnoreCase("Microsoft.EventGrid/topics")) topics.add(r);
      else if (type.equalsIgnoreCase("Microsoft.EventGrid/systemTopics")) systemTopics.add(r);
    }
    List<Future<List<LiveResource>>> topicSubscriptions = new ArrayList<>();
    for (Map<String, Object> t : topics) {
      String name = String.valueOf(t.get("name"));
      boolean owned = s.ownership.owns(tags(t));
      String addr = address(AzureTypes.TOPIC, name);
      if (!owned && !wanted.contains(addr)) continue;
      out.add(
          new LiveResource(
              addr,
              AzureTypes.TOPIC,
              null,
              owned,
              TopicType.properties(t),
              Map.of(TopicType.ID, String.valueOf(t.get("id")))));
    }
    // Every custom topic's subscriptions in the target's region, in one call: the stack's own
    // topics (made in that region) and existing ones, including an existing topic no trigger in
    // the spec names any more, whose fnctl-labelled subscription would otherwise be left behind.
    topicSubscriptions.add(submit(this::regionalTopicSubscriptions));
    // The data account's system topic: its subscriptions are the storage triggers.
    for (Map<String, Object> t : systemTopics) {
      String name = String.valueOf(t.get("name"));
      boolean owned = s.ownership.owns(tags(t));
      String addr = address(AzureTypes.SYSTEM_TOPIC, name);
      if (!owned && !wanted.contains(addr)) continue;
      out.add(
          new LiveResource(
              addr,
              AzureTypes.SYSTEM_TOPIC,
              null,
              owned,
              SystemTopicType.properties(t),
              Map.of(SystemTopicType.ID, String.valueOf(t.get("id")))));
      if (owned)
        topicSubscriptions.add(
            submit(
                () ->
                    eventSubscriptions(
                        s.resourceGroupPath()
                            + "/providers/Microsoft.EventGrid/systemTopics/"
                            + name)));
    }
    // Topics the stack does not own that its triggers subscribe to (existing:): their
    // subscriptions carrying fnctl's labels are the stack's.
    Set<String> listed = new java.util.HashSet<>();
    for (Map<String, Object> t : topics)
      if (s.ownership.owns(tags(t)))
        listed.add(String.valueOf(t.get("id")).toLowerCase(java.util.Locale.ROOT));
    for (Resource r : desired) {
      if (!r.type().equals(AzureTypes.EVENT_SUBSCRIPTION)) continue;
      String source = String.valueOf(r.properties().get(EventSubscriptionType.SOURCE));
      if (EventSubscriptionType.systemTopic(source) || !listed.add(source)) continue;
      if (source.startsWith(
              (s.resourceGroupPath() + "/providers/Microsoft.EventGrid/topics/")
                  .toLowerCase(java.util.Locale.ROOT))
          && topics.stream().noneMatch(t -> String.valueOf(t.get("id")).equalsIgnoreCase(source)))
        continue; // the stack's own topic, not made yet
      topicSubscriptions.add(submit(() -> eventSubscriptions(source)));
    }
    for (Map<String, Object> a : accounts) {
      String name = String.valueOf(a.get("name"));
      boolean owned = s.ownership.owns(tags(a));
      String addr = address(AzureTypes.ACCOUNT, name);
      if (!owned && !wanted.contains(addr)) continue;
      if (owned) ownedAccounts.add(name);
      out.add(
          new LiveResource(
              addr,
              AzureTypes.ACCOUNT,
              null,
              owned,
              AccountType.properties(a),
              AccountType.outputs(a)));
    }
    List<Future<List<LiveResource>>> children = new ArrayList<>();
    for (String account : ownedAccounts) {
      children.add(
          submit(
              () ->
                  children(
                      account, AzureTypes.CONTAINER, "blobServices/default/containers", wanted)));
      // The host account holds no queue of fnctl's: its queues are the Functions host's own.
      if (account.equals(s.names.dataAccount()))
        children.add(
            submit(
                () -> children(account, AzureTypes.QUEUE, "queueServices/default/queues", wanted)));
    }
    for (Map<String, Object> p : plans) {
      String name = String.valueOf(p.get("name"));
      boolean owned = s.ownership.owns(tags(p));
      String addr = address(AzureTypes.PLAN, name);
      if (!owned && !wanted.contains(addr)) continue;
      out.add(
          new LiveResource(
              addr,
              AzureTypes.PLAN,
              null,
              owned,
              PlanType.properties(p),
              Map.of("id", String.valueOf(p.get("id")))));
    }
    Map<String, Future<Map<String, Object>>> settings = new HashMap<>();
    AppSettingsType settingsType = new AppSettingsType(s);
    for (Map<String, Object> site : get(sites)) {
      String name = String.valueOf(site.get("name"));
      boolean owned = s.ownership.owns(tags(site));
      String addr = address(AzureTypes.FUNCTION_APP, name);
      if (!owned && !wanted.contains(addr)) continue;
      LiveResource live =
          new LiveResource(
              addr,
              AzureTypes.FUNCTION_APP,
              null,
              owned,
              FunctionAppType.properties(site),
              FunctionAppType.outputs(site));
      String state = Arm.provisioningState(site);
      if (state != null
          && !state.equalsIgnoreCase("Succeeded")
          && !state.equalsIgnoreCase("Failed"))
        live = live.pending(state.toLowerCase(java.util.Locale.ROOT));
      out.add(live);
      if (owned) settings.put(name, submit(() -> settingsType.read(name)));
    }
    for (Map.Entry<String, Future<Map<String, Object>>> e : settings.entrySet()) {
      Map<String, Object> all = get(e.getValue());
      if (all == null || AppSettingsType.owned(all).isEmpty()) continue;
      String addr = address(AzureTypes.APP_SETTINGS, e.getKey());
      out.add(
          new LiveResource(
                  addr,
                  AzureTypes.APP_SETTINGS,
                  null,
                  true,
                  AppSettingsType.properties(all),
                  Map.of())
              .inContainer(addr)
              .withSensitive(secretReferences(all)));
    }
    List<Map<String, Object>> assignments = new ArrayList<>(get(roles));
    Set<String> seen = new java.util.HashSet<>();
    for (Map<String, Object> r : assignments)
      seen.add(String.valueOf(r.get("id")).toLowerCase(java.util.Locale.ROOT));
    for (Future<List<Map<String, Object>>> f : outsideRoles)
      for (Map<String, Object> r : get(f))
        if (seen.add(String.valueOf(r.get("id")).toLowerCase(java.util.Locale.ROOT)))
          assignments.add(r);
    for (Map<String, Object> r : assignments) {
      String description = String.valueOf(Arm.at(r, "properties", "description"));
      String app = ownedApp(description);
      if (app == null) continue;
      Map<String, Object> p = RoleAssignmentType.properties(r);
      String addr =
          address(
              AzureTypes.ROLE_ASSIGNMENT,
              StackLayout.roleAssignmentName(
                  app,
                  (String) p.get(RoleAssignmentType.SCOPE),
                  (String) p.get(RoleAssignmentType.ROLE)));
      out.add(
          new LiveResource(
              addr,
              AzureTypes.ROLE_ASSIGNMENT,
              null,
              true,
              p,
              Map.of(RoleAssignmentType.ID, String.valueOf(r.get("id"))),
              List.of(address(AzureTypes.FUNCTION_APP, app))));
    }
    for (Map<String, Object> b : get(budgets)) {
      String name = String.valueOf(b.get("name"));
      if (BudgetType.owned(s.names, name) == null) continue;
      out.add(
          new LiveResource(
              address(AzureTypes.BUDGET, name),
              AzureTypes.BUDGET,
              null,
              true,
              BudgetType.properties(b),
              Map.of(BudgetType.ID, String.valueOf(b.get("id")))));
    }
    for (Future<List<LiveResource>> f : children) out.addAll(get(f));
    // An existing topic in the target's region is in both listings: one resource per address.
    Set<String> subscriptionsSeen = new java.util.HashSet<>();
    for (Future<List<LiveResource>> f : topicSubscriptions)
      for (LiveResource r : get(f)) if (subscriptionsSeen.add(r.address())) out.add(r);
    return new LiveState(out);
  }

  private List<LiveResource> children(String account, String type, String kind, Set<String> wanted)
      throws ProviderException {
    List<LiveResource> out = new ArrayList<>();
    for (Map<String, Object> c :
        s.arm.list(s.accountPath(account) + "/" + kind, ApiVersions.STORAGE)) {
      String name = String.valueOf(c.get("name"));
      Object metadata = Arm.at(c, "properties", "metadata");
      boolean owned = metadata instanceof Map<?, ?> m && s.ownership.owns(Arm.cast(m));
      String addr = address(type, account + "/" + name);
      if (!owned && !wanted.contains(addr)) continue;
      out.add(
          new LiveResource(
              addr,
              type,
              null,
              owned,
              Map.of(),
              Map.of("id", String.valueOf(c.get("id"))),
              List.of(address(AzureTypes.ACCOUNT, account))));
    }
    return out;
  }

  /**
   * fnctl's subscriptions on the custom topics of the target's region (Event Grid keeps custom
   * topics' subscriptions regional): {@code
   * locations/<region>/topicTypes/Microsoft.EventGrid.Topics/eventSubscriptions}. A subscription's
   * topic is the part of its id before its own provider segment.
   */
  private List<LiveResource> regionalTopicSubscriptions() throws ProviderException {
    String regional =
        "/providers/Microsoft.EventGrid/locations/"
            + s.region
            + "/topicTypes/Microsoft.EventGrid.Topics/eventSubscriptions";
    List<Map<String, Object>> listed;
    try {
      listed =
          s.arm.list("/subscriptions/" + s.names.subscription() + regional, ApiVersions.EVENT_GRID);
    } catch (ProviderException e) {
      if (e.kind() != ProviderException.Kind.PERMISSION_DENIED) throw e;
      // An identity with rights on the resource group only may not list the subscription's: the
      // group's listing still has the stack's own topics (and existing ones in the group), and an
      // existing topic elsewhere is read while the spec names it.
      listed = s.arm.list(s.resourceGroupPath() + regional, ApiVersions.EVENT_GRID);
    }
    List<LiveResource> out = new ArrayList<>();
    for (Map<String, Object> e : listed) {
      if (!EventSubscriptionType.owned(e, s.ownership)) continue;
      String id = String.valueOf(e.get("id"));
      int cut =
          id.toLowerCase(java.util.Locale.ROOT)
              .indexOf("/providers/microsoft.eventgrid/eventsubscriptions/");
      if (cut < 0) continue;
      LiveResource r = subscription(e, id.substring(0, cut));
      if (r != null) out.add(r);
    }
    return out;
  }

  /** The triggers on a topic or system topic: its event subscriptions with fnctl's labels. */
  private List<LiveResource> eventSubscriptions(String source) throws ProviderException {
    List<LiveResource> out = new ArrayList<>();
    String collection =
        EventSubscriptionType.systemTopic(source)
            ? source + "/eventSubscriptions"
            : source + "/providers/Microsoft.EventGrid/eventSubscriptions";
    for (Map<String, Object> e : s.arm.list(collection, ApiVersions.EVENT_GRID)) {
      if (!EventSubscriptionType.owned(e, s.ownership)) continue;
      LiveResource r = subscription(e, source);
      if (r != null) out.add(r);
    }
    return out;
  }

  private LiveResource subscription(Map<String, Object> e, String source) {
    Map<String, Object> p = EventSubscriptionType.properties(e, source);
    if (p == null) return null;
    String function = (String) p.get(EventSubscriptionType.FUNCTION);
    String app = function.substring(0, function.indexOf('/'));
    return new LiveResource(
        address(AzureTypes.EVENT_SUBSCRIPTION, function),
        AzureTypes.EVENT_SUBSCRIPTION,
        null,
        true,
        p,
        Map.of(EventSubscriptionType.ID, String.valueOf(e.get("id"))),
        List.of(address(AzureTypes.FUNCTION_APP, app)));
  }

  /** The app a role assignment's description names, when it marks this stack and target. */
  private String ownedApp(String description) {
    Map<String, String> parts = new HashMap<>();
    for (String word : description.split(" ")) {
      int eq = word.indexOf('=');
      if (eq > 0) parts.put(word.substring(0, eq), word.substring(eq + 1));
    }
    if (!s.names.stack().equals(parts.get(Ownership.STACK_KEY))
        || !s.names.target().equals(parts.get(Ownership.TARGET_KEY))) return null;
    return parts.get("app");
  }

  private static Set<String> secretReferences(Map<String, Object> all) {
    Set<String> out = new java.util.TreeSet<>();
    for (String k : AppSettingsType.owned(all))
      if (String.valueOf(all.get(k)).startsWith("@Microsoft.KeyVault("))
        out.add(AppSettingsType.SETTINGS + "." + k);
    return out;
  }

  private static Map<String, Object> tags(Map<String, Object> r) {
    return r.get("tags") instanceof Map<?, ?> m ? Arm.cast(m) : null;
  }

  private <T> Future<T> submit(Callable<T> c) {
    return pool.submit(c);
  }

  static <T> T get(Future<T> f) throws ProviderException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(
          ProviderException.Kind.CANCELLED, "reading Azure was interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof ProviderException p) throw p;
      throw new ProviderException("reading Azure failed: " + e.getCause(), e.getCause());
    }
  }
}
