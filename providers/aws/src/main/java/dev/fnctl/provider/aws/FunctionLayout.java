package dev.fnctl.provider.aws;

import static dev.fnctl.provider.aws.AwsTypes.*;

import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.Permission;
import dev.fnctl.model.spec.Trigger;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Ref;
import dev.fnctl.provider.Resource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A function, its execution role with the least-privilege inline policy its permissions ask for,
 * and, for a warm function, its alias.
 */
final class FunctionLayout {
  static final String LAMBDA_TRUST = "lambda.amazonaws.com";
  static final String BASIC_EXECUTION = "AWSLambdaBasicExecutionRole";
  static final String POLICY_VERSION = "2012-10-17";

  private final StackLayout layout;
  private final StackNames names;

  FunctionLayout(StackLayout layout) {
    this.layout = layout;
    this.names = layout.names();
  }

  /** The role, the function (with its code package) and, for a warm function, its alias. */
  void function(Deployment d, FunctionSpec f) throws ProviderException {
    String phys = names.function(f.name());
    String item = "function " + f.name();
    String roleAddress = address(ROLE, phys);

    Map<String, Object> role = new LinkedHashMap<>();
    role.put(RoleType.TRUST, LAMBDA_TRUST);
    role.put(RoleType.MANAGED_POLICIES, List.of(names.managedPolicyArn(BASIC_EXECUTION)));
    Map<String, Object> policy = policy(d, f);
    role.put(RoleType.POLICY, policy);
    role.put(RoleType.OTHER_POLICIES, Map.of());
    layout.add(Resource.of(roleAddress, ROLE, item, role, List.of()));

    LambdaZip code =
        layout.baseDir() == null
            ? null
            : LambdaZip.of(
                f.name(), dev.fnctl.provider.CodePackager.pack(layout.baseDir(), f.code()));
    Map<String, Object> fn = new LinkedHashMap<>();
    fn.put(FunctionType.RUNTIME, LambdaRuntimes.lambdaId(f.runtime()).orElse(f.runtime()));
    fn.put(FunctionType.HANDLER, f.handler());
    fn.put(FunctionType.MEMORY, (long) f.memory());
    fn.put(FunctionType.TIMEOUT, f.timeout().getSeconds());
    fn.put(FunctionType.ARCHITECTURE, f.architecture());
    fn.put(FunctionType.ENVIRONMENT, environment(f));
    fn.put(FunctionType.ROLE, names.roleArn(phys));
    fn.put(
        FunctionType.CODE_SHA256,
        code == null ? StackLayout.CODE_NOT_PACKAGED : code.sha256Base64());
    fn.put(
        FunctionType.RESERVED_CONCURRENCY,
        f.concurrency().max() == null ? null : (long) f.concurrency().max());
    if (StackLayout.warm(f)) fn.put(FunctionType.PUBLISHED, true);
    List<String> deps = new ArrayList<>(List.of(roleAddress));
    if (code != null && code.size() > layout.directUploadLimit()) {
      // Too large for a direct upload: through the stack's artifact bucket.
      String bucket = address(BUCKET, names.artifactBucket());
      layout.add(Resource.of(bucket, BUCKET, names.stackItem(), Map.of(), List.of()));
      deps.add(bucket);
    }
    String fnAddress = address(FUNCTION, phys);
    layout.add(
        new Resource(fnAddress, FUNCTION, item, fn, Set.of(), secretVariables(f), deps, code));
    if (StackLayout.warm(f)) {
      Set<String> renewedBy = new TreeSet<>(LambdaFunctions.VERSION_CONTENT);
      renewedBy.add(FunctionType.PUBLISHED);
      Map<String, Object> alias = new LinkedHashMap<>();
      alias.put(AliasType.VERSION, new Ref(fnAddress, FunctionType.VERSION, renewedBy));
      alias.put(AliasType.PROVISIONED_CONCURRENCY, (long) f.concurrency().warm());
      layout.add(Resource.of(layout.aliasAddress(f), ALIAS, item, alias, List.of(fnAddress)));
    }
  }

  /** Plain env plus, per secret, a reference to it (never its value): {@code KEY_SECRET_ID}. */
  static Map<String, Object> environment(FunctionSpec f) {
    Map<String, Object> env = new TreeMap<>(f.env());
    if (f.secrets() != null)
      f.secrets().forEach((k, ref) -> env.put(FunctionSpec.secretIdVariable(k), ref));
    return env;
  }

  /** The variables holding secret references: every view masks them. */
  static Set<String> secretVariables(FunctionSpec f) {
    Set<String> paths = new TreeSet<>();
    if (f.secrets() != null)
      f.secrets()
          .keySet()
          .forEach(
              k -> paths.add(FunctionType.ENVIRONMENT + "." + FunctionSpec.secretIdVariable(k)));
    return paths;
  }

  /** The least-privilege inline policy: one statement per granted thing, exact ARNs. */
  private Map<String, Object> policy(Deployment d, FunctionSpec f) {
    Map<String, Statement> statements = new TreeMap<>();
    for (Permission p : f.permissions()) {
      grant(statements, d, p.kind(), p.name(), p.access());
    }
    for (Trigger t : f.triggers()) {
      // The event source mapping polls with the function's own role.
      if (t instanceof Trigger.Queue q)
        grant(statements, d, Permission.Kind.QUEUE, q.queue(), Permission.Access.CONSUME);
    }
    if (f.secrets() != null) {
      for (String ref : new TreeSet<>(f.secrets().values())) {
        grant(statements, d, Permission.Kind.SECRET, ref, Permission.Access.READ);
      }
    }
    if (statements.isEmpty()) return null;
    return policyDocument(statements.values());
  }

  record Statement(String sid, Set<String> actions, Set<String> resources) {}

  static Map<String, Object> policyDocument(Collection<Statement> statements) {
    List<Object> list = new ArrayList<>();
    statements.stream()
        .sorted(Comparator.comparing(Statement::sid))
        .forEach(
            s -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put(PolicyDocuments.SID, s.sid());
              m.put(PolicyDocuments.EFFECT, PolicyDocuments.ALLOW);
              m.put(PolicyDocuments.ACTION, List.copyOf(new TreeSet<>(s.actions())));
              m.put(PolicyDocuments.RESOURCE, List.copyOf(new TreeSet<>(s.resources())));
              list.add(m);
            });
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put(PolicyDocuments.VERSION, POLICY_VERSION);
    doc.put(PolicyDocuments.STATEMENT, list);
    return doc;
  }

  private void grant(
      Map<String, Statement> statements,
      Deployment d,
      Permission.Kind kind,
      String name,
      Permission.Access access) {
    List<String> actions;
    List<String> resources;
    switch (kind) {
      case BUCKET -> {
        String arn = layout.bucketArn(d, name);
        actions =
            switch (access) {
              case READ, CONSUME -> List.of("s3:GetObject", "s3:ListBucket");
              case WRITE, PUBLISH -> List.of("s3:PutObject", "s3:AbortMultipartUpload");
              case INVOKE -> List.of("s3:GetObject");
              case ADMIN ->
                  List.of(
                      "s3:GetObject",
                      "s3:ListBucket",
                      "s3:PutObject",
                      "s3:DeleteObject",
                      "s3:AbortMultipartUpload");
            };
        resources = List.of(arn, arn + "/*");
      }
      case QUEUE -> {
        actions =
            switch (access) {
              case READ, CONSUME ->
                  List.of(
                      "sqs:ReceiveMessage",
                      "sqs:DeleteMessage",
                      "sqs:ChangeMessageVisibility",
                      "sqs:GetQueueAttributes");
              case WRITE, PUBLISH, INVOKE ->
                  List.of("sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl");
              case ADMIN ->
                  List.of(
                      "sqs:ReceiveMessage",
                      "sqs:DeleteMessage",
                      "sqs:ChangeMessageVisibility",
                      "sqs:GetQueueAttributes",
                      "sqs:SendMessage",
                      "sqs:GetQueueUrl",
                      "sqs:PurgeQueue");
            };
        resources = List.of(layout.queueArn(d, name));
      }
      case TOPIC -> {
        actions =
            switch (access) {
              case READ, CONSUME -> List.of("sns:GetTopicAttributes");
              case WRITE, PUBLISH, INVOKE -> List.of("sns:Publish");
              case ADMIN ->
                  List.of(
                      "sns:Publish", "sns:GetTopicAttributes", "sns:Subscribe", "sns:Unsubscribe");
            };
        resources = List.of(layout.topicArn(d, name));
      }
      case FUNCTION -> {
        actions =
            switch (access) {
              case READ -> List.of("lambda:GetFunction");
              case ADMIN -> List.of("lambda:InvokeFunction", "lambda:GetFunction");
              default -> List.of("lambda:InvokeFunction");
            };
        String phys = names.function(name);
        FunctionSpec target = d.functions().get(name);
        // A warm function is invoked through its alias: grant that exact ARN too (IAM does not
        // extend an unqualified function ARN to its aliases).
        resources =
            target != null && StackLayout.warm(target)
                ? List.of(names.functionArn(phys), names.aliasArn(phys))
                : List.of(names.functionArn(phys));
      }
      case SECRET -> {
        actions = List.of("secretsmanager:GetSecretValue");
        resources = List.of(names.secretArn(name));
      }
      default -> throw new IllegalStateException(kind.toString());
    }
    // One statement for every secret: a statement id naming the secret would show its name in
    // plans, where every other sight of it is masked.
    String sid =
        kind == Permission.Kind.SECRET
            ? sid("secrets", access.word())
            : sid(kind.word(), name, access.word());
    statements.merge(
        sid,
        new Statement(sid, new TreeSet<>(actions), new TreeSet<>(resources)),
        (a, b) -> {
          a.actions().addAll(b.actions());
          a.resources().addAll(b.resources());
          return a;
        });
  }

  /** IAM statement ids are alphanumeric: {@code QueueOrdersConsume}. */
  static String sid(String... words) {
    StringBuilder sb = new StringBuilder();
    for (String w : words) {
      boolean upper = true;
      for (char c : w.toCharArray()) {
        if (Character.isLetterOrDigit(c) && c < 128) {
          sb.append(upper ? Character.toUpperCase(c) : c);
          upper = false;
        } else {
          upper = true;
        }
      }
    }
    return sb.toString();
  }
}
