package dev.fnctl.fake.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The host indexes only functions it can run, as the binding reference describes them. */
class FunctionIndexTest {
  static Map<String, byte[]> files(String... pathsAndContents) {
    var out = new LinkedHashMap<String, byte[]>();
    for (int i = 0; i < pathsAndContents.length; i += 2) {
      out.put(pathsAndContents[i], pathsAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  static final String HOST =
      "{\"version\":\"2.0\",\"extensionBundle\":{\"id\":\"Microsoft.Azure.Functions.ExtensionBundle\",\"version\":\"[4.*, 5.0.0)\"}}";

  @Test
  void indexesValidTriggersAndSaysWhyOthersAreLeftOut() {
    var index =
        new FunctionIndex(
            files(
                "host.json", HOST,
                "api/function.json",
                    "{\"bindings\":[{\"type\":\"httpTrigger\",\"direction\":\"in\",\"name\":\"req\",\"authLevel\":\"function\"},{\"type\":\"http\",\"direction\":\"out\",\"name\":\"res\"}]}",
                "nightly/function.json",
                    "{\"bindings\":[{\"type\":\"timerTrigger\",\"direction\":\"in\",\"name\":\"t\",\"schedule\":\"0 30 2 * * *\"}]}",
                "unix/function.json",
                    "{\"bindings\":[{\"type\":\"timerTrigger\",\"direction\":\"in\",\"name\":\"t\",\"schedule\":\"30 2 * * *\"}]}",
                "upload/function.json",
                    "{\"bindings\":[{\"type\":\"blobTrigger\",\"direction\":\"in\",\"name\":\"b\",\"path\":\"in/{name}\",\"connection\":\"AzureWebJobsStorage\"}]}",
                "none/function.json",
                    "{\"bindings\":[{\"type\":\"queue\",\"direction\":\"out\",\"name\":\"q\"}]}"));
    assertEquals(java.util.Set.of("api", "nightly"), index.functions().keySet());
    assertEquals(3, index.errors().size(), index.errors().toString());
    assertTrue(
        index.errors().stream()
            .anyMatch(e -> e.startsWith("unix/") && e.contains("'30 2 * * *' was not recognized")),
        index.errors().toString());
    assertTrue(
        index.errors().stream().anyMatch(e -> e.startsWith("upload/") && e.contains("EventGrid")),
        index.errors().toString());
    assertTrue(
        index.errors().stream().anyMatch(e -> e.startsWith("none/") && e.contains("no trigger")),
        index.errors().toString());
  }

  @Test
  void withoutAVersion2HostJsonNothingRuns() {
    var index =
        new FunctionIndex(
            files(
                "api/function.json",
                "{\"bindings\":[{\"type\":\"httpTrigger\",\"direction\":\"in\",\"name\":\"req\"}]}"));
    assertTrue(index.functions().isEmpty());
    assertFalse(index.errors().isEmpty());
  }

  @Test
  void schedulesAreSixFieldNcrontabTimeSpansOrSettings() {
    assertTrue(FunctionIndex.isSchedule("0 */5 * * * *"));
    assertTrue(FunctionIndex.isSchedule("0 0 9 * * Mon-Fri"));
    assertTrue(FunctionIndex.isSchedule("00:05:00"));
    assertTrue(FunctionIndex.isSchedule("%NIGHTLY_SCHEDULE%"));
    assertFalse(FunctionIndex.isSchedule("*/5 * * * *"));
    assertFalse(FunctionIndex.isSchedule("@daily"));
  }
}
