package dev.fnctl.fake.gcp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The projects the fake knows: every project id it is asked about exists, with a project number
 * derived from the id (stable across runs, 12 digits like Google's), so that {@code
 * projects/NUMBER} and {@code projects/ID} name the same project as they do in Google Cloud.
 */
final class Projects {
  private final Map<String, String> idByNumber = new ConcurrentHashMap<>();

  String number(String projectId) {
    long number =
        100_000_000_000L + Math.floorMod(projectId.hashCode() * 2654435761L, 899_999_999_999L);
    idByNumber.putIfAbsent(Long.toString(number), projectId);
    return Long.toString(number);
  }

  /** Whether {@code number} is the number of a project the fake has been asked about. */
  boolean isNumber(String number) {
    return idByNumber.containsKey(number);
  }

  /** The project id of an id or a number already seen. */
  String id(String idOrNumber) {
    return idByNumber.getOrDefault(idOrNumber, idOrNumber);
  }

  /** The project id in a resource name {@code projects/ID/...}. */
  String idOf(String resourceName) {
    String[] parts = resourceName.split("/");
    if (parts.length < 2 || !"projects".equals(parts[0])) {
      throw GoogleError.invalidArgument("Invalid resource name: " + resourceName);
    }
    return id(parts[1]);
  }
}
