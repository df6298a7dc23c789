package dev.fnctl.fake.gcp;

import com.google.iam.v1.Binding;
import com.google.iam.v1.Policy;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The IAM policy of every resource that has one (projects, topics, buckets, Cloud Run services,
 * secrets, service accounts), with etags as IAM uses them: each write gives a new etag, a write
 * carrying an etag that is no longer current is refused with 409 ABORTED (the read-modify-write
 * conflict a caller must retry), a write without an etag overwrites. An empty policy's etag is
 * {@code ACAB}, as Google answers for a resource nobody has granted anything on.
 */
final class IamPolicies {
  private static final ByteString EMPTY_ETAG = ByteString.copyFrom(new byte[] {0, 0x20, 1});
  private static final Pattern ROLE =
      Pattern.compile("roles/[a-zA-Z0-9_.]+|(projects|organizations)/[^/]+/roles/[a-zA-Z0-9_.]+");
  private static final Pattern MEMBER =
      Pattern.compile(
          "allUsers|allAuthenticatedUsers|(user|serviceAccount|group|domain|principal|principalSet"
              + "|deleted|projectOwner|projectEditor|projectViewer):.+");
  private static final Pattern PROJECT_SERVICE_ACCOUNT =
      Pattern.compile("serviceAccount:([^@]+)@([^.]+)\\.iam\\.gserviceaccount\\.com");

  /**
   * The service agents Google makes for a project, {@code service-PROJECT_NUMBER@DOMAIN} (IAM's
   * service agents reference): Cloud Storage, Pub/Sub, Eventarc, Cloud Functions, Cloud Run
   * (serverless-robot-prod), Cloud Scheduler, Cloud Build, Artifact Registry, Secret Manager and
   * Monitoring's notification agent, the services fnctl's resources involve. Any other address in
   * these forms, or one whose number is no project's, is an account that does not exist.
   */
  private static final Set<String> SERVICE_AGENT_DOMAINS =
      Set.of(
          "gs-project-accounts",
          "gcp-sa-pubsub",
          "gcp-sa-eventarc",
          "gcf-admin-robot",
          "serverless-robot-prod",
          "gcp-sa-cloudscheduler",
          "gcp-sa-cloudbuild",
          "gcp-sa-artifactregistry",
          "gcp-sa-secretmanager",
          "gcp-sa-monitoring-notification");

  private static final Pattern SERVICE_AGENT_ACCOUNT = Pattern.compile("service-([0-9]+)");

  private final Map<String, Policy> policies = new ConcurrentHashMap<>();
  private final AtomicLong writes = new AtomicLong();
  private final Predicate<String> serviceAccountExists;
  private final Predicate<String> projectNumber;

  /**
   * {@code serviceAccountExists} answers for an email, {@code projectNumber} whether a number is a
   * project's; bindings to a missing account or service agent fail.
   */
  IamPolicies(Predicate<String> serviceAccountExists, Predicate<String> projectNumber) {
    this.serviceAccountExists = serviceAccountExists;
    this.projectNumber = projectNumber;
  }

  /** Whether {@code local@domain.iam.gserviceaccount.com} is one of a project's service agents. */
  private boolean serviceAgent(String local, String domain) {
    var number = SERVICE_AGENT_ACCOUNT.matcher(local);
    return SERVICE_AGENT_DOMAINS.contains(domain)
        && number.matches()
        && projectNumber.test(number.group(1));
  }

  Policy get(String resource) {
    return policies.getOrDefault(resource, Policy.newBuilder().setEtag(EMPTY_ETAG).build());
  }

  synchronized Policy set(String resource, Policy requested) {
    Policy current = get(resource);
    if (!requested.getEtag().isEmpty() && !requested.getEtag().equals(current.getEtag())) {
      throw GoogleError.aborted(
          "There were concurrent policy changes. Please retry the whole read-modify-write with"
              + " exponential backoff.");
    }
    for (Binding binding : requested.getBindingsList()) {
      if (!ROLE.matcher(binding.getRole()).matches()) {
        throw GoogleError.invalidArgument(
            "Role (" + binding.getRole() + ") does not exist in the resource's hierarchy.");
      }
      for (String member : binding.getMembersList()) {
        if (!MEMBER.matcher(member).matches()) {
          throw GoogleError.invalidArgument("Invalid member type: " + member);
        }
        var account = PROJECT_SERVICE_ACCOUNT.matcher(member);
        if (account.matches()
            && !serviceAgent(account.group(1), account.group(2))
            && !serviceAccountExists.test(member.substring(15))) {
          throw GoogleError.invalidArgument(
              "Service account " + member.substring(15) + " does not exist.");
        }
      }
    }
    Policy.Builder stored = requested.toBuilder().clearBindings();
    for (Binding binding : requested.getBindingsList()) {
      if (binding.getMembersCount() > 0) {
        stored.addBindings(binding);
      }
    }
    if (stored.getVersion() == 0) {
      stored.setVersion(1);
    }
    stored.setEtag(
        ByteString.copyFrom(ByteBuffer.allocate(8).putLong(writes.incrementAndGet()).array()));
    Policy policy = stored.build();
    policies.put(resource, policy);
    return policy;
  }

  void remove(String resource) {
    policies.remove(resource);
  }
}
