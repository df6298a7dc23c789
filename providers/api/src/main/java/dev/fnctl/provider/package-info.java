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
 *       arrives as two steps in the order the resource's {@link
 *       dev.fnctl.provider.Resource#replaceMode()} names), safe to repeat, and returns the outputs
 *       other resources' {@link dev.fnctl.provider.Ref}s name. Waits poll through the step's {@link
 *       dev.fnctl.provider.Deadline}, so the step timeout and Ctrl-C stop them; failures carry a
 *       {@link dev.fnctl.provider.ProviderException.Kind}.
 *   <li>Entries of a document the cloud replaces whole name it as their {@link
 *       dev.fnctl.provider.Resource#container()} (the engine runs one step per container at a time)
 *       and are written with {@link dev.fnctl.provider.SharedDocument}. A resource read
 *       mid-operation is {@link dev.fnctl.provider.LiveResource#pending()}, and {@link
 *       dev.fnctl.provider.Cloud#awaitSettled} waits for it.
 *   <li>{@link dev.fnctl.provider.Cloud#lock} is a create-if-absent record in the cloud itself.
 * </ol>
 *
 * <p>{@code docs/writing-a-provider.md} explains these mechanisms with the AWS provider as the
 * worked example.
 *
 * <p>The testkit ({@code fnctl-provider-testkit}) has {@code dev.fnctl.testkit.ProviderContract}:
 * extend it in the provider's tests, pointed at an emulator, to check all of the above through the
 * real engine.
 */
package dev.fnctl.provider;
