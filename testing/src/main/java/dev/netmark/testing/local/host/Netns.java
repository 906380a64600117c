package dev.netmark.testing.local.host;

import dev.netmark.shim.netns.NetnsThreads;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Runs Java code inside a named network namespace ({@code /run/netns/NAME}): a fresh platform
 * thread enters it and then runs the body ({@link NetnsThreads}, the shim's own, so local mode and
 * the shim enter namespaces the same way). Sockets opened by the body live in that namespace for
 * good, whichever thread uses them later.
 */
public final class Netns {
  private Netns() {}

  /** The bind-mount {@code ip netns add NAME} creates. */
  public static Path path(String name) {
    return Path.of("/run/netns", name);
  }

  /**
   * Runs {@code body} on a new platform thread inside namespace {@code name} and returns its
   * result.
   *
   * @throws HostException when the namespace cannot be entered or the body throws
   */
  public static <T> T call(String name, Callable<T> body) throws InterruptedException {
    try {
      return NetnsThreads.call(path(name), body);
    } catch (InterruptedException | HostException e) {
      throw e;
    } catch (Exception e) {
      throw new HostException("in network namespace " + name + ": " + e, e);
    }
  }
}
