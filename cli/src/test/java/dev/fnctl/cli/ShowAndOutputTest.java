package dev.fnctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fnctl.cli.view.PlanFixtures;
import dev.fnctl.model.json.Json;
import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.ResourceChange;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code show} and {@code output} against a fake engine whose destroy plan is what is deployed. */
class ShowAndOutputTest extends CliTestBase {
  @BeforeEach
  void setUp() throws IOException {
    Map<String, Object> fn = new LinkedHashMap<>();
    fn.put("runtime", "python3.12");
    fn.put("memory", 512L);
    fn.put("env", Map.of("MODE", "live"));
    fn.put("secrets", Map.of("API_TOKEN", "stripe-key-v1"));
    Map<String, String> outputs = new LinkedHashMap<>();
    outputs.put("function charge POST /charge", "http://127.0.0.1:8080/charge");
    outputs.put("dashboard", "http://127.0.0.1:8080/");
    // Destroy order: the route first, then the function.
    engine.destroyPlan =
        PlanCopies.withOutputs(
            PlanFixtures.plan(
                List.of(
                    deployed(
                        "local:http-route/orders-dev-charge-post",
                        Map.of("method", "POST", "path", "/charge"),
                        Set.of()),
                    deployed("local:function/orders-dev-charge", fn, Set.of("secrets")))),
            outputs);
  }

  static ResourceChange deployed(String address, Map<String, Object> live, Set<String> sensitive) {
    return new ResourceChange(
        address,
        address.substring(0, address.indexOf('/')),
        "function charge",
        Action.DELETE,
        "destroy",
        live,
        Map.of(),
        Set.of(),
        Set.of(),
        sensitive,
        List.of());
  }

  @Test
  void showGroupsByItemInCreationOrderWithKeyPropertiesAndEndpoints() {
    assertEquals(0, run("show", "-f", spec.toString(), "-t", "dev"));
    assertEquals(List.of("plan " + spec + " dev DESTROY"), engine.calls);
    assertEquals(
        String.join(
            "\n",
            "Stack orders on target dev (local): 2 resources.",
            "",
            "function charge",
            "  local:function/orders-dev-charge",
            "        env:     {1 entry}",
            "        memory:  512",
            "        runtime: \"python3.12\"",
            "        secrets: (sensitive)",
            "  local:http-route/orders-dev-charge-post",
            "        method: \"POST\"",
            "        path:   \"/charge\"",
            "    endpoints:",
            "        POST /charge: http://127.0.0.1:8080/charge",
            "",
            "Outputs:",
            "  dashboard: http://127.0.0.1:8080/",
            ""),
        out.replace(System.lineSeparator(), "\n"));
    assertEquals(0, engine.openSessions);
  }

  @Test
  void showJsonHasEveryPropertyWithSecretsMasked() {
    assertEquals(0, run("show", "-f", spec.toString(), "--json"));
    Map<String, Object> json = Json.parseObject(out);
    assertEquals("1.0", json.get("formatVersion"));
    Map<?, ?> item = (Map<?, ?>) ((List<?>) json.get("items")).get(0);
    assertEquals("function charge", item.get("item"));
    Map<?, ?> fn = (Map<?, ?>) ((List<?>) item.get("resources")).get(0);
    assertEquals(Map.of("MODE", "live"), ((Map<?, ?>) fn.get("properties")).get("env"));
    assertEquals("(sensitive)", ((Map<?, ?>) fn.get("properties")).get("secrets"));
    assertEquals(Map.of("POST /charge", "http://127.0.0.1:8080/charge"), item.get("endpoints"));
    assertFalse(out.contains("stripe-key-v1"), out);
  }

  @Test
  void showWithNothingDeployedSaysSo() {
    engine.destroyPlan = PlanFixtures.plan(List.of());
    assertEquals(0, run("show", "-f", spec.toString()));
    assertEquals("Stack orders has nothing deployed on target dev (local).\n", out);
  }

  @Test
  void outputPrintsEveryOutputOrOneValueForScripts() {
    assertEquals(0, run("output", "-f", spec.toString()));
    assertEquals(
        "function charge POST /charge: http://127.0.0.1:8080/charge\n"
            + "dashboard:                    http://127.0.0.1:8080/\n",
        out);
    assertEquals(0, run("output", "-f", spec.toString(), "dashboard"));
    assertEquals("http://127.0.0.1:8080/\n", out);
    assertEquals(0, run("output", "-f", spec.toString(), "dashboard", "--json"));
    assertEquals("\"http://127.0.0.1:8080/\"\n", out);
    assertEquals(0, run("output", "-f", spec.toString(), "--json"));
    assertEquals("http://127.0.0.1:8080/", Json.parseObject(out).get("dashboard"));
  }

  @Test
  void anUnknownOutputIsAnErrorNamingTheOnesThereAre() {
    assertEquals(ExitCode.ERROR, run("output", "-f", spec.toString(), "dashbaord"));
    assertEquals("", out);
    assertEquals(
        "Error: no output called 'dashbaord'; the outputs are: function charge POST /charge,"
            + " dashboard\n",
        err);
    engine.destroyPlan = PlanFixtures.plan(List.of());
    assertEquals(ExitCode.ERROR, run("output", "-f", spec.toString(), "url"));
    assertTrue(err.contains("the stack has no outputs on this target"), err);
  }
}
