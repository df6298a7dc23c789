package dev.fnctl.provider.gcp;

import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.BucketInfo;
import com.google.cloud.storage.Storage;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.StackLock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The stack lock as one Cloud Storage object, {@code locks/STACK/TARGET.json} in the state bucket,
 * created with {@code ifGenerationMatch=0}: Cloud Storage makes it only if no object is there (412
 * otherwise), atomically. It holds the holder's id, who, operation and since; a release deletes it
 * only at the generation that holder wrote, so a lock someone else took meanwhile is never removed.
 */
final class GcsStackLock implements StackLock {
  private final GcpSession session;
  private final String bucket;
  private final String object;

  GcsStackLock(GcpSession session, String bucket) {
    this.session = session;
    this.bucket = bucket;
    this.object = "locks/" + session.names.stack() + "/" + session.names.target() + ".json";
  }

  static String defaultBucket(GcpNames names) {
    return GcpNames.fit("fnctl-state-" + names.project(), GcpNames.BUCKET_MAX);
  }

  private String where() {
    return "the stack lock gs://" + bucket + "/" + object;
  }

  @Override
  public Optional<Holder> tryAcquire(Holder me) throws ProviderException {
    Storage storage = session.storage();
    byte[] body = json(me).getBytes(StandardCharsets.UTF_8);
    BlobInfo info =
        BlobInfo.newBuilder(BlobId.of(bucket, object)).setContentType("application/json").build();
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        storage.create(info, body, Storage.BlobTargetOption.doesNotExist());
        return Optional.empty();
      } catch (Exception e) {
        GcpErrors.Said s = GcpErrors.said(e);
        if (s != null && s.http() == 412) {
          Optional<Holder> h = holder();
          if (h.isPresent()) return h;
          continue; // released between the two calls: try again
        }
        if (GcpErrors.notFound(e)) {
          createBucket(storage);
          continue;
        }
        throw GcpErrors.failure("take " + where(), e);
      }
    }
    throw new ProviderException(
        ProviderException.Kind.CONFLICT, where() + " changed hands repeatedly; run again");
  }

  private void createBucket(Storage storage) throws ProviderException {
    try {
      storage.create(
          BucketInfo.newBuilder(bucket)
              .setLocation(session.names.region())
              .setLabels(Map.of("fnctl-state", "true"))
              .build());
    } catch (Exception e) {
      if (!GcpErrors.alreadyExists(e))
        throw GcpErrors.failure(
            "create the state bucket "
                + bucket
                + " (set stateBucket: on the target to use another)",
            e);
    }
  }

  @Override
  public void release(Holder me) throws ProviderException {
    Storage storage = session.storage();
    Blob blob = session.call("read " + where(), () -> storage.get(BlobId.of(bucket, object)));
    if (blob == null) return;
    Holder h = parse(blob);
    if (h == null || !h.id().equals(me.id())) return;
    try {
      storage.delete(
          BlobId.of(bucket, object),
          Storage.BlobSourceOption.generationMatch(blob.getGeneration()));
    } catch (Exception e) {
      GcpErrors.Said s = GcpErrors.said(e);
      if (s != null && s.http() == 412) return; // someone else's lock now
      throw GcpErrors.failure("release " + where(), e);
    }
  }

  @Override
  public Optional<Holder> holder() throws ProviderException {
    Storage storage = session.storage();
    Blob blob;
    try {
      blob = storage.get(BlobId.of(bucket, object));
    } catch (Exception e) {
      if (GcpErrors.notFound(e)) return Optional.empty();
      throw GcpErrors.failure("read " + where(), e);
    }
    return blob == null ? Optional.empty() : Optional.ofNullable(parse(blob));
  }

  @Override
  public void forceRelease() throws ProviderException {
    try {
      session.storage().delete(BlobId.of(bucket, object));
    } catch (Exception e) {
      if (!GcpErrors.notFound(e)) throw GcpErrors.failure("remove " + where(), e);
    }
  }

  private Holder parse(Blob blob) throws ProviderException {
    byte[] bytes = session.call("read " + where(), blob::getContent);
    try {
      JsonObject o =
          JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8)).getAsJsonObject();
      return new Holder(
          o.get("id").getAsString(),
          o.get("who").getAsString(),
          o.get("operation").getAsString(),
          Instant.parse(o.get("since").getAsString()));
    } catch (RuntimeException e) {
      return new Holder("unreadable", "unknown", "unknown", Instant.EPOCH);
    }
  }

  private static String json(Holder h) {
    JsonObject o = new JsonObject();
    o.addProperty("id", h.id());
    o.addProperty("who", h.who());
    o.addProperty("operation", h.operation());
    o.addProperty("since", h.since().toString());
    return o.toString();
  }
}
