package dev.fnctl.fake.gcp;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;

/**
 * One RPC being answered: the route it came by, its request (already parsed strictly into the
 * method's request type) and the fake's base URL, for answers that point back at the fake (an
 * upload URL, a resumable session).
 */
record RpcCall(Route route, Message request, String baseUrl) {

  /** The request as its generated class. */
  @SuppressWarnings("unchecked")
  <Q extends Message> Q request(Q prototype) {
    if (prototype.getClass().isInstance(request)) {
      return (Q) request;
    }
    try {
      return (Q) prototype.getParserForType().parseFrom(request.toByteString());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    }
  }

  String rpc() {
    return route.rpc();
  }
}
