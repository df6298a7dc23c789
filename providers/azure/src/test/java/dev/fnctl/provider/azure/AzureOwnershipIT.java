package dev.fnctl.provider.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What fnctl does not own is never taken over: a function app someone else made with the name fnctl
 * would give is a clash the plan refuses, naming it, and the app is left as it was.
 */
class AzureOwnershipIT {
  @RegisterExtension static AzureFakes azure = new AzureFakes();
  @TempDir Path dir;

  @Test
  void anUntaggedAppAtTheNameFnctlWouldUseIsAClashNotATakeover() throws Exception {
    azure.resetGroup();
    Path spec = TestSpecs.functions(dir, "owners", AzureSamples.target(azure.settings(), false), 1);
    String app =
        new AzureNames(AzureFakes.SUBSCRIPTION, AzureFakes.GROUP, "owners", "azure").app("f0");
    String id = AzureFakes.groupId() + "/providers/Microsoft.Web/sites/" + app;
    String foreign =
        ("{\"id\":\"%s\",\"name\":\"%s\",\"type\":\"Microsoft.Web/sites\",\"kind\":\"functionapp,linux\","
                + "\"location\":\"West Europe\",\"tags\":{\"owner\":\"someone-else\"},"
                + "\"properties\":{\"serverFarmId\":\"/x/serverfarms/theirs\",\"state\":\"Running\"}}")
            .formatted(id, app);
    azure.arm.put(id, foreign);
    EngineOnFake fnctl = new EngineOnFake(azure, spec, "azure");
    Exception e = assertThrows(Exception.class, fnctl::plan);
    assertTrue(e.getMessage().contains("azure:web:functionapp/" + app), e.getMessage());
    assertEquals(foreign.replace(" ", ""), azure.arm.get(id).replace(" ", ""), "left as it was");
    azure.arm.delete(id);
  }
}
