package dev.fnctl.local;

import dev.fnctl.archive.CodeArchive;
import dev.fnctl.archive.ReproducibleZip;
import dev.fnctl.model.spec.BucketSpec;
import dev.fnctl.model.spec.Budget;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.Permission;
import dev.fnctl.model.spec.QueueSpec;
import dev.fnctl.model.spec.TopicSpec;
import dev.fnctl.model.spec.Trigger;
import dev.fnctl.provider.Address;
import dev.fnctl.provider.CodePackager;
import dev.fnctl.provider.Item;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Ref;
import dev.fnctl.provider.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deployment expanded into local resources: one per function, per trigger (keyed by the trigger's
 * slug, so that its place in the list does not matter), per owned queue, topic and bucket, and per
 * budget. Items declared {@code existing} are not resources; what refers to them uses their name as
 * it is. Lists whose order means nothing (permissions, storage events, budget alerts and their
 * recipients) are sorted, as a cloud that does not keep their order would read them back, so that
 * reordering them in the spec plans no change.
 */
final class LocalResources {
  static final String FUNCTION = "local:function";
  static final String TRIGGER = "local:trigger";
  static final String QUEUE = "local:queue";
  static final String TOPIC = "local:topic";
  static final String BUCKET = "local:bucket";
  static final String BUDGET = "local:budget";

  private final Deployment d;
  private final LocalNames names;

  LocalResources(Deployment d) {
    this.d = d;
    this.names = LocalNames.of(d);
  }

  static String address(String type, String name) {
    return Address.of(type, name).toString();
  }

  List<Resource> expand() throws ProviderException {
    List<Resource> out = new ArrayList<>();
    for (QueueSpec q : d.queues().values()) if (q.owned()) out.add(queue(q));
    for (TopicSpec t : d.topics().values())
      if (t.owned()) out.add(simple(TOPIC, t.name(), Item.topic(t.name())));
    for (BucketSpec b : d.buckets().values())
      if (b.owned()) out.add(simple(BUCKET, b.name(), Item.bucket(b.name())));
    for (FunctionSpec f : d.functions().values()) {
      out.add(function(f));
      out.addAll(triggers(f));
    }
    for (Budget b : d.budgets().values()) out.add(budget(b));
    return out;
  }

  private Resource queue(QueueSpec q) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", names.physical(q.name()));
    p.put(
        "deadLetter",
        q.deadLetter() == null ? null : Map.of("maxReceives", (long) q.deadLetter().maxReceives()));
    p.put("visibilityTimeout", seconds(q.visibilityTimeout()));
    return new Resource(
        address(QUEUE, q.name()),
        QUEUE,
        Item.queue(q.name()),
        p,
        Set.of("name"),
        Set.of(),
        List.of(),
        null);
  }

  private Resource simple(String type, String name, String item) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", names.physical(name));
    return new Resource(
        address(type, name), type, item, p, Set.of("name"), Set.of(), List.of(), null);
  }

  private Resource function(FunctionSpec f) throws ProviderException {
    CodeArchive pkg;
    CodeArchive.Digest zip;
    try {
      // The local target keeps the same reproducible zip a cloud would get, with no size limit
      // but the disk's.
      pkg =
          new CodeArchive(
              f.name(),
              CodePackager.pack(d.spec().baseDir(), f.code()),
              new ReproducibleZip(),
              Long.MAX_VALUE,
              "no limit");
    } catch (ProviderException e) {
      throw new ProviderException("function " + f.name() + ": " + e.getMessage(), e);
    }
    zip = pkg.digest();
    Set<String> deps = new LinkedHashSet<>();
    List<Object> permissions = new ArrayList<>();
    List<Permission> granted = new ArrayList<>(f.permissions());
    granted.sort(
        Comparator.comparing((Permission perm) -> perm.kind().word())
            .thenComparing(Permission::name)
            .thenComparing(perm -> perm.access().word()));
    for (Permission perm : granted) {
      Map<String, Object> grant = new LinkedHashMap<>();
      grant.put(perm.kind().word(), perm.name());
      grant.put("access", perm.access().word());
      // Grants name the resource by its name, known before it exists, so a first plan reads
      // plainly.
      if (target(perm.kind(), perm.name()) instanceof Ref r) {
        deps.add(r.address());
        grant.put("resource", known(r.address()));
      } else {
        grant.put("resource", target(perm.kind(), perm.name()));
      }
      permissions.add(grant);
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", names.physical(f.name()));
    p.put("runtime", f.runtime());
    p.put("handler", f.handler());
    p.put("memory", (long) f.memory());
    p.put("timeout", seconds(f.timeout()));
    p.put("architecture", f.architecture());
    p.put("env", new LinkedHashMap<>(f.env()));
    p.put("secrets", f.secrets() == null ? Map.of() : new LinkedHashMap<>(f.secrets()));
    Map<String, Object> concurrency = new LinkedHashMap<>();
    concurrency.put("max", f.concurrency().max() == null ? null : (long) f.concurrency().max());
    concurrency.put("warm", f.concurrency().warm() == null ? null : (long) f.concurrency().warm());
    p.put("concurrency", concurrency);
    p.put("codeSha256", zip.sha256Hex());
    p.put("permissions", permissions);
    deps.remove(address(FUNCTION, f.name()));
    return new Resource(
        address(FUNCTION, f.name()),
        FUNCTION,
        Item.function(f.name()),
        p,
        Set.of("name"),
        // References, not values, but views mask them all the same; a function without secrets
        // has nothing to mask, and its plan says so rather than "(sensitive)".
        f.secrets() == null || f.secrets().isEmpty() ? Set.of() : Set.of("secrets"),
        List.copyOf(deps),
        pkg);
  }

  private List<Resource> triggers(FunctionSpec f) {
    List<Resource> out = new ArrayList<>();
    String fn = address(FUNCTION, f.name());
    for (Trigger t : f.triggers()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("function", new Ref(fn, "id"));
      Set<String> replaceOn = Set.of();
      Object source = null;
      if (t instanceof Trigger.Http h) {
        p.put("method", h.method());
        p.put("path", h.path());
        p.put("auth", h.auth());
      } else if (t instanceof Trigger.Schedule s) {
        p.put("cron", s.cron() == null ? null : s.cron().normalised());
        p.put("rate", seconds(s.rate()));
        p.put("timezone", s.timezone() == null ? "UTC" : s.timezone());
      } else if (t instanceof Trigger.Queue q) {
        source = target(Permission.Kind.QUEUE, q.queue());
        p.put("queue", source);
        p.put("batchSize", (long) q.batchSize());
        replaceOn = Set.of("queue"); // as an event source mapping's queue is fixed at creation
      } else if (t instanceof Trigger.Storage s) {
        source = target(Permission.Kind.BUCKET, s.bucket());
        p.put("bucket", source);
        p.put("events", s.events() == null ? List.of() : sorted(s.events()));
        p.put("prefix", s.prefix());
        p.put("suffix", s.suffix());
        replaceOn = Set.of("bucket");
      } else if (t instanceof Trigger.Topic tp) {
        source = target(Permission.Kind.TOPIC, tp.topic());
        p.put("topic", source);
        replaceOn = Set.of("topic"); // as a subscription's topic is fixed at creation
      }
      List<String> deps = new ArrayList<>(List.of(fn));
      if (source instanceof Ref r) deps.add(r.address());
      out.add(
          new Resource(
              address(TRIGGER, f.name() + "/" + t.slug()),
              TRIGGER,
              Item.function(f.name()),
              p,
              replaceOn,
              Set.of(),
              deps,
              null));
    }
    return out;
  }

  private Resource budget(Budget b) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("name", names.physical(b.name()));
    p.put("amount", b.amount());
    p.put("currency", b.currency() == null ? "USD" : b.currency());
    p.put("period", b.period() == null ? null : b.period().word());
    List<Budget.Alert> byThreshold = new ArrayList<>(b.alerts() == null ? List.of() : b.alerts());
    byThreshold.sort(
        Comparator.comparingInt(Budget.Alert::percent).thenComparing(Budget.Alert::forecast));
    List<Object> alerts = new ArrayList<>();
    for (Budget.Alert a : byThreshold) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("percent", (long) a.percent());
      m.put("forecast", a.forecast());
      m.put("recipients", sorted(a.recipients()));
      alerts.add(m);
    }
    p.put("alerts", alerts);
    return new Resource(
        address(BUDGET, b.name()),
        BUDGET,
        Item.budget(b.name()),
        p,
        Set.of("name"),
        Set.of(),
        List.of(),
        null);
  }

  /**
   * What a trigger or a grant points at: a reference to the stack's own resource (known once it
   * exists), or the name of an {@code existing} one, used as it is.
   */
  private Object target(Permission.Kind kind, String name) {
    switch (kind) {
      case QUEUE -> {
        QueueSpec q = d.queues().get(name);
        if (q != null && !q.owned()) return q.existing();
        return q == null ? name : new Ref(address(QUEUE, name), "id");
      }
      case TOPIC -> {
        TopicSpec t = d.topics().get(name);
        if (t != null && !t.owned()) return t.existing();
        return t == null ? name : new Ref(address(TOPIC, name), "id");
      }
      case BUCKET -> {
        BucketSpec b = d.buckets().get(name);
        if (b != null && !b.owned()) return b.existing();
        return b == null ? name : new Ref(address(BUCKET, name), "id");
      }
      case FUNCTION -> {
        return d.functions().containsKey(name) ? new Ref(address(FUNCTION, name), "id") : name;
      }
      default -> {
        return name; // a secret: a reference into the secret store, never its value
      }
    }
  }

  /**
   * The name a resource of this stack gets: {@code local:queue/orders} is {@code
   * orders-dev-orders}.
   */
  private String known(String address) {
    return names.physical(Address.parse(address).name());
  }

  private static List<String> sorted(List<String> values) {
    return values.stream().sorted().toList();
  }

  private static Long seconds(Duration d) {
    return d == null ? null : d.toSeconds();
  }
}
