package dev.fnctl.provider.gcp;

import dev.fnctl.model.load.SpecLoader;
import dev.fnctl.model.spec.Deployment;
import dev.fnctl.provider.Provider;
import dev.fnctl.provider.Providers;
import java.nio.file.Path;
import java.util.Map;

/**
 * What {@code fnctl validate} asks of the gcp provider, as a program of its own: discovered with
 * ServiceLoader, its settings, validate and the offline expansion of the spec at {@code args[0]}.
 * {@link GcpClassLoadingTest} runs it in a JVM of its own and reads the JVM's class-loading log.
 */
public final class ValidateOnly {
  public static void main(String... args) throws Exception {
    Deployment d = new SpecLoader(Map.of()).load(Path.of(args[0]), "gcp").forTarget("gcp");
    Provider p = Providers.discover().find("gcp").orElseThrow();
    p.settings();
    if (!p.validate(d).isEmpty()) throw new IllegalStateException("problems: " + p.validate(d));
    if (p.expandOffline(d).orElseThrow().isEmpty()) throw new IllegalStateException("nothing");
    System.out.println("validated");
  }
}
