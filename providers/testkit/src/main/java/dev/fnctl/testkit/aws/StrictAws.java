package dev.fnctl.testkit.aws;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.requestfilter.RequestFilterAction;
import com.github.tomakehurst.wiremock.extension.requestfilter.StubRequestFilterV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.fnctl.model.json.Json;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The strict layer in front of moto: every signed request is checked against the botocore model of
 * its API (required members, lengths, patterns, enums) and against the per-request rules of AWS
 * that moto 5.2.1 does not enforce ({@link S3NotificationRules}), and refused as AWS refuses it
 * (HTTP 400, the service's error code, the protocol's error shape) before moto or any fake sees it.
 * A request the models do not know (moto's own {@code /moto-api/}, an operation newer than the
 * model) passes unchanged. Also records every operation it sees, as {@code signingName:Operation},
 * so a test can compare fnctl's calls with the IAM policy it documents.
 */
public final class StrictAws implements StubRequestFilterV2 {
  static final String NAME = "fnctl-strict-aws";
  private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/[^/]+/[^/]+/([^/]+)/");

  private final MotoLookup moto;

  /** A layer that knows no moto: destinations are not checked (for tests of the layer alone). */
  public StrictAws() {
    this(null);
  }

  StrictAws(MotoLookup moto) {
    this.moto = moto;
  }

  private final Set<String> operations = new ConcurrentSkipListSet<>();
  private volatile boolean enforcing = true;
  private final List<Injection> injections = new CopyOnWriteArrayList<>();

  /**
   * Answers the next {@code times} calls of {@code operation} ({@code signingName:Operation} as
   * {@link #operations} spells it, e.g. {@code lambda:UpdateEventSourceMapping}) with {@code
   * answer} instead of passing them on: a state of real AWS (a mapping still Creating, a bucket not
   * yet visible, a schedule group still DELETING, a queue name deleted a moment ago, a stale
   * tagging entry) that moto never shows. {@link Answer} builds the exact error shapes AWS gives.
   */
  public void inject(String operation, int times, Answer answer) {
    injections.add(new Injection(operation, null, new AtomicInteger(times), answer));
  }

  /**
   * Like {@link #inject(String, int, Answer)}, only for requests whose path or body contains {@code
   * containing} (one bucket, one queue name).
   */
  public void inject(String operation, String containing, int times, Answer answer) {
    injections.add(new Injection(operation, containing, new AtomicInteger(times), answer));
  }

  /** How many injected answers were given for {@code operation} so far. */
  public int answered(String operation) {
    int n = 0;
    for (Injection i : injections) if (i.operation.equals(operation)) n += i.answered.get();
    return n;
  }

  /** Forgets every injection (with {@link MotoProxy#clearFaults}). */
  public void clearInjections() {
    injections.clear();
  }

  private record Injection(
      String operation,
      String containing,
      AtomicInteger left,
      Answer answer,
      AtomicInteger answered) {
    Injection(String operation, String containing, AtomicInteger left, Answer answer) {
      this(operation, containing, left, answer, new AtomicInteger());
    }

    boolean take(String op, Request request) {
      if (!operation.equals(op)) return false;
      if (containing != null) {
        String body = request.getBodyAsString();
        if (!request.getUrl().contains(containing) && (body == null || !body.contains(containing)))
          return false;
      }
      if (left.getAndUpdate(n -> n > 0 ? n - 1 : 0) <= 0) return false;
      answered.incrementAndGet();
      return true;
    }
  }

  /**
   * An answer a test injects: status, headers and body exactly as AWS sends them for the state
   * named (shapes from the botocore models and the API references).
   */
  public record Answer(int status, Map<String, String> headers, String body) {
    ResponseDefinition response() {
      ResponseDefinitionBuilder b =
          new ResponseDefinitionBuilder().withStatus(status).withBody(body);
      headers.forEach(b::withHeader);
      return b.build();
    }

    /** A rest-json error (Lambda, Scheduler): {@code x-amzn-ErrorType} and a JSON message. */
    public static Answer restJsonError(int status, String code, String messageKey, String message) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("Type", "User");
      body.put(messageKey, message);
      return new Answer(
          status,
          Map.of("Content-Type", "application/json", "x-amzn-ErrorType", code),
          Json.writeCompact(body));
    }

    /**
     * Lambda's ResourceInUseException (400): an event source mapping still Creating, Updating or
     * Deleting refuses UpdateEventSourceMapping and DeleteEventSourceMapping.
     */
    public static Answer resourceInUse() {
      return restJsonError(
          400,
          "ResourceInUseException",
          "Message",
          "Cannot update the event source mapping because it is in use.");
    }

    /**
     * Lambda's ResourceConflictException (409) for CreateEventSourceMapping when a mapping of the
     * same source and function exists (in any state, Deleting included).
     */
    public static Answer mappingExists(String source, String function, String uuid) {
      return restJsonError(
          409,
          "ResourceConflictException",
          "message",
          "The event source arn (\" "
              + source
              + " \") and function (\" "
              + function
              + " \") provided mapping already exists. Please update or delete the existing"
              + " mapping with UUID "
              + uuid);
    }

    /** ListEventSourceMappings answering one mapping still in state Deleting. */
    public static Answer mappingDeleting(String source, String functionArn, String uuid) {
      Map<String, Object> mapping = new LinkedHashMap<>();
      mapping.put("UUID", uuid);
      mapping.put("BatchSize", 5);
      mapping.put("EventSourceArn", source);
      mapping.put("FunctionArn", functionArn);
      mapping.put("State", "Deleting");
      mapping.put("StateTransitionReason", "USER_INITIATED");
      return new Answer(
          200,
          Map.of("Content-Type", "application/json"),
          Json.writeCompact(Map.of("EventSourceMappings", List.of(mapping))));
    }

    /**
     * S3's NoSuchBucket (404): a bucket CreateBucket just made, not yet seen by its sub-resources.
     */
    public static Answer noSuchBucket(String bucket) {
      return new Answer(
          404,
          Map.of("Content-Type", "application/xml"),
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchBucket</Code>"
              + "<Message>The specified bucket does not exist</Message><BucketName>"
              + xml(bucket)
              + "</BucketName><RequestId>strict-aws</RequestId></Error>");
    }

    /** Scheduler's ConflictException (409) for CreateScheduleGroup on a group still DELETING. */
    public static Answer scheduleGroupConflict(String group) {
      return restJsonError(
          409,
          "ConflictException",
          "Message",
          "Schedule group " + group + " already exists and is in DELETING state.");
    }

    /** GetScheduleGroup of a group being deleted: 200 with {@code State: DELETING}. */
    public static Answer scheduleGroupDeleting(String arn, String group) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("Arn", arn);
      body.put("CreationDate", 1.7e9);
      body.put("LastModificationDate", 1.7e9);
      body.put("Name", group);
      body.put("State", "DELETING");
      return new Answer(200, Map.of("Content-Type", "application/json"), Json.writeCompact(body));
    }

    /**
     * SQS's QueueDeletedRecently (400, JSON protocol in query-compatible form): a queue name cannot
     * be reused for 60 seconds after DeleteQueue.
     */
    public static Answer queueDeletedRecently() {
      return new Answer(
          400,
          Map.of(
              "Content-Type",
              "application/x-amz-json-1.0",
              "x-amzn-query-error",
              "AWS.SimpleQueueService.QueueDeletedRecently;Sender"),
          Json.writeCompact(
              Map.of(
                  "__type",
                  "com.amazonaws.sqs#QueueDeletedRecently",
                  "message",
                  "You must wait 60 seconds after deleting a queue before you can create another"
                      + " with the same name.")));
    }

    /**
     * GetQueueAttributes answering these attributes (SQS's JSON protocol): what a read sees while a
     * change made by SetQueueAttributes has not propagated yet (SQS documents up to 60 seconds).
     */
    public static Answer queueAttributes(Map<String, String> attributes) {
      return new Answer(
          200,
          Map.of("Content-Type", "application/x-amz-json-1.0"),
          Json.writeCompact(Map.of("Attributes", attributes)));
    }

    /**
     * GetResources answering these ARNs with these tags: "tagged or previously tagged" resources,
     * deleted ones included, as the Resource Groups Tagging API documents.
     */
    public static Answer taggedResources(List<String> arns, Map<String, String> tags) {
      List<Object> mappings = new ArrayList<>();
      List<Object> tagList = new ArrayList<>();
      tags.forEach((k, v) -> tagList.add(Map.of("Key", k, "Value", v)));
      for (String arn : arns) mappings.add(Map.of("ResourceARN", arn, "Tags", tagList));
      return new Answer(
          200,
          Map.of("Content-Type", "application/x-amz-json-1.1"),
          Json.writeCompact(Map.of("PaginationToken", "", "ResourceTagMappingList", mappings)));
    }

    /**
     * GetFunction without {@code lambda:ListTags}: the configuration, no Tags, and a TagsError
     * naming the missing permission.
     */
    public static Answer functionWithoutTags(String function, String runtime) {
      Map<String, Object> tagsError = new LinkedHashMap<>();
      tagsError.put("ErrorCode", "AccessDeniedException");
      tagsError.put(
          "Message",
          "User: arn:aws:sts::123456789012:assumed-role/deployer/ci is not authorized to perform:"
              + " lambda:ListTags on resource: arn:aws:lambda:eu-west-1:123456789012:function:"
              + function);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("Configuration", Map.of("FunctionName", function, "Runtime", runtime));
      body.put("TagsError", tagsError);
      return new Answer(200, Map.of("Content-Type", "application/json"), Json.writeCompact(body));
    }
  }

  @Override
  public String getName() {
    return NAME;
  }

  /**
   * The operations seen since the last {@link #clearOperations}, e.g. {@code lambda:AddPermission}.
   */
  public Set<String> operations() {
    return new TreeSet<>(operations);
  }

  public void clearOperations() {
    operations.clear();
  }

  /** Turns the checks off (recording goes on): for a test that shows what moto alone accepts. */
  public void enforce(boolean on) {
    enforcing = on;
  }

  @Override
  public RequestFilterAction filter(Request request, ServeEvent serveEvent) {
    String auth = request.getHeader("Authorization");
    if (auth == null) return RequestFilterAction.continueWith(request);
    Matcher scope = SCOPE.matcher(auth);
    if (!scope.find()) return RequestFilterAction.continueWith(request);
    ServiceModel model = BotocoreModels.bySigningName().get(scope.group(1));
    if (model == null) return RequestFilterAction.continueWith(request);
    Call call = ServiceRequest.read(model, request);
    if (call == null) return RequestFilterAction.continueWith(request);
    String op = model.signingName() + ":" + call.operation();
    operations.add(op);
    for (Injection i : injections)
      if (i.take(op, request)) return RequestFilterAction.stopWith(i.answer.response());
    if (!enforcing) return RequestFilterAction.continueWith(request);
    List<String> problems = new ArrayList<>();
    if (call.inputShape() != null)
      problems.addAll(new ModelConstraints(model).check(call.inputShape(), call.input()));
    if (!problems.isEmpty()) return RequestFilterAction.stopWith(validationError(model, problems));
    String s3Problem = S3NotificationRules.problem(model, call.operation(), request);
    if (s3Problem != null)
      return RequestFilterAction.stopWith(s3Error("InvalidArgument", s3Problem));
    String unvalidated =
        S3NotificationRules.unvalidatedDestination(model, call.operation(), request, moto);
    if (unvalidated != null)
      return RequestFilterAction.stopWith(
          s3Error("InvalidArgument", S3NotificationRules.UNVALIDATED, unvalidated));
    return RequestFilterAction.continueWith(request);
  }

  /** An operation by name, its input shape and the request's input members by model name. */
  record Call(String operation, String inputShape, Map<String, Object> input) {}

  /** AWS's wording: {@code 2 validation errors detected: ...; ...}. */
  static String message(List<String> problems) {
    return problems.size()
        + (problems.size() == 1 ? " validation error detected: " : " validation errors detected: ")
        + String.join("; ", problems);
  }

  private static ResponseDefinition validationError(ServiceModel model, List<String> problems) {
    String message = message(problems);
    return switch (model.protocol()) {
      case "rest-json" -> {
        String code =
            model.name().equals("apigatewayv2") ? "BadRequestException" : "ValidationException";
        Map<String, Object> body = new LinkedHashMap<>();
        if (model.name().equals("lambda")) body.put("Type", "User");
        body.put("message", message);
        yield new ResponseDefinitionBuilder()
            .withStatus(400)
            .withHeader("Content-Type", "application/json")
            .withHeader("x-amzn-ErrorType", code)
            .withBody(Json.writeCompact(body))
            .build();
      }
      case "json" ->
          new ResponseDefinitionBuilder()
              .withStatus(400)
              .withHeader("Content-Type", "application/x-amz-json-1.1")
              .withHeader("x-amzn-ErrorType", "ValidationException")
              .withBody(
                  Json.writeCompact(
                      Map.of(
                          "__type",
                          "com.amazon.coral.validate#ValidationException",
                          "message",
                          message)))
              .build();
      case "rest-xml" -> s3Error("InvalidArgument", message);
      default -> {
        // query: IAM and STS answer ValidationError, SNS InvalidParameter
        String code = model.name().equals("sns") ? "InvalidParameter" : "ValidationError";
        yield new ResponseDefinitionBuilder()
            .withStatus(400)
            .withHeader("Content-Type", "text/xml")
            .withBody(
                "<ErrorResponse><Error><Type>Sender</Type><Code>"
                    + code
                    + "</Code><Message>"
                    + xml(message)
                    + "</Message></Error><RequestId>strict-aws</RequestId></ErrorResponse>")
            .build();
      }
    };
  }

  static ResponseDefinition s3Error(String code, String message) {
    return s3Error(code, message, "");
  }

  /** An S3 error with extra elements after the message (already XML). */
  static ResponseDefinition s3Error(String code, String message, String extraXml) {
    return new ResponseDefinitionBuilder()
        .withStatus(400)
        .withHeader("Content-Type", "application/xml")
        .withBody(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>"
                + code
                + "</Code><Message>"
                + xml(message)
                + "</Message>"
                + extraXml
                + "<RequestId>strict-aws</RequestId></Error>")
        .build();
  }

  private static String xml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  /** Reads a request into its operation and input members, per protocol. */
  static final class ServiceRequest {
    private ServiceRequest() {}

    @SuppressWarnings("unchecked")
    static Call read(ServiceModel model, Request request) {
      URI url = URI.create(request.getUrl());
      String body = request.getBodyAsString();
      String operation;
      Map<String, Object> input = new LinkedHashMap<>();
      switch (model.protocol()) {
        case "json" -> {
          String target = request.getHeader("X-Amz-Target");
          if (target == null) return null;
          operation = target.substring(target.lastIndexOf('.') + 1);
          Map<String, Object> op = model.operation(operation);
          if (op != null
              && inputShape(op) != null
              && body != null
              && !body.isBlank()
              && Json.parse(body) instanceof Map<?, ?> m)
            input.putAll(byMemberName(model, inputShape(op), m));
        }
        case "query" -> {
          Map<String, List<String>> params = form(body == null ? "" : body);
          if (params.isEmpty() && url.getRawQuery() != null) params = form(url.getRawQuery());
          List<String> action = params.get("Action");
          if (action == null) return null;
          operation = action.get(0);
          Map<String, Object> op = model.operation(operation);
          if (op == null) return null;
          String shape = inputShape(op);
          if (shape != null) {
            Map<String, String> flat = new LinkedHashMap<>();
            params.forEach((k, v) -> flat.put(k, v.get(0)));
            Object tree = Query.read(model, shape, "", flat);
            if (tree instanceof Map<?, ?> m) input.putAll((Map<String, Object>) m);
          }
          return new Call(operation, shape, input);
        }
        default -> {
          Map<String, List<String>> query =
              form(url.getRawQuery() == null ? "" : url.getRawQuery());
          operation =
              model.restOperation(
                  request.getMethod().getName(),
                  url.getRawPath(),
                  query,
                  h -> request.getHeader(h) != null);
          if (operation == null) return null;
          Map<String, Object> op = model.operation(operation);
          String shape = inputShape(op);
          if (shape == null) return new Call(operation, null, input);
          Map<String, Object> http = (Map<String, Object>) op.get("http");
          Map<String, String> pathParams =
              ServiceModel.UriTemplate.of((String) http.get("requestUri"))
                  .pathParams(url.getRawPath());
          Map<String, Object> shapeDef = model.shape(shape);
          boolean json = model.protocol().equals("rest-json");
          String payload = (String) shapeDef.get("payload");
          if (json && body != null && !body.isBlank() && payload == null) {
            Object parsed = Json.parse(body);
            if (parsed instanceof Map<?, ?> m) input.putAll(byMemberName(model, shape, m));
          }
          Map<String, Object> members =
              (Map<String, Object>) shapeDef.getOrDefault("members", Map.of());
          for (Map.Entry<String, Object> e : members.entrySet()) {
            Map<String, Object> member = (Map<String, Object>) e.getValue();
            String location = (String) member.get("location");
            String name = (String) member.getOrDefault("locationName", e.getKey());
            if (location == null) continue;
            Object value =
                switch (location) {
                  case "uri" ->
                      pathParams.get(name) == null ? null : percentDecode(pathParams.get(name));
                  case "querystring" -> query.get(name) == null ? null : query.get(name).get(0);
                  case "header" -> request.getHeader(name);
                  default -> null;
                };
            if (value != null) input.put(e.getKey(), value);
          }
          if (json && payload != null && body != null && !body.isBlank()) {
            Map<String, Object> payloadMember = (Map<String, Object>) members.get(payload);
            Map<String, Object> payloadShape = model.shape((String) payloadMember.get("shape"));
            if ("structure".equals(payloadShape.get("type"))
                && Json.parse(body) instanceof Map<?, ?> m)
              input.put(payload, byMemberName(model, (String) payloadMember.get("shape"), m));
          } else if (!json && payload != null && body != null && !body.isBlank()) {
            Map<String, Object> payloadMember = (Map<String, Object>) members.get(payload);
            Object tree = Xml.read(model, (String) payloadMember.get("shape"), body);
            if (tree != null) input.put(payload, tree);
          }
        }
      }
      Map<String, Object> op = model.operation(operation);
      if (op == null) return null;
      return new Call(operation, inputShape(op), input);
    }

    /**
     * A JSON body's object keyed by model member name: rest-json APIs name members on the wire by
     * their {@code locationName} ({@code name} for API Gateway's {@code Name}).
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> byMemberName(ServiceModel model, String shapeName, Map<?, ?> json) {
      Map<String, Object> shape = model.shape(shapeName);
      Map<String, Object> out = new LinkedHashMap<>();
      if (shape == null || !"structure".equals(shape.get("type"))) return out;
      Map<String, Object> members = (Map<String, Object>) shape.getOrDefault("members", Map.of());
      for (Map.Entry<String, Object> e : members.entrySet()) {
        Map<String, Object> member = (Map<String, Object>) e.getValue();
        if (member.get("location") != null) continue;
        Object v =
            json.get(
                member.getOrDefault("jsonName", member.getOrDefault("locationName", e.getKey())));
        if (v == null) continue;
        out.put(e.getKey(), wireToModel(model, (String) member.get("shape"), v));
      }
      return out;
    }

    @SuppressWarnings("unchecked")
    private static Object wireToModel(ServiceModel model, String shapeName, Object v) {
      Map<String, Object> shape = model.shape(shapeName);
      if (shape == null) return v;
      String type = (String) shape.get("type");
      if ("structure".equals(type) && v instanceof Map<?, ?> m)
        return byMemberName(model, shapeName, m);
      if ("list".equals(type) && v instanceof List<?> l) {
        String member = (String) ((Map<String, Object>) shape.get("member")).get("shape");
        List<Object> out = new ArrayList<>();
        for (Object o : l) out.add(o == null ? null : wireToModel(model, member, o));
        return out;
      }
      if ("map".equals(type) && v instanceof Map<?, ?> m) {
        String value = (String) ((Map<String, Object>) shape.get("value")).get("shape");
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach(
            (k, o) -> out.put(String.valueOf(k), o == null ? null : wireToModel(model, value, o)));
        return out;
      }
      return v;
    }

    @SuppressWarnings("unchecked")
    private static String inputShape(Map<String, Object> op) {
      Object in = op.get("input");
      return in instanceof Map<?, ?> m ? (String) ((Map<String, Object>) m).get("shape") : null;
    }

    static Map<String, List<String>> form(String raw) {
      Map<String, List<String>> out = new LinkedHashMap<>();
      for (String pair : raw.split("&")) {
        if (pair.isEmpty()) continue;
        int eq = pair.indexOf('=');
        String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
      }
      return out;
    }

    /** Percent-decoding of a path segment ('+' stays '+', unlike a form). */
    static String percentDecode(String s) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      for (int i = 0; i < s.length(); i++) {
        char c = s.charAt(i);
        if (c == '%' && i + 2 < s.length()) {
          out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
          i += 2;
        } else {
          byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
          out.write(b, 0, b.length);
        }
      }
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  /** The query protocol's flattened parameters ({@code Tags.member.1.Key}) read into members. */
  static final class Query {
    private Query() {}

    @SuppressWarnings("unchecked")
    static Object read(
        ServiceModel model, String shapeName, String key, Map<String, String> params) {
      Map<String, Object> shape = model.shape(shapeName);
      if (shape == null) return params.get(key);
      String type = (String) shape.get("type");
      switch (type) {
        case "structure" -> {
          Map<String, Object> out = new LinkedHashMap<>();
          Map<String, Object> members =
              (Map<String, Object>) shape.getOrDefault("members", Map.of());
          for (Map.Entry<String, Object> e : members.entrySet()) {
            Map<String, Object> member = (Map<String, Object>) e.getValue();
            String name = (String) member.getOrDefault("locationName", e.getKey());
            String k = key.isEmpty() ? name : key + "." + name;
            if (!present(params, k)) continue;
            Object v = read(model, (String) member.get("shape"), k, params);
            if (v != null) out.put(e.getKey(), v);
          }
          return out;
        }
        case "list" -> {
          Map<String, Object> member = (Map<String, Object>) shape.get("member");
          boolean flattened = Boolean.TRUE.equals(shape.get("flattened"));
          String item =
              flattened
                  ? key + "."
                  : key + "." + member.getOrDefault("locationName", "member") + ".";
          List<Object> out = new ArrayList<>();
          for (int i = 1; present(params, item + i); i++)
            out.add(read(model, (String) member.get("shape"), item + i, params));
          return out;
        }
        case "map" -> {
          Map<String, Object> out = new LinkedHashMap<>();
          String k =
              (String) ((Map<String, Object>) shape.get("key")).getOrDefault("locationName", "key");
          String v =
              (String)
                  ((Map<String, Object>) shape.get("value")).getOrDefault("locationName", "value");
          String valueShape = (String) ((Map<String, Object>) shape.get("value")).get("shape");
          for (int i = 1; params.containsKey(key + ".entry." + i + "." + k); i++)
            out.put(
                params.get(key + ".entry." + i + "." + k),
                read(model, valueShape, key + ".entry." + i + "." + v, params));
          return out;
        }
        default -> {
          return params.get(key);
        }
      }
    }

    private static boolean present(Map<String, String> params, String key) {
      if (params.containsKey(key)) return true;
      for (String k : params.keySet()) if (k.startsWith(key + ".")) return true;
      return false;
    }
  }
}
