package dev.fnctl.provider.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.json.Json;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.Spec;
import dev.fnctl.testkit.aws.IamActions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * docs/aws-iam-policy.json, the policy the deploying identity needs, allows every call fnctl makes:
 * the strict layer records the operations of an apply, a plan and a destroy of a spec with every
 * trigger kind (and an existing bucket), and each operation's IAM action must be in the policy.
 */
class AwsIamPolicyIT extends MotoTestBase {
  static final Path POLICY = Path.of("../../docs/aws-iam-policy.json");

  @Test
  void theDocumentedPolicyAllowsEveryCallOfApplyPlanAndDestroy() throws Exception {
    String legacy = "acme-legacy-uploads";
    try (S3Client s3 = client(S3Client.builder())) {
      s3.createBucket(
          b -> b.bucket(legacy).createBucketConfiguration(c -> c.locationConstraint("eu-west-1")));
    }
    Spec spec = TestSpecs.everything("shop", dir, legacy, Map.of("region", "eu-west-1"));
    Deployment d = TestSpecs.prod(spec);
    proxy.strict().clearOperations();
    try (AwsCloud cloud = connect(d)) {
      Planned first = plan(cloud, d, false);
      Applied applied = apply(cloud, first.deployment(), false);
      assertTrue(applied.ok(), applied.toString());
      assertEquals("", describe(plan(cloud, d, false).changes()));
      Applied destroyed = apply(cloud, d, true);
      assertTrue(destroyed.ok(), destroyed.toString());
    }
    Set<String> seen = proxy.strict().operations();
    assertTrue(seen.size() > 40, "the proxy saw fnctl's calls: " + seen);
    Set<String> allowed = allowedActions();
    Map<String, String> missing = new TreeMap<>();
    for (String op : seen) {
      String[] parts = op.split(":", 2);
      String action = IamActions.of(parts[0], parts[1]);
      if (action != null && !allowed.contains(action)) missing.put(op, action);
    }
    assertEquals(Map.of(), missing, "operations the documented policy does not allow");
  }

  @SuppressWarnings("unchecked")
  static Set<String> allowedActions() throws java.io.IOException {
    Map<String, Object> doc = Json.parseObject(Files.readString(POLICY));
    assertEquals("2012-10-17", doc.get("Version"));
    Set<String> out = new TreeSet<>();
    for (Object o : (List<Object>) doc.get("Statement")) {
      Map<String, Object> st = (Map<String, Object>) o;
      assertEquals("Allow", st.get("Effect"));
      Object a = st.get("Action");
      if (a instanceof String s) out.add(s);
      else out.addAll((List<String>) a);
    }
    return out;
  }
}
