package dev.fnctl.provider.gcp;

import com.google.cloud.functions.v2.BuildConfig;
import com.google.cloud.functions.v2.CreateFunctionRequest;
import com.google.cloud.functions.v2.Environment;
import com.google.cloud.functions.v2.Function;
import com.google.cloud.functions.v2.GenerateUploadUrlRequest;
import com.google.cloud.functions.v2.GenerateUploadUrlResponse;
import com.google.cloud.functions.v2.ListFunctionsRequest;
import com.google.cloud.functions.v2.ServiceConfig;
import com.google.cloud.functions.v2.Source;
import com.google.cloud.functions.v2.UpdateFunctionRequest;
import com.google.protobuf.FieldMask;
import dev.fnctl.archive.CodeArchive;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.Ownership;
import dev.fnctl.provider.ProviderException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Cloud Functions (2nd gen) through its client library: one list call reads every function of the
 * region; creates and updates upload the source through {@code generateUploadUrl} and wait for the
 * long-running operation.
 */
final class Functions {
  /** Variables Google adds to every 2nd gen function itself. */
  static final Set<String> ADDED_BY_GOOGLE = Set.of("LOG_EXECUTION_ID");

  static final String CODE_LABEL = "fnctl-code";

  private final GcpSession session;

  Functions(GcpSession session) {
    this.session = session;
  }

  List<LiveResource> list(Set<String> wanted) throws ProviderException {
    var client = session.functions();
    List<LiveResource> out = new ArrayList<>();
    var request =
        ListFunctionsRequest.newBuilder()
            .setParent(session.names.location())
            .setPageSize(1000)
            .build();
    Iterable<Function> all =
        session.call(
            "list functions in " + session.names.location(),
            () -> client.listFunctions(request).iterateAll());
    for (Function f : all) {
      String id = f.getName().substring(f.getName().lastIndexOf('/') + 1);
      boolean owned = owner().owns(f.getLabelsMap());
      if (!owned && !wanted.contains(id)) continue;
      out.add(live(id, f, owned));
    }
    return out;
  }

  /** One function read again (waiting for an operation a killed run left), or null when gone. */
  LiveResource get(String id) throws ProviderException {
    try {
      Function f = session.functions().getFunction(session.names.functionPath(id));
      return live(id, f, owner().owns(f.getLabelsMap()));
    } catch (Exception e) {
      if (GcpErrors.notFound(e)) return null;
      throw GcpErrors.failure("read function " + id, e);
    }
  }

  private Ownership owner() {
    return new Ownership(session.names.stack(), session.names.target());
  }

  LiveResource live(String id, Function f, boolean owned) {
    ServiceConfig sc = f.getServiceConfig();
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(FunctionType.RUNTIME, f.getBuildConfig().getRuntime());
    p.put(FunctionType.ENTRY_POINT, f.getBuildConfig().getEntryPoint());
    p.put(FunctionType.MEMORY, memoryMiB(sc.getAvailableMemory()));
    p.put(FunctionType.TIMEOUT, (long) sc.getTimeoutSeconds());
    Map<String, Object> env = new TreeMap<>();
    sc.getEnvironmentVariablesMap()
        .forEach(
            (k, v) -> {
              if (!ADDED_BY_GOOGLE.contains(k)) env.put(k, v);
            });
    p.put(FunctionType.ENVIRONMENT, env);
    p.put(
        FunctionType.MAX_INSTANCES,
        sc.getMaxInstanceCount() == 0
            ? FunctionType.DEFAULT_MAX_INSTANCES
            : (long) sc.getMaxInstanceCount());
    p.put(FunctionType.MIN_INSTANCES, (long) sc.getMinInstanceCount());
    p.put(FunctionType.SERVICE_ACCOUNT, sc.getServiceAccountEmail());
    p.put(FunctionType.CODE, f.getLabelsMap().getOrDefault(CODE_LABEL, ""));
    p.put(FunctionType.STATE, f.getState().name());
    Map<String, Object> outputs = new LinkedHashMap<>();
    String url = !f.getUrl().isEmpty() ? f.getUrl() : sc.getUri();
    outputs.put(FunctionType.URL, url);
    outputs.put(FunctionType.SERVICE, sc.getService());
    List<String> deps = new ArrayList<>();
    String email = sc.getServiceAccountEmail();
    if (email.endsWith("@" + session.names.project() + ".iam.gserviceaccount.com"))
      deps.add(GcpTypes.address(GcpTypes.SERVICE_ACCOUNT, email.substring(0, email.indexOf('@'))));
    LiveResource r =
        new LiveResource(
            GcpTypes.address(GcpTypes.FUNCTION, id),
            GcpTypes.FUNCTION,
            null,
            owned,
            p,
            outputs,
            deps);
    Set<String> secrets = new java.util.TreeSet<>();
    env.keySet().stream()
        .filter(k -> k.endsWith(dev.fnctl.model.spec.FunctionSpec.SECRET_ID_SUFFIX))
        .forEach(k -> secrets.add(FunctionType.ENVIRONMENT + "." + k));
    r = r.withSensitive(secrets);
    return switch (f.getState()) {
      case DEPLOYING -> r.pending("being deployed");
      case DELETING -> r.pending("being deleted");
      default -> r;
    };
  }

  /** Memory as Google reports it ({@code 256M}, {@code 256Mi}, {@code 1G}, {@code 1Gi}) in MiB. */
  static long memoryMiB(String memory) {
    if (memory == null || memory.isEmpty()) return 256;
    String digits = memory.replaceAll("[^0-9]", "");
    long n = digits.isEmpty() ? 0 : Long.parseLong(digits);
    String unit = memory.substring(digits.length()).trim();
    return switch (unit) {
      case "G", "Gi" -> n * 1024;
      case "k", "Ki" -> n / 1024;
      default -> n;
    };
  }

  Map<String, Object> create(String id, Map<String, Object> after, FunctionZip code)
      throws ProviderException {
    Source source = upload(id, code);
    Function f = function(id, after, source);
    var client = session.functions();
    var op =
        session.call(
            "create function " + id,
            () -> {
              try {
                return client
                    .createFunctionCallable()
                    .call(
                        CreateFunctionRequest.newBuilder()
                            .setParent(session.names.location())
                            .setFunctionId(id)
                            .setFunction(f)
                            .build());
              } catch (RuntimeException e) {
                if (GcpErrors.alreadyExists(e)) return null;
                throw e;
              }
            });
    if (op == null) return update(id, after, Map.of(), code);
    session.await(
        "create function " + id, op, n -> client.getHttpJsonOperationsClient().getOperation(n));
    return outputs(id);
  }

  Map<String, Object> update(
      String id, Map<String, Object> after, Map<String, Object> before, FunctionZip code)
      throws ProviderException {
    List<String> mask = new ArrayList<>();
    boolean build =
        !eq(after, before, FunctionType.CODE)
            || !eq(after, before, FunctionType.RUNTIME)
            || !eq(after, before, FunctionType.ENTRY_POINT)
            || !eq(after, before, FunctionType.STATE);
    if (build) mask.add("build_config");
    if (!eq(after, before, FunctionType.MEMORY)) mask.add("service_config.available_memory");
    if (!eq(after, before, FunctionType.TIMEOUT)) mask.add("service_config.timeout_seconds");
    if (!eq(after, before, FunctionType.ENVIRONMENT))
      mask.add("service_config.environment_variables");
    if (!eq(after, before, FunctionType.MAX_INSTANCES))
      mask.add("service_config.max_instance_count");
    if (!eq(after, before, FunctionType.MIN_INSTANCES))
      mask.add("service_config.min_instance_count");
    if (!eq(after, before, FunctionType.SERVICE_ACCOUNT))
      mask.add("service_config.service_account_email");
    mask.add("labels");
    Source source = build ? upload(id, code) : null;
    Function f = function(id, after, source);
    var client = session.functions();
    var op =
        session.call(
            "update function " + id,
            () ->
                client
                    .updateFunctionCallable()
                    .call(
                        UpdateFunctionRequest.newBuilder()
                            .setFunction(f)
                            .setUpdateMask(FieldMask.newBuilder().addAllPaths(mask))
                            .build()));
    session.await(
        "update function " + id, op, n -> client.getHttpJsonOperationsClient().getOperation(n));
    return outputs(id);
  }

  private static boolean eq(Map<String, Object> a, Map<String, Object> b, String key) {
    return java.util.Objects.equals(a.get(key), b.get(key));
  }

  private Map<String, Object> outputs(String id) throws ProviderException {
    LiveResource r = get(id);
    return r == null ? Map.of() : r.outputs();
  }

  /** Uploads the source zip to the URL Cloud Functions hands out and returns where it went. */
  private Source upload(String id, FunctionZip code) throws ProviderException {
    if (code == null) throw new ProviderException("function " + id + ": no code package to deploy");
    var client = session.functions();
    GenerateUploadUrlResponse url =
        session.call(
            "function " + id + ": generateUploadUrl",
            () ->
                client.generateUploadUrl(
                    GenerateUploadUrlRequest.newBuilder()
                        .setParent(session.names.location())
                        .build()));
    Path zip = code.write();
    try {
      session.call(
          "function " + id + ": uploading its source",
          () -> {
            session.rest().upload(url.getUploadUrl(), zip, "application/zip");
            return null;
          });
    } finally {
      CodeArchive.delete(zip);
    }
    return Source.newBuilder().setStorageSource(url.getStorageSource()).build();
  }

  private Function function(String id, Map<String, Object> after, Source source) {
    BuildConfig.Builder build =
        BuildConfig.newBuilder()
            .setRuntime((String) after.get(FunctionType.RUNTIME))
            .setEntryPoint((String) after.get(FunctionType.ENTRY_POINT));
    if (source != null) build.setSource(source);
    Map<String, String> env = new TreeMap<>();
    @SuppressWarnings("unchecked")
    Map<String, Object> e = (Map<String, Object>) after.get(FunctionType.ENVIRONMENT);
    if (e != null) e.forEach((k, v) -> env.put(k, String.valueOf(v)));
    ServiceConfig sc =
        ServiceConfig.newBuilder()
            .setAvailableMemory(((Number) after.get(FunctionType.MEMORY)).longValue() + "Mi")
            .setTimeoutSeconds(((Number) after.get(FunctionType.TIMEOUT)).intValue())
            .putAllEnvironmentVariables(env)
            .setMaxInstanceCount(((Number) after.get(FunctionType.MAX_INSTANCES)).intValue())
            .setMinInstanceCount(((Number) after.get(FunctionType.MIN_INSTANCES)).intValue())
            .setServiceAccountEmail((String) after.get(FunctionType.SERVICE_ACCOUNT))
            .setIngressSettings(ServiceConfig.IngressSettings.ALLOW_ALL)
            .setAllTrafficOnLatestRevision(true)
            .build();
    Map<String, String> labels = new LinkedHashMap<>(GcpSession.labels(session.names));
    labels.put(CODE_LABEL, (String) after.get(FunctionType.CODE));
    return Function.newBuilder()
        .setName(session.names.functionPath(id))
        .setEnvironment(Environment.GEN_2)
        .setBuildConfig(build)
        .setServiceConfig(sc)
        .putAllLabels(labels)
        .build();
  }

  void delete(String id) throws ProviderException {
    var client = session.functions();
    com.google.longrunning.Operation op;
    try {
      op =
          client
              .deleteFunctionCallable()
              .call(
                  com.google.cloud.functions.v2.DeleteFunctionRequest.newBuilder()
                      .setName(session.names.functionPath(id))
                      .build());
    } catch (Exception e) {
      if (GcpErrors.notFound(e)) return;
      throw GcpErrors.failure("delete function " + id, e);
    }
    session.await(
        "delete function " + id, op, n -> client.getHttpJsonOperationsClient().getOperation(n));
  }

  /**
   * Waits until a function a killed run left deploying has settled, and returns it then (null when
   * gone). The operation that run started is found among the region's unfinished operations (by its
   * target) and awaited as the run would have: its failure names the function and Google's message.
   * Without one, the function is read again until it has settled.
   */
  LiveResource awaitSettled(String id) throws ProviderException {
    var client = session.functions();
    String path = session.names.functionPath(id);
    com.google.longrunning.Operation running = null;
    try {
      for (com.google.longrunning.Operation op :
          client
              .getHttpJsonOperationsClient()
              .listOperations(session.names.location(), "")
              .iterateAll()) {
        if (!op.getDone() && targets(op, path)) running = op;
      }
    } catch (RuntimeException e) {
      // no list of operations to resume from: read the function until it settles
    }
    if (running != null)
      session.await(
          "function " + id + " (the operation a previous run started)",
          running,
          n -> client.getHttpJsonOperationsClient().getOperation(n));
    java.time.Duration pause = java.time.Duration.ofSeconds(1);
    while (true) {
      LiveResource r = get(id);
      if (r == null || !r.isPending()) return r;
      session.deadline().pause(pause, "function " + id + " " + r.pending());
    }
  }

  private static boolean targets(com.google.longrunning.Operation op, String path) {
    try {
      return op.getMetadata()
          .unpack(com.google.cloud.functions.v2.OperationMetadata.class)
          .getTarget()
          .equals(path);
    } catch (com.google.protobuf.InvalidProtocolBufferException | RuntimeException e) {
      return false;
    }
  }
}
