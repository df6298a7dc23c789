package dev.fnctl.fake.gcp;

import com.google.longrunning.Operation;
import com.google.protobuf.Any;
import com.google.protobuf.Message;
import com.google.rpc.Code;
import com.google.rpc.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Long-running operations, shared by every API (their names are unique, so one store answers the
 * GetOperation of Cloud Functions and of Eventarc alike). An operation is not done when it starts,
 * nor on its first {@link #pollsBeforeDone} gets, nor before {@link #delay} has passed, so a client
 * that does not wait is caught. When it finishes, its work runs: the resource it changes becomes
 * what the operation promised, or, when a failure was armed with {@link #failNext}, the operation
 * ends with Google's error and the work's failure path runs instead.
 */
final class Operations {
  /** What an operation does when it finishes: returns its response, or undoes on failure. */
  interface Work {
    Message succeed();

    default void fail(String message) {}
  }

  private record Pending(
      Operation started, Message metadata, String rpc, Instant created, Work work) {}

  private record Failure(String rpcSubstring, String message) {}

  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final ConcurrentSkipListMap<String, Operation> finished = new ConcurrentSkipListMap<>();
  private final Map<String, Integer> polls = new ConcurrentHashMap<>();
  private final List<Failure> failures = new CopyOnWriteArrayList<>();
  volatile int pollsBeforeDone = 1;
  volatile Duration delay = Duration.ZERO;

  /** Starts an operation under {@code projects/P/locations/L}. */
  Operation start(String location, String rpc, Message metadata, Work work) {
    String name = location + "/operations/operation-" + UUID.randomUUID();
    Operation operation =
        Operation.newBuilder().setName(name).setMetadata(Any.pack(metadata)).setDone(false).build();
    pending.put(name, new Pending(operation, metadata, rpc, Instant.now(), work));
    return operation;
  }

  /** The operation as a get sees it now, finishing it when its time has come. */
  Operation get(String name) {
    Operation done = finished.get(name);
    if (done != null) {
      return done;
    }
    Pending op = pending.get(name);
    if (op == null) {
      throw GoogleError.notFound("Operation " + name + " not found.");
    }
    int seen = polls.merge(name, 1, Integer::sum);
    if (seen <= pollsBeforeDone || Instant.now().isBefore(op.created().plus(delay))) {
      return op.started();
    }
    return finish(name);
  }

  private synchronized Operation finish(String name) {
    Pending op = pending.remove(name);
    if (op == null) {
      return finished.get(name);
    }
    Operation.Builder done =
        op.started().toBuilder().setDone(true).setMetadata(Any.pack(ended(op.metadata())));
    Failure failure = takeFailure(op.rpc());
    if (failure != null) {
      op.work().fail(failure.message());
      done.setError(
          Status.newBuilder().setCode(Code.INVALID_ARGUMENT_VALUE).setMessage(failure.message()));
    } else {
      try {
        done.setResponse(Any.pack(op.work().succeed()));
      } catch (GoogleError e) {
        op.work().fail(e.getMessage());
        done.setError(Status.newBuilder().setCode(e.code()).setMessage(e.getMessage()));
      }
    }
    Operation result = done.build();
    finished.put(name, result);
    return result;
  }

  /** The metadata with its end_time set, for the metadata types that have one. */
  private static Message ended(Message metadata) {
    var endTime = metadata.getDescriptorForType().findFieldByName("end_time");
    if (endTime == null
        || !endTime.getMessageType().getFullName().equals("google.protobuf.Timestamp")) {
      return metadata;
    }
    return metadata.toBuilder().setField(endTime, Standard.now()).build();
  }

  /** Finishes every pending operation now, whatever its polls, as if time had passed. */
  void finishAll() {
    for (String name : List.copyOf(pending.keySet())) {
      finish(name);
    }
  }

  private Failure takeFailure(String rpc) {
    for (Failure failure : failures) {
      if (rpc.contains(failure.rpcSubstring()) && failures.remove(failure)) {
        return failure;
      }
    }
    return null;
  }

  void failNext(String rpcSubstring, String message) {
    failures.add(new Failure(rpcSubstring, message));
  }

  /** The operations under a location, for ListOperations. */
  List<Operation> list(String location) {
    String prefix = location + "/operations/";
    java.util.ArrayList<Operation> all = new java.util.ArrayList<>();
    pending.forEach(
        (name, op) -> {
          if (name.startsWith(prefix)) {
            all.add(op.started());
          }
        });
    finished.forEach(
        (name, op) -> {
          if (name.startsWith(prefix)) {
            all.add(op);
          }
        });
    return all;
  }

  static Supplier<Message> constant(Message response) {
    return () -> response;
  }
}
