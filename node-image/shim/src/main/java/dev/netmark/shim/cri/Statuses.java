package dev.netmark.shim.cri;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Parser;
import io.grpc.Status;
import io.grpc.StatusException;

/** Building the gRPC errors the shim returns. */
final class Statuses {
  private Statuses() {}

  /** Parses a request, or fails the call with INVALID_ARGUMENT naming the method. */
  static <T> T parse(Parser<T> parser, byte[] bytes, String what) throws StatusException {
    try {
      return parser.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw error(Status.INVALID_ARGUMENT, what + ": malformed request: " + e.getMessage());
    }
  }

  static StatusException error(Status status, String description) {
    return status.withDescription("netmark shim: " + description).asException();
  }
}
