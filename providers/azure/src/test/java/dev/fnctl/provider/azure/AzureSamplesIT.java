package dev.fnctl.provider.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fnctl.engine.ApplyReport;
import dev.fnctl.engine.Engine;
import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.ResourceChange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample Azure can take goes plan, apply, plan (no changes), one property changed (exactly
 * one update), an out-of-band change (drift, then converged), destroy (nothing tagged with the
 * stack remains), through the engine on the ARM fake. An app setting and a role assignment fnctl
 * does not own survive all of it.
 */
class AzureSamplesIT {
  @RegisterExtension static AzureFakes azure = new AzureFakes();
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static List<String> samples() {
    return AzureSamples.DEPLOYABLE;
  }

  @BeforeEach
  void fresh() {
    azure.arm.clearFaults();
    azure.resetGroup();
    // The Key Vault holding the samples' secrets: someone else's, referenced by fnctl.
    String vault = AzureFakes.groupId() + "/providers/Microsoft.KeyVault/vaults/fnctlvault";
    azure.arm.put(
        vault,
        "{\"id\":\"%s\",\"name\":\"fnctlvault\",\"type\":\"Microsoft.KeyVault/vaults\",\"location\":\"westeurope\",\"properties\":{}}"
            .formatted(vault));
    String secret = vault + "/secrets/webhook-signing-key";
    azure.arm.put(
        secret,
        "{\"id\":\"%s\",\"name\":\"webhook-signing-key\",\"type\":\"Microsoft.KeyVault/vaults/secrets\",\"properties\":{}}"
            .formatted(secret));
    // thumbnails' legacy bucket: someone else's container in another group (existing:).
    String legacy = AzureSamples.LEGACY_CONTAINER;
    String group = legacy.substring(0, legacy.indexOf("/providers/"));
    String account = legacy.substring(0, legacy.indexOf("/blobServices/"));
    azure.arm.put(
        group,
        "{\"id\":\"%s\",\"name\":\"shared-rg\",\"type\":\"Microsoft.Resources/resourceGroups\",\"location\":\"westeurope\",\"properties\":{\"provisioningState\":\"Succeeded\"}}"
            .formatted(group));
    azure.arm.put(
        account,
        "{\"id\":\"%s\",\"name\":\"legacyst\",\"type\":\"Microsoft.Storage/storageAccounts\",\"location\":\"westeurope\",\"kind\":\"StorageV2\",\"sku\":{\"name\":\"Standard_LRS\"},\"properties\":{\"provisioningState\":\"Succeeded\"}}"
            .formatted(account));
    azure.arm.put(
        legacy,
        "{\"id\":\"%s\",\"name\":\"acme-legacy-uploads\",\"type\":\"Microsoft.Storage/storageAccounts/blobServices/containers\",\"properties\":{\"metadata\":{}}}"
            .formatted(legacy));
  }

  @ParameterizedTest
  @MethodSource("samples")
  void planApplyChangeDriftDestroy(String sample) throws Exception {
    Path spec = AzureSamples.copy(sample, dir, azure.settings());
    EngineOnFake fnctl = new EngineOnFake(azure, spec, "azure", AzureSamples.env(sample));
    // Settings the platform adds to every new app: never fnctl's, never a diff, never removed.
    azure.arm.platformSettings(
        java.util.Map.of("APPLICATIONINSIGHTS_CONNECTION_STRING", "InstrumentationKey=00000000"));

    Plan first = fnctl.plan();
    assertEquals(
        first.changes().size(), first.count(Action.CREATE), EngineOnFake.shape(first).toString());
    ApplyReport applied = fnctl.apply();
    assertTrue(applied.succeeded(), "apply failed: " + applied.failed());
    assertTrue(
        applied.outputs().values().stream()
            .anyMatch(u -> u.startsWith("https://") && u.contains(".azurewebsites.net/")),
        "invoke URLs are printed: " + applied.outputs());
    assertEquals(
        List.of(), EngineOnFake.shape(fnctl.plan()), "an applied sample plans to no changes");
    // Every Key Vault reference resolves: its form is right, and the app's identity may read it.
    int references = 0;
    for (String site : apps()) {
      String refs =
          azure.armGet(site + "/config/configreferences/appsettings?api-version=2024-04-01");
      for (var ref : JSON.readTree(refs).path("value")) {
        references++;
        assertEquals("Resolved", ref.path("properties").path("status").asText(), refs);
      }
    }
    assertEquals(
        sample.equals("webhook-queue") ? 1 : 0, references, "the samples' secrets: " + sample);

    // Someone else's setting on an app and role assignment in the group: never fnctl's.
    String app = firstApp();
    String settingsId = app + "/config/appsettings";
    ObjectNode settings = (ObjectNode) JSON.readTree(azure.arm.get(settingsId));
    settings.with("properties").put("OTHER_TOOL", "keep");
    azure.arm.put(settingsId, JSON.writeValueAsString(settings));
    String principal = "0f0f0f0f-1111-2222-3333-444444444444";
    azure.arm.addPrincipal(principal);
    String foreignRole =
        AzureFakes.groupId()
            + "/providers/Microsoft.Authorization/roleAssignments/7d4a6a4e-0000-4000-8000-000000000001";
    azure.arm.put(
        foreignRole,
        ("{\"id\":\"%s\",\"name\":\"7d4a6a4e-0000-4000-8000-000000000001\","
                + "\"type\":\"Microsoft.Authorization/roleAssignments\",\"properties\":{"
                + "\"roleDefinitionId\":\"/subscriptions/%s/providers/Microsoft.Authorization/roleDefinitions/%s\","
                + "\"principalId\":\"%s\",\"principalType\":\"User\",\"scope\":\"%s\"}}")
            .formatted(
                foreignRole,
                AzureFakes.SUBSCRIPTION,
                BuiltInRoles.BLOB_DATA_READER,
                principal,
                AzureFakes.groupId()));
    assertEquals(
        List.of(), EngineOnFake.shape(fnctl.plan()), "what fnctl does not own is not shown");

    // One property changed: an environment variable is one update of one app's settings.
    String text = Files.readString(spec);
    Files.writeString(
        spec,
        text.replaceFirst(
            "(?m)^(  \\w+:\\n(?:    .*\\n)*?    env:\\n)", "$1      FNCTL_TEST_CHANGE: \"1\"\n"));
    Plan changed = fnctl.plan();
    List<ResourceChange> updates = EngineOnFake.changes(changed);
    assertEquals(1, updates.size(), EngineOnFake.shape(changed).toString());
    assertEquals(Action.UPDATE, updates.get(0).action());
    assertEquals(AzureTypes.APP_SETTINGS, updates.get(0).type());
    assertTrue(fnctl.apply().succeeded());
    assertEquals(List.of(), EngineOnFake.shape(fnctl.plan()));
    assertTrue(
        azure.arm.get(settingsId).contains("OTHER_TOOL"), "a setting fnctl does not own survives");
    assertTrue(
        azure.arm.get(settingsId).contains("APPLICATIONINSIGHTS_CONNECTION_STRING"),
        "a setting the platform added survives");

    // Code or triggers changed: one update of the app, its package deployed again.
    // (thumbnails' functions each set their own timeout: the first one's is changed.)
    String withTimeout = Files.readString(spec);
    Files.writeString(
        spec,
        sample.equals("thumbnails")
            ? withTimeout.replace("timeout: 60s", "timeout: 61s")
            : withTimeout.replaceFirst("(?m)^(?<t>\\s+timeout: \\d+)s", "${t}1s"));
    Plan code = fnctl.plan();
    List<ResourceChange> codeUpdates = EngineOnFake.changes(code);
    assertFalse(codeUpdates.isEmpty());
    for (ResourceChange c : codeUpdates) {
      assertEquals(Action.UPDATE, c.action(), EngineOnFake.shape(code).toString());
      assertEquals(List.of(FunctionAppType.PACKAGE), c.changedProperties(), c.address());
    }
    assertTrue(fnctl.apply().succeeded());
    assertEquals(List.of(), EngineOnFake.shape(fnctl.plan()));

    // Drift: someone raises an app's maximum instances; the plan shows it, apply puts it back.
    ObjectNode site = (ObjectNode) JSON.readTree(azure.arm.get(app));
    site.with("properties")
        .with("functionAppConfig")
        .with("scaleAndConcurrency")
        .put("maximumInstanceCount", 200);
    azure.arm.put(app, JSON.writeValueAsString(site));
    Plan drift = fnctl.plan();
    assertEquals(1, EngineOnFake.changes(drift).size(), EngineOnFake.shape(drift).toString());
    assertEquals(
        List.of(FunctionAppType.MAX_INSTANCES),
        EngineOnFake.changes(drift).get(0).changedProperties());
    assertTrue(fnctl.apply().succeeded());
    assertEquals(List.of(), EngineOnFake.shape(fnctl.plan()));

    ApplyReport destroyed = fnctl.destroy();
    assertTrue(destroyed.succeeded(), "destroy failed: " + destroyed.failed());
    assertFalse(fnctl.plan(Engine.PlanMode.DESTROY).hasChanges());
    String stack = Files.readString(spec).replaceAll("(?s).*?\\nstack: (\\S+).*", "$1");
    for (String id : azure.arm.ids("/subscriptions/"))
      assertFalse(
          String.valueOf(azure.arm.get(id)).contains("\"fnctl-stack\":\"" + stack + "\""),
          id + " is still tagged with stack " + stack);
    assertNotNull(azure.arm.get(foreignRole), "a role assignment fnctl does not own survives");
    assertNotNull(azure.arm.get(AzureFakes.groupId()), "the resource group is never deleted");
  }

  private static String firstApp() {
    return apps().get(0);
  }

  private static List<String> apps() {
    return azure.arm.ids("/providers/microsoft.web/sites/").stream()
        .filter(id -> id.matches("(?i).*/providers/microsoft\\.web/sites/[^/]+$"))
        .sorted()
        .toList();
  }
}
