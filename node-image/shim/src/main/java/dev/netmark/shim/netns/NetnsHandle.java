package dev.netmark.shim.netns;

import java.nio.file.Path;
import java.util.function.IntSupplier;

/**
 * An open network namespace, entered briefly by the calling platform thread to create sockets
 * there: a socket keeps its namespace for life, so one thread can then serve sockets of many
 * namespaces. Holding the handle also keeps the namespace alive while it is used.
 */
public final class NetnsHandle implements AutoCloseable {
  private static final String THREAD_NETNS = "/proc/thread-self/ns/net";
  private final Path path;
  private int fd;

  private NetnsHandle(Path path, int fd) {
    this.path = path;
    this.fd = fd;
  }

  /**
   * @throws NetnsException when the namespace file cannot be opened (removed, not a namespace)
   */
  public static NetnsHandle open(Path netns) {
    return new NetnsHandle(netns, Libc.open(netns.toString()));
  }

  public Path path() {
    return path;
  }

  /**
   * Runs {@code task} on the calling platform thread inside this namespace, then moves the thread
   * back to the namespace it was in (about 20 µs in all).
   *
   * @throws NetnsException when the namespace cannot be entered (the task did not run)
   * @throws IllegalStateException on a virtual thread (setns would move its carrier)
   */
  public int call(IntSupplier task) {
    if (Thread.currentThread().isVirtual()) {
      throw new IllegalStateException("refusing setns on a virtual thread (it moves the carrier)");
    }
    if (fd < 0) {
      throw new NetnsException("namespace " + path + " was closed");
    }
    int home = Libc.open(THREAD_NETNS);
    try {
      Libc.setns(fd, path.toString());
      try {
        return task.getAsInt();
      } finally {
        try {
          Libc.setns(home, THREAD_NETNS);
        } catch (NetnsException e) {
          // The thread would go on in a pod's namespace and open every later socket there.
          throw new Error("cannot return the thread to its network namespace", e);
        }
      }
    } finally {
      Libc.close(home);
    }
  }

  @Override
  public void close() {
    if (fd >= 0) {
      Libc.close(fd);
      fd = -1;
    }
  }
}
