package dev.fnctl.fake.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.gax.rpc.AbortedException;
import com.google.cloud.resourcemanager.v3.Project;
import com.google.cloud.resourcemanager.v3.ProjectsClient;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.iam.v1.Binding;
import com.google.iam.v1.GetIamPolicyRequest;
import com.google.iam.v1.Policy;
import com.google.iam.v1.SetIamPolicyRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * IAM service accounts over REST (google-iam-admin is gRPC-only, so the provider calls this REST
 * surface directly, as here) and Resource Manager projects through the real client library.
 */
class IamAndProjectsIT {
  private FakeGcp fake;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    fake = FakeGcp.start();
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  private HttpResponse<String> call(String verb, String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(fake.endpoint() + path))
            .header("Content-Type", "application/json")
            .method(
                verb,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void serviceAccountsAreCreatedReadListedAndDeleted() throws Exception {
    HttpResponse<String> created =
        call(
            "POST",
            "/v1/projects/acme-test/serviceAccounts",
            "{\"accountId\":\"fn-shop-orders\",\"serviceAccount\":{\"displayName\":\"orders\"}}");
    assertEquals(200, created.statusCode(), created.body());
    JsonObject account = JsonParser.parseString(created.body()).getAsJsonObject();
    assertEquals(
        "fn-shop-orders@acme-test.iam.gserviceaccount.com", account.get("email").getAsString());
    assertEquals(
        "projects/acme-test/serviceAccounts/fn-shop-orders@acme-test.iam.gserviceaccount.com",
        account.get("name").getAsString());

    assertEquals(
        200,
        call(
                "GET",
                "/v1/projects/-/serviceAccounts/fn-shop-orders@acme-test.iam.gserviceaccount.com",
                null)
            .statusCode());
    assertEquals(
        200,
        call(
                "GET",
                "/v1/projects/acme-test/serviceAccounts/" + account.get("uniqueId").getAsString(),
                null)
            .statusCode());
    String list = call("GET", "/v1/projects/acme-test/serviceAccounts", null).body();
    assertTrue(list.contains("fn-shop-orders@"), list);

    assertEquals(
        409,
        call("POST", "/v1/projects/acme-test/serviceAccounts", "{\"accountId\":\"fn-shop-orders\"}")
            .statusCode());
    assertEquals(
        200,
        call(
                "DELETE",
                "/v1/projects/acme-test/serviceAccounts/fn-shop-orders@acme-test.iam.gserviceaccount.com",
                null)
            .statusCode());
    assertEquals(
        404,
        call(
                "GET",
                "/v1/projects/acme-test/serviceAccounts/fn-shop-orders@acme-test.iam.gserviceaccount.com",
                null)
            .statusCode());
  }

  @Test
  void accountIdsFollowTheReferenceRule() throws Exception {
    for (String bad :
        new String[] {
          "short",
          "a-very-long-account-id-over-thirty",
          "9starts-with-digit",
          "ends-with-dash-",
          "Upper-case-id"
        }) {
      HttpResponse<String> answer =
          call("POST", "/v1/projects/acme-test/serviceAccounts", "{\"accountId\":\"" + bad + "\"}");
      assertEquals(400, answer.statusCode(), bad);
      assertTrue(answer.body().contains("INVALID_ARGUMENT"), answer.body());
    }
    assertEquals(
        200,
        call("POST", "/v1/projects/acme-test/serviceAccounts", "{\"accountId\":\"sixsix\"}")
            .statusCode());
    assertEquals(
        200,
        call(
                "POST",
                "/v1/projects/acme-test/serviceAccounts",
                "{\"accountId\":\"a23456789012345678901234567890\"}")
            .statusCode());
  }

  @Test
  void projectsAnswerTheirNumberAndKeepTheirPolicyWithEtags() throws Exception {
    try (ProjectsClient projects = Clients.projects(fake)) {
      Project project = projects.getProject("projects/acme-test");
      assertEquals("acme-test", project.getProjectId());
      assertEquals("projects/" + fake.projectNumber("acme-test"), project.getName());
      assertEquals(project, projects.getProject(project.getName()));

      call("POST", "/v1/projects/acme-test/serviceAccounts", "{\"accountId\":\"fn-shop-orders\"}");
      Policy read =
          projects.getIamPolicy(
              GetIamPolicyRequest.newBuilder().setResource("projects/acme-test").build());
      Binding binding =
          Binding.newBuilder()
              .setRole("roles/logging.logWriter")
              .addMembers("serviceAccount:fn-shop-orders@acme-test.iam.gserviceaccount.com")
              .build();
      projects.setIamPolicy(
          SetIamPolicyRequest.newBuilder()
              .setResource("projects/acme-test")
              .setPolicy(read.toBuilder().addBindings(binding))
              .build());
      assertThrows(
          AbortedException.class,
          () ->
              projects.setIamPolicy(
                  SetIamPolicyRequest.newBuilder()
                      .setResource("projects/acme-test")
                      .setPolicy(read)
                      .build()));
      assertEquals(
          binding,
          projects
              .getIamPolicy(
                  GetIamPolicyRequest.newBuilder()
                      .setResource("projects/" + fake.projectNumber("acme-test"))
                      .build())
              .getBindings(0));
    }
  }
}
