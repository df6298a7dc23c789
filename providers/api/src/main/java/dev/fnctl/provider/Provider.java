package dev.fnctl.provider;

import dev.fnctl.model.spec.Deployment;
import java.util.List;
import java.util.Map;

/**
 * A cloud fnctl can deploy to, found with {@link java.util.ServiceLoader} by {@link #id()}.
 *
 * <p>Implementations must be cheap to load: this class is instantiated for {@code validate}, so it
 * must not reference cloud SDK classes in its fields or signatures. SDK clients are made only in
 * {@link #connect}.
 */
public interface Provider {

  /** The word used in a target's {@code provider:} field. Lower case. */
  String id();

  /**
   * The target settings this provider accepts (name to one-line description), e.g. {@code region}.
   * Any other key on a target of this provider is an unknown-field error with a "did you mean".
   */
  Map<String, String> settings();

  /**
   * Problems that only this provider knows about: ranges (memory, timeouts), runtimes it does not
   * offer, features it cannot honour. Pure: no network, no credentials. Each problem names the spec
   * path so the CLI can point at file:line:column.
   */
  List<Problem> validate(Deployment deployment);

  /**
   * The most bytes a function's package may hold on this provider, counted as the sizes of the
   * files that go into it (unzipped). {@code validate} adds up a code directory's file sizes from
   * its listing, reading no content, and refuses a tree over this limit before anything is
   * packaged. A provider returns its cloud's documented limit (AWS: Lambda's 250 MB unzipped); the
   * default, 1 GiB, is a generous bound for a provider without one.
   */
  default long maxPackageBytes() {
    return 1024L * 1024 * 1024;
  }

  /**
   * What {@code deployment} expands to, computed offline: no network, no credentials, no code
   * packaged. {@code validate} checks it for two spec items that become one physical resource (the
   * same address), which only the provider's naming can tell; {@code plan} checks the connected
   * expansion ({@link Cloud#desired}) the same way. What only the cloud knows (an account id) is a
   * placeholder, which must not make two names meet or part; code hashes may be placeholders too.
   * Empty (the default) when the provider cannot expand without connecting.
   */
  default java.util.Optional<List<Resource>> expandOffline(Deployment deployment)
      throws ProviderException {
    return java.util.Optional.empty();
  }

  /**
   * Opens a session against the target's cloud, with credentials and endpoints taken from the
   * target's settings and the environment (never hard-coded), so tests can point it at moto or
   * WireMock. Fails with a {@link ProviderException} that reads as one line for the user when
   * credentials are missing or wrong.
   */
  Cloud connect(Deployment deployment, Context context) throws ProviderException;
}
