package dev.netmark.shim.cri;

import io.grpc.Metadata;
import java.util.List;

/** Copies metadata between the two legs of a proxied call. */
final class Headers {
  // Owned by the transport of each leg: copying them would duplicate or contradict what the
  // transport writes itself (the deadline travels through the Context instead of grpc-timeout).
  private static final List<Metadata.Key<String>> TRANSPORT_KEYS =
      List.of(
              "content-type",
              "te",
              "user-agent",
              "grpc-timeout",
              "grpc-encoding",
              "grpc-accept-encoding",
              "grpc-status",
              "grpc-message")
          .stream()
          .map(name -> Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER))
          .toList();

  private Headers() {}

  /** Every application header of {@code from}, including binary ones like status details. */
  static Metadata copy(Metadata from) {
    Metadata to = new Metadata();
    if (from != null) {
      to.merge(from);
    }
    TRANSPORT_KEYS.forEach(to::discardAll);
    return to;
  }
}
