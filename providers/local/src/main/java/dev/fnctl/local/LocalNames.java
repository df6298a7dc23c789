package dev.fnctl.local;

import dev.fnctl.model.spec.Deployment;

/**
 * The local provider's physical names: {@code <stack>-<target>-<name>}, e.g. {@code
 * orders-dev-resize}. Files on this machine have no naming limits worth shortening for, so the name
 * is the whole of it; each provider owns its naming scheme, and this is the local one.
 */
record LocalNames(String stack, String target) {

  static LocalNames of(Deployment deployment) {
    return new LocalNames(deployment.stack(), deployment.target().name());
  }

  /** The physical name of spec item {@code name}. */
  String physical(String name) {
    return stack + "-" + target + "-" + name;
  }
}
