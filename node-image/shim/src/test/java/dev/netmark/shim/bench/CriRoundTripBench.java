package dev.netmark.shim.bench;

import dev.netmark.shim.cri.api.RuntimeServiceGrpc;
import dev.netmark.shim.cri.api.VersionRequest;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * Unary round trip of CRI Version, direct to a runtime socket and through a shim, sequentially.
 *
 * <pre>
 * java -cp netmark-shim.jar:test-classes dev.netmark.shim.bench.CriRoundTripBench \
 *     DIRECT_SOCKET SHIM_SOCKET [CALLS]
 * </pre>
 */
public final class CriRoundTripBench {
  private CriRoundTripBench() {}

  public static void main(String[] args) throws Exception {
    int calls = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
    for (int round = 0; round < 2; round++) {
      // The first round warms up both paths (JIT, connections); the second is reported.
      double direct = medianMicros(args[0], calls);
      double shim = medianMicros(args[1], calls);
      if (round == 1) {
        System.out.printf(
            "Version x%d: median direct %.0f us, through shim %.0f us (+%.0f us)%n",
            calls, direct, shim, shim - direct);
      }
    }
  }

  private static double medianMicros(String socket, int calls) throws InterruptedException {
    ManagedChannel ch =
        Grpc.newChannelBuilder("unix://" + socket, InsecureChannelCredentials.create()).build();
    try {
      var stub = RuntimeServiceGrpc.newBlockingStub(ch);
      long[] nanos = new long[calls];
      VersionRequest req = VersionRequest.newBuilder().setVersion("v1").build();
      for (int i = 0; i < calls; i++) {
        long t = System.nanoTime();
        if (stub.version(req).getRuntimeName().isEmpty()) {
          throw new IllegalStateException("empty Version answer from " + socket);
        }
        nanos[i] = System.nanoTime() - t;
      }
      Arrays.sort(nanos);
      return nanos[calls / 2] / 1000.0;
    } finally {
      ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
