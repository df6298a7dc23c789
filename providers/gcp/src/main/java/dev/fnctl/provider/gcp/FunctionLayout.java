package dev.fnctl.provider.gcp;

import static dev.fnctl.provider.gcp.GcpTypes.*;

import dev.fnctl.model.spec.Deployment;
import dev.fnctl.model.spec.FunctionSpec;
import dev.fnctl.model.spec.Permission;
import dev.fnctl.provider.CodePackager;
import dev.fnctl.provider.Item;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Resource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A function: its own service account, the Cloud Functions (2nd gen) function running as it, and
 * the IAM bindings its permissions and secrets ask for, each on the exact resource.
 */
final class FunctionLayout {
  private final StackLayout layout;
  private final GcpNames names;

  FunctionLayout(StackLayout layout) {
    this.layout = layout;
    this.names = layout.names();
  }

  void function(Deployment d, FunctionSpec f) throws ProviderException {
    String item = Item.function(f.name());
    String account = names.serviceAccount(f.name());
    String accountAddress = address(SERVICE_ACCOUNT, account);
    Map<String, Object> sa = new LinkedHashMap<>();
    sa.put(ServiceAccountType.DISPLAY_NAME, "fnctl function " + f.name());
    layout.add(Resource.of(accountAddress, SERVICE_ACCOUNT, item, sa, List.of()));

    FunctionZip code =
        layout.baseDir() == null
            ? null
            : FunctionZip.of(f.name(), CodePackager.pack(layout.baseDir(), f.code()));
    Map<String, Object> fn = new LinkedHashMap<>();
    fn.put(FunctionType.RUNTIME, GcpRuntimes.googleId(f.runtime()).orElse(f.runtime()));
    fn.put(FunctionType.ENTRY_POINT, GcpRuntimes.entryPoint(f.runtime(), f.handler()));
    fn.put(FunctionType.MEMORY, (long) f.memory());
    fn.put(FunctionType.TIMEOUT, f.timeout().getSeconds());
    fn.put(FunctionType.ENVIRONMENT, environment(f));
    fn.put(
        FunctionType.MAX_INSTANCES,
        f.concurrency().max() == null
            ? FunctionType.DEFAULT_MAX_INSTANCES
            : (long) f.concurrency().max());
    fn.put(
        FunctionType.MIN_INSTANCES,
        (long) (f.concurrency().warm() == null ? 0 : f.concurrency().warm()));
    fn.put(FunctionType.SERVICE_ACCOUNT, names.serviceAccountEmail(account));
    fn.put(FunctionType.CODE, code == null ? StackLayout.CODE_NOT_PACKAGED : code.hash());
    fn.put(FunctionType.STATE, FunctionType.ACTIVE);
    String fnAddress = address(FUNCTION, names.function(f.name()));
    layout.add(
        new Resource(
            fnAddress,
            FUNCTION,
            item,
            fn,
            Set.of(),
            secretVariables(f),
            List.of(accountAddress),
            code));

    String member = "serviceAccount:" + names.serviceAccountEmail(account);
    for (Permission p : f.permissions()) grant(d, f, item, account, member, p, accountAddress);
    if (f.secrets() != null)
      for (String ref : new TreeSet<>(f.secrets().values()))
        layout
            .members()
            .grant(
                item,
                MemberLayout.SECRET,
                ref,
                account,
                member,
                List.of(Roles.SECRET_ACCESSOR),
                List.of(accountAddress));
  }

  private void grant(
      Deployment d,
      FunctionSpec f,
      String item,
      String account,
      String member,
      Permission p,
      String accountAddress) {
    switch (p.kind()) {
      case BUCKET -> {
        String bucket = layout.bucketName(d, p.name());
        layout
            .members()
            .grant(
                item,
                MemberLayout.BUCKET_KIND,
                bucket,
                account,
                member,
                Roles.bucket(p.access()),
                concat(accountAddress, layout.ownedDep(address(BUCKET, bucket))));
      }
      case QUEUE, TOPIC -> {
        String topic = layout.topicId(d, p.name(), p.kind() == Permission.Kind.QUEUE);
        layout
            .members()
            .grant(
                item,
                MemberLayout.TOPIC_KIND,
                topic,
                account,
                member,
                Roles.topic(p.access()),
                concat(accountAddress, layout.ownedDep(address(TOPIC, topic))));
      }
      case FUNCTION -> {
        String service = names.function(p.name());
        layout
            .members()
            .grant(
                item,
                MemberLayout.SERVICE,
                service,
                account,
                member,
                Roles.function(p.access()),
                concat(accountAddress, layout.ownedDep(address(FUNCTION, service))));
      }
      case SECRET ->
          layout
              .members()
              .grant(
                  item,
                  MemberLayout.SECRET,
                  p.name(),
                  account,
                  member,
                  List.of(Roles.SECRET_ACCESSOR),
                  List.of(accountAddress));
    }
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> out = new java.util.ArrayList<>();
    out.add(first);
    out.addAll(rest);
    return out;
  }

  /**
   * Plain env plus, per secret, its Secret Manager name (never its value): {@code
   * KEY_SECRET_ID=projects/P/secrets/REF}; the function reads the value at run time.
   */
  Map<String, Object> environment(FunctionSpec f) {
    Map<String, Object> env = new TreeMap<>(f.env());
    if (f.secrets() != null)
      f.secrets()
          .forEach(
              (k, ref) ->
                  env.put(
                      FunctionSpec.secretIdVariable(k),
                      "projects/" + names.project() + "/secrets/" + ref));
    return env;
  }

  static Set<String> secretVariables(FunctionSpec f) {
    Set<String> paths = new TreeSet<>();
    if (f.secrets() != null)
      f.secrets()
          .keySet()
          .forEach(
              k -> paths.add(FunctionType.ENVIRONMENT + "." + FunctionSpec.secretIdVariable(k)));
    return paths;
  }
}
