package dev.netmark.measurements.source;

import java.io.IOException;

/** Fetches a path from one node's shim HTTP endpoint. Implementations must be thread-safe. */
@FunctionalInterface
public interface ShimClient {

  /**
   * @param node the node name
   * @param pathAndQuery e.g. {@code /records?cursor=12}
   * @return the body and headers of a 200 answer
   * @throws IOException for a failed or non-200 answer, with the node and status in the message
   */
  ShimResponse get(String node, String pathAndQuery) throws IOException, InterruptedException;
}
