package dev.fnctl.provider.azure;

import static dev.fnctl.provider.azure.AzureTypes.ACCOUNT;
import static dev.fnctl.provider.azure.AzureTypes.APP_SETTINGS;
import static dev.fnctl.provider.azure.AzureTypes.CONTAINER;
import static dev.fnctl.provider.azure.AzureTypes.FUNCTION_APP;
import static dev.fnctl.provider.azure.AzureTypes.PLAN;
import static dev.fnctl.provider.azure.AzureTypes.QUEUE;
import static dev.fnctl.provider.azure.AzureTypes.ROLE_ASSIGNMENT;
import static dev.fnctl.provider.azure.AzureTypes.address;

import dev.fnctl.model.spec.BucketSpec;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.Permission;
import dev.fnctl.model.spec.QueueSpec;
import dev.fnctl.model.spec.Trigger;
import dev.fnctl.provider.CodePackager;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Ref;
import dev.fnctl.provider.Resource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What a deployment becomes on Azure (no network):
 *
 * <ul>
 *   <li>the stack's host storage account (AzureWebJobsStorage, one deployment container per
 *       function) and, when the stack declares queues or buckets, its data storage account (a blob
 *       container per bucket, a storage queue per queue);
 *   <li>per function: a Flex Consumption ({@code FC1}) plan and a function app on it with a
 *       system-assigned identity. One app per function, because an app has one identity: functions
 *       sharing an app would share each other's grants, and the spec's least privilege is per
 *       function. Flex takes one app per plan, so each app has its own plan (plans cost nothing by
 *       themselves on Flex);
 *   <li>the app settings fnctl owns on each app (environment, Key Vault references for secrets, the
 *       identity-based storage connections);
 *   <li>role assignments of each app's identity: Storage Blob Data Owner on the host account (the
 *       Functions host and Flex's deployment storage need it), and the narrowest data role on the
 *       exact container, queue or secret for each trigger and permission (a storage trigger adds
 *       Storage Queue Data Contributor on the blob extension's poison queue and the host account).
 * </ul>
 */
final class StackLayout {
  /** The package digest an offline expansion shows: no code is packaged offline. */
  static final String OFFLINE_DIGEST = "(packaged at plan)";

  private final AzureNames names;
  private final String region;
  private final String keyVault;
  private final Path baseDir;
  private final boolean offline;
  private final String storageSuffix;

  StackLayout(
      AzureNames names,
      String region,
      String keyVault,
      Path baseDir,
      boolean offline,
      String storageSuffix) {
    this.storageSuffix = storageSuffix;
    this.names = names;
    this.region = region;
    this.keyVault = keyVault;
    this.baseDir = baseDir;
    this.offline = offline;
  }

  /** The deployment being expanded: its existing queues, buckets and topics give scopes. */
  private Deployment deployment;

  /** The queue the blob extension writes a blob's message to after repeated failures. */
  static final String BLOB_POISON_QUEUE = "webjobs-blobtrigger-poison";

  List<Resource> expand(Deployment d) throws ProviderException {
    this.deployment = d;
    List<Resource> out = new ArrayList<>();
    String host = names.hostAccount();
    out.add(account(host, "host storage"));
    boolean data =
        d.queues().values().stream().anyMatch(QueueSpec::owned)
            || d.buckets().values().stream().anyMatch(BucketSpec::owned);
    String dataAccount = names.dataAccount();
    if (data) out.add(account(dataAccount, "data storage"));
    for (BucketSpec b : d.buckets().values()) {
      if (!b.owned()) continue;
      out.add(
          Resource.of(
              address(CONTAINER, dataAccount + "/" + b.name()),
              CONTAINER,
              "bucket " + b.name(),
              Map.of(),
              List.of(address(ACCOUNT, dataAccount))));
    }
    for (QueueSpec q : d.queues().values()) {
      if (!q.owned()) continue;
      out.add(
          Resource.of(
              address(QUEUE, dataAccount + "/" + q.name()),
              QUEUE,
              "queue " + q.name(),
              Map.of(),
              List.of(address(ACCOUNT, dataAccount))));
    }
    for (dev.fnctl.model.spec.TopicSpec t : d.topics().values()) {
      if (!t.owned()) continue;
      out.add(
          new Resource(
              address(AzureTypes.TOPIC, names.topic(t.name())),
              AzureTypes.TOPIC,
              "topic " + t.name(),
              Map.of(TopicType.LOCATION, region),
              Set.of(TopicType.LOCATION),
              Set.of(),
              List.of(),
              null));
    }
    // Blob events come through the data account's system topic (one per account, Event Grid's
    // rule), made when a function has a storage trigger.
    boolean storageTriggers =
        d.functions().values().stream()
            .flatMap(f -> f.triggers().stream())
            .anyMatch(t -> t instanceof Trigger.Storage);
    if (storageTriggers
        && data
        && d.queues().values().stream().noneMatch(q -> q.name().equals(BLOB_POISON_QUEUE)))
      // The blob extension moves a blob that failed maxDequeueCount times to this queue in the
      // account of the trigger's connection (FNCTL_DATA); it creates it if missing, but fnctl makes
      // it so that the function's grant can be on this one queue rather than the account.
      out.add(
          Resource.of(
              address(QUEUE, dataAccount + "/" + BLOB_POISON_QUEUE),
              QUEUE,
              "storage trigger poison queue",
              Map.of(),
              List.of(address(ACCOUNT, dataAccount))));
    if (storageTriggers && data)
      out.add(
          new Resource(
              address(AzureTypes.SYSTEM_TOPIC, dataAccount),
              AzureTypes.SYSTEM_TOPIC,
              "data storage events",
              Map.of(SystemTopicType.LOCATION, region),
              Set.of(SystemTopicType.LOCATION),
              Set.of(),
              List.of(address(ACCOUNT, dataAccount)),
              null));
    FunctionBindings bindings = new FunctionBindings(d.queues());
    for (FunctionSpec f : d.functions().values()) out.addAll(function(f, bindings, data));
    for (dev.fnctl.model.spec.Budget b : d.budgets().values())
      out.add(BudgetType.desired(names, b));
    return out;
  }

  private Resource account(String name, String role) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(AccountType.LOCATION, region);
    p.put(AccountType.KIND, "StorageV2");
    p.put(AccountType.SKU, "Standard_LRS");
    return new Resource(
        address(ACCOUNT, name),
        ACCOUNT,
        "stack " + role,
        p,
        Set.of(AccountType.LOCATION, AccountType.KIND),
        Set.of(),
        List.of(),
        null);
  }

  private List<Resource> function(FunctionSpec f, FunctionBindings bindings, boolean data)
      throws ProviderException {
    List<Resource> out = new ArrayList<>();
    String item = "function " + f.name();
    String app = names.app(f.name());
    String host = names.hostAccount();
    String container = names.deploymentContainer(f.name());
    FlexConsumption.FlexRuntime runtime =
        FlexConsumption.runtime(f.runtime())
            .orElseThrow(
                () ->
                    new ProviderException(
                        ProviderException.Kind.INVALID,
                        "function " + f.name() + ": runtime " + f.runtime() + " is not on Flex"));

    String containerAddress = address(CONTAINER, host + "/" + container);
    out.add(
        Resource.of(containerAddress, CONTAINER, item, Map.of(), List.of(address(ACCOUNT, host))));

    Map<String, Object> plan = new LinkedHashMap<>();
    plan.put(PlanType.LOCATION, region);
    plan.put(PlanType.SKU, "FC1");
    out.add(
        new Resource(
            address(PLAN, app),
            PLAN,
            item,
            plan,
            Set.of(PlanType.LOCATION),
            Set.of(),
            List.of(),
            null));

    AzurePackage pkg = null;
    String digest = OFFLINE_DIGEST;
    if (!offline) {
      pkg =
          AzurePackage.of(
              f.name(), CodePackager.pack(baseDir, f.code()), bindings.entries(f, runtime));
      digest = pkg.sha256();
    }
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(FunctionAppType.LOCATION, region);
    p.put(FunctionAppType.PLAN, app);
    p.put(FunctionAppType.RUNTIME, runtime.name());
    p.put(FunctionAppType.RUNTIME_VERSION, runtime.version());
    p.put(FunctionAppType.MEMORY, (long) f.memory());
    Integer max = f.concurrency().max();
    p.put(
        FunctionAppType.MAX_INSTANCES,
        (long) (max == null ? FlexConsumption.DEFAULT_MAX_INSTANCES : max));
    Integer warm = f.concurrency().warm();
    p.put(FunctionAppType.ALWAYS_READY, (long) (warm == null ? 0 : warm));
    p.put(FunctionAppType.DEPLOYMENT_STORAGE, host + "/" + container);
    p.put(FunctionAppType.PACKAGE, digest);
    String appAddress = address(FUNCTION_APP, app);
    out.add(
        new Resource(
            appAddress,
            FUNCTION_APP,
            item,
            p,
            Set.of(FunctionAppType.LOCATION, FunctionAppType.PLAN),
            Set.of(),
            List.of(address(PLAN, app), address(ACCOUNT, host), containerAddress),
            new FunctionAppType.Payload(f.name(), pkg, hasHttp(f))));

    Map<String, Object> settings = new TreeMap<>();
    settings.putAll(f.env());
    Set<String> sensitive = new java.util.TreeSet<>();
    for (Map.Entry<String, String> s : f.secrets().entrySet()) {
      String uri = secretUri(s.getValue());
      settings.put(s.getKey(), "@Microsoft.KeyVault(SecretUri=" + uri + ")");
      settings.put(FunctionSpec.secretIdVariable(s.getKey()), uri);
      sensitive.add(AppSettingsType.SETTINGS + "." + s.getKey());
    }
    settings.put("AzureWebJobsStorage__accountName", host);
    settings.put(
        "AzureWebJobsStorage__blobServiceUri", AzureClouds.blobEndpoint(host, storageSuffix));
    settings.put(
        "AzureWebJobsStorage__queueServiceUri", AzureClouds.queueEndpoint(host, storageSuffix));
    if (data) {
      settings.put(
          FunctionBindings.DATA_CONNECTION + "__blobServiceUri",
          AzureClouds.blobEndpoint(names.dataAccount(), storageSuffix));
      settings.put(
          FunctionBindings.DATA_CONNECTION + "__queueServiceUri",
          AzureClouds.queueEndpoint(names.dataAccount(), storageSuffix));
    }
    for (Trigger t : f.triggers()) {
      // A queue trigger on an existing queue connects to its account, by identity.
      if (t instanceof Trigger.Queue q
          && FunctionBindings.existingAccount(deployment.queues().get(q.queue())) != null) {
        String account = FunctionBindings.existingAccount(deployment.queues().get(q.queue()));
        settings.put(
            FunctionBindings.connection(deployment.queues().get(q.queue())) + "__queueServiceUri",
            AzureClouds.queueEndpoint(account, storageSuffix));
      }
    }
    out.add(
        new Resource(
                address(APP_SETTINGS, app),
                APP_SETTINGS,
                item,
                Map.of(AppSettingsType.SETTINGS, settings),
                Set.of(),
                sensitive,
                List.of(appAddress),
                null)
            .inContainer(address(APP_SETTINGS, app)));

    Map<String, Resource> grants = new LinkedHashMap<>();
    grant(grants, f, app, accountScope(host), BuiltInRoles.BLOB_DATA_OWNER, address(ACCOUNT, host));
    String dataAccount = names.dataAccount();
    for (Trigger t : f.triggers()) {
      if (t instanceof Trigger.Queue q) {
        String scope = queueScope(dataAccount, q.queue());
        String dep = ownedAddress(QUEUE, dataAccount + "/" + q.queue(), scope);
        grant(grants, f, app, scope, BuiltInRoles.QUEUE_DATA_READER, dep);
        grant(grants, f, app, scope, BuiltInRoles.QUEUE_DATA_MESSAGE_PROCESSOR, dep);
      } else if (t instanceof Trigger.Storage st) {
        // The blob trigger reads the blob it hands to the function (FNCTL_DATA connection).
        String scope = containerScope(dataAccount, st.bucket());
        String dep = address(CONTAINER, dataAccount + "/" + st.bucket());
        grant(grants, f, app, scope, BuiltInRoles.BLOB_DATA_READER, dep);
        // What the blob extension needs beyond reading the blob (Microsoft's "Grant permission to
        // the identity" for the blob trigger, and the extension's SharedBlobQueueListenerFactory):
        // Storage Queue Data Contributor on the poison queue of the connection's account (it
        // creates it if missing and writes the failed blob's message there), and on the host
        // account, whose queues carry the trigger's work (azure-webjobs-blobtrigger-<host id>, made
        // by the host at run time, so no narrower scope can name it) and the fallback poison queue.
        String poison = queueScope(dataAccount, BLOB_POISON_QUEUE);
        grant(
            grants,
            f,
            app,
            poison,
            BuiltInRoles.QUEUE_DATA_CONTRIBUTOR,
            address(QUEUE, dataAccount + "/" + BLOB_POISON_QUEUE));
        grant(
            grants,
            f,
            app,
            accountScope(host),
            BuiltInRoles.QUEUE_DATA_CONTRIBUTOR,
            address(ACCOUNT, host));
        String function = FunctionBindings.functionName(f, t);
        out.add(
            Resource.of(
                address(AzureTypes.EVENT_SUBSCRIPTION, app + "/" + function),
                AzureTypes.EVENT_SUBSCRIPTION,
                item,
                EventSubscriptionType.properties(systemTopicScope(dataAccount), app, function, st),
                List.of(appAddress, dep, address(AzureTypes.SYSTEM_TOPIC, dataAccount))));
      }
    }
    for (Trigger t : f.triggers()) {
      if (!(t instanceof Trigger.Topic topic)) continue;
      String function = FunctionBindings.functionName(f, t);
      String topicName = names.topic(topic.topic());
      String scope = topicScopeOf(topic.topic());
      List<String> deps = new ArrayList<>(List.of(appAddress));
      String topicAddress = ownedAddress(AzureTypes.TOPIC, topicName, scope);
      if (topicAddress != null) deps.add(topicAddress);
      out.add(
          Resource.of(
              address(AzureTypes.EVENT_SUBSCRIPTION, app + "/" + function),
              AzureTypes.EVENT_SUBSCRIPTION,
              item,
              EventSubscriptionType.properties(scope, app, function),
              deps));
    }
    for (Permission perm : f.permissions()) {
      for (String role : BuiltInRoles.forAccess(perm.kind(), perm.access())) {
        switch (perm.kind()) {
          case BUCKET -> {
            String scope = containerScope(dataAccount, perm.name());
            grant(
                grants,
                f,
                app,
                scope,
                role,
                ownedAddress(CONTAINER, dataAccount + "/" + perm.name(), scope));
          }
          case QUEUE -> {
            String scope = queueScope(dataAccount, perm.name());
            grant(
                grants,
                f,
                app,
                scope,
                role,
                ownedAddress(QUEUE, dataAccount + "/" + perm.name(), scope));
          }
          case SECRET -> grant(grants, f, app, secretScope(perm.name()), role, null);
          case TOPIC -> {
            String topicName = names.topic(perm.name());
            String scope = topicScopeOf(perm.name());
            grant(grants, f, app, scope, role, ownedAddress(AzureTypes.TOPIC, topicName, scope));
          }
          default -> {}
        }
      }
    }
    for (String secret : f.secrets().values())
      grant(grants, f, app, secretScope(secret), BuiltInRoles.KEY_VAULT_SECRETS_USER, null);
    out.addAll(grants.values());
    return out;
  }

  private void grant(
      Map<String, Resource> out,
      FunctionSpec f,
      String app,
      String scope,
      String role,
      String scopeAddress) {
    String addr = address(ROLE_ASSIGNMENT, roleAssignmentName(app, scope, role));
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(RoleAssignmentType.SCOPE, scope);
    p.put(RoleAssignmentType.ROLE, role);
    p.put(
        RoleAssignmentType.PRINCIPAL,
        new Ref(address(FUNCTION_APP, app), FunctionAppType.PRINCIPAL_ID));
    List<String> deps = new ArrayList<>();
    deps.add(address(FUNCTION_APP, app));
    if (scopeAddress != null) deps.add(scopeAddress);
    out.putIfAbsent(
        addr,
        new Resource(
            addr,
            ROLE_ASSIGNMENT,
            "function " + f.name(),
            p,
            Set.of(RoleAssignmentType.SCOPE, RoleAssignmentType.ROLE, RoleAssignmentType.PRINCIPAL),
            Set.of(),
            deps,
            null));
  }

  /** {@code <app>/<scope key>/<role word>}: derivable from a live assignment alone. */
  static String roleAssignmentName(String app, String scope, String role) {
    return app + "/" + scopeKey(scope) + "/" + BuiltInRoles.word(role);
  }

  /** The last two segments of a scope, as {@code container-uploads}, {@code account-fn...}. */
  static String scopeKey(String scope) {
    String[] parts = scope.split("/");
    if (parts.length < 2) return "scope";
    String kind = parts[parts.length - 2].toLowerCase(Locale.ROOT);
    String word =
        switch (kind) {
          case "containers" -> "container";
          case "queues" -> "queue";
          case "storageaccounts" -> "account";
          case "secrets" -> "secret";
          case "topics" -> "topic";
          case "vaults" -> "vault";
          default -> kind;
        };
    return word + "-" + parts[parts.length - 1].toLowerCase(Locale.ROOT);
  }

  String resourceGroupId() {
    return ("/subscriptions/" + names.subscription() + "/resourceGroups/" + names.resourceGroup())
        .toLowerCase(Locale.ROOT);
  }

  String accountScope(String account) {
    return resourceGroupId() + "/providers/microsoft.storage/storageaccounts/" + account;
  }

  /**
   * The address of the stack's own resource a grant or subscription depends on, or null when {@code
   * scope} is an existing one's (not the stack's: nothing to wait for).
   */
  private String ownedAddress(String type, String name, String scope) {
    return scope.startsWith(
                resourceGroupId()
                    + "/providers/microsoft.storage/storageaccounts/"
                    + names.dataAccount()
                    + "/")
            || scope.equals(topicScope(name))
        ? address(type, name)
        : null;
  }

  /** An existing: resource's scope, when the spec names {@code name} as existing. */
  private String existingScope(ExistingResource.Kind kind, String name) {
    if (deployment == null) return null;
    String existing =
        switch (kind) {
          case QUEUE -> {
            QueueSpec q = deployment.queues().get(name);
            yield q == null ? null : q.existing();
          }
          case BUCKET -> {
            BucketSpec b = deployment.buckets().get(name);
            yield b == null ? null : b.existing();
          }
          case TOPIC -> {
            dev.fnctl.model.spec.TopicSpec t = deployment.topics().get(name);
            yield t == null ? null : t.existing();
          }
        };
    return ExistingResource.parse(kind, existing).map(ExistingResource::scope).orElse(null);
  }

  String containerScope(String account, String container) {
    String existing = existingScope(ExistingResource.Kind.BUCKET, container);
    if (existing != null) return existing;
    return accountScope(account) + "/blobservices/default/containers/" + container;
  }

  String queueScope(String account, String queue) {
    String existing = existingScope(ExistingResource.Kind.QUEUE, queue);
    if (existing != null) return existing;
    return accountScope(account) + "/queueservices/default/queues/" + queue;
  }

  String topicScope(String topic) {
    return resourceGroupId()
        + "/providers/microsoft.eventgrid/topics/"
        + topic.toLowerCase(Locale.ROOT);
  }

  /** The scope of the spec's topic {@code name}: its existing id, or the stack's own topic. */
  String topicScopeOf(String name) {
    String existing = existingScope(ExistingResource.Kind.TOPIC, name);
    return existing != null ? existing : topicScope(names.topic(name));
  }

  /** The data account's system topic, named as the account. */
  String systemTopicScope(String account) {
    return resourceGroupId() + "/providers/microsoft.eventgrid/systemtopics/" + account;
  }

  String secretScope(String secret) {
    String vault = keyVault == null ? "unset" : vaultName(keyVault);
    return resourceGroupId()
        + "/providers/microsoft.keyvault/vaults/"
        + vault.toLowerCase(Locale.ROOT)
        + "/secrets/"
        + secret.toLowerCase(Locale.ROOT);
  }

  /**
   * The vault's name, from {@code keyVault}: a name or its URL ({@code https://v.vault.azure.net}).
   */
  static String vaultName(String keyVault) {
    String v = keyVault.replaceFirst("^https://", "");
    int dot = v.indexOf('.');
    return dot > 0 ? v.substring(0, dot) : v.replaceAll("/+$", "");
  }

  String secretUri(String secret) {
    String base =
        keyVault == null
            ? "https://unset.vault.azure.net"
            : keyVault.startsWith("https://")
                ? keyVault.replaceAll("/+$", "")
                : "https://" + keyVault + ".vault.azure.net";
    return base + "/secrets/" + secret;
  }

  static boolean hasHttp(FunctionSpec f) {
    return f.triggers().stream().anyMatch(t -> t instanceof Trigger.Http);
  }

  /**
   * The storage queue a neutral queue is: its name in the stack's data account, or the existing
   * one's.
   */
  static String queueName(QueueSpec spec, String name) {
    if (spec != null && !spec.owned())
      return ExistingResource.parse(ExistingResource.Kind.QUEUE, spec.existing())
          .map(ExistingResource::name)
          .orElse(name);
    return name;
  }
}
