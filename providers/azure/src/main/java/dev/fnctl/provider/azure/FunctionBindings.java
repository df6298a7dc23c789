package dev.fnctl.provider.azure;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.QueueSpec;
import dev.fnctl.model.spec.Trigger;
import dev.fnctl.provider.CodeEntry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The files Azure Functions reads a function app's triggers from, written from the neutral spec:
 * {@code host.json} at the package root and one folder per trigger holding its {@code
 * function.json} (Azure binds one trigger per function, so a function with three triggers is three
 * Azure functions in its app, all calling the same handler). The shapes follow the binding
 * reference of the Azure Functions documentation (httpTrigger, timerTrigger, queueTrigger,
 * blobTrigger with the Event Grid source for storage events, eventGridTrigger for topics) and the
 * host.json reference for version 2.x; {@code FunctionBindingsTest} checks them against those
 * schemas.
 *
 * <p>Keys are written in a fixed order and the JSON is pretty-printed the same way every time, so
 * the package's digest depends on the spec only.
 */
final class FunctionBindings {
  /** Made on first use: an offline expansion (validate) writes no file and loads no Jackson. */
  private static final class Json {
    static final ObjectMapper MAPPER =
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  }

  /** The app setting prefix of the identity-based connection to the stack's data account. */
  static final String DATA_CONNECTION = "FNCTL_DATA";

  /** Extension bundle 4.x: the bindings a script-language app may use (queues, blobs, timers). */
  static final String BUNDLE_VERSION = "[4.*, 5.0.0)";

  private final Map<String, QueueSpec> queues;

  FunctionBindings(Map<String, QueueSpec> queues) {
    this.queues = queues;
  }

  /** The generated entries: host.json, then each trigger's function.json, sorted by path. */
  List<CodeEntry> entries(FunctionSpec f, FlexConsumption.FlexRuntime runtime) {
    List<CodeEntry> out = new ArrayList<>();
    out.add(CodeEntry.generated("host.json", bytes(hostJson(f))));
    for (Trigger t : f.triggers())
      out.add(
          CodeEntry.generated(
              functionName(f, t) + "/function.json", bytes(functionJson(f, t, runtime))));
    out.sort(java.util.Comparator.comparing(CodeEntry::path));
    return out;
  }

  /**
   * The app setting prefix of the identity-based connection to a queue's account: the data
   * account's, or for an existing queue {@code FNCTL_ACCOUNT_<account>}.
   */
  static String connection(QueueSpec spec) {
    String account = existingAccount(spec);
    return account == null ? DATA_CONNECTION : "FNCTL_ACCOUNT_" + account;
  }

  /** The storage account of an existing queue, or null for the stack's own. */
  static String existingAccount(QueueSpec spec) {
    if (spec == null || spec.owned()) return null;
    return ExistingResource.parse(ExistingResource.Kind.QUEUE, spec.existing())
        .map(ExistingResource::account)
        .orElse(null);
  }

  /** The Azure function a trigger becomes: {@code <function>-<trigger slug>}. */
  static String functionName(FunctionSpec f, Trigger t) {
    return f.name() + "-" + t.slug();
  }

  Map<String, Object> hostJson(FunctionSpec f) {
    Map<String, Object> host = new LinkedHashMap<>();
    host.put("version", "2.0");
    host.put("functionTimeout", timeSpan(f.timeout()));
    Map<String, Object> bundle = new LinkedHashMap<>();
    bundle.put("id", "Microsoft.Azure.Functions.ExtensionBundle");
    bundle.put("version", BUNDLE_VERSION);
    host.put("extensionBundle", bundle);
    Map<String, Object> extensions = new LinkedHashMap<>();
    // Routes as the spec writes them: https://<app host>/<path>, no "api/" in front.
    extensions.put("http", Map.of("routePrefix", ""));
    for (Trigger t : f.triggers()) {
      if (t instanceof Trigger.Queue q) {
        Map<String, Object> qs = new LinkedHashMap<>();
        qs.put("batchSize", q.batchSize());
        QueueSpec spec = queues.get(q.queue());
        // Azure moves a message to <queue>-poison after maxDequeueCount failed tries (5 unless
        // set): the spec's deadLetter.maxReceives is that count.
        if (spec != null && spec.deadLetter() != null)
          qs.put("maxDequeueCount", spec.deadLetter().maxReceives());
        if (spec != null && spec.visibilityTimeout() != null)
          qs.put("visibilityTimeout", timeSpan(spec.visibilityTimeout()));
        extensions.put("queues", qs);
      }
    }
    host.put("extensions", extensions);
    return host;
  }

  Map<String, Object> functionJson(FunctionSpec f, Trigger t, FlexConsumption.FlexRuntime runtime) {
    Map<String, Object> fn = new LinkedHashMap<>();
    Handler h = Handler.parse(f.handler(), runtime.extension());
    fn.put("scriptFile", "../" + h.file());
    fn.put("entryPoint", h.entryPoint());
    List<Map<String, Object>> bindings = new ArrayList<>();
    Map<String, Object> b = new LinkedHashMap<>();
    if (t instanceof Trigger.Http http) {
      b.put("type", "httpTrigger");
      b.put("direction", "in");
      b.put("name", "req");
      b.put("authLevel", "none".equals(http.auth()) ? "anonymous" : "function");
      if (!"ANY".equals(http.method()))
        b.put("methods", List.of(http.method().toLowerCase(Locale.ROOT)));
      b.put("route", route(http.path()));
      bindings.add(b);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("type", "http");
      out.put("direction", "out");
      out.put("name", "$return");
      bindings.add(out);
    } else if (t instanceof Trigger.Schedule s) {
      b.put("type", "timerTrigger");
      b.put("direction", "in");
      b.put("name", "timer");
      b.put("schedule", s.cron() != null ? Ncrontab.of(s.cron()) : Ncrontab.of(s.rate()));
      bindings.add(b);
    } else if (t instanceof Trigger.Queue q) {
      b.put("type", "queueTrigger");
      b.put("direction", "in");
      b.put("name", "msg");
      b.put("queueName", StackLayout.queueName(queues.get(q.queue()), q.queue()));
      b.put("connection", connection(queues.get(q.queue())));
      bindings.add(b);
    } else if (t instanceof Trigger.Storage st) {
      // Flex Consumption's blob trigger: Event Grid delivers the container's blob events to the
      // blob extension's webhook (EventSubscriptionType); the prefix and suffix are the
      // subscription's filter, so the path matches every blob of the container.
      b.put("type", "blobTrigger");
      b.put("direction", "in");
      b.put("name", "blob");
      b.put("path", st.bucket() + "/{name}");
      b.put("source", "EventGrid");
      b.put("connection", DATA_CONNECTION);
      bindings.add(b);
    } else if (t instanceof Trigger.Topic) {
      // A topic's events arrive through an Event Grid subscription (EventSubscriptionType).
      b.put("type", "eventGridTrigger");
      b.put("direction", "in");
      b.put("name", "event");
      bindings.add(b);
    } else {
      throw new IllegalArgumentException(t.kind() + " triggers are not bound on Azure");
    }
    fn.put("bindings", bindings);
    return fn;
  }

  /** A spec path {@code /orders/{id}} as an Azure route: {@code orders/{id}}. */
  static String route(String path) {
    return path.startsWith("/") ? path.substring(1) : path;
  }

  /** A duration as host.json's TimeSpan, {@code hh:mm:ss}. */
  static String timeSpan(Duration d) {
    long s = d.toSeconds();
    return String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }

  static byte[] bytes(Map<String, Object> json) {
    try {
      return (Json.MAPPER.writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("maps of strings and numbers always serialise", e);
    }
  }

  /**
   * A handler {@code main.handle} as Azure's script languages take it: the file ({@code main.py},
   * {@code pkg/mod.py} for {@code pkg.mod.handle}) and the function in it.
   */
  record Handler(String file, String entryPoint) {
    static Handler parse(String handler, String extension) {
      int dot = handler == null ? -1 : handler.lastIndexOf('.');
      if (dot <= 0 || dot == handler.length() - 1)
        throw new IllegalArgumentException(
            "handler '" + handler + "' is not of the form file.function (e.g. main.handle)");
      return new Handler(
          handler.substring(0, dot).replace('.', '/') + extension, handler.substring(dot + 1));
    }
  }
}
