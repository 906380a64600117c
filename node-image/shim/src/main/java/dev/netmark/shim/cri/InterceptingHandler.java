package dev.netmark.shim.cri;

import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.Status;
import io.grpc.StatusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles a unary method the shim knows: reads the one request, lets a {@link UnaryRoute} decide,
 * then either answers locally or replays the untouched request bytes upstream.
 */
final class InterceptingHandler implements ServerCallHandler<byte[], byte[]> {
  private static final Logger LOG = LoggerFactory.getLogger(InterceptingHandler.class);

  private final Channel upstream;
  private final UnaryRoute route;

  InterceptingHandler(Channel upstream, UnaryRoute route) {
    this.upstream = upstream;
    this.route = route;
  }

  @Override
  public ServerCall.Listener<byte[]> startCall(ServerCall<byte[], byte[]> call, Metadata headers) {
    call.request(1);
    return new ServerCall.Listener<>() {
      private byte[] request;
      private ForwardingCall forwarding;

      @Override
      public void onMessage(byte[] message) {
        request = message;
      }

      @Override
      public void onHalfClose() {
        String method = call.getMethodDescriptor().getFullMethodName();
        if (request == null) {
          call.close(
              Status.INTERNAL.withDescription(method + ": no request message"), new Metadata());
          return;
        }
        Reply reply;
        try {
          reply = route.route(request);
        } catch (StatusException e) {
          Metadata trailers = e.getTrailers() == null ? new Metadata() : e.getTrailers();
          call.close(e.getStatus(), trailers);
          return;
        } catch (RuntimeException e) {
          LOG.error("{} failed in the shim", method, e);
          call.close(
              Status.INTERNAL
                  .withDescription("netmark shim: " + method + " failed: " + e)
                  .withCause(e),
              new Metadata());
          return;
        }
        switch (reply) {
          case Reply.Local local -> {
            call.sendHeaders(new Metadata());
            call.sendMessage(local.response());
            call.close(Status.OK, new Metadata());
          }
          case Reply.Forward how -> {
            forwarding = ForwardingCall.start(call, headers, upstream, how);
            forwarding.onMessage(request);
            forwarding.onHalfClose();
          }
        }
      }

      @Override
      public void onCancel() {
        if (forwarding != null) {
          forwarding.onCancel();
        }
      }

      @Override
      public void onReady() {
        if (forwarding != null) {
          forwarding.onReady();
        }
      }
    };
  }
}
