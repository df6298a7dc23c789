package dev.fnctl.engine;

import dev.fnctl.model.json.Json;
import dev.fnctl.provider.LiveResource;
import dev.fnctl.provider.LiveState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fingerprint of the live state a plan was made against: SHA-256 of the canonical JSON of every
 * live resource, sorted by address. A saved plan is applied only while the cloud still has it.
 */
final class LiveDigest {
  private LiveDigest() {}

  static String of(LiveState live) {
    List<LiveResource> sorted = new ArrayList<>(live.resources());
    sorted.sort(Comparator.comparing(LiveResource::address));
    List<Object> doc = new ArrayList<>();
    for (LiveResource r : sorted) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("address", r.address());
      m.put("type", r.type());
      m.put("item", r.item());
      m.put("owned", r.owned());
      m.put("properties", Values.canonical(r.properties()));
      m.put("outputs", Values.canonical(r.outputs()));
      m.put("dependsOn", r.dependsOn());
      doc.add(m);
    }
    return sha256(Json.writeCompact(doc));
  }

  static String sha256(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
