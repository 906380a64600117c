package dev.netmark.testing.local.host;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What local mode could leave behind on this machine, taken before and after a run to prove that it
 * cleaned up. Each aspect is a sorted list of lines, so two snapshots compare line by line.
 *
 * @param aspects lines by aspect: {@code netns}, {@code link}, {@code route}, {@code iptables},
 *     {@code process} (marked ones, see {@link MarkedProcesses}), {@code file} (under the state
 *     root, which holds local mode's CNI caches), {@code ipam} (addresses allocated in host-local's
 *     default store, {@link HostLocalStore}) and {@code cni-cache} (libcni's result caches)
 */
public record MachineSnapshot(Map<String, List<String>> aspects) {
  /**
   * Where libcni (containerd, CRI-O) caches ADD results; local mode itself caches under its state.
   */
  static final List<Path> LIBCNI_CACHE =
      List.of(Path.of("/var/lib/cni/results"), Path.of("/var/lib/cni/cache/results"));

  public MachineSnapshot {
    aspects = Map.copyOf(new TreeMap<>(aspects));
  }

  /** Takes a snapshot; {@code stateRoot} is local mode's state root, e.g. /run/netmark-local. */
  public static MachineSnapshot take(Path stateRoot) throws InterruptedException {
    Map<String, List<String>> a = new TreeMap<>();
    a.put("netns", lines(Exec.check("ip", "netns", "list").stdout(), l -> l.split("\\s+")[0]));
    a.put("link", sorted(Leftovers.linkNames(Exec.check("ip", "-o", "link", "show").stdout())));
    a.put("route", lines(Exec.check("ip", "-4", "route", "show", "table", "all").stdout(), l -> l));
    a.put("iptables", lines(Exec.check("iptables-save").stdout(), MachineSnapshot::iptablesLine));
    a.put(
        "process",
        sorted(
            MarkedProcesses.find(null).stream()
                .map(m -> m.pid() + " " + m.prefix() + " " + m.command())
                .toList()));
    a.put("file", files(stateRoot));
    a.put("ipam", HostLocalStore.allAllocations(HostLocalStore.DEFAULT_DATA_DIR));
    List<String> cache = new ArrayList<>();
    LIBCNI_CACHE.forEach(d -> cache.addAll(files(d)));
    a.put("cni-cache", sorted(cache));
    return new MachineSnapshot(a);
  }

  /** This snapshot with only the lines {@code keep} accepts, e.g. those naming one prefix. */
  public MachineSnapshot filter(Predicate<String> keep) {
    Map<String, List<String>> a = new TreeMap<>();
    aspects.forEach((k, v) -> a.put(k, v.stream().filter(keep).toList()));
    return new MachineSnapshot(a);
  }

  /** Lines {@code later} has and this lacks ({@code +}) or this has and it lacks ({@code -}). */
  public List<String> differences(MachineSnapshot later) {
    List<String> diff = new ArrayList<>();
    for (String aspect : new TreeMap<>(aspects).keySet()) {
      List<String> before = aspects.get(aspect);
      List<String> after = later.aspects.getOrDefault(aspect, List.of());
      after.stream()
          .filter(l -> !before.contains(l))
          .forEach(l -> diff.add("+ " + aspect + ": " + l));
      before.stream()
          .filter(l -> !after.contains(l))
          .forEach(l -> diff.add("- " + aspect + ": " + l));
    }
    return diff;
  }

  /** Drops what changes by itself: comments with timestamps and packet counters. */
  private static String iptablesLine(String line) {
    if (line.startsWith("#")) {
      return null;
    }
    return line.replaceAll("\\[\\d+:\\d+\\]", "[0:0]");
  }

  private static List<String> lines(String text, java.util.function.Function<String, String> map) {
    List<String> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String mapped = line.isBlank() ? null : map.apply(line.strip());
      if (mapped != null) {
        out.add(mapped);
      }
    }
    return sorted(out);
  }

  private static List<String> sorted(List<String> lines) {
    return lines.stream().sorted().toList();
  }

  /**
   * Every path under {@code root}, {@code root} included. Other runs may be removing theirs while
   * this walks (the integration tests run two at a time): a path gone before it was read is not
   * listed, as it would not be a moment later.
   */
  static List<String> files(Path root) {
    if (!Files.exists(root)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
              out.add(dir.toString());
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              out.add(file.toString());
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
              }
              throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              if (e != null && !(e instanceof NoSuchFileException)) {
                throw e;
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (NoSuchFileException e) {
      return List.of(); // the root itself went
    } catch (IOException e) {
      throw new HostException("cannot list " + root, e);
    }
    return out.stream().sorted().toList();
  }
}
