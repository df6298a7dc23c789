package dev.fnctl.fake.azure;

import java.util.Map;

/**
 * An error answered in ARM's shape, {@code {"error":{"code":...,"message":...}}}, with the HTTP
 * status real ARM uses for it. Handlers throw it; the server turns it into the response.
 */
final class ArmException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final int status;
  final String code;
  final Map<String, String> headers;

  ArmException(int status, String code, String message) {
    this(status, code, message, Map.of());
  }

  ArmException(int status, String code, String message, Map<String, String> headers) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.headers = headers;
  }

  static ArmException badRequest(String code, String message) {
    return new ArmException(400, code, message);
  }

  static ArmException notFound(String code, String message) {
    return new ArmException(404, code, message);
  }

  static ArmException conflict(String code, String message) {
    return new ArmException(409, code, message);
  }

  /** The generic 404 ARM answers for a missing tracked resource. */
  static ArmException resourceNotFound(String type, String name, String group) {
    return notFound(
        "ResourceNotFound",
        "The Resource '"
            + type
            + "/"
            + name
            + "' under resource group '"
            + group
            + "' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");
  }

  ArmResponse response() {
    var body = Json.object();
    var error = body.putObject("error");
    error.put("code", code);
    error.put("message", getMessage());
    return new ArmResponse(status, headers, body);
  }
}
