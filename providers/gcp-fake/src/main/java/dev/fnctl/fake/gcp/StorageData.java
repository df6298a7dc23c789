package dev.fnctl.fake.gcp;

import com.google.gson.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cloud Storage's state: buckets (their JSON resource) and, per bucket, each object's live version
 * (metadata and bytes). Generations grow with every write, as Google's microsecond generations do,
 * so a precondition on one is meaningful.
 */
final class StorageData {
  record StoredObject(JsonObject metadata, byte[] data) {
    long generation() {
      return metadata.get("generation").getAsLong();
    }

    long metageneration() {
      return metadata.get("metageneration").getAsLong();
    }
  }

  final Map<String, JsonObject> buckets = new ConcurrentSkipListMap<>();
  final Map<String, ConcurrentSkipListMap<String, StoredObject>> objects =
      new ConcurrentHashMap<>();
  private final AtomicLong generations = new AtomicLong(System.currentTimeMillis() * 1000);

  long nextGeneration() {
    return generations.incrementAndGet();
  }

  ConcurrentSkipListMap<String, StoredObject> objectsOf(String bucket) {
    return objects.computeIfAbsent(bucket, b -> new ConcurrentSkipListMap<>());
  }

  /** A bucket's JSON, or Cloud Storage's 404. */
  JsonObject bucket(String name) {
    JsonObject bucket = buckets.get(name);
    if (bucket == null) {
      throw GoogleError.storage(404, "notFound", "The specified bucket does not exist.");
    }
    return bucket;
  }

  boolean exists(String bucket, String object) {
    var inBucket = objects.get(bucket);
    return inBucket != null && inBucket.containsKey(object);
  }
}
