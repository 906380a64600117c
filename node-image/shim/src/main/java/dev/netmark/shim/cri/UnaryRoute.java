package dev.netmark.shim.cri;

import io.grpc.StatusException;

/**
 * Decides one unary call of a method the shim knows: answer it for a netperf pod, or forward it.
 * Runs on a virtual thread of the server and may block (a CNI ADD does).
 */
@FunctionalInterface
interface UnaryRoute {
  /**
   * @param request the request exactly as the caller sent it
   * @throws StatusException to end the call with that status (e.g. a failed CNI ADD)
   */
  Reply route(byte[] request) throws StatusException;
}
