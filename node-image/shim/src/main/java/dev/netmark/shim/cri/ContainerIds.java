package dev.netmark.shim.cri;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.grpc.StatusException;

/** Reading the container id a request is about, for routes keyed by container. */
final class ContainerIds {
  private ContainerIds() {}

  /** Extracts the container id from a request's bytes. */
  @FunctionalInterface
  interface IdOf {
    String of(byte[] request) throws InvalidProtocolBufferException;
  }

  static String of(IdOf idOf, byte[] bytes, String method) throws StatusException {
    try {
      return idOf.of(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw Statuses.error(
          Status.INVALID_ARGUMENT, method + ": malformed request: " + e.getMessage());
    }
  }
}
