package dev.netmark.shim.netns;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Persistent named network namespaces, bind-mounted under a directory ({@code /run/netns} by
 * default) exactly as {@code ip netns add} does, so {@code ip netns exec}, {@code nsenter
 * --net=PATH} and CNI plugins see them.
 *
 * <p>Created natively: a fresh platform thread calls {@code unshare(CLONE_NEWNET)} and bind-mounts
 * {@code /proc/thread-self/ns/net} onto the file, then ends. That avoids the fork+exec of {@code
 * ip} (about 3.5 ms on the build machines). Needs root (CAP_SYS_ADMIN). Thread-safe.
 */
public final class NetNamespaces {
  /** Names usable as a file name and as an {@code ip netns} name. */
  public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");

  private static final Path DEFAULT_DIR = Path.of("/run/netns");

  private final Path dir;
  private final Object dirSetup = new Object();
  private boolean dirShared;

  /** Namespaces under {@code /run/netns}, shared with {@code ip netns}. */
  public NetNamespaces() {
    this(DEFAULT_DIR);
  }

  /** Namespaces under another directory (it is created and made a shared mount point if needed). */
  public NetNamespaces(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
  }

  /** The directory holding the namespace files. */
  public Path dir() {
    return dir;
  }

  /** The path of namespace {@code name} (whether or not it exists). */
  public Path path(String name) {
    return dir.resolve(validName(name));
  }

  /** Whether namespace {@code name} exists (its file is present). */
  public boolean exists(String name) {
    return Files.exists(path(name));
  }

  /**
   * Creates namespace {@code name} and returns its path.
   *
   * @throws NetnsException if it already exists or a system call fails (the file is removed again)
   */
  public Path create(String name) {
    Path file = path(name);
    ensureSharedDir();
    try {
      Files.createFile(file);
    } catch (FileAlreadyExistsException e) {
      throw new NetnsException("network namespace " + file + " already exists", e);
    } catch (IOException e) {
      throw new NetnsException("cannot create " + file + ": " + e.getMessage(), e);
    }
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    // The thread that unshares is left in the new namespace: it must end right after.
    Thread t =
        Thread.ofPlatform()
            .name("netns-create-" + name)
            .unstarted(
                () -> {
                  try {
                    Libc.unshareNet();
                    Libc.mount("/proc/thread-self/ns/net", file.toString(), "none", Libc.MS_BIND);
                  } catch (RuntimeException e) {
                    failure.set(e);
                  }
                });
    t.start();
    joinUninterruptibly(t);
    if (failure.get() != null) {
      deleteFile(file);
      throw new NetnsException("cannot create network namespace " + file, failure.get());
    }
    return file;
  }

  /** Deletes namespace {@code name}; deleting a missing namespace does nothing. */
  public void delete(String name) {
    Path file = path(name);
    if (!Files.exists(file)) {
      return;
    }
    // EINVAL: not a mount point (a half-created namespace); ENOENT: raced with another delete.
    Libc.umount2(file.toString(), Libc.MNT_DETACH, Libc.EINVAL, Libc.ENOENT);
    deleteFile(file);
  }

  /** The names of the namespaces present, sorted. */
  public List<String> list() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new NetnsException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Throws unless {@code name} matches {@link #NAME}; returns it. */
  public static String validName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "invalid network namespace name " + name + ": expected " + NAME.pattern());
    }
    return name;
  }

  // Same as ip netns: the directory is a shared mount point so that namespace mounts made later
  // propagate into mount namespaces cloned from this one (containers, nsenter -m).
  private void ensureSharedDir() {
    synchronized (dirSetup) {
      if (dirShared) {
        return;
      }
      try {
        Files.createDirectories(dir);
      } catch (IOException e) {
        throw new NetnsException("cannot create " + dir + ": " + e.getMessage(), e);
      }
      String d = dir.toString();
      if (Libc.mount("none", d, "none", Libc.MS_SHARED | Libc.MS_REC, Libc.EINVAL) != 0) {
        Libc.mount(d, d, "none", Libc.MS_BIND | Libc.MS_REC);
        Libc.mount("none", d, "none", Libc.MS_SHARED | Libc.MS_REC);
      }
      dirShared = true;
    }
  }

  private static void deleteFile(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new NetnsException("cannot delete " + file + ": " + e.getMessage(), e);
    }
  }

  static void joinUninterruptibly(Thread t) {
    boolean interrupted = false;
    while (true) {
      try {
        t.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
