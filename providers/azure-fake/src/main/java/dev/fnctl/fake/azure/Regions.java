package dev.fnctl.fake.azure;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The regions the fake knows, by ARM name ({@code westeurope}) with the display name ({@code West
 * Europe}). ARM accepts either; Microsoft.Resources and Microsoft.Storage answer the name,
 * Microsoft.Web answers the display name, which is why clients must compare normalised.
 */
final class Regions {
  private static final Map<String, String> DISPLAY = new LinkedHashMap<>();

  static {
    for (var pair :
        new String[][] {
          {"westeurope", "West Europe"},
          {"northeurope", "North Europe"},
          {"eastus", "East US"},
          {"eastus2", "East US 2"},
          {"westus2", "West US 2"},
          {"westus3", "West US 3"},
          {"centralus", "Central US"},
          {"uksouth", "UK South"},
          {"swedencentral", "Sweden Central"},
          {"germanywestcentral", "Germany West Central"},
          {"francecentral", "France Central"},
          {"australiaeast", "Australia East"},
          {"japaneast", "Japan East"},
          {"southeastasia", "Southeast Asia"},
          {"global", "global"},
        }) {
      DISPLAY.put(pair[0], pair[1]);
    }
  }

  private Regions() {}

  /** The ARM name of a region given by name or display name, or null when unknown. */
  static String name(String given) {
    if (given == null) {
      return null;
    }
    var squashed = given.replace(" ", "").toLowerCase(Locale.ROOT);
    return DISPLAY.containsKey(squashed) ? squashed : null;
  }

  private static final Map<String, String> PAIRS =
      Map.of(
          "westeurope",
          "northeurope",
          "northeurope",
          "westeurope",
          "eastus",
          "westus",
          "eastus2",
          "centralus",
          "westus2",
          "westcentralus",
          "westus3",
          "eastus",
          "centralus",
          "eastus2",
          "uksouth",
          "ukwest",
          "swedencentral",
          "swedensouth",
          "germanywestcentral",
          "germanynorth");

  /** The region's pair, where geo-redundant storage keeps its secondary copy. */
  static String pair(String name) {
    return PAIRS.getOrDefault(name, name);
  }

  static String display(String name) {
    return DISPLAY.getOrDefault(name, name);
  }

  static String known() {
    return String.join(",", DISPLAY.keySet());
  }

  /** The region's ARM name, or ARM's 400 for a location the resource type is not offered in. */
  static String require(String given, String type) {
    if (given == null || given.isBlank()) {
      throw ArmException.badRequest(
          "LocationRequired", "The location property is required for this definition.");
    }
    var name = name(given);
    if (name == null) {
      throw ArmException.badRequest(
          "LocationNotAvailableForResourceType",
          "The provided location '"
              + given
              + "' is not available for resource type '"
              + type
              + "'. List of available regions for the resource type is '"
              + known()
              + "'.");
    }
    return name;
  }
}
