package dev.netmark.shim.cri;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays one call between kubelet (the server leg) and the upstream runtime (the client leg), in
 * both directions, with flow control: a side asks for the next message only when the other side can
 * take it, so a slow reader never makes the shim buffer a stream.
 *
 * <p>The client leg is created inside the server call's {@link Context}, which gives it the
 * caller's deadline and cancels it when the caller cancels. Headers and trailers are copied both
 * ways; upstream's status reaches the caller unchanged.
 */
final class ForwardingCall extends ServerCall.Listener<byte[]> {
  private static final Logger LOG = LoggerFactory.getLogger(ForwardingCall.class);

  private final ServerCall<byte[], byte[]> serverCall;
  private final ClientCall<byte[], byte[]> clientCall;
  private final Reply.Forward how;
  // Guarded by this: a message each side could not pass on yet because the other was not ready.
  private boolean serverRequestPending;
  private boolean clientRequestPending;

  private ForwardingCall(
      ServerCall<byte[], byte[]> serverCall, Channel upstream, Reply.Forward how) {
    this.serverCall = serverCall;
    this.how = how;
    String method = serverCall.getMethodDescriptor().getFullMethodName();
    CallOptions options = CallOptions.DEFAULT.withDeadline(Context.current().getDeadline());
    this.clientCall =
        upstream.newCall(
            RawBytes.method(method, serverCall.getMethodDescriptor().getType()), options);
  }

  /** Starts the upstream leg; the returned listener takes the caller's messages. */
  static ForwardingCall start(
      ServerCall<byte[], byte[]> serverCall,
      Metadata headers,
      Channel upstream,
      Reply.Forward how) {
    ForwardingCall call = new ForwardingCall(serverCall, upstream, how);
    call.clientCall.start(call.new ResponseRelay(), Headers.copy(headers));
    call.clientCall.request(1);
    serverCall.request(1);
    return call;
  }

  @Override
  public void onMessage(byte[] message) {
    clientCall.sendMessage(message);
    synchronized (this) {
      if (clientCall.isReady()) {
        serverCall.request(1);
      } else {
        serverRequestPending = true;
      }
    }
  }

  @Override
  public void onHalfClose() {
    clientCall.halfClose();
  }

  @Override
  public void onCancel() {
    clientCall.cancel("the caller cancelled the call", null);
  }

  @Override
  public void onReady() {
    synchronized (this) {
      if (clientRequestPending) {
        clientRequestPending = false;
        clientCall.request(1);
      }
    }
  }

  private void upstreamReady() {
    synchronized (this) {
      if (serverRequestPending) {
        serverRequestPending = false;
        serverCall.request(1);
      }
    }
  }

  /** Upstream's answers, passed back to the caller. Callbacks arrive one at a time. */
  private final class ResponseRelay extends ClientCall.Listener<byte[]> {
    private boolean headersSent;
    private boolean closed;

    @Override
    public void onHeaders(Metadata headers) {
      serverCall.sendHeaders(Headers.copy(headers));
      headersSent = true;
    }

    @Override
    public void onMessage(byte[] message) {
      if (closed) {
        return;
      }
      byte[] out;
      try {
        out = how.transform().apply(message);
      } catch (RuntimeException e) {
        failMerge(e);
        return;
      }
      send(out);
      synchronized (ForwardingCall.this) {
        if (serverCall.isReady()) {
          clientCall.request(1);
        } else {
          clientRequestPending = true;
        }
      }
    }

    @Override
    public void onReady() {
      upstreamReady();
    }

    @Override
    public void onClose(Status status, Metadata trailers) {
      if (closed) {
        return;
      }
      if (status.isOk()) {
        try {
          byte[] extra = how.epilogue().get();
          if (extra != null) {
            send(extra);
          }
        } catch (RuntimeException e) {
          failMerge(e);
          return;
        }
      }
      closed = true;
      serverCall.close(status, Headers.copy(trailers));
    }

    private void send(byte[] message) {
      if (!headersSent) {
        serverCall.sendHeaders(new Metadata());
        headersSent = true;
      }
      serverCall.sendMessage(message);
    }

    private void failMerge(RuntimeException e) {
      String method = serverCall.getMethodDescriptor().getFullMethodName();
      LOG.warn("merging the shim's answer into {} failed", method, e);
      closed = true;
      clientCall.cancel("the shim could not merge the answer", e);
      serverCall.close(
          Status.INTERNAL.withDescription(
              "netmark shim: merging its pods into the answer of " + method + " failed: " + e),
          new Metadata());
    }
  }
}
