/**
 * The provider SPI: what a cloud must offer fnctl. Nothing here names a cloud.
 *
 * <h2>Writing a provider</h2>
 *
 * <ol>
 *   <li>Implement {@link dev.fnctl.provider.Provider} and list it in {@code
 *       META-INF/services/dev.fnctl.provider.Provider}. Keep it cheap to load: it runs for {@code
 *       validate}; make SDK clients only in {@code connect}.
 *   <li>{@link dev.fnctl.provider.Cloud#desired} expands a deployment into {@link
 *       dev.fnctl.provider.Resource}s: a stable address per resource, only the properties fnctl
 *       manages, in exactly the shape {@link dev.fnctl.provider.Cloud#read} normalises the cloud's
 *       answers to (otherwise an applied spec never plans to "no changes"). Use {@link
 *       dev.fnctl.provider.Ownership} for tags and physical names, {@link dev.fnctl.provider.Item}
 *       for the neutral item, {@link dev.fnctl.provider.CodePackager} for function code, and a
 *       {@link dev.fnctl.provider.Ref} for a value only known once another resource exists.
 *   <li>{@link dev.fnctl.provider.Cloud#read} returns everything the stack owns plus whatever sits
 *       at a desired address, owned or not: the engine refuses to take over what the stack does not
 *       own.
 *   <li>{@link dev.fnctl.provider.Cloud#apply} makes one CREATE, UPDATE or DELETE (a replacement
 *       arrives as a DELETE then a CREATE), safe to repeat, and returns the outputs other
 *       resources' {@link dev.fnctl.provider.Ref}s name.
 *   <li>{@link dev.fnctl.provider.Cloud#lock} is a create-if-absent record in the cloud itself.
 * </ol>
 *
 * <p>The testkit ({@code fnctl-provider-testkit}) has {@code dev.fnctl.testkit.ProviderContract}:
 * extend it in the provider's tests, pointed at an emulator, to check all of the above through the
 * real engine.
 */
package dev.fnctl.provider;
