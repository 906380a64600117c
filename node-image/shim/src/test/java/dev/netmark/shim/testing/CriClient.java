package dev.netmark.shim.testing;

import dev.netmark.shim.cri.api.ImageServiceGrpc;
import dev.netmark.shim.cri.api.ListPodSandboxRequest;
import dev.netmark.shim.cri.api.PodSandbox;
import dev.netmark.shim.cri.api.RemovePodSandboxRequest;
import dev.netmark.shim.cri.api.RuntimeServiceGrpc;
import dev.netmark.shim.cri.api.StopPodSandboxRequest;
import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A CRI client on a unix socket, standing in for kubelet. */
public final class CriClient implements AutoCloseable {
  private final ManagedChannel channel;

  public CriClient(Path socket) {
    channel =
        Grpc.newChannelBuilder("unix://" + socket, InsecureChannelCredentials.create())
            .maxInboundMessageSize(16 << 20)
            .build();
  }

  public RuntimeServiceGrpc.RuntimeServiceBlockingStub runtime() {
    return RuntimeServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  /** StopPodSandbox then RemovePodSandbox, as kubelet tears a pod down. */
  public void stopAndRemove(String sandboxId) {
    runtime().stopPodSandbox(StopPodSandboxRequest.newBuilder().setPodSandboxId(sandboxId).build());
    runtime()
        .removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(sandboxId).build());
  }

  /** Tears down every sandbox the runtime lists. */
  public void stopAndRemoveAll() {
    runtime().listPodSandbox(ListPodSandboxRequest.getDefaultInstance()).getItemsList().stream()
        .map(PodSandbox::getId)
        .forEach(this::stopAndRemove);
  }

  public ImageServiceGrpc.ImageServiceBlockingStub images() {
    return ImageServiceGrpc.newBlockingStub(channel).withDeadlineAfter(60, TimeUnit.SECONDS);
  }

  /** Calls any unary method with raw request bytes and returns the raw response bytes. */
  public byte[] rawUnary(String fullMethodName, byte[] request) {
    return ClientCalls.blockingUnaryCall(
        channel,
        MethodDescriptor.<byte[], byte[]>newBuilder()
            .setFullMethodName(fullMethodName)
            .setType(MethodDescriptor.MethodType.UNARY)
            .setRequestMarshaller(RAW)
            .setResponseMarshaller(RAW)
            .build(),
        CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS),
        request);
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private static final MethodDescriptor.Marshaller<byte[]> RAW =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };
}
