package dev.fnctl.provider.gcp;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.SharedDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * IAM policies of projects, buckets, topics, Cloud Run services and secrets, read and written
 * through each service's REST {@code getIamPolicy}/{@code setIamPolicy} (Cloud Storage's {@code
 * /iam}). Every write is read-modify-write with the policy's etag ({@link SharedDocument}): Google
 * refuses a stale etag (409 or 412), and the change is redone on the policy as it is then, so
 * bindings fnctl does not own survive.
 */
final class IamPolicies {
  /** A resource whose policy fnctl writes: kind (see {@link MemberLayout}) and its id. */
  record Target(String kind, String resource) {
    static Target of(Address member) {
      String name = member.name();
      int first = name.indexOf('/');
      int last = name.lastIndexOf('/');
      return new Target(name.substring(0, first), name.substring(first + 1, last));
    }

    String container() {
      return MemberLayout.container(kind, resource);
    }
  }

  private final GcpSession session;

  IamPolicies(GcpSession session) {
    this.session = session;
  }

  private GoogleRest rest(Target t) {
    return t.kind().equals(MemberLayout.TOPIC_KIND) || t.kind().equals(MemberLayout.SUBSCRIPTION)
        ? session.pubsubRest()
        : session.rest();
  }

  private String url(Target t) {
    var n = session.names;
    return switch (t.kind()) {
      case MemberLayout.PROJECT ->
          session.base("cloudresourcemanager.googleapis.com") + "/v3/projects/" + t.resource();
      case MemberLayout.BUCKET_KIND ->
          session.base("storage.googleapis.com") + "/storage/v1/b/" + t.resource() + "/iam";
      case MemberLayout.TOPIC_KIND -> session.pubsubBase() + "/v1/" + n.topicPath(t.resource());
      case MemberLayout.SUBSCRIPTION ->
          session.pubsubBase() + "/v1/projects/" + n.project() + "/subscriptions/" + t.resource();
      case MemberLayout.SERVICE ->
          session.base("run.googleapis.com") + "/v2/" + n.location() + "/services/" + t.resource();
      case MemberLayout.SECRET ->
          session.base("secretmanager.googleapis.com")
              + "/v1/projects/"
              + n.project()
              + "/secrets/"
              + t.resource();
      default -> throw new IllegalArgumentException("no IAM policy kind " + t.kind());
    };
  }

  /**
   * The policy now (an empty one when the resource has none), or null when the resource is gone.
   */
  JsonObject read(Target t) throws ProviderException {
    try {
      return switch (t.kind()) {
        case MemberLayout.BUCKET_KIND -> rest(t).get(url(t) + "?optionsRequestedPolicyVersion=3");
        case MemberLayout.PROJECT -> {
          JsonObject body = new JsonObject();
          JsonObject options = new JsonObject();
          options.addProperty("requestedPolicyVersion", 3);
          body.add("options", options);
          yield rest(t).post(url(t) + ":getIamPolicy", body);
        }
        default -> rest(t).get(url(t) + ":getIamPolicy?options.requestedPolicyVersion=3");
      };
    } catch (Exception e) {
      if (GcpErrors.notFound(e)) return null;
      throw GcpErrors.failure("read the IAM policy of " + t.kind() + " " + t.resource(), e);
    }
  }

  private void write(Target t, JsonObject policy) throws ProviderException {
    session.call(
        "write the IAM policy of " + t.kind() + " " + t.resource(),
        () -> {
          if (t.kind().equals(MemberLayout.BUCKET_KIND)) return rest(t).put(url(t), policy);
          JsonObject body = new JsonObject();
          body.add("policy", policy);
          return rest(t).post(url(t) + ":setIamPolicy", body);
        });
  }

  /**
   * Gives {@code member} exactly {@code roles} among its unconditional bindings on {@code t} (none:
   * removes it), leaving every other member and every conditional binding as they are.
   */
  void setRoles(Target t, String member, List<String> roles) throws ProviderException {
    new SharedDocument<JsonObject>(
            t.container(),
            () -> {
              JsonObject p = read(t);
              if (p == null) {
                if (roles.isEmpty()) return new SharedDocument.Versioned<>(null, null);
                throw new ProviderException(
                    ProviderException.Kind.NOT_FOUND,
                    t.kind()
                        + " "
                        + t.resource()
                        + " does not exist, so fnctl cannot grant "
                        + member
                        + " "
                        + String.join(", ", roles)
                        + " on it: create it first, or correct its name in the spec");
              }
              return new SharedDocument.Versioned<>(
                  p, p.has("etag") ? p.get("etag").getAsString() : null);
            },
            (next, etag) -> write(t, next))
        .update(p -> p == null ? null : withRoles(p, member, roles));
  }

  /**
   * Makes sure {@code member} has {@code role} on {@code t}, adding nothing else and never removing
   * anything: for grants Google's own services need (a service agent), which other stacks and tools
   * rely on too, so fnctl adds them when missing and never takes them away.
   */
  void ensure(Target t, String member, String role) throws ProviderException {
    new SharedDocument<JsonObject>(
            t.container(),
            () -> {
              JsonObject p = read(t);
              if (p == null)
                throw new ProviderException(
                    ProviderException.Kind.NOT_FOUND, t.kind() + " " + t.resource() + " not found");
              return new SharedDocument.Versioned<>(
                  p, p.has("etag") ? p.get("etag").getAsString() : null);
            },
            (next, etag) -> write(t, next))
        .update(p -> withAdded(p, member, role));
  }

  /** {@code policy} with {@code member} added to {@code role}; null when it is there already. */
  static JsonObject withAdded(JsonObject policy, String member, String role) {
    JsonObject next = policy.deepCopy();
    JsonArray bindings = next.has("bindings") ? next.getAsJsonArray("bindings") : new JsonArray();
    for (JsonElement e : bindings) {
      JsonObject b = e.getAsJsonObject();
      if (b.has("condition") || !b.get("role").getAsString().equals(role)) continue;
      JsonArray members = b.has("members") ? b.getAsJsonArray("members") : new JsonArray();
      if (contains(members, member)) return null;
      members.add(member);
      b.add("members", members);
      next.add("bindings", bindings);
      return next;
    }
    JsonObject b = new JsonObject();
    b.addProperty("role", role);
    JsonArray members = new JsonArray();
    members.add(member);
    b.add("members", members);
    bindings.add(b);
    next.add("bindings", bindings);
    if (!next.has("version")) next.addProperty("version", 1);
    return next;
  }

  /** {@code policy} with {@code member} in exactly {@code roles}; null when it already is. */
  static JsonObject withRoles(JsonObject policy, String member, List<String> roles) {
    JsonObject next = policy.deepCopy();
    JsonArray bindings = next.has("bindings") ? next.getAsJsonArray("bindings") : new JsonArray();
    TreeSet<String> missing = new TreeSet<>(roles);
    boolean changed = false;
    JsonArray kept = new JsonArray();
    for (JsonElement e : bindings) {
      JsonObject b = e.getAsJsonObject();
      if (b.has("condition")) {
        kept.add(b);
        continue;
      }
      String role = b.get("role").getAsString();
      JsonArray members = b.has("members") ? b.getAsJsonArray("members") : new JsonArray();
      boolean has = contains(members, member);
      if (roles.contains(role)) {
        missing.remove(role);
        if (!has) {
          members.add(member);
          changed = true;
        }
      } else if (has) {
        JsonArray rest = new JsonArray();
        for (JsonElement m : members) if (!m.getAsString().equals(member)) rest.add(m);
        members = rest;
        changed = true;
      }
      b.add("members", members);
      if (members.size() > 0) kept.add(b);
    }
    for (String role : missing) {
      JsonObject b = new JsonObject();
      b.addProperty("role", role);
      JsonArray members = new JsonArray();
      members.add(member);
      b.add("members", members);
      kept.add(b);
      changed = true;
    }
    if (!changed) return null;
    next.add("bindings", kept);
    if (!next.has("version")) next.addProperty("version", 1);
    return next;
  }

  private static boolean contains(JsonArray a, String s) {
    for (JsonElement e : a) if (e.getAsString().equals(s)) return true;
    return false;
  }

  /**
   * The members of {@code t}'s policy that {@code ours} picks (the stack's service accounts, {@code
   * allUsers} on its own services), as live member resources with their unconditional roles.
   */
  List<LiveResource> members(
      Target t,
      JsonObject policy,
      Predicate<String> ours,
      java.util.function.Function<String, String> who,
      Predicate<String> owned) {
    Map<String, TreeSet<String>> roles = new TreeMap<>();
    if (policy != null && policy.has("bindings"))
      for (JsonElement e : policy.getAsJsonArray("bindings")) {
        JsonObject b = e.getAsJsonObject();
        if (b.has("condition") || !b.has("members")) continue;
        for (JsonElement m : b.getAsJsonArray("members")) {
          String member = m.getAsString();
          if (ours.test(member))
            roles.computeIfAbsent(member, k -> new TreeSet<>()).add(b.get("role").getAsString());
        }
      }
    List<LiveResource> out = new ArrayList<>();
    roles.forEach(
        (member, rs) -> {
          Map<String, Object> p = new LinkedHashMap<>();
          p.put(MemberType.MEMBER, member);
          p.put(MemberType.ROLES, List.copyOf(rs));
          out.add(
              new LiveResource(
                      GcpTypes.address(
                          GcpTypes.MEMBER, t.kind() + "/" + t.resource() + "/" + who.apply(member)),
                      GcpTypes.MEMBER,
                      null,
                      owned.test(member),
                      p,
                      Map.of())
                  .inContainer(t.container()));
        });
    return out;
  }
}
