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
  final IamPolicies policies = new IamPolicies(this::serviceAccountExists);
  final StorageData storage = new StorageData();

  /** Function sources PUT to a generateUploadUrl URL: {@code bucket/object} to the zip's bytes. */
  final Map<String, byte[]> uploads = new ConcurrentHashMap<>();

  private boolean serviceAccountExists(String email) {
    String project = email.substring(email.indexOf('@') + 1, email.indexOf('.'));
    return resources.get("projects/" + project + "/serviceAccounts/" + email, ServiceAccount.class)
        != null;
  }
}
