package dev.netmark.shim.state;

import dev.netmark.contract.json.JsonNode;
import dev.netmark.contract.json.JsonTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

/**
 * The state directory on disk: {@code sandboxes/<id>.json} (a sandbox with its containers) and
 * {@code attempts/<uid>.json} (ADD attempts of a pod not yet added). One small file per object,
 * each replaced atomically, so a shim that dies leaves every file either old or new. A file that
 * cannot be read back is moved to {@code quarantine/} and loading goes on without it
 * (docs/design.md, "Faults").
 */
final class StateStore {
  /** A state file moved out of the way: its name without {@code .json}, and why. */
  record Quarantined(Path file, String key, String reason) {}

  private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);

  private final Path sandboxes;
  private final Path attempts;
  private final Path quarantine;
  private final List<Quarantined> quarantined = new ArrayList<>();

  private StateStore(Path sandboxes, Path attempts, Path quarantine) {
    this.sandboxes = sandboxes;
    this.attempts = attempts;
    this.quarantine = quarantine;
  }

  static StateStore open(Path dir) {
    try {
      return new StateStore(
          privateDir(dir.resolve("sandboxes")),
          privateDir(dir.resolve("attempts")),
          dir.resolve("quarantine"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the state directory " + dir, e);
    }
  }

  List<SandboxEntry> loadSandboxes() {
    return load(sandboxes, StateJson::sandbox, SandboxEntry::id);
  }

  List<AddAttempts> loadAttempts() {
    return load(attempts, StateJson::attempts, AddAttempts::uid);
  }

  // Every file of dir that reads back as a T stored under its own key; the others are quarantined.
  private <T> List<T> load(Path dir, Function<JsonNode, T> reader, Function<T, String> key) {
    List<T> all = new ArrayList<>();
    for (Path file : files(dir)) {
      try {
        T value = read(file, reader);
        requireNamed(file, key.apply(value));
        all.add(value);
      } catch (IllegalStateException | UncheckedIOException e) {
        quarantine(file, e);
      }
    }
    return all;
  }

  /** The files moved to {@code quarantine/} by the loads so far. */
  List<Quarantined> quarantined() {
    return List.copyOf(quarantined);
  }

  // Keeps the bytes for a human to look at, under a name that cannot collide with an earlier one.
  private void quarantine(Path file, RuntimeException why) {
    String name = file.getFileName().toString();
    Path to =
        quarantine.resolve(
            file.getParent().getFileName() + "-" + System.currentTimeMillis() + "-" + name);
    try {
      privateDir(quarantine);
      Files.move(file, to);
    } catch (IOException e) {
      // It stays where it is and is skipped again at the next start; nothing else depends on it.
      LOG.error(
          "cannot move the unreadable state file {} to {}: {}", file, quarantine, e.toString());
      to = file;
    }
    LOG.error("{}; moved to {}", why.getMessage(), to);
    quarantined.add(
        new Quarantined(to, name.substring(0, name.length() - ".json".length()), why.getMessage()));
  }

  void save(SandboxEntry sandbox) {
    write(sandboxes.resolve(sandbox.id() + ".json"), StateJson.write(sandbox));
  }

  void deleteSandbox(String id) {
    delete(sandboxes.resolve(Ids.requireValid(id) + ".json"));
  }

  void save(AddAttempts a) {
    write(attempts.resolve(a.uid() + ".json"), StateJson.write(a));
  }

  void deleteAttempts(String uid) {
    if (!PodIdentity.isValidUid(uid)) {
      throw new IllegalArgumentException("invalid pod uid '" + uid + "'");
    }
    delete(attempts.resolve(uid + ".json"));
  }

  /** Serializes one object the way it is stored (tests compare round trips). */
  static String toJson(Object value) {
    return switch (value) {
      case SandboxEntry s -> StateJson.write(s);
      case AddAttempts a -> StateJson.write(a);
      default -> throw new IllegalArgumentException("not a state record: " + value);
    };
  }

  static <T> T fromJson(String json, Class<T> type) {
    JsonNode tree = JsonTree.parse(json);
    return type.cast(
        type == SandboxEntry.class ? StateJson.sandbox(tree) : StateJson.attempts(tree));
  }

  private static void write(Path file, String json) {
    try {
      AtomicFiles.write(file, json.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write state file " + file, e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete state file " + file, e);
    }
  }

  private static <T> T read(Path file, Function<JsonNode, T> reader) {
    try {
      return reader.apply(JsonTree.parse(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read state file " + file, e);
    } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
      throw new IllegalStateException("corrupt state file " + file + ": " + e.getMessage(), e);
    }
  }

  private static void requireNamed(Path file, String key) {
    if (!file.getFileName().toString().equals(key + ".json")) {
      throw new IllegalStateException(
          "state file " + file + " holds '" + key + "', which belongs in " + key + ".json");
    }
  }

  /** The {@code *.json} files of {@code dir}; leftovers of interrupted writes are removed. */
  private static List<Path> files(Path dir) {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        String name = p.getFileName().toString();
        if (name.startsWith(".") && name.endsWith(".tmp")) {
          Files.delete(p);
        } else if (name.endsWith(".json")) {
          out.add(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list state directory " + dir, e);
    }
    out.sort(null);
    return out;
  }

  private static Path privateDir(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
    return dir;
  }
}
