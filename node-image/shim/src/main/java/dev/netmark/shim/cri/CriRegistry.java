package dev.netmark.shim.cri;

import io.grpc.Channel;
import io.grpc.HandlerRegistry;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps every method name to a handler: the routes the shim knows get an {@link
 * InterceptingHandler}; anything else, including methods newer than the shim's proto, is forwarded
 * upstream as raw bytes, streaming or not.
 */
final class CriRegistry extends HandlerRegistry {
  private static final String CRI_PACKAGE = "runtime.v1.";

  private final Channel upstream;
  private final Map<String, UnaryRoute> routes;
  private final Map<String, ServerMethodDefinition<byte[], byte[]>> definitions =
      new ConcurrentHashMap<>();

  /**
   * @param routes unary routes by full method name ({@code runtime.v1.RuntimeService/Version})
   */
  CriRegistry(Channel upstream, Map<String, UnaryRoute> routes) {
    this.upstream = upstream;
    this.routes = Map.copyOf(routes);
  }

  @Override
  public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
    // Only CRI names are cached, so callers inventing method names cannot grow the map.
    return methodName.startsWith(CRI_PACKAGE)
        ? definitions.computeIfAbsent(methodName, this::define)
        : define(methodName);
  }

  private ServerMethodDefinition<byte[], byte[]> define(String methodName) {
    UnaryRoute route = routes.get(methodName);
    if (route != null) {
      return ServerMethodDefinition.create(
          RawBytes.method(methodName, MethodType.UNARY), new InterceptingHandler(upstream, route));
    }
    ServerCallHandler<byte[], byte[]> forward =
        (call, headers) -> ForwardingCall.start(call, headers, upstream, Reply.PASS_THROUGH);
    return ServerMethodDefinition.create(RawBytes.method(methodName, MethodType.UNKNOWN), forward);
  }
}
