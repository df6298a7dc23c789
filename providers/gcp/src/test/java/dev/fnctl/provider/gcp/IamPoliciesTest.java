package dev.fnctl.provider.gcp;

import static org.junit.jupiter.api.Assertions.*;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fnctl.provider.Address;
import java.util.List;
import org.junit.jupiter.api.Test;

class IamPoliciesTest {
  static JsonObject json(String s) {
    return JsonParser.parseString(s).getAsJsonObject();
  }

  final String me = "serviceAccount:me@p.iam.gserviceaccount.com";

  @Test
  void addsTheMemberAndKeepsEveryoneElse() {
    JsonObject p =
        json(
            "{\"etag\":\"BwX\",\"bindings\":[{\"role\":\"roles/storage.objectViewer\",\"members\":[\"user:a@x.com\"]}]}");
    JsonObject next =
        IamPolicies.withRoles(
            p, me, List.of("roles/storage.objectViewer", "roles/storage.objectCreator"));
    assertEquals(
        json(
            "{\"etag\":\"BwX\",\"bindings\":[{\"role\":\"roles/storage.objectViewer\",\"members\":[\"user:a@x.com\",\""
                + me
                + "\"]},{\"role\":\"roles/storage.objectCreator\",\"members\":[\""
                + me
                + "\"]}],\"version\":1}"),
        next);
  }

  @Test
  void removesOnlyTheMemberAndDropsEmptyBindings() {
    JsonObject p =
        json(
            "{\"bindings\":[{\"role\":\"r1\",\"members\":[\""
                + me
                + "\",\"user:a@x.com\"]},{\"role\":\"r2\",\"members\":[\""
                + me
                + "\"]},{\"role\":\"r3\",\"members\":[\""
                + me
                + "\"],\"condition\":{\"expression\":\"true\"}}]}");
    JsonObject next = IamPolicies.withRoles(p, me, List.of());
    assertEquals(
        json(
            "{\"bindings\":[{\"role\":\"r1\",\"members\":[\"user:a@x.com\"]},{\"role\":\"r3\",\"members\":[\""
                + me
                + "\"],\"condition\":{\"expression\":\"true\"}}],\"version\":1}"),
        next);
  }

  @Test
  void nothingToWriteWhenTheRolesAreAlreadyThere() {
    JsonObject p = json("{\"bindings\":[{\"role\":\"r1\",\"members\":[\"" + me + "\"]}]}");
    assertNull(IamPolicies.withRoles(p, me, List.of("r1")));
  }

  @Test
  void ensureOnlyAddsAndSaysWhenThereIsNothingToDo() {
    JsonObject p = json("{\"bindings\":[{\"role\":\"r1\",\"members\":[\"user:a@x.com\"]}]}");
    JsonObject next = IamPolicies.withAdded(p, me, "r1");
    assertEquals(
        json("{\"bindings\":[{\"role\":\"r1\",\"members\":[\"user:a@x.com\",\"" + me + "\"]}]}"),
        next);
    assertNull(IamPolicies.withAdded(next, me, "r1"));
    JsonObject added = IamPolicies.withAdded(p, me, "r2");
    assertEquals(2, added.getAsJsonArray("bindings").size());
  }

  @Test
  void theTargetIsTakenFromTheMemberAddress() {
    IamPolicies.Target t =
        IamPolicies.Target.of(
            Address.parse("gcp:iam:member/bucket/shop-prod-files/shop-prod-hello"));
    assertEquals(new IamPolicies.Target("bucket", "shop-prod-files"), t);
    assertEquals("gcp:iam:policy/bucket/shop-prod-files", t.container());
  }
}
