package dev.fnctl.provider.azure;

import java.util.Locale;

/**
 * Azure writes a region as {@code westeurope} in requests and may answer {@code West Europe} (App
 * Service does): both sides are compared in the short lower-case form.
 */
final class Locations {
  private Locations() {}

  static String normalise(String location) {
    return location == null ? null : location.replace(" ", "").toLowerCase(Locale.ROOT);
  }
}
