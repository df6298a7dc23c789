package dev.fnctl.fake.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.iam.v1.Binding;
import com.google.iam.v1.Policy;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class IamPoliciesTest {
  private final IamPolicies policies =
      new IamPolicies(email -> email.startsWith("known"), "123456789012"::equals);

  private static Policy with(Policy base, String role, String member) {
    return base.toBuilder()
        .addBindings(Binding.newBuilder().setRole(role).addMembers(member))
        .build();
  }

  @Test
  void anEmptyPolicyHasGooglesEtagAndEachWriteANewOne() {
    Policy empty = policies.get("projects/p/topics/t");
    assertEquals("ACAB", Base64.getEncoder().encodeToString(empty.getEtag().toByteArray()));
    Policy first =
        policies.set(
            "projects/p/topics/t", with(empty, "roles/pubsub.viewer", "user:a@example.com"));
    assertNotEquals(empty.getEtag(), first.getEtag());
    assertEquals(first, policies.get("projects/p/topics/t"));
  }

  @Test
  void aStaleEtagIsAbortedAndNoEtagOverwrites() {
    Policy read = policies.get("r");
    policies.set("r", with(read, "roles/a", "user:a@example.com"));
    GoogleError stale =
        assertThrows(
            GoogleError.class,
            () -> policies.set("r", with(read, "roles/b", "user:b@example.com")));
    assertEquals(409, stale.httpStatus);
    assertEquals("ABORTED", stale.status);
    Policy overwritten =
        policies.set("r", with(Policy.getDefaultInstance(), "roles/c", "user:c@example.com"));
    assertEquals(1, overwritten.getBindingsCount());
  }

  @Test
  void rolesMembersAndServiceAccountsAreChecked() {
    Policy empty = policies.get("r");
    assertEquals(
        "INVALID_ARGUMENT",
        assertThrows(
                GoogleError.class,
                () -> policies.set("r", with(empty, "viewer", "user:a@example.com")))
            .status);
    assertThrows(
        GoogleError.class, () -> policies.set("r", with(empty, "roles/viewer", "someone")));
    assertThrows(
        GoogleError.class,
        () ->
            policies.set(
                "r",
                with(empty, "roles/viewer", "serviceAccount:ghost@p.iam.gserviceaccount.com")));
    policies.set(
        "r", with(empty, "roles/viewer", "serviceAccount:known@p.iam.gserviceaccount.com"));
    policies.set("r", with(policies.get("r"), "roles/run.invoker", "allUsers"));
    assertEquals(2, policies.get("r").getBindingsCount());
  }

  @Test
  void theProjectsServiceAgentsExistAndNoOtherAddressInTheirForm() {
    for (String domain :
        new String[] {"gs-project-accounts", "gcp-sa-pubsub", "gcp-sa-eventarc", "gcf-admin-robot"})
      policies.set(
          "r",
          with(
              policies.get("r"),
              "roles/pubsub.publisher",
              "serviceAccount:service-123456789012@" + domain + ".iam.gserviceaccount.com"));
    assertEquals(4, policies.get("r").getBindingsCount());
    for (String ghost :
        new String[] {
          "service-999999999999@gcp-sa-pubsub", // no project has this number
          "service-123456789012@gcp-sa-nothing", // no such service agent
          "robot-123456789012@gs-project-accounts", // not an agent's name
        }) {
      GoogleError e =
          assertThrows(
              GoogleError.class,
              () ->
                  policies.set(
                      "r",
                      with(
                          policies.get("r"),
                          "roles/viewer",
                          "serviceAccount:" + ghost + ".iam.gserviceaccount.com")));
      assertEquals("INVALID_ARGUMENT", e.status, ghost);
    }
  }
}
