package dev.fnctl.provider.gcp;

import static dev.fnctl.provider.gcp.GcpTypes.*;

import dev.fnctl.model.spec.BucketSpec;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.QueueSpec;
import dev.fnctl.model.spec.TopicSpec;
import dev.fnctl.model.spec.Trigger;
import dev.fnctl.provider.Item;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a deployment becomes on Google Cloud: one small layout per kind of spec item ({@link
 * FunctionLayout}, {@link TriggerLayout}, {@link MemberLayout}) adds its resources here. No
 * network.
 */
final class StackLayout {
  /** The code hash of an offline expansion, which packages nothing. */
  static final String CODE_NOT_PACKAGED = "not-packaged";

  private final GcpNames names;
  private final Path baseDir;
  private final List<Resource> out = new ArrayList<>();
  private final Map<String, Resource> byAddress = new LinkedHashMap<>();
  private final MemberLayout members = new MemberLayout(this);

  StackLayout(GcpNames names, Path baseDir) {
    this.names = names;
    this.baseDir = baseDir;
  }

  /** A layout that packages no code (for {@code validate}). */
  static StackLayout offline(GcpNames names) {
    return new StackLayout(names, null);
  }

  List<Resource> expand(Deployment d) throws ProviderException {
    for (TopicSpec t : d.topics().values())
      if (t.owned()) topic(names.topic(t.name()), Item.topic(t.name()));
    for (QueueSpec q : d.queues().values()) {
      if (!q.owned()) continue;
      topic(names.topic(q.name()), Item.queue(q.name()));
      // Messages a consumer keeps failing move here (the subscription's dead-letter policy).
      if (q.deadLetter() != null) topic(names.deadLetterTopic(q.name()), Item.queue(q.name()));
    }
    for (BucketSpec b : d.buckets().values()) if (b.owned()) bucket(b);
    FunctionLayout functions = new FunctionLayout(this);
    TriggerLayout triggers = new TriggerLayout(this);
    for (FunctionSpec f : d.functions().values()) functions.function(d, f);
    for (FunctionSpec f : d.functions().values())
      for (Trigger t : f.triggers()) triggers.trigger(d, f, t);
    BudgetLayout budgets = new BudgetLayout(this);
    for (var b : d.budgets().values()) budgets.budget(b);
    members.flush();
    return List.copyOf(out);
  }

  private void topic(String id, String item) {
    add(Resource.of(address(TOPIC, id), TOPIC, item, Map.of(), List.of()));
  }

  private void bucket(BucketSpec b) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(BucketType.LOCATION, names.region().toUpperCase(java.util.Locale.ROOT));
    add(
        new Resource(
            address(BUCKET, names.bucket(b.name())),
            BUCKET,
            Item.bucket(b.name()),
            p,
            Set.of(BucketType.LOCATION),
            Set.of(),
            List.of(),
            null));
  }

  GcpNames names() {
    return names;
  }

  Path baseDir() {
    return baseDir;
  }

  MemberLayout members() {
    return members;
  }

  /**
   * A resource several parts of one item ask for is added once. One that two items ask for is kept
   * twice: the engine refuses the spec, naming both.
   */
  void add(Resource r) {
    Resource had = byAddress.putIfAbsent(r.address(), r);
    if (had == null || !had.item().equals(r.item())) out.add(r);
  }

  /**
   * A resource several items share (one recipient's notification channel for two budgets): added
   * once, serving all of them.
   */
  void addShared(Resource r) {
    Resource had = byAddress.get(r.address());
    if (had == null) {
      add(r);
      return;
    }
    Resource both = had.alsoServing(List.of(r.item()));
    byAddress.put(r.address(), both);
    out.set(out.indexOf(had), both);
  }

  boolean has(String address) {
    return byAddress.containsKey(address);
  }

  /** The address as a dependency when the stack makes it, else none. */
  List<String> ownedDep(String address) {
    return has(address) ? List.of(address) : List.of();
  }

  /** The topic id a queue or topic name stands for: the stack's own, or an existing one. */
  String topicId(Deployment d, String name, boolean queue) {
    if (queue) {
      QueueSpec q = d.queues().get(name);
      if (q != null && !q.owned()) return lastSegment(q.existing());
    } else {
      TopicSpec t = d.topics().get(name);
      if (t != null && !t.owned()) return lastSegment(t.existing());
    }
    return names.topic(name);
  }

  String bucketName(Deployment d, String name) {
    BucketSpec b = d.buckets().get(name);
    if (b != null && !b.owned()) return lastSegment(b.existing());
    return names.bucket(name);
  }

  /**
   * {@code existing:} may be an id, a resource path or a {@code gs://} URL: the id is the last
   * part.
   */
  static String lastSegment(String existing) {
    String s = existing.endsWith("/") ? existing.substring(0, existing.length() - 1) : existing;
    return s.substring(s.lastIndexOf('/') + 1);
  }

  static List<String> sorted(java.util.Collection<String> c) {
    return List.copyOf(new TreeSet<>(c));
  }
}
