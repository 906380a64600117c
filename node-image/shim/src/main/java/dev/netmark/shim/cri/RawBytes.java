package dev.netmark.shim.cri;

import io.grpc.MethodDescriptor;
import io.grpc.MethodDescriptor.Marshaller;
import io.grpc.MethodDescriptor.MethodType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Messages as opaque bytes. The proxy never re-encodes what it forwards, so fields and methods
 * newer than the shim's proto reach the upstream runtime exactly as kubelet sent them.
 */
final class RawBytes {
  static final Marshaller<byte[]> MARSHALLER =
      new Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException("reading a gRPC message", e);
          }
        }
      };

  private RawBytes() {}

  /** A byte-level descriptor for {@code fullMethodName} ({@code package.Service/Method}). */
  static MethodDescriptor<byte[], byte[]> method(String fullMethodName, MethodType type) {
    return MethodDescriptor.<byte[], byte[]>newBuilder()
        .setFullMethodName(fullMethodName)
        .setType(type)
        .setRequestMarshaller(MARSHALLER)
        .setResponseMarshaller(MARSHALLER)
        .build();
  }
}
