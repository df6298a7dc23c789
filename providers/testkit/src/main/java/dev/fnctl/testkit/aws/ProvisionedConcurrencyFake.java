package dev.fnctl.testkit.aws;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.fnctl.model.json.Json;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lambda's provisioned concurrency ({@code /2019-09-30/functions/NAME/provisioned-concurrency}),
 * which moto 5.2.1 does not implement, written from the API reference: Put answers 202 with {@code
 * IN_PROGRESS}, the next Get finds the allocation {@code READY} (or {@code FAILED} with a reason,
 * when a test asks for that), Delete answers 204, a missing configuration is {@code
 * ProvisionedConcurrencyConfigNotFoundException}, $LATEST is refused. Whether the alias or version
 * exists is asked of moto itself, so that configuring an alias before it is made fails as it would
 * on AWS; {@link #deletions} sees moto delete a function or alias and drops its configuration with
 * it, as AWS does.
 */
public final class ProvisionedConcurrencyFake extends MotoExtension
    implements ResponseDefinitionTransformerV2 {
  public static final String NAME = "fnctl-provisioned-concurrency";
  public static final String PATH = "/2019-09-30/functions/[^/]+/provisioned-concurrency";

  private record Config(
      String functionArn, int requested, String status, String reason, String lastModified) {}

  private final MotoLookup moto;
  private final Map<String, Config> configs = new LinkedHashMap<>();
  private final Map<String, String> failures = new HashMap<>();

  ProvisionedConcurrencyFake(MotoLookup moto) {
    super(NAME);
    this.moto = moto;
  }

  /**
   * Watches DeleteFunction and DeleteAlias on their way back from moto: AWS removes the
   * configuration with them.
   */
  final ResponseTransformerV2 deletions = new Deletions();

  private final class Deletions extends MotoExtension implements ResponseTransformerV2 {
    Deletions() {
      super(DELETIONS);
    }

    @Override
    public com.github.tomakehurst.wiremock.http.Response transform(
        com.github.tomakehurst.wiremock.http.Response response, ServeEvent event) {
      if (response.getStatus() / 100 == 2) {
        String[] parts = URI.create(event.getRequest().getUrl()).getPath().split("/");
        String function = functionName(URLDecoder.decode(parts[3], StandardCharsets.UTF_8));
        forget(function, parts.length > 5 ? parts[5] : null);
      }
      return response;
    }
  }

  public static final String DELETIONS = "fnctl-provisioned-concurrency-deletions";

  /** DeleteFunction and DeleteAlias. */
  public static final String DELETIONS_PATH = "/2015-03-31/functions/[^/]+(/aliases/[^/]+)?";

  private synchronized void forget(String function, String alias) {
    configs
        .keySet()
        .removeIf(
            k -> alias == null ? k.startsWith(function + ":") : k.equals(function + ":" + alias));
  }

  public synchronized void reset() {
    configs.clear();
    failures.clear();
  }

  /**
   * Allocations for this function (its name) end FAILED with this reason, as when the account's
   * concurrency runs out.
   */
  public synchronized void failAllocation(String function, String reason) {
    failures.put(function, reason);
  }

  /**
   * The requested executions on {@code function:qualifier}, or null when it has none: for tests to
   * read back.
   */
  public synchronized Integer requested(String function, String qualifier) {
    Config c = configs.get(function + ":" + qualifier);
    return c == null ? null : c.requested();
  }

  @Override
  public synchronized ResponseDefinition transform(ServeEvent event) {
    var request = event.getRequest();
    String path = URI.create(request.getUrl()).getPath();
    String function = functionName(URLDecoder.decode(path.split("/")[3], StandardCharsets.UTF_8));
    String qualifier =
        request.queryParameter("Qualifier").isPresent()
            ? request.queryParameter("Qualifier").firstValue()
            : null;
    String method = request.getMethod().getName();
    if (method.equals("GET") && qualifier == null) return list(function);
    if (qualifier == null || qualifier.isEmpty())
      return error(400, "InvalidParameterValueException", "Qualifier is required");
    if (qualifier.equals("$LATEST")) {
      return error(
          400,
          "InvalidParameterValueException",
          "Provisioned Concurrency Configs cannot be applied to unpublished function versions.");
    }
    String key = function + ":" + qualifier;
    String arn = arnOf(function, qualifier, request.getHeader("Authorization"));
    if (arn == null)
      return error(
          404, "ResourceNotFoundException", "Function not found: " + function + ":" + qualifier);
    switch (method) {
      case "PUT" -> {
        Map<String, Object> in = Json.parseObject(request.getBodyAsString());
        int n = ((Number) in.get("ProvisionedConcurrentExecutions")).intValue();
        if (n < 1)
          return error(
              400,
              "InvalidParameterValueException",
              "ProvisionedConcurrentExecutions must be at least 1");
        Config c = new Config(arn, n, "IN_PROGRESS", null, Instant.now().toString());
        configs.put(key, c);
        return json(202, body(c));
      }
      case "GET" -> {
        Config c = configs.get(key);
        if (c == null)
          return error(
              404,
              "ProvisionedConcurrencyConfigNotFoundException",
              "No Provisioned Concurrency Config found for this function");
        if (c.status().equals("IN_PROGRESS")) {
          String reason = failures.get(function);
          configs.put(
              key,
              new Config(
                  c.functionArn(),
                  c.requested(),
                  reason == null ? "READY" : "FAILED",
                  reason,
                  c.lastModified()));
        }
        return json(200, body(c));
      }
      case "DELETE" -> {
        configs.remove(key);
        return new ResponseDefinitionBuilder().withStatus(204).build();
      }
      default -> {
        return error(
            405,
            "InvalidParameterValueException",
            method + " is not a provisioned concurrency operation");
      }
    }
  }

  private ResponseDefinition list(String function) {
    List<Object> items = new ArrayList<>();
    configs.forEach(
        (k, c) -> {
          if (k.startsWith(function + ":")) {
            Map<String, Object> item = body(c);
            item.put("FunctionArn", c.functionArn());
            items.add(item);
          }
        });
    return json(200, Map.of("ProvisionedConcurrencyConfigs", items));
  }

  private static Map<String, Object> body(Config c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("RequestedProvisionedConcurrentExecutions", c.requested());
    int allocated = c.status().equals("READY") ? c.requested() : 0;
    m.put("AllocatedProvisionedConcurrentExecutions", allocated);
    m.put("AvailableProvisionedConcurrentExecutions", allocated);
    m.put("Status", c.status());
    if (c.reason() != null) m.put("StatusReason", c.reason());
    m.put("LastModified", c.lastModified());
    return m;
  }

  /** A name or an ARN, qualified or not: the bare function name. */
  private static String functionName(String nameOrArn) {
    String s =
        nameOrArn.contains(":function:")
            ? nameOrArn.substring(nameOrArn.indexOf(":function:") + ":function:".length())
            : nameOrArn;
    return s.contains(":") ? s.substring(0, s.indexOf(':')) : s;
  }

  /**
   * The alias's or version's ARN as moto knows it, or null when moto has no such alias or version.
   */
  private String arnOf(String function, String qualifier, String authorization) {
    return moto.get(
            "/2015-03-31/functions/"
                + function
                + "/configuration?Qualifier="
                + URLEncoder.encode(qualifier, StandardCharsets.UTF_8),
            authorization)
        .map(body -> (String) Json.parseObject(body).get("FunctionArn"))
        // moto answers an alias with its version's ARN; AWS names the alias in the configuration.
        .map(arn -> arn.substring(0, arn.lastIndexOf(':') + 1) + qualifier)
        .orElse(null);
  }

  private static ResponseDefinition json(int status, Map<String, Object> body) {
    return new ResponseDefinitionBuilder()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(Json.writeCompact(body))
        .build();
  }

  private static ResponseDefinition error(int status, String type, String message) {
    return new ResponseDefinitionBuilder()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withHeader("x-amzn-ErrorType", type)
        .withBody(Json.writeCompact(Map.of("Type", "User", "message", message)))
        .build();
  }
}
