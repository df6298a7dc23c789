package dev.fnctl.provider;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The providers on the class path, by id. Nothing here names one. */
public final class Providers {
  private final Map<String, Provider> byId;

  private Providers(Map<String, Provider> byId) {
    this.byId = byId;
  }

  public static Providers discover() {
    return discover(Providers.class.getClassLoader());
  }

  public static Providers discover(ClassLoader loader) {
    Map<String, Provider> map = new TreeMap<>();
    for (Provider p : ServiceLoader.load(Provider.class, loader)) map.put(p.id(), p);
    return new Providers(map);
  }

  /** Exactly these providers (tests, embedding); later ones win on a duplicate id. */
  public static Providers of(java.util.Collection<? extends Provider> providers) {
    Map<String, Provider> map = new TreeMap<>();
    for (Provider p : providers) map.put(p.id(), p);
    return new Providers(map);
  }

  public Optional<Provider> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public java.util.Set<String> ids() {
    return byId.keySet();
  }
}
