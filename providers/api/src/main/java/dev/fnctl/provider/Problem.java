package dev.fnctl.provider;

/**
 * A validation problem a provider found, at a spec path such as {@code functions.resize.memory}.
 * The message says what is wrong and what to do, and names the target when only this target is
 * affected.
 */
public record Problem(String path, String message) {}
