package dev.fnctl.provider.gcp;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class GcpNamesTest {
  final GcpNames names = new GcpNames("shop", "prod", "acme-prod", "europe-west1");

  @Test
  void serviceAccountIdsFitSixToThirtyCharacters() {
    assertEquals("shop-prod-resize", names.serviceAccount("resize"));
    String longOne = names.serviceAccount("a-very-long-function-name-indeed");
    assertEquals(30, longOne.length());
    assertTrue(longOne.startsWith("shop-prod-a-very-long"), longOne);
    assertTrue(longOne.matches("[a-z][-a-z0-9]{4,28}[a-z0-9]"), longOne);
    assertNotEquals(longOne, names.serviceAccount("a-very-long-function-name-indeeds"));
    String shortOne = new GcpNames("a", "b", "p", "r").serviceAccount("c");
    assertTrue(shortOne.length() >= 6, shortOne);
    assertEquals(shortOne, new GcpNames("a", "b", "p", "r").serviceAccount("c"));
  }

  @Test
  void fitKeepsShortNamesAndHashesLongOnes() {
    assertEquals("abc", GcpNames.fit("ABC", 10));
    String cut = GcpNames.fit("x".repeat(70), 63);
    assertEquals(63, cut.length());
    assertTrue(cut.endsWith("-" + GcpNames.hash8("x".repeat(70))));
  }

  @Test
  void jobOwnershipIsParsedFromTheExactParts() {
    String job = names.job("report", "schedule-1a2b3c4d");
    assertEquals("fnctl_shop_prod_report_schedule-1a2b3c4d", job);
    assertTrue(names.ownsJob(job));
    assertFalse(new GcpNames("shop", "pro", "p", "r").ownsJob(job));
    assertFalse(new GcpNames("sho", "prod", "p", "r").ownsJob(job));
    assertFalse(names.ownsJob("fnctl_shop_prod_report"));
    assertFalse(names.ownsJob("other_shop_prod_report_x"));
  }

  @Test
  void pathsFollowTheRestReference() {
    assertEquals(
        "projects/acme-prod/locations/europe-west1/functions/shop-prod-x",
        names.functionPath("shop-prod-x"));
    assertEquals("projects/acme-prod/topics/t", names.topicPath("t"));
    assertEquals("x@acme-prod.iam.gserviceaccount.com", names.serviceAccountEmail("x"));
  }
}
