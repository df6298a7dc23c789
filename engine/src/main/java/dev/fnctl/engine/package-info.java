/**
 * The engine: what {@code fnctl validate/plan/apply/destroy/unlock} do, with no cloud named.
 *
 * <p>{@link dev.fnctl.engine.Engine#create} is the entry point. A plan loads the spec for a target
 * ({@code SpecSource}), checks it against the target's provider ({@code Validation}), expands and
 * reads the cloud through the provider, and diffs ({@code Planner}: per address, in dependency
 * order from {@code DependencyOrder}). Apply takes the stack lock ({@code LockGuard}), checks that
 * the cloud is still what was planned against ({@code LiveDigest}), and makes the changes with
 * bounded parallelism ({@code Applier}).
 */
package dev.fnctl.engine;
