package dev.fnctl.fake.gcp;

import com.google.iam.admin.v1.ServiceAccount;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state of the fake cloud, shared by the APIs: resources by name, IAM policies, long-running
 * operations, the projects, function source uploads and storage buckets.
 */
final class Cloud {
  final Resources resources = new Resources();
  final Operations operations = new Operations();
  final Projects projects = new Projects();
  final IamPolicies policies = new IamPolicies(this::serviceAccountExists, projects::isNumber);
  final StorageData storage = new StorageData();

  /** Function sources PUT to a generateUploadUrl URL: {@code bucket/object} to the zip's bytes. */
  final Map<String, byte[]> uploads = new ConcurrentHashMap<>();

  /**
   * Whether Cloud Storage's service agent may publish to Pub/Sub in {@code project}, which Cloud
   * Functions and Eventarc both check before they accept a Cloud Storage trigger.
   */
  void requireStorageAgentMayPublish(String project) {
    String agent =
        "serviceAccount:service-"
            + projects.number(project)
            + "@gs-project-accounts.iam.gserviceaccount.com";
    boolean canPublish =
        policies.get("projects/" + project).getBindingsList().stream()
            .anyMatch(
                b ->
                    b.getRole().equals("roles/pubsub.publisher")
                        && b.getMembersList().contains(agent));
    if (!canPublish) {
      throw GoogleError.failedPrecondition(
          "The Cloud Storage service account for your bucket is unable to publish to Cloud Pub/Sub"
              + " topics in the specified project. To use GCS CloudEvent triggers, the GCS service"
              + " account requires the Pub/Sub Publisher (roles/pubsub.publisher) IAM role in the"
              + " specified project.");
    }
  }

  private boolean serviceAccountExists(String email) {
    String project = email.substring(email.indexOf('@') + 1, email.indexOf('.'));
    return resources.get("projects/" + project + "/serviceAccounts/" + email, ServiceAccount.class)
        != null;
  }
}
