package dev.fnctl.engine;

import dev.fnctl.provider.ProviderException;
import dev.fnctl.provider.StackLock;

/** Another run holds the stack lock (and did not release it within the lock timeout). */
public final class LockHeldException extends ProviderException {
  private static final long serialVersionUID = 1L;
  private final transient StackLock.Holder holder;

  public LockHeldException(StackLock.Holder holder) {
    super(
        "the stack is locked by "
            + holder.who()
            + " ("
            + holder.operation()
            + " since "
            + holder.since()
            + ", lock id "
            + holder.id()
            + "); wait for it to finish, or run 'fnctl unlock' if that run was killed");
    this.holder = holder;
  }

  public StackLock.Holder holder() {
    return holder;
  }
}
