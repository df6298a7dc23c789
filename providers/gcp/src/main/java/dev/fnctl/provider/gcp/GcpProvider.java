package dev.fnctl.provider.gcp;

import dev.fnctl.model.spec.Budget;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.QueueSpec;
import dev.fnctl.model.spec.Trigger;
import dev.fnctl.provider.Cloud;
import dev.fnctl.provider.Context;
import dev.fnctl.provider.Problem;
import dev.fnctl.provider.Provider;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code gcp} provider: Cloud Functions (2nd gen) and the services around it. This class is
 * loaded for {@code validate} of every target, so it names no Google client type: those are loaded
 * only in {@link #connect}, through {@link GcpCloud}.
 */
public final class GcpProvider implements Provider {

  static final Pattern PROJECT = Pattern.compile("^[a-z][a-z0-9-]{4,28}[a-z0-9]$");
  static final Pattern REGION = Pattern.compile("^[a-z]+-[a-z]+[0-9]+$");
  static final Pattern BILLING_ACCOUNT = Pattern.compile("^[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$");
  static final Pattern BUCKET_NAME = Pattern.compile("^[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]$");

  /** Memory Cloud Functions (2nd gen) offers: 128 MiB to 32 GiB. */
  static final int MIN_MEMORY = 128;

  static final int MAX_MEMORY = 32768;

  /** The longest an HTTP function may run, and an event-driven one (Eventarc's push deadline). */
  static final long HTTP_TIMEOUT = 3600;

  static final long EVENT_TIMEOUT = 540;

  /** Most instances kept warm (min instances) Cloud Functions allows per function. */
  static final int MAX_WARM = 1000;

  /** Environment variables Cloud Run sets itself and refuses in a function's configuration. */
  static final Set<String> RESERVED_ENV =
      Set.of("PORT", "K_SERVICE", "K_REVISION", "K_CONFIGURATION", "FUNCTION_TARGET");

  /** A dead-letter policy's delivery attempts, as Pub/Sub allows them. */
  static final int MIN_DELIVERY_ATTEMPTS = 5;

  static final int MAX_DELIVERY_ATTEMPTS = 100;

  /** Notification channels one budget may name. */
  static final int MAX_BUDGET_CHANNELS = 5;

  /** Project and region of an offline expansion when the target names none. */
  static final String PLACEHOLDER_PROJECT = "fnctl-placeholder";

  static final String PLACEHOLDER_REGION = "us-central1";

  @Override
  public String id() {
    return "gcp";
  }

  @Override
  public Map<String, String> settings() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("project", "Google Cloud project id, e.g. acme-prod (required)");
    s.put("region", "region the functions run in, e.g. europe-west1 (required)");
    s.put(
        "billingAccount",
        "billing account id (XXXXXX-XXXXXX-XXXXXX); needed when the spec has budgets");
    s.put(
        "endpoint",
        "one endpoint URL for every Google API, e.g. http://127.0.0.1:8085 for a fake (default:"
            + " Google's own; PUBSUB_EMULATOR_HOST still points Pub/Sub at its emulator)");
    s.put(
        "stateBucket",
        "bucket holding the stack lock (default: fnctl-state-PROJECT, created when missing)");
    return s;
  }

  @Override
  public long maxPackageBytes() {
    return FunctionZip.MAX_BYTES;
  }

  @Override
  public List<Problem> validate(Deployment d) {
    List<Problem> problems = new ArrayList<>();
    String target = d.target().name();
    String on = " on Cloud Functions 2nd gen (target " + target + ")";
    String t = "targets." + target;
    String project = d.target().setting("project");
    if (project == null || project.isBlank())
      problems.add(new Problem(t, "target " + target + " has no project: set project: <id>"));
    else if (!PROJECT.matcher(project).matches())
      problems.add(
          new Problem(
              t + ".project",
              "'"
                  + project
                  + "' is not a Google Cloud project id (6..30 lower-case letters,"
                  + " digits, hyphens; a letter first)"));
    String region = d.target().setting("region");
    if (region == null || region.isBlank())
      problems.add(
          new Problem(t, "target " + target + " has no region: set region: e.g. europe-west1"));
    else if (!REGION.matcher(region).matches())
      problems.add(
          new Problem(
              t + ".region", "'" + region + "' is not a Google Cloud region (e.g. europe-west1)"));
    String billing = d.target().setting("billingAccount");
    if (billing != null && !BILLING_ACCOUNT.matcher(billing).matches())
      problems.add(
          new Problem(
              t + ".billingAccount",
              "'" + billing + "' is not a billing account id (XXXXXX-XXXXXX-XXXXXX)"));
    String endpoint = d.target().setting("endpoint");
    if (endpoint != null && !GcpEndpoints.isHttpUrl(endpoint))
      problems.add(
          new Problem(
              t + ".endpoint",
              "'" + endpoint + "' is not an http:// or https:// URL (e.g. http://127.0.0.1:8085)"));
    for (FunctionSpec f : d.functions().values()) function(d, f, on, problems);
    for (QueueSpec q : d.queues().values()) {
      if (!q.owned() || q.deadLetter() == null) continue;
      int n = q.deadLetter().maxReceives();
      if (n < MIN_DELIVERY_ATTEMPTS || n > MAX_DELIVERY_ATTEMPTS)
        problems.add(
            new Problem(
                "queues." + q.name() + ".deadLetter.maxReceives",
                "maxReceives "
                    + n
                    + " is outside Pub/Sub's "
                    + MIN_DELIVERY_ATTEMPTS
                    + ".."
                    + MAX_DELIVERY_ATTEMPTS
                    + " delivery attempts"
                    + on));
    }
    GcpNames names = names(d);
    problems.addAll(existingDeclared(d, names));
    for (var b : d.buckets().values()) {
      String name = b.owned() ? names.bucket(b.name()) : StackLayout.lastSegment(b.existing());
      if (!BUCKET_NAME.matcher(name).matches())
        problems.add(
            new Problem(
                "buckets." + b.name() + (b.owned() ? "" : ".existing"),
                "'"
                    + name
                    + "' is not a Cloud Storage bucket name (3..63 lower-case letters,"
                    + " digits, hyphens, underscores)"
                    + on));
    }
    for (Budget b : d.budgets().values()) {
      String path = "budgets." + b.name();
      if (billing == null)
        problems.add(
            new Problem(
                path,
                "budget "
                    + b.name()
                    + " needs the billing account of target "
                    + target
                    + ": set billingAccount: XXXXXX-XXXXXX-XXXXXX on the target"));
      java.util.Set<String> recipients = new java.util.TreeSet<>();
      for (Budget.Alert a : b.alerts()) recipients.addAll(a.recipients());
      if (recipients.size() > MAX_BUDGET_CHANNELS)
        problems.add(
            new Problem(
                path + ".alerts",
                recipients.size()
                    + " recipients; a Google Cloud budget notifies at most "
                    + MAX_BUDGET_CHANNELS
                    + " notification channels"
                    + on));
    }
    return problems;
  }

  private static void function(Deployment d, FunctionSpec f, String on, List<Problem> problems) {
    String path = "functions." + f.name();
    if (f.runtime() == null) {
      problems.add(
          new Problem(path + ".runtime", "no runtime: set runtime on the function or in defaults"));
    } else if (GcpRuntimes.googleId(f.runtime()).isEmpty()) {
      problems.add(
          new Problem(
              path + ".runtime",
              "runtime '"
                  + f.runtime()
                  + "' is not offered"
                  + on
                  + "; use one of "
                  + String.join(", ", GcpRuntimes.OFFERED)));
    } else {
      String module = GcpRuntimes.requiredModule(f.runtime());
      String handler = f.handler();
      if (module == null && handler != null && handler.contains("::"))
        problems.add(
            new Problem(
                path + ".handler",
                "handler '"
                    + handler
                    + "': Cloud Functions calls a class (an HttpFunction or CloudEventsFunction),"
                    + " not a method; write the class name, e.g. "
                    + handler.substring(0, handler.indexOf("::"))
                    + on));
      if (module != null && handler != null) {
        int dot = handler.lastIndexOf('.');
        String file = dot < 0 ? module : handler.substring(0, dot);
        if (!file.equals(module))
          problems.add(
              new Problem(
                  path + ".handler",
                  "handler '"
                      + handler
                      + "': Cloud Functions loads "
                      + module
                      + (module.equals("main") ? ".py" : ".js")
                      + " and calls a function in it; write "
                      + module
                      + "."
                      + (dot < 0 ? handler : handler.substring(dot + 1))
                      + on));
      }
    }
    if (f.memory() < MIN_MEMORY || f.memory() > MAX_MEMORY)
      problems.add(
          new Problem(
              path + ".memory",
              "memory "
                  + f.memory()
                  + " MB is outside "
                  + MIN_MEMORY
                  + ".."
                  + MAX_MEMORY
                  + " MB"
                  + on));
    if (!"x86_64".equals(f.architecture()))
      problems.add(
          new Problem(
              path + ".architecture",
              "architecture '" + f.architecture() + "' is not offered" + on + "; only x86_64"));
    boolean eventDriven =
        f.triggers().stream()
            .anyMatch(
                tr ->
                    tr instanceof Trigger.Queue
                        || tr instanceof Trigger.Topic
                        || tr instanceof Trigger.Storage);
    long limit = eventDriven ? EVENT_TIMEOUT : HTTP_TIMEOUT;
    long timeout = f.timeout().getSeconds();
    if (timeout < 1 || timeout > limit || f.timeout().getNano() != 0)
      problems.add(
          new Problem(
              path + ".timeout",
              "timeout "
                  + f.timeout().toSeconds()
                  + "s is outside 1s.."
                  + limit
                  + "s, the limit for "
                  + (eventDriven ? "event-driven" : "HTTP")
                  + " functions"
                  + on));
    var c = f.concurrency();
    if (c.max() != null && c.max() < 1)
      problems.add(
          new Problem(
              path + ".concurrency.max",
              "concurrency.max " + c.max() + ": Cloud Functions needs at least 1 instance" + on));
    if (c.warm() != null && (c.warm() < 0 || c.warm() > MAX_WARM))
      problems.add(
          new Problem(
              path + ".concurrency.warm",
              "concurrency.warm " + c.warm() + " is outside 0.." + MAX_WARM + on));
    if (c.warm() != null && c.max() != null && c.warm() > c.max())
      problems.add(
          new Problem(
              path + ".concurrency.warm",
              "concurrency.warm " + c.warm() + " is more than concurrency.max " + c.max()));
    for (String key : f.env().keySet())
      if (RESERVED_ENV.contains(key) || key.startsWith("X_GOOGLE_"))
        problems.add(
            new Problem(
                path + ".env." + key,
                "environment variable " + key + " is set by Cloud Run itself" + on));
    String auth = null;
    int i = 0;
    for (Trigger tr : f.triggers()) {
      String tp = path + ".triggers[" + i++ + "]";
      if (tr instanceof Trigger.Http h) {
        if (!"none".equals(h.auth()) && !"iam".equals(h.auth()))
          problems.add(
              new Problem(tp + ".http.auth", "auth '" + h.auth() + "' is not none or iam"));
        else if (auth != null && !auth.equals(h.auth()))
          problems.add(
              new Problem(
                  tp + ".http.auth",
                  "a function has one URL" + on + ", so all its http triggers need the same auth"));
        auth = h.auth();
      } else if (tr instanceof Trigger.Schedule s) {
        try {
          SchedulerCron.of(s);
        } catch (IllegalArgumentException e) {
          problems.add(new Problem(tp + ".schedule.rate", "schedule " + e.getMessage() + on));
        }
        if (s.timezone() != null) {
          try {
            java.time.ZoneId.of(s.timezone());
          } catch (java.time.DateTimeException e) {
            problems.add(
                new Problem(tp + ".schedule.timezone", "unknown time zone '" + s.timezone() + "'"));
          }
        }
      } else if (tr instanceof Trigger.Storage st) {
        // Eventarc's path patterns (match-path-pattern) apply to audit logs' resourceName and
        // Firebase's ref, not to Cloud Storage events, whose only filter is the bucket: no
        // exact way to keep a prefix or suffix, so the user decides where the check goes
        if (st.prefix() != null || st.suffix() != null)
          problems.add(
              new Problem(
                  tp + ".storage",
                  "Eventarc filters Cloud Storage events by bucket only"
                      + on
                      + ", so "
                      + nameFilter(st.prefix(), st.suffix())
                      + " cannot be kept: remove prefix/suffix and skip other names at the top"
                      + " of the function (the event's data.name is the object's name), or give"
                      + " these objects a bucket of their own"));
        for (String e : st.events() == null ? List.<String>of() : st.events())
          if (!e.equals("created") && !e.equals("deleted"))
            problems.add(
                new Problem(tp + ".storage.events", "event '" + e + "' is not created or deleted"));
      }
    }
  }

  /**
   * An {@code existing:} topic, queue or bucket named as one the stack itself makes on this target
   * would be wired as someone else's while the stack creates, changes and deletes it.
   */
  private static List<Problem> existingDeclared(Deployment d, GcpNames names) {
    Map<String, String> owned = new LinkedHashMap<>();
    for (QueueSpec q : d.queues().values()) {
      if (!q.owned()) continue;
      owned.put("topic:" + names.topic(q.name()), "queue '" + q.name() + "'");
      if (q.deadLetter() != null)
        owned.put(
            "topic:" + names.deadLetterTopic(q.name()),
            "the dead-letter topic of queue '" + q.name() + "'");
    }
    for (var t : d.topics().values())
      if (t.owned()) owned.put("topic:" + names.topic(t.name()), "topic '" + t.name() + "'");
    for (var b : d.buckets().values())
      if (b.owned()) owned.put("bucket:" + names.bucket(b.name()), "bucket '" + b.name() + "'");
    List<Problem> out = new ArrayList<>();
    java.util.function.BiConsumer<String, String[]> check =
        (kind, pathAndExisting) -> {
          String declared = owned.get(kind + ":" + StackLayout.lastSegment(pathAndExisting[1]));
          if (declared != null)
            out.add(
                new Problem(
                    pathAndExisting[0] + ".existing",
                    "'"
                        + pathAndExisting[1]
                        + "' is "
                        + declared
                        + " of this stack on Google Cloud, which the stack itself creates and"
                        + " deletes: existing: names something the stack does not own; use the"
                        + " declared one by its spec name instead"));
        };
    for (QueueSpec q : d.queues().values())
      if (!q.owned()) check.accept("topic", new String[] {"queues." + q.name(), q.existing()});
    for (var t : d.topics().values())
      if (!t.owned()) check.accept("topic", new String[] {"topics." + t.name(), t.existing()});
    for (var b : d.buckets().values())
      if (!b.owned()) check.accept("bucket", new String[] {"buckets." + b.name(), b.existing()});
    return out;
  }

  static GcpNames names(Deployment d) {
    String project = d.target().setting("project");
    String region = d.target().setting("region");
    return new GcpNames(
        d.stack(),
        d.target().name(),
        project == null || project.isBlank() ? PLACEHOLDER_PROJECT : project,
        region == null || region.isBlank() ? PLACEHOLDER_REGION : region);
  }

  /**
   * The expansion with the target's project and region (or placeholders): names derive from the
   * stack, target and spec names only, so placeholders never make two names meet.
   */
  @Override
  public Optional<List<Resource>> expandOffline(Deployment d) throws ProviderException {
    return Optional.of(StackLayout.offline(names(d)).expand(d));
  }

  @Override
  public Cloud connect(Deployment deployment, Context context) throws ProviderException {
    return GcpCloud.connect(deployment, context);
  }

  /**
   * How a storage trigger's name filter reads in a message: {@code prefix 'a/' and suffix '.b'}.
   */
  private static String nameFilter(String prefix, String suffix) {
    List<String> parts = new ArrayList<>();
    if (prefix != null) parts.add("prefix '" + prefix + "'");
    if (suffix != null) parts.add("suffix '" + suffix + "'");
    return String.join(" and ", parts);
  }
}
