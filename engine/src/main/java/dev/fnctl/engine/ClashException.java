package dev.fnctl.engine;

import dev.fnctl.provider.ProviderException;
import java.util.List;

/**
 * The spec asks for resources whose names are taken by resources the stack does not own. fnctl
 * never takes over or overwrites those: the user renames the item or deals with the existing
 * resource. An error like any cloud error (exit 1).
 */
public final class ClashException extends ProviderException {
  private static final long serialVersionUID = 1L;
  private final List<String> addresses;

  ClashException(String stack, String target, List<String> described, List<String> addresses) {
    super(
        String.join("; ", described)
            + (described.size() == 1 ? " already exists" : " already exist")
            + " but "
            + (described.size() == 1 ? "is" : "are")
            + " not owned by stack '"
            + stack
            + "' on target '"
            + target
            + "'; fnctl will not take over what it does not own: rename the item in the spec, or remove"
            + " or adopt the existing resource outside fnctl");
    this.addresses = List.copyOf(addresses);
  }

  /** The addresses that clash. */
  public List<String> addresses() {
    return addresses;
  }
}
