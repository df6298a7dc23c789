package dev.fnctl.cli.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.model.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the real launcher prints: the text and the JSON agree, and pipes get no colour. */
class OutputIT {
  @TempDir Path dir;

  @Test
  void textAndJsonShowTheSamePlan() {
    Project.create(dir, 256);
    Launcher.Result text = Launcher.run(dir, "plan").expect(0);
    Launcher.Result json = Launcher.run(dir, "plan", "--json").expect(0);
    assertEquals("", json.err());
    Map<String, Object> plan = Json.parseObject(json.out());
    assertEquals("itest", plan.get("stack"));
    assertEquals("dev", plan.get("target"));
    List<?> changes = (List<?>) plan.get("changes");
    long creates =
        changes.stream().filter(c -> "create".equals(((Map<?, ?>) c).get("action"))).count();
    assertTrue(creates > 0, json.out());

    Matcher m =
        Pattern.compile("Plan: (\\d+) to add, (\\d+) to change, (\\d+) to destroy\\.")
            .matcher(text.out());
    assertTrue(m.find(), text.out());
    assertEquals(creates, Long.parseLong(m.group(1)));
    for (Object c : changes) {
      String address = (String) ((Map<?, ?>) c).get("address");
      assertTrue(
          text.out().contains(" " + address), address + " missing from the text:\n" + text.out());
    }
  }

  @Test
  void noColourWhenPipedEvenWithoutNoColor() {
    Project.create(dir, 256);
    Launcher.Result r =
        Launcher.run(dir, Map.of("NO_COLOR", "", "TERM", "xterm-256color"), "plan").expect(0);
    assertFalse(r.out().contains("\u001b"), "escape codes in piped output:\n" + r.out());
    Launcher.Result help =
        Launcher.run(dir, Map.of("NO_COLOR", "", "TERM", "xterm-256color"), "apply", "--help")
            .expect(0);
    assertFalse(help.out().contains("\u001b"), help.out());
  }
}
