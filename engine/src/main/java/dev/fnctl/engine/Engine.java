package dev.fnctl.engine;

import dev.fnctl.model.diag.Diagnostic;
import dev.fnctl.model.diag.SpecException;
import dev.fnctl.model.plan.Plan;
import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.Providers;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the CLI calls. Each method is one user-visible job; none prints anything itself (views do),
 * and none names a provider.
 */
public interface Engine {

  static Engine create(Providers providers, Map<String, String> env) {
    return new DefaultEngine(providers, env, new ModelSpecSource(env));
  }

  /**
   * An engine that takes its specs from {@code specs} instead of loading files: for provider tests
   * that build specs as records and still plan and apply through the real engine.
   */
  static Engine create(Providers providers, Map<String, String> env, SpecSource specs) {
    return new DefaultEngine(providers, env, specs);
  }

  /**
   * Loads and validates a spec for every target it declares (or the implicit {@code local}): model
   * rules and each target's provider rules. Code paths, unknown providers and unknown provider
   * settings are reported together with the model's problems; the provider's own rules need a spec
   * without them. Returns all problems; empty means valid.
   */
  List<Diagnostic> validate(Path specFile);

  /**
   * Loads the spec for a target (null: the default target), validates it, reads the live cloud and
   * diffs. The returned session keeps the provider connection for a following apply.
   *
   * @throws SpecException the spec or the target is invalid (exit 3)
   * @throws ProviderException the cloud could not be read (exit 1)
   */
  PlanSession plan(Path specFile, String target, PlanMode mode)
      throws SpecException, ProviderException;

  /**
   * Applies a session's plan under the stack lock, in dependency order with bounded parallelism. On
   * a failure, or when the calling thread is interrupted, no new work starts, work in flight
   * finishes (an interrupt cuts its waits short), the lock is released and the report says exactly
   * what was and was not done (an interrupt is kept set for the caller). Each change has a timeout
   * ({@link ApplyOptions#stepTimeout()}) and is reported while it runs.
   */
  ApplyReport apply(PlanSession session, ApplyOptions options, ApplyListener listener)
      throws ProviderException;

  /**
   * Re-plans for a saved plan, in the mode it records, and refuses it if the spec or the live state
   * changed since, or any change would now differ from the saved one.
   *
   * @throws StalePlanException with what changed
   */
  PlanSession reopen(Plan saved) throws SpecException, ProviderException, StalePlanException;

  /** Removes a stack lock left by a killed run. Returns the holder that was removed, if any. */
  default java.util.Optional<dev.fnctl.provider.StackLock.Holder> unlock(
      Path specFile, String target) throws SpecException, ProviderException {
    return unlock(specFile, target, null);
  }

  /**
   * Removes the stack lock only if it is the one with {@code lockId} (as {@code terraform
   * force-unlock LOCK_ID}): a lock taken since by another run is left alone. A null id removes
   * whatever lock is held.
   *
   * @throws ProviderException naming the lock that is held, when its id is not {@code lockId}
   */
  java.util.Optional<dev.fnctl.provider.StackLock.Holder> unlock(
      Path specFile, String target, String lockId) throws SpecException, ProviderException;

  /** Who holds the stack lock now, if anyone: what {@code fnctl unlock} shows before asking. */
  java.util.Optional<dev.fnctl.provider.StackLock.Holder> lockHolder(Path specFile, String target)
      throws SpecException, ProviderException;

  /**
   * This engine with {@code --only}: every plan it makes, and every saved plan it checks, holds
   * only the changes of {@code only}'s item and of what that depends on ({@link Only}).
   */
  Engine only(Only only);

  /** {@code NORMAL} diffs the spec; {@code DESTROY} plans the deletion of everything owned. */
  enum PlanMode {
    NORMAL,
    DESTROY
  }
}
