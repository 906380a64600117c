package dev.netmark.testing.local.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The on-disk store of the {@code host-local} IPAM plugin: {@code DATA_DIR/NETWORK/}, one file per
 * allocated address (named by the address, holding the container id and interface), beside {@code
 * last_reserved_ip.*} and {@code lock}, which stay when every address is released.
 */
public final class HostLocalStore {
  /** host-local's {@code dataDir} when the conflist gives none. */
  public static final Path DEFAULT_DATA_DIR = Path.of("/var/lib/cni/networks");

  private static final Pattern ADDRESS = Pattern.compile("[0-9a-fA-F.:]+");

  private HostLocalStore() {}

  /** The store of {@code network} under {@code dataDir} (null: the default one). */
  public static Path of(Path dataDir, String network) {
    return (dataDir == null ? DEFAULT_DATA_DIR : dataDir).resolve(network);
  }

  /** {@code STORE/ADDRESS CONTAINER_ID} per allocated address, sorted; none for a missing store. */
  public static List<String> allocations(Path store) {
    List<String> out = new ArrayList<>();
    for (Path f : allocationFiles(store)) {
      String holder;
      try {
        holder = Files.readString(f, StandardCharsets.UTF_8).strip().split("\\s+")[0];
      } catch (NoSuchFileException e) {
        continue; // released while this read the store
      } catch (IOException e) {
        holder = "(unreadable: " + e.getMessage() + ")";
      }
      out.add(f + " " + holder);
    }
    return out;
  }

  /** Every allocation under {@code dataDir} (all networks), for {@link MachineSnapshot}. */
  static List<String> allAllocations(Path dataDir) {
    if (!Files.isDirectory(dataDir)) {
      return List.of();
    }
    try (Stream<Path> nets = Files.list(dataDir)) {
      List<String> out = new ArrayList<>();
      nets.filter(Files::isDirectory).sorted().forEach(n -> out.addAll(allocations(n)));
      return out;
    } catch (NoSuchFileException e) {
      return List.of();
    } catch (IOException e) {
      throw new HostException("cannot list " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Releases every address of {@code store} by deleting its files ({@code --cni-reset-ipam}).
   *
   * @return what was released, as {@link #allocations} lists it
   */
  public static List<String> release(Path store) {
    List<String> released = allocations(store);
    try {
      for (Path f : allocationFiles(store)) {
        Files.deleteIfExists(f);
      }
    } catch (IOException e) {
      throw new HostException("cannot release addresses in " + store + ": " + e.getMessage(), e);
    }
    return released;
  }

  private static List<Path> allocationFiles(Path store) {
    if (!Files.isDirectory(store)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(store)) {
      return files
          .filter(f -> ADDRESS.matcher(f.getFileName().toString()).matches())
          .filter(f -> f.getFileName().toString().matches(".*[.:].*"))
          .sorted()
          .toList();
    } catch (NoSuchFileException e) {
      return List.of(); // removed while this looked
    } catch (IOException e) {
      throw new HostException("cannot list " + store + ": " + e.getMessage(), e);
    }
  }
}
