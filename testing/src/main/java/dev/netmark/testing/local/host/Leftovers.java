package dev.netmark.testing.local.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds and removes what a killed local-mode run left behind, by name prefix: processes in or
 * marked for its network namespaces, then (through a step the caller gives) the CNI DELs of what
 * the run had added, then the namespaces themselves (their veths, bridges, routes and iptables
 * rules go with them), host links named {@code PREFIX-...} and its state directory.
 */
public final class Leftovers {
  private Leftovers() {}

  /**
   * Removes everything of a previous run with {@code prefix}.
   *
   * @param stateRoot the parent of the run's state directory, e.g. {@code /run/netmark-local}
   * @return one line per thing removed, empty when the machine was clean
   */
  public static List<String> clean(String prefix, Path stateRoot) throws InterruptedException {
    return clean(prefix, stateRoot, List::of);
  }

  /** What runs between ending the processes and removing the namespaces. */
  @FunctionalInterface
  public interface Step {
    /** Returns one line per thing undone. */
    List<String> run() throws InterruptedException;
  }

  /**
   * As {@link #clean(String, Path)}, with {@code beforeNamespaces} run once the run's processes are
   * gone and while its namespaces still exist (local mode runs the CNI DELs of cached ADD results
   * there).
   */
  public static List<String> clean(String prefix, Path stateRoot, Step beforeNamespaces)
      throws InterruptedException {
    List<String> removed = new ArrayList<>();
    List<String> namespaces = namespaces(prefix);
    Set<Long> pids = new LinkedHashSet<>();
    for (String ns : namespaces) {
      for (String pid : Exec.run("ip", "netns", "pids", ns).stdout().split("\\s+")) {
        if (!pid.isBlank()) {
          pids.add(Long.parseLong(pid));
        }
      }
    }
    MarkedProcesses.find(prefix).forEach(m -> pids.add(m.pid()));
    pids.remove(ProcessHandle.current().pid());
    for (long pid : pids) {
      ProcessHandle.of(pid)
          .ifPresent(
              p -> {
                String what = p.info().commandLine().orElse("?");
                kill(p);
                removed.add("process " + pid + " (" + what + ")");
              });
    }
    removed.addAll(beforeNamespaces.run());
    for (String ns : namespaces(prefix)) {
      Exec.check("ip", "netns", "del", ns);
      removed.add("network namespace " + ns);
    }
    for (String link : hostLinks(prefix)) {
      // Deleting one end of a veth removes its peer, so a link may already be gone.
      if (Exec.run("ip", "link", "del", link).ok()) {
        removed.add("link " + link);
      }
    }
    Path state = stateRoot.resolve(prefix);
    if (Files.exists(state)) {
      deleteTree(state);
      removed.add("directory " + state);
    }
    return removed;
  }

  /** Network namespaces named {@code PREFIX-...}. */
  public static List<String> namespaces(String prefix) throws InterruptedException {
    List<String> names = new ArrayList<>();
    for (String line : Exec.check("ip", "netns", "list").stdout().split("\n")) {
      String name = line.strip().split("\\s+")[0];
      if (name.startsWith(prefix + "-")) {
        names.add(name);
      }
    }
    return names;
  }

  /** Links of the host namespace named {@code PREFIX-...}. */
  public static List<String> hostLinks(String prefix) throws InterruptedException {
    return linkNames(Exec.check("ip", "-o", "link", "show").stdout()).stream()
        .filter(n -> n.startsWith(prefix + "-"))
        .toList();
  }

  /** Link names from {@code ip -o link show} output, without the {@code @peer} suffix. */
  static List<String> linkNames(String ipOLink) {
    List<String> names = new ArrayList<>();
    for (String line : ipOLink.split("\n")) {
      String[] fields = line.split(": ", 3);
      if (fields.length >= 2) {
        names.add(fields[1].split("@")[0]);
      }
    }
    return names;
  }

  /** Ends {@code p} and waits for it: SIGTERM, then SIGKILL after a grace period. */
  public static void kill(ProcessHandle p) {
    p.destroy();
    try {
      p.onExit().get(2, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
      p.destroyForcibly();
      p.onExit().join();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Deletes a directory tree, deepest entries first; a missing tree is nothing to do. */
  public static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new HostException("cannot delete " + root + ": " + e.getMessage(), e);
    }
  }
}
