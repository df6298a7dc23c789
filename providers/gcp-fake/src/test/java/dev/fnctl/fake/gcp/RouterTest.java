package dev.fnctl.fake.gcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.api.AnnotationsProto;
import com.google.protobuf.Descriptors.MethodDescriptor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The routes are the protos' google.api.http rules, and nothing else. */
class RouterTest {
  private final Router router = router();

  private static Router router() {
    Router router = new Router();
    Apis.register(new Cloud(), router);
    return router;
  }

  @Test
  void everyRouteIsARuleOfItsMethodOrADeclaredMixin() {
    for (Route route : router.routes()) {
      MethodDescriptor method = route.method();
      String service = method.getService().getFullName();
      boolean mixin =
          service.equals("google.iam.v1.IAMPolicy")
              || service.equals("google.longrunning.Operations")
              || service.equals("google.cloud.location.Locations");
      if (!mixin) {
        var rule = method.getOptions().getExtension(AnnotationsProto.http);
        String rules = rule.toString();
        assertTrue(
            rules.contains(route.path().toString()),
            route + " is not in the rule of " + method.getFullName());
      }
    }
    assertTrue(
        router.routes().size() > 80,
        "all methods of the services are routed: " + router.routes().size());
  }

  @Test
  void aPathBindsTheFieldsOfItsTemplate() {
    Router.Match match = router.find("PATCH", "/v2/projects/p/locations/europe-west1/functions/f");
    assertEquals("google.cloud.functions.v2.FunctionService.UpdateFunction", match.route().rpc());
    assertEquals(
        Map.of("function.name", "projects/p/locations/europe-west1/functions/f"),
        match.pathFields());
    assertEquals("function", match.route().body());
  }

  @Test
  void aVerbSuffixIsNotPartOfAResourceId() {
    assertEquals(
        "google.iam.v1.IAMPolicy.GetIamPolicy",
        router.find("GET", "/v1/projects/p/topics/t:getIamPolicy").route().rpc());
    assertEquals(
        "google.pubsub.v1.Publisher.GetTopic",
        router.find("GET", "/v1/projects/p/topics/t").route().rpc());
    assertEquals(
        "google.cloud.functions.v2.FunctionService.GenerateUploadUrl",
        router
            .find("POST", "/v2/projects/p/locations/l/functions:generateUploadUrl")
            .route()
            .rpc());
  }

  @Test
  void aPathOrVerbNoRuleNamesIsNotRouted() {
    assertNull(router.find("GET", "/v2/projects/p/locations/l/function/f"));
    assertNull(router.find("PUT", "/v2/projects/p/locations/l/functions/f"));
    assertNull(router.find("GET", "/v1/projects/p/topics/t/extra"));
    assertNotNull(router.find("DELETE", "/v2/projects/p/locations/l/functions/f"));
  }

  @Test
  void additionalBindingsAreRoutedToo() {
    assertEquals(
        "google.cloud.secretmanager.v1.SecretManagerService.GetSecret",
        router.find("GET", "/v1/projects/p/locations/europe-west1/secrets/s").route().rpc());
  }

  @Test
  void percentEncodedSegmentsAreDecodedButPlusStaysPlus() {
    Router.Match match =
        router.find("GET", "/v1/projects/p/serviceAccounts/a%40p.iam.gserviceaccount.com");
    assertEquals(
        "projects/p/serviceAccounts/a@p.iam.gserviceaccount.com", match.pathFields().get("name"));
    assertEquals(
        "projects/p/topics/a+b",
        router.find("GET", "/v1/projects/p/topics/a+b").pathFields().get("topic"));
  }
}
