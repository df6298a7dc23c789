package dev.fnctl.provider.gcp;

import static dev.fnctl.provider.gcp.GcpTypes.*;

import dev.fnctl.provider.Resource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * IAM bindings: one resource per member and resource ({@code gcp:iam:member/KIND/RESOURCE/WHO})
 * holding every role the spec gives that member there. Each is an entry of the resource's policy
 * ({@code gcp:iam:policy/KIND/RESOURCE}), a document Google replaces whole, so the engine writes
 * one entry of it at a time and {@link IamPolicies} writes with the policy's etag.
 */
final class MemberLayout {
  /** Kinds of resources whose policies fnctl writes. */
  static final String PROJECT = "project";

  static final String BUCKET_KIND = "bucket";
  static final String TOPIC_KIND = "topic";
  static final String SERVICE = "service";
  static final String SECRET = "secret";
  static final String SUBSCRIPTION = "subscription";

  /** The member who stands for anyone on the internet: {@code auth: none}. */
  static final String ALL_USERS = "allUsers";

  private record Key(String kind, String resource, String who) {}

  private record Grant(String item, String member, TreeSet<String> roles, List<String> deps) {}

  private final StackLayout layout;
  private final Map<Key, Grant> grants = new LinkedHashMap<>();

  MemberLayout(StackLayout layout) {
    this.layout = layout;
  }

  /**
   * Gives {@code member} (named {@code who} in the address) {@code roles} on one resource; called
   * as often as needed, the roles merge.
   */
  void grant(
      String item,
      String kind,
      String resource,
      String who,
      String member,
      List<String> roles,
      List<String> deps) {
    Grant g =
        grants.computeIfAbsent(
            new Key(kind, resource, who),
            k -> new Grant(item, member, new TreeSet<>(), new ArrayList<>()));
    g.roles().addAll(roles);
    for (String dep : deps) if (!g.deps().contains(dep)) g.deps().add(dep);
  }

  void flush() {
    grants.forEach(
        (k, g) -> {
          Map<String, Object> p = new LinkedHashMap<>();
          p.put(MemberType.MEMBER, g.member());
          p.put(MemberType.ROLES, List.copyOf(g.roles()));
          layout.add(
              Resource.of(
                      address(MEMBER, k.kind() + "/" + k.resource() + "/" + k.who()),
                      MEMBER,
                      g.item(),
                      p,
                      g.deps())
                  .inContainer(container(k.kind(), k.resource())));
        });
    grants.clear();
  }

  static String container(String kind, String resource) {
    return address(POLICY, kind + "/" + resource);
  }
}
