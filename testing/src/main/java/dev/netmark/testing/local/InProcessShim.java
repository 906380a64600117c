package dev.netmark.testing.local;

import dev.netmark.shim.Shim;
import dev.netmark.shim.ShimMain;
import dev.netmark.testing.local.fabric.Fabric;
import dev.netmark.testing.local.host.HostException;
import dev.netmark.testing.local.host.MarkedProcesses;
import dev.netmark.testing.local.host.Netns;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A node's shim hosted in this JVM ({@code shims=in-process}): the same {@link Shim} a node's own
 * JVM runs, from the same command line, its plugins and HTTP endpoint in the node's namespace
 * ({@link Shim#startInNode}). N nodes then cost one JVM's start-up and one JIT's warm-up instead of
 * N (docs/design.md, "Local mode").
 *
 * <p>It is a {@link Process} so that the supervisor and the teardown treat both kinds alike: it is
 * alive until destroyed, and destroying it closes the shim. It has no pid and no output of its own;
 * its log lines go to this JVM's log.
 */
final class InProcessShim extends Process {
  /** What {@link #exitValue} reports once closed: as a process ended by SIGKILL. */
  private static final int CLOSED = 128 + 9;

  private final Shim shim;
  private final CountDownLatch closed = new CountDownLatch(1);

  private InProcessShim(Shim shim) {
    this.shim = shim;
  }

  /**
   * Starts the shim of {@code command.node()} and returns once it serves; the fabric closes it at
   * teardown, before the node's namespace goes.
   *
   * @throws HostException when it cannot start, with why
   */
  static InProcessShim start(Fabric fabric, ShimCommand command) {
    List<String> args = new ArrayList<>(command.shimArgs());
    args.addAll(List.of("--cni-host-netns", Netns.path(command.node()).toString()));
    InProcessShim started;
    try {
      // Its plugins carry the mark a shim process would have handed on, so that a run killed
      // with SIGKILL leaves none the next run's sweep cannot find.
      Map<String, String> mark = Map.of(MarkedProcesses.ENV, fabric.plan().prefix());
      started =
          new InProcessShim(Shim.startInNode(ShimMain.options(args.toArray(String[]::new)), mark));
    } catch (Exception e) {
      throw new HostException("the shim of " + command.node() + " did not start: " + e, e);
    }
    fabric.closeAtTeardown("shim of " + command.node() + " (in this JVM)", started::destroy);
    return started;
  }

  @Override
  public OutputStream getOutputStream() {
    return OutputStream.nullOutputStream();
  }

  @Override
  public InputStream getInputStream() {
    return InputStream.nullInputStream();
  }

  @Override
  public InputStream getErrorStream() {
    return InputStream.nullInputStream();
  }

  @Override
  public int waitFor() throws InterruptedException {
    closed.await();
    return CLOSED;
  }

  @Override
  public int exitValue() {
    if (closed.getCount() > 0) {
      throw new IllegalThreadStateException("the shim is running");
    }
    return CLOSED;
  }

  /** Closes the shim (it stops taking calls and releases its sockets); safe to call twice. */
  @Override
  public synchronized void destroy() {
    if (closed.getCount() > 0) {
      shim.close();
      closed.countDown();
    }
  }

  @Override
  public boolean isAlive() {
    return closed.getCount() > 0;
  }
}
