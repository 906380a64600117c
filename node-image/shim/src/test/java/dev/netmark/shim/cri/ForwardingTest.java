package dev.netmark.shim.cri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generic relay against a real gRPC upstream on a unix socket, with methods the CRI proto does
 * not have: streams in both directions with flow control, the caller's deadline, its cancellation,
 * and metadata in both directions.
 */
class ForwardingTest {
  private static final Metadata.Key<String> ASKED =
      Metadata.Key.of("x-nmcri-asked", Metadata.ASCII_STRING_MARSHALLER);
  private static final Metadata.Key<byte[]> ANSWERED =
      Metadata.Key.of("x-nmcri-answered-bin", Metadata.BINARY_BYTE_MARSHALLER);
  private static final int STREAMED = 2000;

  @TempDir Path dir;
  private EpollEventLoopGroup loops;
  private Server upstream;
  private CriServer shim;
  private ManagedChannel client;
  private final AtomicReference<String> seenHeader = new AtomicReference<>();
  private final AtomicReference<Long> seenDeadlineMs = new AtomicReference<>();
  private final CountDownLatch hangCancelled = new CountDownLatch(1);

  @BeforeEach
  void start() throws Exception {
    loops = new EpollEventLoopGroup(1);
    Path up = dir.resolve("upstream.sock");
    upstream =
        NettyServerBuilder.forAddress(new DomainSocketAddress(up.toString()))
            .channelType(EpollServerDomainSocketChannel.class)
            .bossEventLoopGroup(loops)
            .workerEventLoopGroup(loops)
            .addService(service())
            .build()
            .start();
    shim = CriServer.passThrough(dir.resolve("shim.sock"), up);
    client =
        Grpc.newChannelBuilder("unix://" + shim.socket(), InsecureChannelCredentials.create())
            .build();
  }

  @AfterEach
  void stop() throws Exception {
    client.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    shim.close();
    upstream.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void serverStreamArrivesWholeAndInOrderWhileTheReaderLags() throws Exception {
    Iterator<byte[]> it =
        ClientCalls.blockingServerStreamingCall(
            client,
            RawBytes.method("test.Relay/Count", MethodType.SERVER_STREAMING),
            CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS),
            bytes("go"));
    List<String> got = new ArrayList<>();
    while (it.hasNext()) {
      got.add(text(it.next()));
      if (got.size() % 500 == 0) {
        Thread.sleep(50); // a slow reader: the relay must not drop or reorder
      }
    }
    assertThat(got).hasSize(STREAMED);
    assertThat(got.get(0)).startsWith("0:");
    assertThat(got.get(STREAMED - 1)).startsWith((STREAMED - 1) + ":");
    for (int i = 0; i < STREAMED; i++) {
      assertThat(got.get(i)).startsWith(i + ":");
    }
  }

  @Test
  void bidiStreamEchoesEveryMessage() throws Exception {
    LinkedBlockingQueue<String> echoed = new LinkedBlockingQueue<>();
    CountDownLatch done = new CountDownLatch(1);
    AtomicReference<Status> end = new AtomicReference<>();
    ClientCall<byte[], byte[]> call =
        client.newCall(
            RawBytes.method("test.Relay/Echo", MethodType.BIDI_STREAMING),
            CallOptions.DEFAULT.withDeadlineAfter(60, TimeUnit.SECONDS));
    call.start(
        new ClientCall.Listener<>() {
          @Override
          public void onMessage(byte[] message) {
            echoed.add(text(message));
            call.request(1);
          }

          @Override
          public void onClose(Status status, Metadata trailers) {
            end.set(status);
            done.countDown();
          }
        },
        new Metadata());
    call.request(1);
    for (int i = 0; i < 300; i++) {
      call.sendMessage(bytes("m" + i));
    }
    call.halfClose();
    assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(end.get().getCode()).isEqualTo(Status.Code.OK);
    List<String> all = new ArrayList<>(echoed);
    assertThat(all).hasSize(300);
    assertThat(all.get(0)).isEqualTo("echo m0");
    assertThat(all.get(299)).isEqualTo("echo m299");
  }

  @Test
  void deadlineAndHeadersReachUpstreamAndTrailersComeBack() {
    Metadata headers = new Metadata();
    headers.put(ASKED, "v1");
    AtomicReference<Metadata> trailers = new AtomicReference<>();
    byte[] answer =
        ClientCalls.blockingUnaryCall(
            io.grpc.ClientInterceptors.intercept(
                client,
                io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers),
                io.grpc.stub.MetadataUtils.newCaptureMetadataInterceptor(
                    new AtomicReference<>(), trailers)),
            RawBytes.method("test.Relay/Inspect", MethodType.UNARY),
            CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS),
            bytes("?"));
    assertThat(text(answer)).isEqualTo("ok");
    assertThat(seenHeader.get()).isEqualTo("v1");
    // The upstream leg carries the caller's deadline (20 s, less what has passed).
    assertThat(seenDeadlineMs.get()).isBetween(1L, 20_000L);
    assertThat(trailers.get().get(ANSWERED)).isEqualTo(new byte[] {1, 2, 3});
  }

  @Test
  void theCallersCancellationReachesUpstream() throws Exception {
    assertThatThrownBy(
            () ->
                ClientCalls.blockingUnaryCall(
                    client,
                    RawBytes.method("test.Relay/Hang", MethodType.UNARY),
                    CallOptions.DEFAULT.withDeadlineAfter(300, TimeUnit.MILLISECONDS),
                    bytes("x")))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
    assertThat(hangCancelled.await(10, TimeUnit.SECONDS))
        .as("upstream saw the cancellation")
        .isTrue();
  }

  @Test
  void upstreamErrorsPassUnchanged() {
    assertThatThrownBy(
            () ->
                ClientCalls.blockingUnaryCall(
                    client,
                    RawBytes.method("test.Relay/Fail", MethodType.UNARY),
                    CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS),
                    bytes("x")))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
              assertThat(e.getStatus().getDescription()).isEqualTo("upstream says no");
            });
  }

  private ServerServiceDefinition service() {
    return ServerServiceDefinition.builder("test.Relay")
        .addMethod(
            def(
                "test.Relay/Count",
                MethodType.SERVER_STREAMING,
                io.grpc.stub.ServerCalls.asyncServerStreamingCall(this::count)))
        .addMethod(
            def(
                "test.Relay/Echo",
                MethodType.BIDI_STREAMING,
                io.grpc.stub.ServerCalls.asyncBidiStreamingCall(ForwardingTest::echo)))
        .addMethod(def("test.Relay/Inspect", MethodType.UNARY, this::inspect))
        .addMethod(
            def(
                "test.Relay/Hang",
                MethodType.UNARY,
                io.grpc.stub.ServerCalls.asyncUnaryCall(
                    (req, out) ->
                        Context.current()
                            .addListener(c -> hangCancelled.countDown(), Runnable::run))))
        .addMethod(
            def(
                "test.Relay/Fail",
                MethodType.UNARY,
                io.grpc.stub.ServerCalls.asyncUnaryCall(
                    (req, out) ->
                        out.onError(
                            Status.RESOURCE_EXHAUSTED
                                .withDescription("upstream says no")
                                .asException()))))
        .build();
  }

  private void count(byte[] request, StreamObserver<byte[]> out) {
    // Respects the receiver's readiness, so a relay that ignored flow control would stall here.
    var call = (io.grpc.stub.ServerCallStreamObserver<byte[]>) out;
    int[] next = {0};
    Runnable drain =
        () -> {
          while (call.isReady() && next[0] < STREAMED) {
            call.onNext(bytes(next[0] + ":" + "x".repeat(1024)));
            next[0]++;
          }
          if (next[0] == STREAMED) {
            next[0]++;
            call.onCompleted();
          }
        };
    call.setOnReadyHandler(drain);
    drain.run();
  }

  private static StreamObserver<byte[]> echo(StreamObserver<byte[]> out) {
    return new StreamObserver<>() {
      @Override
      public void onNext(byte[] value) {
        out.onNext(bytes("echo " + text(value)));
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {
        out.onCompleted();
      }
    };
  }

  private ServerCall.Listener<byte[]> inspect(ServerCall<byte[], byte[]> call, Metadata headers) {
    seenHeader.set(headers.get(ASKED));
    var deadline = Context.current().getDeadline();
    seenDeadlineMs.set(deadline == null ? null : deadline.timeRemaining(TimeUnit.MILLISECONDS));
    call.request(1);
    return new ServerCall.Listener<>() {
      @Override
      public void onHalfClose() {
        call.sendHeaders(new Metadata());
        call.sendMessage(bytes("ok"));
        Metadata trailers = new Metadata();
        trailers.put(ANSWERED, new byte[] {1, 2, 3});
        call.close(Status.OK, trailers);
      }
    };
  }

  private static ServerMethodDefinition<byte[], byte[]> def(
      String name, MethodType type, ServerCallHandler<byte[], byte[]> handler) {
    return ServerMethodDefinition.create(RawBytes.method(name, type), handler);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
