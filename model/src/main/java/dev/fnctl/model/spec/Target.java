package dev.fnctl.model.spec;

import java.util.Map;

/**
 * Where a stack is deployed: a provider id ({@code local}, {@code aws}, ...) and that provider's
 * settings ({@code region}, {@code profile}, {@code endpoint}, ...), which the provider itself
 * validates. A target may override function settings for all functions ({@code defaults}) or for
 * one ({@code functions.NAME}).
 */
public record Target(
    String name,
    String provider,
    Map<String, String> settings,
    FunctionSettings defaults,
    Map<String, FunctionSettings> functions) {

  public String setting(String key) {
    return settings.get(key);
  }
}
