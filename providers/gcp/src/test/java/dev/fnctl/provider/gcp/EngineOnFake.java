package dev.fnctl.provider.gcp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fnctl.engine.ApplyListener;
import dev.fnctl.engine.ApplyOptions;
import dev.fnctl.engine.ApplyReport;
import dev.fnctl.engine.Engine;
import dev.fnctl.engine.PlanSession;
import dev.fnctl.model.plan.Action;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.model.plan.ResourceChange;
import dev.fnctl.provider.Providers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The real engine with the GCP provider against the fake, plus an independent REST client to the
 * fake (plain HTTP and JSON, none of fnctl's code) to read back what fnctl made and to change
 * things behind its back.
 */
final class EngineOnFake {
  final String endpoint;
  final Engine engine;

  /** {@code endpoint} is the fake, read directly; where fnctl goes is the spec's target. */
  EngineOnFake(String endpoint) {
    this.endpoint = endpoint;
    this.engine = Engine.create(Providers.of(List.of(new GcpProvider())), Map.of());
  }

  Plan plan(Path spec, String target, Engine.PlanMode mode) throws Exception {
    try (PlanSession s = engine.plan(spec, target, mode)) {
      return s.plan();
    }
  }

  ApplyReport apply(Path spec, String target, Engine.PlanMode mode) throws Exception {
    try (PlanSession s = engine.plan(spec, target, mode)) {
      return engine.apply(
          s,
          new ApplyOptions(
              4,
              Duration.ofSeconds(10),
              mode == Engine.PlanMode.DESTROY ? "destroy" : "apply",
              Duration.ofMinutes(2),
              Duration.ofSeconds(10)),
          ApplyListener.NONE);
    }
  }

  ApplyReport applyOk(Path spec, String target, Engine.PlanMode mode) throws Exception {
    ApplyReport r = apply(spec, target, mode);
    assertTrue(r.succeeded(), "apply failed: " + r.failed() + ", not started: " + r.notStarted());
    return r;
  }

  static List<String> shape(Plan p) {
    return p.changes().stream()
        .filter(c -> c.action() != Action.NO_OP)
        .map(c -> c.action().symbol() + " " + c.address() + " " + c.changedProperties())
        .toList();
  }

  static List<ResourceChange> changes(Plan p) {
    return p.changes().stream().filter(c -> c.action() != Action.NO_OP).toList();
  }

  // ---- the independent client ----

  JsonObject send(String method, String path, String body) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(endpoint + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) b.header("Content-Type", "application/json");
    HttpResponse<String> r =
        HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2)
      throw new AssertionError(method + " " + path + " -> " + r.statusCode() + " " + r.body());
    return r.body().isBlank()
        ? new JsonObject()
        : JsonParser.parseString(r.body()).getAsJsonObject();
  }

  JsonObject get(String path) throws Exception {
    return send("GET", path, null);
  }

  static List<JsonObject> items(JsonObject o, String key) {
    List<JsonObject> out = new ArrayList<>();
    if (o.has(key)) for (JsonElement e : o.getAsJsonArray(key)) out.add(e.getAsJsonObject());
    return out;
  }

  static boolean labelled(JsonObject o, String stack) {
    return o.has("labels")
        && o.getAsJsonObject("labels").has("fnctl-stack")
        && o.getAsJsonObject("labels").get("fnctl-stack").getAsString().equals(stack);
  }

  /** Everything in the project that carries the stack's label or ownership description. */
  List<String> labelledWith(String stack) throws Exception {
    List<String> out = new ArrayList<>();
    String p = GcpSpecs.PROJECT;
    String loc = "projects/" + p + "/locations/" + GcpSpecs.REGION;
    for (JsonObject f : items(get("/v2/" + loc + "/functions"), "functions"))
      if (labelled(f, stack)) out.add(f.get("name").getAsString());
    for (JsonObject t : items(get("/v1/projects/" + p + "/topics"), "topics"))
      if (labelled(t, stack)) out.add(t.get("name").getAsString());
    for (JsonObject b : items(get("/storage/v1/b?project=" + p), "items"))
      if (labelled(b, stack)) out.add(b.get("name").getAsString());
    for (JsonObject a : items(get("/v1/projects/" + p + "/serviceAccounts"), "accounts"))
      if (a.has("description")
          && a.get("description").getAsString().contains("fnctl-stack=" + stack + " "))
        out.add(a.get("email").getAsString());
    for (JsonObject b :
        items(get("/v1/billingAccounts/" + GcpSpecs.BILLING_ACCOUNT + "/budgets"), "budgets"))
      if (b.get("displayName").getAsString().startsWith("fnctl/" + stack + "/"))
        out.add(b.get("name").getAsString());
    for (JsonObject c :
        items(get("/v3/projects/" + p + "/notificationChannels"), "notificationChannels"))
      if (c.has("userLabels")
          && c.getAsJsonObject("userLabels").has("fnctl-stack")
          && c.getAsJsonObject("userLabels").get("fnctl-stack").getAsString().equals(stack))
        out.add(c.get("name").getAsString());
    return out;
  }

  static JsonArray array(String... s) {
    JsonArray a = new JsonArray();
    for (String x : s) a.add(x);
    return a;
  }
}
