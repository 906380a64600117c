package dev.netmark.testing.local.fabric;

/**
 * Times creating and closing bare fabrics (no pods): {@code java ... FabricBench [reps]
 * [nodes...]}. A benchmark, not a test: it prints numbers and asserts nothing.
 */
public final class FabricBench {
  private FabricBench() {}

  public static void main(String[] args) throws Exception {
    int reps = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    int[] sizes =
        args.length > 1
            ? java.util.Arrays.stream(args, 1, args.length).mapToInt(Integer::parseInt).toArray()
            : new int[] {3, 10};
    for (int nodes : sizes) {
      long[] create = new long[reps];
      long[] close = new long[reps];
      for (int r = 0; r < reps; r++) {
        long t0 = System.nanoTime();
        Fabric f = Fabric.create(FabricSpec.builder().prefix("nmb").nodes(nodes).build());
        long t1 = System.nanoTime();
        f.close();
        long t2 = System.nanoTime();
        create[r] = (t1 - t0) / 1_000_000;
        close[r] = (t2 - t1) / 1_000_000;
      }
      System.out.printf(
          "%2d nodes, %d runs: create ms %s (median %d), close ms %s (median %d)%n",
          nodes,
          reps,
          java.util.Arrays.toString(create),
          median(create),
          java.util.Arrays.toString(close),
          median(close));
    }
  }

  private static long median(long[] v) {
    long[] s = v.clone();
    java.util.Arrays.sort(s);
    return s[s.length / 2];
  }
}
