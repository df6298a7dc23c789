package dev.fnctl.fake.azure;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * Every resource the fake holds, by resource id. ARM ids are case-insensitive, so the key is the
 * lower-cased id while the stored body keeps the casing the client used. Bodies go in and out as
 * copies, so a handler never shares a node with a caller.
 */
final class ResourceStore {
  private final Map<String, ObjectNode> byId = new TreeMap<>();
  private final Map<String, Long> createdMillis = new java.util.HashMap<>();

  static String key(String id) {
    var k = id.toLowerCase(Locale.ROOT);
    return k.endsWith("/") ? k.substring(0, k.length() - 1) : k;
  }

  synchronized ObjectNode get(String id) {
    var node = byId.get(key(id));
    return node == null ? null : node.deepCopy();
  }

  synchronized boolean contains(String id) {
    return byId.containsKey(key(id));
  }

  synchronized void put(String id, ObjectNode body) {
    byId.put(key(id), body.deepCopy());
    createdMillis.putIfAbsent(key(id), System.currentTimeMillis());
  }

  /** When the resource was first stored (epoch millis), or 0 when it is not stored. */
  synchronized long createdMillis(String id) {
    return createdMillis.getOrDefault(key(id), 0L);
  }

  synchronized ObjectNode remove(String id) {
    createdMillis.remove(key(id));
    return byId.remove(key(id));
  }

  /** Removes the resource and everything under it (child resources, extension resources). */
  synchronized int removeTree(String id) {
    var prefix = key(id) + "/";
    int before = byId.size();
    byId.remove(key(id));
    byId.keySet().removeIf(k -> k.startsWith(prefix));
    createdMillis.remove(key(id));
    createdMillis.keySet().removeIf(k -> k.startsWith(prefix));
    return before - byId.size();
  }

  /** Copies of every resource whose id passes the test, in id order. */
  synchronized List<ObjectNode> find(Predicate<String> idTest) {
    var out = new ArrayList<ObjectNode>();
    for (var e : byId.entrySet()) {
      if (idTest.test(e.getKey())) {
        out.add(e.getValue().deepCopy());
      }
    }
    return out;
  }

  /** Direct children of the collection id ({@code .../storageAccounts}), in id order. */
  List<ObjectNode> children(String collectionId) {
    var prefix = key(collectionId) + "/";
    return find(k -> k.startsWith(prefix) && k.indexOf('/', prefix.length()) < 0);
  }

  synchronized void clear() {
    byId.clear();
    createdMillis.clear();
  }
}
