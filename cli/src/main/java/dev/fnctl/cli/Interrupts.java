package dev.fnctl.cli;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Ctrl-C (SIGINT) and SIGTERM (what CI systems send to a cancelled job) while apply or destroy is
 * changing the cloud. The first asks the run to stop the way the engine supports: the applying
 * thread is interrupted, no new change starts, the changes in flight finish, the lock is released
 * and the usual report is printed (exit 1). The second exits at once, leaving the lock held.
 *
 * <p>Why {@code sun.misc.Signal} and not a shutdown hook: a hook runs only once the JVM has begun
 * to exit, and from then on the JVM does nothing with further signals, so a second Ctrl-C could not
 * cut the wait short; {@code System.exit} blocks for as long as the hook runs, and the exit status
 * is the signal's (130, 143) unless the hook halts the JVM itself. A signal handler leaves the JVM
 * running: the apply ends on its own thread and {@code main} returns its exit code as always. The
 * handler is installed only around the apply and the previous one is put back afterwards, so
 * anywhere else a signal has its default effect (the JVM exits; nothing is being changed then).
 * {@code sun.misc.Signal} is in the {@code jdk.unsupported} module, which the JDK keeps for exactly
 * this kind of use.
 */
final class Interrupts {

  /** Where signals come from: the operating system, or a test that raises them itself. */
  interface Signals {
    /**
     * Calls {@code received} on every SIGINT and SIGTERM until the returned handle is closed, which
     * puts back the handling there was before.
     */
    Installed install(Runnable received);
  }

  interface Installed extends AutoCloseable {
    @Override
    void close();
  }

  /** Signals are left alone (tests that do not raise any). */
  static final Interrupts NONE = new Interrupts(received -> () -> {}, code -> {});

  private final Signals signals;
  private final IntConsumer exitNow;

  Interrupts(Signals signals, IntConsumer exitNow) {
    this.signals = signals;
    this.exitNow = exitNow;
  }

  /** The process's own SIGINT and SIGTERM; a second signal halts the JVM. */
  static Interrupts system() {
    // halt, not exit: "at once" means not waiting for anything, shutdown hooks included.
    return new Interrupts(Interrupts::osSignals, code -> Runtime.getRuntime().halt(code));
  }

  /**
   * SIGINT and SIGTERM through {@code sun.misc.Signal}, reached reflectively: javac warns on every
   * use of that API and the warning cannot be suppressed, and a runtime without the module keeps
   * the default handling instead of failing.
   */
  private static Installed osSignals(Runnable received) {
    List<Runnable> restore = new ArrayList<>();
    try {
      Class<?> signalType = Class.forName("sun.misc.Signal");
      Class<?> handlerType = Class.forName("sun.misc.SignalHandler");
      Method handle = signalType.getMethod("handle", signalType, handlerType);
      Object handler =
          Proxy.newProxyInstance(
              Interrupts.class.getClassLoader(),
              new Class<?>[] {handlerType},
              (proxy, method, args) -> {
                if (method.getDeclaringClass() != Object.class) {
                  received.run(); // SignalHandler.handle(Signal), on a thread the JVM starts for it
                  return null;
                }
                return switch (method.getName()) {
                  case "equals" -> proxy == args[0];
                  case "hashCode" -> System.identityHashCode(proxy);
                  default -> "fnctl interrupt handler";
                };
              });
      for (String name : List.of("INT", "TERM")) {
        Object signal = signalType.getConstructor(String.class).newInstance(name);
        // An ignored signal (nohup, a background job) stays ignored: the JVM keeps it so.
        Object before = handle.invoke(null, signal, handler);
        restore.add(
            0,
            () -> {
              try {
                handle.invoke(null, signal, before);
              } catch (ReflectiveOperationException e) {
                // put back as far as possible; the process is about to end anyway
              }
            });
      }
    } catch (ReflectiveOperationException | LinkageError e) {
      // No such API or signal here, or the JVM keeps the signal (-Xrs): the default effect stays.
    }
    return () -> restore.forEach(Runnable::run);
  }

  /**
   * Watches for interrupts until closed: the first interrupts the calling thread, the second exits
   * at once. Closing puts the previous signal handling back and clears an interrupt that was meant
   * for the apply, so it cannot reach what follows.
   */
  Watch watch(PrintWriter err, String operation) {
    return new Watch(err, operation);
  }

  final class Watch implements AutoCloseable {
    private final Thread applying = Thread.currentThread();
    private final PrintWriter err;
    private final String operation;
    private final Installed installed;
    private int received;
    private boolean closed;

    private Watch(PrintWriter err, String operation) {
      this.err = err;
      this.operation = operation;
      this.installed = signals.install(this::received);
    }

    private void received() {
      synchronized (this) {
        if (closed) return;
        if (++received == 1) {
          say(
              "Interrupt received: no new changes will start; waiting for the ones in flight to finish"
                  + " (interrupt again to exit at once and leave the stack lock held).");
          applying.interrupt();
          return;
        }
      }
      say(
          "Interrupted again: exiting now. Changes in flight may be cut short and the stack lock stays"
              + " held: run 'fnctl unlock' (with the same -f/-t) before the next "
              + operation
              + ".");
      exitNow.accept(ExitCode.ERROR);
    }

    private void say(String line) {
      err.println(line);
      err.flush();
    }

    @Override
    public void close() {
      synchronized (this) {
        closed = true;
      }
      installed.close();
      Thread.interrupted();
    }
  }
}
