package dev.fnctl.provider.gcp;

import static dev.fnctl.provider.gcp.GcpTypes.*;

import com.google.gson.JsonObject;
import dev.fnctl.provider.Address;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.LiveState;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what the stack has on Google Cloud with list calls, in parallel: functions, service
 * accounts, topics, buckets, scheduler jobs and Eventarc triggers (one list each, owned ones found
 * by labels or, where there are none, by exact names), then the IAM policies the stack's bindings
 * live in (one read per policy, in parallel). A no-op plan therefore costs six lists plus one call
 * per policy, not a call per resource.
 */
final class LiveReader {
  private final GcpSession session;
  private final GcpServices services;

  LiveReader(GcpSession session, GcpServices services) {
    this.session = session;
    this.services = services;
  }

  LiveState read(List<Resource> desired) throws ProviderException {
    Map<String, Set<String>> wanted = new HashMap<>();
    for (Resource r : desired) {
      Address a = Address.parse(r.address());
      wanted.computeIfAbsent(a.type(), k -> new java.util.HashSet<>()).add(a.name());
    }
    List<GcpSession.Call<List<LiveResource>>> lists =
        List.of(
            () -> services.accounts.list(wanted.getOrDefault(SERVICE_ACCOUNT, Set.of())),
            () -> services.functions.list(wanted.getOrDefault(FUNCTION, Set.of())),
            () -> services.topics.list(wanted.getOrDefault(TOPIC, Set.of())),
            () -> services.buckets.list(wanted.getOrDefault(BUCKET, Set.of())),
            () -> unlessDisabled(() -> services.jobs.list(wanted.getOrDefault(JOB, Set.of()))),
            () ->
                unlessDisabled(
                    () -> services.triggers.list(wanted.getOrDefault(TRIGGER, Set.of()))),
            () -> budgetsOf(desired));
    List<LiveResource> live = new ArrayList<>();
    for (List<LiveResource> l : session.parallel(lists)) live.addAll(l);
    live.addAll(members(desired, live));
    return new LiveState(live);
  }

  /**
   * Budgets and their notification channels, read only where budgets can be: on a target with a
   * billing account (without one, the spec's budgets are a validation error).
   */
  private List<LiveResource> budgetsOf(List<Resource> desired) throws Exception {
    if (session.billingAccount() == null) return List.of();
    List<LiveResource> out = new ArrayList<>(services.budgets.list(Set.of()));
    out.addAll(unlessDisabled(() -> services.channels.list(Set.of())));
    return out;
  }

  /**
   * A list call on an API the project has not enabled: nothing can exist there, so it reads as
   * empty rather than failing a plan that needs no schedule or trigger.
   */
  private List<LiveResource> unlessDisabled(GcpSession.Call<List<LiveResource>> list)
      throws Exception {
    try {
      return list.call();
    } catch (ProviderException e) {
      if (e.getMessage() != null && e.getMessage().contains("API is disabled")) return List.of();
      throw e;
    }
  }

  /**
   * The stack's members in every policy it may have bindings in: those the spec names, and those of
   * the buckets and topics it owns (a binding whose last grant left the spec is found there).
   */
  private List<LiveResource> members(List<Resource> desired, List<LiveResource> live)
      throws ProviderException {
    Set<String> ownedEmails = new java.util.HashSet<>();
    Set<String> ownedFunctions = new java.util.HashSet<>();
    Set<IamPolicies.Target> targets = new LinkedHashSet<>();
    for (Resource r : desired)
      if (r.type().equals(MEMBER)) targets.add(IamPolicies.Target.of(Address.parse(r.address())));
    for (LiveResource r : live) {
      if (!r.owned()) continue;
      Address a = Address.parse(r.address());
      switch (r.type()) {
        case SERVICE_ACCOUNT ->
            ownedEmails.add(String.valueOf(r.outputs().get(ServiceAccountType.EMAIL)));
        case FUNCTION -> ownedFunctions.add(a.name());
        case BUCKET -> targets.add(new IamPolicies.Target(MemberLayout.BUCKET_KIND, a.name()));
        case TOPIC -> targets.add(new IamPolicies.Target(MemberLayout.TOPIC_KIND, a.name()));
        default -> {}
      }
    }
    // Desired service accounts are ours once they exist; their emails are derived, not read.
    for (Resource r : desired)
      if (r.type().equals(SERVICE_ACCOUNT))
        ownedEmails.add(session.names.serviceAccountEmail(Address.parse(r.address()).name()));
    List<IamPolicies.Target> list = List.copyOf(targets);
    List<GcpSession.Call<JsonObject>> reads = new ArrayList<>();
    for (IamPolicies.Target t : list) reads.add(() -> services.policies.read(t));
    List<JsonObject> policies = session.parallel(reads);
    List<LiveResource> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      IamPolicies.Target t = list.get(i);
      boolean service = t.kind().equals(MemberLayout.SERVICE);
      boolean ownService = service && ownedFunctions.contains(t.resource());
      out.addAll(
          services.policies.members(
              t,
              policies.get(i),
              m -> ownedEmails.contains(email(m)) || (service && m.equals(MemberLayout.ALL_USERS)),
              m ->
                  m.equals(MemberLayout.ALL_USERS)
                      ? m
                      : email(m).substring(0, email(m).indexOf('@')),
              m -> m.equals(MemberLayout.ALL_USERS) ? ownService : isOwnedAccount(m, live)));
    }
    return out;
  }

  private static String email(String member) {
    return member.startsWith("serviceAccount:") ? member.substring("serviceAccount:".length()) : "";
  }

  private static boolean isOwnedAccount(String member, List<LiveResource> live) {
    String email = email(member);
    for (LiveResource r : live)
      if (r.type().equals(SERVICE_ACCOUNT)
          && r.owned()
          && email.equals(r.outputs().get(ServiceAccountType.EMAIL))) return true;
    return false;
  }
}
