package dev.fnctl.provider.gcp;

import com.google.api.gax.core.BackgroundResource;
import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.auth.Credentials;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.eventarc.v1.EventarcClient;
import com.google.cloud.eventarc.v1.EventarcSettings;
import com.google.cloud.functions.v2.FunctionServiceClient;
import com.google.cloud.functions.v2.FunctionServiceSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.cloud.scheduler.v1.CloudSchedulerClient;
import com.google.cloud.scheduler.v1.CloudSchedulerSettings;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import dev.fnctl.provider.Context;
import dev.fnctl.provider.Deadline;
import dev.fnctl.provider.ProviderException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The clients of one GCP session, made on first use (a plan that reads no schedules loads no
 * Scheduler classes), with the credentials and endpoints the target and environment give: every API
 * at the target's {@code endpoint:} when set (a fake), Pub/Sub at {@code PUBSUB_EMULATOR_HOST} when
 * set, Google's own hosts otherwise. A plain-http loopback endpoint gets no credentials, as
 * emulators expect; anything else uses Application Default Credentials.
 */
final class GcpSession implements AutoCloseable {
  final GcpNames names;
  final Context.Log log;
  private final String endpoint;
  private final String pubsubEndpoint;
  private final Credentials credentials;
  private final Credentials pubsubCredentials;
  private final ThreadLocal<Deadline> deadline = ThreadLocal.withInitial(() -> Deadline.NONE);
  private final ExecutorService pool = Executors.newCachedThreadPool(daemon());

  private FunctionServiceClient functions;
  private CloudSchedulerClient scheduler;
  private EventarcClient eventarc;
  private TopicAdminClient topics;
  private Storage storage;
  private com.google.cloud.billing.budgets.v1.BudgetServiceClient budgets;
  private String billingAccount;
  private GoogleRest rest;
  private GoogleRest pubsubRest;

  private GcpSession(
      GcpNames names,
      Context.Log log,
      String endpoint,
      String pubsubEndpoint,
      Credentials credentials,
      Credentials pubsubCredentials) {
    this.names = names;
    this.log = log;
    this.endpoint = endpoint;
    this.pubsubEndpoint = pubsubEndpoint;
    this.credentials = credentials;
    this.pubsubCredentials = pubsubCredentials;
  }

  static GcpSession open(GcpNames names, String endpoint, Context context)
      throws ProviderException {
    String emulator = context.env().get("PUBSUB_EMULATOR_HOST");
    String pubsub =
        emulator != null && !emulator.isBlank()
            ? (emulator.contains("://") ? emulator : "http://" + emulator)
            : endpoint;
    Credentials creds = null;
    boolean anyRemote =
        !GcpEndpoints.isLocalEmulator(endpoint) || !GcpEndpoints.isLocalEmulator(pubsub);
    if (anyRemote) creds = credentials(names, context.env());
    Credentials main = GcpEndpoints.isLocalEmulator(endpoint) ? null : creds;
    Credentials ps = GcpEndpoints.isLocalEmulator(pubsub) ? null : creds;
    return new GcpSession(
        names,
        context.log(),
        endpoint == null ? null : GcpEndpoints.strip(endpoint),
        pubsub == null ? null : GcpEndpoints.strip(pubsub),
        main,
        ps);
  }

  /**
   * Application Default Credentials, with {@code GOOGLE_APPLICATION_CREDENTIALS} taken from the
   * session's environment (not only the process's), so what the user points at is what is read;
   * each way they can be missing or wrong is one line saying what to do.
   */
  static Credentials credentials(GcpNames names, java.util.Map<String, String> env)
      throws ProviderException {
    List<String> scopes = List.of("https://www.googleapis.com/auth/cloud-platform");
    String file = env.get("GOOGLE_APPLICATION_CREDENTIALS");
    String target = "Google Cloud target " + names.target();
    if (file != null && !file.isBlank()) {
      java.nio.file.Path path = java.nio.file.Path.of(file);
      if (!java.nio.file.Files.isRegularFile(path))
        throw new ProviderException(
            ProviderException.Kind.PERMISSION_DENIED,
            target
                + ": GOOGLE_APPLICATION_CREDENTIALS names "
                + file
                + ", which is not a file: point it at a service account key or run 'gcloud auth"
                + " application-default login' and unset it");
      try (java.io.InputStream in = java.nio.file.Files.newInputStream(path)) {
        return GoogleCredentials.fromStream(in).createScoped(scopes);
      } catch (IOException | RuntimeException e) {
        throw new ProviderException(
            ProviderException.Kind.PERMISSION_DENIED,
            target
                + ": GOOGLE_APPLICATION_CREDENTIALS names "
                + file
                + ", which is not a Google credentials file ("
                + GcpErrors.oneLine(e.getMessage())
                + ")",
            null,
            e);
      }
    }
    try {
      return GoogleCredentials.getApplicationDefault().createScoped(scopes);
    } catch (IOException e) {
      throw new ProviderException(
          ProviderException.Kind.PERMISSION_DENIED,
          "no Google Cloud credentials for target "
              + names.target()
              + ": run 'gcloud auth application-default login' or set"
              + " GOOGLE_APPLICATION_CREDENTIALS to a key file",
          null,
          e);
    }
  }

  private static CredentialsProvider provider(Credentials c) {
    return c == null ? NoCredentialsProvider.create() : FixedCredentialsProvider.create(c);
  }

  synchronized FunctionServiceClient functions() throws ProviderException {
    if (functions == null)
      functions =
          make(
              "Cloud Functions",
              () -> {
                var b = FunctionServiceSettings.newHttpJsonBuilder();
                if (endpoint != null) b.setEndpoint(endpoint);
                b.setCredentialsProvider(provider(credentials));
                return FunctionServiceClient.create(b.build());
              });
    return functions;
  }

  synchronized CloudSchedulerClient scheduler() throws ProviderException {
    if (scheduler == null)
      scheduler =
          make(
              "Cloud Scheduler",
              () -> {
                var b = CloudSchedulerSettings.newHttpJsonBuilder();
                if (endpoint != null) b.setEndpoint(endpoint);
                b.setCredentialsProvider(provider(credentials));
                return CloudSchedulerClient.create(b.build());
              });
    return scheduler;
  }

  synchronized EventarcClient eventarc() throws ProviderException {
    if (eventarc == null)
      eventarc =
          make(
              "Eventarc",
              () -> {
                var b = EventarcSettings.newHttpJsonBuilder();
                if (endpoint != null) b.setEndpoint(endpoint);
                b.setCredentialsProvider(provider(credentials));
                return EventarcClient.create(b.build());
              });
    return eventarc;
  }

  synchronized TopicAdminClient topics() throws ProviderException {
    if (topics == null)
      topics =
          make(
              "Pub/Sub",
              () -> {
                var b = TopicAdminSettings.newHttpJsonBuilder();
                if (pubsubEndpoint != null) b.setEndpoint(pubsubEndpoint);
                b.setCredentialsProvider(provider(pubsubCredentials));
                return TopicAdminClient.create(b.build());
              });
    return topics;
  }

  synchronized com.google.cloud.billing.budgets.v1.BudgetServiceClient budgets()
      throws ProviderException {
    if (budgets == null)
      budgets =
          make(
              "Billing Budgets",
              () -> {
                var b =
                    com.google.cloud.billing.budgets.v1.BudgetServiceSettings.newHttpJsonBuilder();
                if (endpoint != null) b.setEndpoint(endpoint);
                b.setCredentialsProvider(provider(credentials));
                return com.google.cloud.billing.budgets.v1.BudgetServiceClient.create(b.build());
              });
    return budgets;
  }

  private String projectNumber;

  /** The project's number (Resource Manager), which service agents' addresses are made of. */
  synchronized String projectNumber() throws ProviderException {
    if (projectNumber == null) {
      com.google.gson.JsonObject p =
          call(
              "read project " + names.project(),
              () ->
                  rest()
                      .get(
                          base("cloudresourcemanager.googleapis.com")
                              + "/v3/projects/"
                              + names.project()));
      String name = p.has("name") ? p.get("name").getAsString() : "";
      projectNumber = name.substring(name.lastIndexOf('/') + 1);
    }
    return projectNumber;
  }

  /** The target's billing account id, or null when it names none. */
  String billingAccount() {
    return billingAccount;
  }

  void billingAccount(String account) {
    this.billingAccount = account == null || account.isBlank() ? null : account;
  }

  synchronized Storage storage() {
    if (storage == null) {
      var b = StorageOptions.http().setProjectId(names.project());
      if (endpoint != null) b.setHost(endpoint);
      b.setCredentials(credentials == null ? NoCredentials.getInstance() : credentials);
      storage = b.build().getService();
    }
    return storage;
  }

  synchronized GoogleRest rest() {
    if (rest == null) rest = new GoogleRest(credentials);
    return rest;
  }

  /** The REST client for Pub/Sub's own calls (topic policies), emulator-aware. */
  synchronized GoogleRest pubsubRest() {
    if (pubsubRest == null) pubsubRest = new GoogleRest(pubsubCredentials);
    return pubsubRest;
  }

  /** The base URL of a REST API on Google's {@code host}, or the override. */
  String base(String host) {
    return GcpEndpoints.base(endpoint, host);
  }

  String pubsubBase() {
    return GcpEndpoints.base(pubsubEndpoint, "pubsub.googleapis.com");
  }

  interface Maker<T> {
    T make() throws IOException;
  }

  private <T> T make(String what, Maker<T> m) throws ProviderException {
    // A read stopped by its first failure closes the session while other reads may still be
    // starting: a client made after close would never be shut down (and its non-daemon timer
    // thread would outlive the run).
    if (closed) throw new ProviderException("the Google Cloud session is closed");
    try {
      return m.make();
    } catch (IOException e) {
      throw new ProviderException(
          "cannot open the " + what + " client: " + GcpErrors.oneLine(e.getMessage()), e);
    }
  }

  interface Call<T> {
    T call() throws Exception;
  }

  /** Runs one call, turning every failure into a {@link ProviderException} about {@code what}. */
  <T> T call(String what, Call<T> c) throws ProviderException {
    try {
      return c.call();
    } catch (ProviderException e) {
      throw e;
    } catch (Exception e) {
      throw GcpErrors.failure(what, e);
    }
  }

  /** Runs {@code work} with the step's deadline visible to the waits it makes. */
  <T> T during(Deadline d, Call<T> work) throws ProviderException {
    Deadline before = deadline.get();
    deadline.set(d == null ? Deadline.NONE : d);
    try {
      return work.call();
    } catch (ProviderException e) {
      throw e;
    } catch (Exception e) {
      throw GcpErrors.failure("apply", e);
    } finally {
      deadline.set(before);
    }
  }

  Deadline deadline() {
    return deadline.get();
  }

  /**
   * Runs the calls in parallel and returns their results in order. The first failure stops the
   * others (their threads are interrupted) and is thrown at once: a plan against an unreachable
   * endpoint fails on the first refused call instead of waiting out every client's retries.
   */
  <T> List<T> parallel(List<Call<T>> calls) throws ProviderException {
    java.util.concurrent.CompletionService<T> done =
        new java.util.concurrent.ExecutorCompletionService<>(pool);
    List<Future<T>> futures = new ArrayList<>();
    for (Call<T> c : calls) futures.add(done.submit(c::call));
    try {
      for (int i = 0; i < futures.size(); i++) {
        Future<T> f = done.take();
        try {
          f.get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw GcpErrors.failure("read", e.getCause());
        }
      }
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) out.add(f.get());
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ProviderException(ProviderException.Kind.CANCELLED, "read interrupted");
    } catch (java.util.concurrent.ExecutionException e) {
      throw GcpErrors.failure("read", e.getCause());
    } finally {
      for (Future<T> f : futures) f.cancel(true);
    }
  }

  /**
   * Waits for a long-running operation, polling through the step's deadline, and fails naming
   * {@code what} with Google's own message when the operation failed.
   */
  com.google.longrunning.Operation await(
      String what, com.google.longrunning.Operation op, OperationGetter getter)
      throws ProviderException {
    Duration pause = Duration.ofMillis(200);
    while (!op.getDone()) {
      deadline().pause(pause, what);
      String name = op.getName();
      op = call(what + ": polling " + name, () -> getter.get(name));
      pause =
          pause.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0
              ? Duration.ofSeconds(5)
              : pause.multipliedBy(2);
    }
    if (op.hasError())
      throw new ProviderException(
          kindOf(op.getError().getCode()),
          what + " failed: " + GcpErrors.oneLine(op.getError().getMessage()));
    return op;
  }

  interface OperationGetter {
    com.google.longrunning.Operation get(String name) throws Exception;
  }

  /** A google.rpc.Code of a failed operation. */
  static ProviderException.Kind kindOf(int code) {
    return switch (code) {
      case 5 -> ProviderException.Kind.NOT_FOUND;
      case 7, 16 -> ProviderException.Kind.PERMISSION_DENIED;
      case 8 -> ProviderException.Kind.QUOTA;
      case 3 -> ProviderException.Kind.INVALID;
      case 6, 9, 10 -> ProviderException.Kind.CONFLICT;
      case 14, 4 -> ProviderException.Kind.THROTTLED;
      default -> ProviderException.Kind.OTHER;
    };
  }

  static Map<String, String> labels(GcpNames names) {
    return Map.of(
        dev.fnctl.provider.Ownership.STACK_KEY, names.stack(),
        dev.fnctl.provider.Ownership.TARGET_KEY, names.target(),
        GcpNames.DEPLOYMENT_LABEL, names.deployment());
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "fnctl-gcp-read");
      t.setDaemon(true);
      return t;
    };
  }

  /** Set by {@link #close}; the client getters, synchronized like it, make no client after it. */
  private boolean closed;

  @Override
  public synchronized void close() {
    closed = true;
    pool.shutdownNow();
    // shutdownNow, not close: a gax HTTP/JSON channel keeps each call's deadline timer on a
    // non-daemon scheduler that a plain shutdown lets run to the deadline (minutes) when the call
    // failed early (a refused connection), which would keep an embedding JVM alive.
    for (BackgroundResource c :
        new BackgroundResource[] {functions, scheduler, eventarc, topics, budgets}) {
      if (c != null) c.shutdownNow();
    }
  }
}
