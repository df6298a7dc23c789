package dev.fnctl.provider.gcp;

import com.google.cloud.storage.Bucket;
import com.google.cloud.storage.BucketInfo;
import com.google.cloud.storage.Storage;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.Ownership;
import dev.fnctl.provider.ProviderException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cloud Storage buckets through google-cloud-storage: one list call reads the project's buckets.
 */
final class Buckets {
  private final GcpSession session;

  Buckets(GcpSession session) {
    this.session = session;
  }

  List<LiveResource> list(Set<String> wanted) throws ProviderException {
    Storage storage = session.storage();
    Ownership owner = new Ownership(session.names.stack(), session.names.target());
    List<LiveResource> out = new ArrayList<>();
    Iterable<Bucket> all =
        session.call(
            "list buckets",
            () -> storage.list(Storage.BucketListOption.pageSize(1000)).iterateAll());
    for (Bucket b : all) {
      boolean owned = owner.owns(b.getLabels());
      if (!owned && !wanted.contains(b.getName())) continue;
      Map<String, Object> p = new LinkedHashMap<>();
      p.put(
          BucketType.LOCATION,
          b.getLocation() == null ? null : b.getLocation().toUpperCase(java.util.Locale.ROOT));
      out.add(
          new LiveResource(
              GcpTypes.address(GcpTypes.BUCKET, b.getName()),
              GcpTypes.BUCKET,
              null,
              owned,
              p,
              Map.of(BucketType.NAME, b.getName())));
    }
    return out;
  }

  Map<String, Object> create(String name, String location) throws ProviderException {
    Storage storage = session.storage();
    try {
      storage.create(
          BucketInfo.newBuilder(name)
              .setLocation(location)
              .setLabels(GcpSession.labels(session.names))
              .build());
    } catch (Exception e) {
      if (!GcpErrors.alreadyExists(e)) throw GcpErrors.failure("create bucket " + name, e);
      Bucket had = session.call("read bucket " + name, () -> storage.get(name));
      if (had == null
          || !new Ownership(session.names.stack(), session.names.target()).owns(had.getLabels()))
        throw new ProviderException(
            ProviderException.Kind.CONFLICT,
            "bucket "
                + name
                + " already exists and is not this stack's (bucket names are global): rename"
                + " the bucket in the spec");
    }
    return Map.of(BucketType.NAME, name);
  }

  void delete(String name) throws ProviderException {
    try {
      session.storage().delete(name);
    } catch (Exception e) {
      if (!GcpErrors.notFound(e))
        throw GcpErrors.failure(
            "delete bucket " + name + " (a bucket must be empty to be deleted)", e);
    }
  }
}
