package dev.fnctl.provider.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AzureNamesTest {
  private static final String SUB = "11111111-2222-3333-4444-555555555555";
  private final AzureNames names = new AzureNames(SUB, "orders-rg", "orders", "prod");

  @Test
  void storageAccountsAreLowerCaseLettersAndDigitsWithinTwentyFour() {
    AzureNames longOne = new AzureNames(SUB, "rg", "a-very-long-stack-name", "longtarget01");
    for (String account :
        new String[] {
          names.hostAccount(),
          names.dataAccount(),
          longOne.hostAccount(),
          longOne.dataAccount(),
          AzureNames.lockAccount(SUB, "orders-rg")
        }) {
      assertTrue(account.matches("[a-z0-9]{3,24}"), account);
    }
    assertNotEquals(names.hostAccount(), names.dataAccount());
  }

  @Test
  void accountsDifferPerResourceGroupSubscriptionAndTargetButAreStable() {
    assertEquals(
        names.hostAccount(), new AzureNames(SUB, "orders-rg", "orders", "prod").hostAccount());
    assertNotEquals(
        names.hostAccount(), new AzureNames(SUB, "other-rg", "orders", "prod").hostAccount());
    assertNotEquals(
        names.hostAccount(),
        new AzureNames("99999999-2222-3333-4444-555555555555", "orders-rg", "orders", "prod")
            .hostAccount());
    // "orders"+"prod" and "order"+"sprod" have the same letters: the hash tells them apart.
    assertNotEquals(
        names.hostAccount(), new AzureNames(SUB, "orders-rg", "order", "sprod").hostAccount());
  }

  @Test
  void appNamesFitSixtyAndNeverMeetWhenCut() {
    assertTrue(names.app("resize").startsWith("orders-prod-resize-"), names.app("resize"));
    AzureNames longOne = new AzureNames(SUB, "rg", "stack-name-twenty-ch", "target-name");
    String a = longOne.app("function-name-that-is-thirty-a");
    String b = longOne.app("function-name-that-is-thirty-b");
    assertTrue(a.length() <= 60, a);
    assertTrue(b.length() <= 60, b);
    assertNotEquals(a, b);
    assertTrue(a.matches("[a-z0-9][a-z0-9-]*[a-z0-9]"), a);
  }

  @Test
  void roleAssignmentNamesAreStableGuidsOfScopePrincipalAndRole() {
    String one = AzureNames.roleAssignment("/subscriptions/x/resourceGroups/RG", "P1", "r");
    assertEquals(one, AzureNames.roleAssignment("/subscriptions/x/resourcegroups/rg", "p1", "R"));
    assertTrue(
        one.matches("[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), one);
    assertNotEquals(
        one, AzureNames.roleAssignment("/subscriptions/x/resourceGroups/RG", "P2", "r"));
    assertNotEquals(
        one, AzureNames.roleAssignment("/subscriptions/x/resourceGroups/RG", "P1", "s"));
  }
}
