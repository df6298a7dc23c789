package dev.fnctl.provider.azure;

import dev.fnctl.model.spec.BucketSpec;
import dev.fnctl.model.spec.Budget;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.Permission;
import dev.fnctl.model.spec.QueueSpec;
import dev.fnctl.model.spec.TopicSpec;
import dev.fnctl.model.spec.Trigger;
import dev.fnctl.provider.Cloud;
import dev.fnctl.provider.Context;
import dev.fnctl.provider.Problem;
import dev.fnctl.provider.Provider;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The {@code azure} provider: Azure Functions on the Flex Consumption plan. This class is loaded
 * for {@code validate} of every target, so it names no Azure SDK type: the SDK is touched only in
 * {@link #connect}, through {@link AzureCloud}.
 */
public final class AzureProvider implements Provider {
  private static final Pattern GUID =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");
  private static final Pattern RESOURCE_GROUP = Pattern.compile("^[-\\w.()]{1,89}[-\\w()]$");
  private static final Pattern REGION = Pattern.compile("^[a-z]+[a-z0-9]*$");

  /** The subscription an offline expansion uses when the target names none. */
  static final String PLACEHOLDER_SUBSCRIPTION = "00000000-0000-0000-0000-000000000000";

  private final javax.net.ssl.SSLContext trust;
  private final Supplier<String> token;

  public AzureProvider() {
    this(null, null);
  }

  /**
   * For tests: trust {@code trust}'s certificates (a fake's) and authenticate with {@code token}
   * instead of {@code DefaultAzureCredential}. The pipeline is otherwise the production one.
   */
  public AzureProvider(javax.net.ssl.SSLContext trust, Supplier<String> token) {
    this.trust = trust;
    this.token = token;
  }

  @Override
  public String id() {
    return "azure";
  }

  @Override
  public Map<String, String> settings() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("subscription", "Azure subscription id (a GUID)");
    s.put("resourceGroup", "the resource group to deploy into; it must exist");
    s.put("region", "Azure region, e.g. westeurope");
    s.put("tenant", "Microsoft Entra tenant id to sign in to (default: the credential's)");
    s.put(
        "endpoint",
        "Azure Resource Manager URL for sovereign clouds or a fake (default: https://management.azure.com)");
    s.put(
        "keyVault",
        "Key Vault (name or URL, in the resource group) holding the functions' secrets");
    s.put(
        "storageSuffix",
        "the storage DNS suffix, e.g. core.windows.net (default: the one of the endpoint's cloud)");
    s.put(
        "scmEndpoint",
        "where OneDeploy reaches an app, with {app} for its name (a fake; default: the app's SCM host)");
    s.put(
        "blobEndpoint",
        "one blob service URL that stands in for every storage account, e.g. Azurite's http://127.0.0.1:10000/devstoreaccount1 (tests)");
    return s;
  }

  @Override
  public long maxPackageBytes() {
    return AzurePackage.MAX_BYTES;
  }

  @Override
  public List<Problem> validate(Deployment d) {
    List<Problem> problems = new ArrayList<>();
    String target = d.target().name();
    String t = "targets." + target;
    String on = " on Azure Flex Consumption (target " + target + ")";
    String subscription = d.target().setting("subscription");
    if (subscription == null || !GUID.matcher(subscription).matches())
      problems.add(
          new Problem(
              t + ".subscription",
              subscription == null
                  ? "no subscription: set the Azure subscription id (a GUID) on target " + target
                  : "'" + subscription + "' is not an Azure subscription id (a GUID)"));
    String group = d.target().setting("resourceGroup");
    if (group == null || !RESOURCE_GROUP.matcher(group).matches())
      problems.add(
          new Problem(
              t + ".resourceGroup",
              group == null
                  ? "no resourceGroup: name the resource group to deploy into on target " + target
                  : "'" + group + "' is not a resource group name (1-90 letters, digits, -_.())"));
    String region = d.target().setting("region");
    if (region == null || !REGION.matcher(Locations.normalise(region)).matches())
      problems.add(
          new Problem(
              t + ".region",
              region == null
                  ? "no region: set the Azure region (e.g. westeurope) on target " + target
                  : "'" + region + "' is not an Azure region name (e.g. westeurope)"));
    for (String key : List.of("endpoint", "blobEndpoint", "scmEndpoint")) {
      String url = d.target().setting(key);
      if (url != null && !url.matches("^https?://[^/\\s]+.*$"))
        problems.add(new Problem(t + "." + key, "'" + url + "' is not an http:// or https:// URL"));
    }
    AzureNames names =
        new AzureNames(
            subscription == null ? PLACEHOLDER_SUBSCRIPTION : subscription,
            group == null ? "rg" : group,
            d.stack(),
            target);
    for (QueueSpec q : d.queues().values()) {
      String path = "queues." + q.name();
      if (!q.owned())
        existing(ExistingResource.Kind.QUEUE, "queue", path, q.existing(), names, on, problems);
      if (q.name().length() < 3)
        problems.add(new Problem(path, "storage queue names need 3 to 63 characters" + on));
      if (q.deadLetter() != null
          && (q.deadLetter().maxReceives() < 1 || q.deadLetter().maxReceives() > 1000))
        problems.add(
            new Problem(path + ".deadLetter.maxReceives", "maxReceives must be 1..1000" + on));
    }
    for (BucketSpec b : d.buckets().values()) {
      String path = "buckets." + b.name();
      if (!b.owned())
        existing(
            ExistingResource.Kind.BUCKET,
            "blob container",
            path,
            b.existing(),
            names,
            on,
            problems);
      if (b.name().length() < 3)
        problems.add(new Problem(path, "blob container names need 3 to 63 characters" + on));
    }
    for (TopicSpec tp : d.topics().values()) {
      if (!tp.owned()) {
        existing(
            ExistingResource.Kind.TOPIC,
            "Event Grid topic",
            "topics." + tp.name(),
            tp.existing(),
            names,
            on,
            problems);
        ExistingResource.parse(ExistingResource.Kind.TOPIC, tp.existing())
            .filter(
                e ->
                    d.topics().values().stream()
                        .anyMatch(
                            o -> o.owned() && names.topic(o.name()).equalsIgnoreCase(e.name())))
            .ifPresent(
                e ->
                    problems.add(
                        new Problem(
                            "topics." + tp.name() + ".existing",
                            "'"
                                + tp.existing()
                                + "' is a topic this stack creates and deletes"
                                + on
                                + ": existing: names something the stack does not own; use the"
                                + " declared topic by its spec name instead")));
        continue;
      }
      if (names.topic(tp.name()).length() < 3)
        problems.add(
            new Problem("topics." + tp.name(), "Event Grid topic names need 3 characters" + on));
    }
    sameNames(d, names, on, problems);
    for (Budget b : d.budgets().values()) {
      String path = "budgets." + b.name();
      if (b.currency() != null && !b.currency().equals("USD"))
        problems.add(
            Problem.warning(
                path + ".currency",
                "Azure budgets count in the billing account's currency; currency "
                    + b.currency()
                    + " is not checked"
                    + on));
      if (b.alerts().size() > 5)
        problems.add(
            new Problem(
                path + ".alerts",
                b.alerts().size() + " alerts; Azure budgets allow at most 5 notifications" + on));
      java.util.Set<String> thresholds = new java.util.HashSet<>();
      for (int i = 0; i < b.alerts().size(); i++) {
        Budget.Alert a = b.alerts().get(i);
        if (a.recipients().isEmpty() || a.recipients().size() > 50)
          problems.add(
              new Problem(
                  path + ".alerts[" + i + "].notify",
                  "an Azure budget notification needs 1 to 50 contact emails" + on));
        if (a.percent() > 1000)
          problems.add(
              new Problem(
                  path + ".alerts[" + i + "].at",
                  "Azure budget thresholds are at most 1000%" + on));
        if (!thresholds.add(a.forecast() + "/" + a.percent()))
          problems.add(
              new Problem(
                  path + ".alerts[" + i + "]",
                  "a second alert at "
                      + a.percent()
                      + "%"
                      + (a.forecast() ? " forecast" : "")
                      + "; Azure keeps one notification per threshold"
                      + on));
      }
    }
    for (FunctionSpec f : d.functions().values()) validateFunction(f, d, names, on, problems);
    return problems;
  }

  /**
   * An {@code existing:} queue, bucket or topic: its ARM resource id, exactly, and not a resource
   * of this stack's own storage accounts (which the stack creates and deletes).
   */
  private static void existing(
      ExistingResource.Kind kind,
      String what,
      String path,
      String existing,
      AzureNames names,
      String on,
      List<Problem> problems) {
    Optional<ExistingResource> parsed = ExistingResource.parse(kind, existing);
    if (parsed.isEmpty()) {
      problems.add(
          new Problem(
              path + ".existing",
              "'"
                  + existing
                  + "' is not the ARM resource id of a "
                  + what
                  + on
                  + "; write the "
                  + what
                  + "'s resource id, exactly: "
                  + kind.form));
      return;
    }
    String account = parsed.get().account();
    if (account != null
        && (account.equals(names.dataAccount()) || account.equals(names.hostAccount())))
      problems.add(
          new Problem(
              path + ".existing",
              "'"
                  + existing
                  + "' is in storage account "
                  + account
                  + ", which this stack creates and deletes"
                  + on
                  + ": existing: names something the stack does not own; declare the "
                  + what
                  + " for the stack instead"));
  }

  /**
   * fnctl names a function's role assignments by the resource's kind and own name ({@code
   * container-uploads}), so that a live assignment alone gives its address: two containers (or
   * queues, or topics) of one stack with the same name in different accounts or groups would share
   * one, and one grant would be lost. Refused, naming both.
   */
  private static void sameNames(Deployment d, AzureNames names, String on, List<Problem> problems) {
    Map<String, String> seen = new HashMap<>();
    for (BucketSpec b : d.buckets().values())
      sameName(
          seen,
          "container",
          "buckets." + b.name(),
          b.owned()
              ? b.name()
              : ExistingResource.parse(ExistingResource.Kind.BUCKET, b.existing())
                  .map(ExistingResource::name)
                  .orElse(null),
          on,
          problems);
    for (QueueSpec q : d.queues().values())
      sameName(
          seen,
          "queue",
          "queues." + q.name(),
          q.owned()
              ? q.name()
              : ExistingResource.parse(ExistingResource.Kind.QUEUE, q.existing())
                  .map(ExistingResource::name)
                  .orElse(null),
          on,
          problems);
    for (TopicSpec t : d.topics().values())
      sameName(
          seen,
          "topic",
          "topics." + t.name(),
          t.owned()
              ? names.topic(t.name())
              : ExistingResource.parse(ExistingResource.Kind.TOPIC, t.existing())
                  .map(ExistingResource::name)
                  .orElse(null),
          on,
          problems);
  }

  private static void sameName(
      Map<String, String> seen,
      String kind,
      String path,
      String name,
      String on,
      List<Problem> problems) {
    if (name == null) return;
    String other = seen.putIfAbsent(kind + "/" + name.toLowerCase(java.util.Locale.ROOT), path);
    if (other != null)
      problems.add(
          new Problem(
              path,
              "its "
                  + kind
                  + " is named "
                  + name
                  + ", as "
                  + other
                  + "'s is"
                  + on
                  + ": fnctl names role assignments by the "
                  + kind
                  + "'s name, so one stack cannot use two "
                  + kind
                  + "s of one name; name another "
                  + kind));
  }

  private static void validateFunction(
      FunctionSpec f, Deployment d, AzureNames names, String on, List<Problem> problems) {
    String path = "functions." + f.name();
    if (f.runtime() == null) {
      problems.add(
          new Problem(path + ".runtime", "no runtime: set runtime on the function or in defaults"));
    } else if (FlexConsumption.runtime(f.runtime()).isEmpty()) {
      problems.add(
          new Problem(
              path + ".runtime",
              "runtime '"
                  + f.runtime()
                  + "' is not deployed by fnctl"
                  + on
                  + (FlexConsumption.builtLanguage(f.runtime())
                      ? " (Java and .NET apps carry function.json files their build writes)"
                      : "")
                  + "; use one of "
                  + String.join(", ", FlexConsumption.OFFERED)));
    }
    if (f.code() != null && (f.code().endsWith(".zip") || f.code().endsWith(".jar")))
      problems.add(
          new Problem(
              path + ".code",
              "code must be a directory" + on + ": fnctl adds host.json and function.json to it"));
    if (f.handler() == null || !f.handler().matches("^[A-Za-z_][\\w]*(\\.[A-Za-z_][\\w]*)+$"))
      problems.add(
          new Problem(
              path + ".handler",
              "handler '" + f.handler() + "' is not file.function (e.g. main.handle)" + on));
    if (!FlexConsumption.MEMORY_MB.contains(f.memory()))
      problems.add(
          new Problem(
              path + ".memory",
              "memory "
                  + f.memory()
                  + " MB is not an instance size Flex Consumption offers"
                  + on
                  + "; use 512, 2048 or 4096 (e.g. in the target's defaults)"));
    Integer max = f.concurrency().max();
    if (max != null && (max < FlexConsumption.MIN_INSTANCES || max > FlexConsumption.MAX_INSTANCES))
      problems.add(
          new Problem(
              path + ".concurrency.max",
              "concurrency.max "
                  + max
                  + " is outside the maximum instance count Flex Consumption allows ("
                  + FlexConsumption.MIN_INSTANCES
                  + ".."
                  + FlexConsumption.MAX_INSTANCES
                  + ")"
                  + on));
    Integer warm = f.concurrency().warm();
    if (warm != null && warm < 0)
      problems.add(new Problem(path + ".concurrency.warm", "concurrency.warm must be 0 or more"));
    if (warm != null && warm > (max == null ? FlexConsumption.DEFAULT_MAX_INSTANCES : max))
      problems.add(
          new Problem(
              path + ".concurrency.warm",
              "concurrency.warm " + warm + " is more than the function's maximum instances" + on));
    if (!f.secrets().isEmpty() && d.target().setting("keyVault") == null)
      problems.add(
          new Problem(
              path + ".secrets",
              "secrets become Key Vault references"
                  + on
                  + ": set keyVault (the vault's name) on target "
                  + d.target().name()));
    Map<String, Integer> batch = new HashMap<>();
    int i = 0;
    for (Trigger tr : f.triggers()) {
      String tp = path + ".triggers[" + i++ + "]";
      if (tr instanceof Trigger.Schedule s) {
        try {
          if (s.cron() != null) Ncrontab.of(s.cron());
          else Ncrontab.of(s.rate());
        } catch (IllegalArgumentException e) {
          problems.add(
              new Problem(
                  tp + ".schedule.rate", "schedule " + e.getMessage() + " (" + on.trim() + ")"));
        }
        if (s.timezone() != null && !FlexConsumption.UTC_ZONES.contains(s.timezone())) {
          problems.add(
              new Problem(
                  tp + ".schedule.timezone",
                  "time zone "
                      + s.timezone()
                      + " cannot be honoured"
                      + on
                      + ": timer triggers on Linux run in UTC (WEBSITE_TIME_ZONE is Windows-only);"
                      + " write the cron in UTC and drop timezone"));
        } else if (s.timezone() != null) {
          try {
            ZoneId.of(s.timezone());
          } catch (java.time.DateTimeException e) {
            problems.add(
                new Problem(tp + ".schedule.timezone", "unknown time zone '" + s.timezone() + "'"));
          }
        }
      } else if (tr instanceof Trigger.Queue q) {
        if (q.batchSize() < 1 || q.batchSize() > FlexConsumption.MAX_QUEUE_BATCH)
          problems.add(
              new Problem(
                  tp + ".queue.batchSize",
                  "batchSize "
                      + q.batchSize()
                      + " is outside 1..32 for storage queue triggers"
                      + on));
        batch.put(q.queue(), q.batchSize());
      } else if (tr instanceof Trigger.Http h) {
        if (h.auth() != null && !h.auth().equals("none") && !h.auth().equals("iam"))
          problems.add(
              new Problem(tp + ".http.auth", "auth '" + h.auth() + "' is not none or iam" + on));
        if (h.path().contains("*") || h.path().contains(":"))
          problems.add(
              new Problem(
                  tp + ".http.path",
                  "path '" + h.path() + "' is not an Azure Functions route" + on));
      } else if (tr instanceof Trigger.Storage st) {
        for (String e : st.events() == null ? List.<String>of() : st.events())
          if (!e.equals("created"))
            problems.add(
                new Problem(
                    tp + ".storage.events",
                    "event '"
                        + e
                        + "' cannot trigger a function"
                        + on
                        + ": its blob trigger (Event Grid source) fires on created blobs only;"
                        + " use events: [created]"));
        BucketSpec bucket = d.buckets().get(st.bucket());
        if (bucket != null && !bucket.owned())
          problems.add(
              new Problem(
                  tp + ".storage.bucket",
                  "a storage trigger on existing bucket "
                      + st.bucket()
                      + " is not supported"
                      + on
                      + ": its blob events need an Event Grid system topic on the account, one per"
                      + " account, which fnctl would have to create on an account it does not own;"
                      + " trigger on a bucket the stack declares, or subscribe to the account's"
                      + " events outside fnctl"));
      }
    }
    if (batch.values().stream().distinct().count() > 1)
      problems.add(
          new Problem(
              path + ".triggers",
              "queue triggers of one function must share one batchSize"
                  + on
                  + " (host.json has one per app)"));
    java.util.Set<Integer> dequeue = new java.util.HashSet<>();
    for (String q : batch.keySet()) {
      QueueSpec qs = d.queues().get(q);
      dequeue.add(qs == null || qs.deadLetter() == null ? 5 : qs.deadLetter().maxReceives());
    }
    if (dequeue.size() > 1)
      problems.add(
          new Problem(
              path + ".triggers",
              "the queues this function consumes must share one deadLetter.maxReceives"
                  + on
                  + " (host.json's maxDequeueCount is one per app)"));
    for (int p = 0; p < f.permissions().size(); p++) {
      Permission perm = f.permissions().get(p);
      if (BuiltInRoles.forAccess(perm.kind(), perm.access()).isEmpty())
        problems.add(
            new Problem(
                path + ".permissions[" + p + "]",
                perm.access().word()
                    + " access to a "
                    + perm.kind().word()
                    + " has no Azure role"
                    + on));
      if (perm.kind() == Permission.Kind.SECRET && d.target().setting("keyVault") == null)
        problems.add(
            new Problem(
                path + ".permissions[" + p + "]",
                "secret permissions need keyVault set on target " + d.target().name() + on));
    }
    if (names.app(f.name()).length() > AzureNames.APP_MAX)
      problems.add(new Problem(path, "function app name too long" + on));
  }

  @Override
  public Optional<List<Resource>> expandOffline(Deployment d) throws ProviderException {
    String subscription = d.target().setting("subscription");
    String group = d.target().setting("resourceGroup");
    AzureNames names =
        new AzureNames(
            subscription == null ? PLACEHOLDER_SUBSCRIPTION : subscription,
            group == null ? "rg" : group,
            d.stack(),
            d.target().name());
    Path base = d.spec().baseDir();
    return Optional.of(
        new StackLayout(
                names,
                Locations.normalise(d.target().setting("region")),
                d.target().setting("keyVault"),
                base,
                true,
                AzureClouds.storageSuffix(
                    d.target().setting("endpoint"), d.target().setting("storageSuffix")))
            .expand(d));
  }

  @Override
  public Cloud connect(Deployment deployment, Context context) throws ProviderException {
    // AzureCloud is the first class that names an SDK type: loading this one loads none.
    return AzureCloud.connect(deployment, context, trust, token);
  }
}
