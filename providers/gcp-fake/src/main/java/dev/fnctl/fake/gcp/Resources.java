package dev.fnctl.fake.gcp;

import com.google.protobuf.Message;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Every resource the proto-described APIs hold, by its full resource name ({@code
 * projects/p/locations/l/functions/f}), in name order so that a list is a range.
 */
final class Resources {
  private final ConcurrentSkipListMap<String, Message> byName = new ConcurrentSkipListMap<>();

  @SuppressWarnings("unchecked")
  <T extends Message> T get(String name, Class<T> type) {
    Message found = byName.get(name);
    return type.isInstance(found) ? (T) found : null;
  }

  Message get(String name) {
    return byName.get(name);
  }

  void put(String name, Message resource) {
    byName.put(name, resource);
  }

  Message remove(String name) {
    return byName.remove(name);
  }

  /**
   * The resources of a type directly in a collection, {@code parent + "/" + collection + "/"},
   * where a parent segment of {@code -} (every location) matches any.
   */
  <T extends Message> List<T> list(String parent, String collection, Class<T> type) {
    String prefix = parent + "/" + collection + "/";
    return byName.entrySet().stream()
        .filter(e -> type.isInstance(e.getValue()))
        .filter(e -> within(e.getKey(), prefix))
        .map(e -> type.cast(e.getValue()))
        .toList();
  }

  private static boolean within(String name, String prefix) {
    String[] want = prefix.split("/");
    String[] have = name.split("/");
    if (have.length != want.length + 1) {
      return false;
    }
    for (int i = 0; i < want.length; i++) {
      if (!want[i].equals(have[i]) && !"-".equals(want[i])) {
        return false;
      }
    }
    return true;
  }

  java.util.Set<String> names() {
    return byName.keySet();
  }
}
