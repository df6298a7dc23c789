package dev.fnctl.fake.gcp;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * An error answered as Google's JSON APIs answer it: {@code {"error":{"code":404,"message":...,
 * "status":"NOT_FOUND","details":[...]}}}, the HTTP status being the canonical code's mapping
 * (google.rpc.Code). Thrown anywhere in a handler; the server turns it into the response.
 */
final class GoogleError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int httpStatus;
  final String status;
  final transient JsonArray details;

  /** Cloud Storage's JSON API answers {@code errors: [{reason}]} instead of a status name. */
  String storageReason;

  GoogleError(int httpStatus, String status, String message) {
    this(httpStatus, status, message, new JsonArray());
  }

  GoogleError(int httpStatus, String status, String message, JsonArray details) {
    super(message);
    this.httpStatus = httpStatus;
    this.status = status;
    this.details = details;
  }

  static GoogleError invalidArgument(String message) {
    return new GoogleError(400, "INVALID_ARGUMENT", message);
  }

  static GoogleError failedPrecondition(String message) {
    return new GoogleError(400, "FAILED_PRECONDITION", message);
  }

  static GoogleError notFound(String message) {
    return new GoogleError(404, "NOT_FOUND", message);
  }

  static GoogleError alreadyExists(String message) {
    return new GoogleError(409, "ALREADY_EXISTS", message);
  }

  static GoogleError aborted(String message) {
    return new GoogleError(409, "ABORTED", message);
  }

  static GoogleError unimplemented(String message) {
    return new GoogleError(501, "UNIMPLEMENTED", message);
  }

  static GoogleError storage(int httpStatus, String reason, String message) {
    GoogleError error = ofHttpStatus(httpStatus, message);
    error.storageReason = reason;
    return error;
  }

  /** The canonical status name for an HTTP status the fault injection is asked to answer. */
  static GoogleError ofHttpStatus(int httpStatus, String message) {
    String status =
        switch (httpStatus) {
          case 400 -> "INVALID_ARGUMENT";
          case 401 -> "UNAUTHENTICATED";
          case 403 -> "PERMISSION_DENIED";
          case 404 -> "NOT_FOUND";
          case 409 -> "ABORTED";
          case 412 -> "FAILED_PRECONDITION";
          case 429 -> "RESOURCE_EXHAUSTED";
          case 499 -> "CANCELLED";
          case 501 -> "UNIMPLEMENTED";
          case 503 -> "UNAVAILABLE";
          case 504 -> "DEADLINE_EXCEEDED";
          default -> "INTERNAL";
        };
    return new GoogleError(httpStatus, status, message);
  }

  /** The google.rpc.Code number of {@link #status}, for an operation's error. */
  int code() {
    return com.google.rpc.Code.valueOf(status).getNumber();
  }

  JsonObject toJson() {
    JsonObject error = new JsonObject();
    error.addProperty("code", httpStatus);
    error.addProperty("message", getMessage());
    if (storageReason != null) {
      JsonObject item = new JsonObject();
      item.addProperty("message", getMessage());
      item.addProperty("domain", "global");
      item.addProperty("reason", storageReason);
      JsonArray errors = new JsonArray();
      errors.add(item);
      error.add("errors", errors);
    } else {
      error.addProperty("status", status);
      error.add("details", details);
    }
    JsonObject root = new JsonObject();
    root.add("error", error);
    return root;
  }
}
