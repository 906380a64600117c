package dev.netmark.shim;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How a shim JVM is started, for the launchers written in Java (local mode, the benchmarks); the
 * node image's start script does the same in bash. The JVM flags are the resource {@value
 * #OPTIONS_RESOURCE}, which the image also carries as a file; the AOT cache ({@code -XX:AOTCache},
 * JDK 25) is made by a training run of {@link ShimTraining}: once at image build for the image,
 * once per java and jar in {@link #defaultCacheDir()} for the others.
 */
public final class ShimLaunch {
  /** The shim's entry point. */
  public static final String MAIN_CLASS = "dev.netmark.shim.ShimMain";

  /** The JVM flags, one per line in the java launcher's {@code @argfile} form. */
  public static final String OPTIONS_RESOURCE = "netmark-shim-jvm.options";

  private static final long TRAINING_TIMEOUT_SECONDS = 300;
  static final int KEPT_CACHES = 4;

  private ShimLaunch() {}

  /** The flags of {@value #OPTIONS_RESOURCE}. */
  public static List<String> jvmFlags() {
    try (InputStream in = ShimLaunch.class.getClassLoader().getResourceAsStream(OPTIONS_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(OPTIONS_RESOURCE + " is not on the class path");
      }
      return parseOptions(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Options of an {@code @argfile} without quoting: words, {@code #} to the end of a line. */
  static List<String> parseOptions(String text) {
    List<String> flags = new ArrayList<>();
    for (String line : text.split("\n")) {
      int hash = line.indexOf('#');
      String kept = (hash < 0 ? line : line.substring(0, hash)).strip();
      if (!kept.isEmpty()) {
        flags.addAll(Arrays.asList(kept.split("\\s+")));
      }
    }
    return List.copyOf(flags);
  }

  /** Where the Java launchers keep AOT caches: {@code /var/tmp/netmark/aot} (survives reboots). */
  public static Path defaultCacheDir() {
    return Path.of(System.getProperty("netmark.aotCacheDir", "/var/tmp/netmark/aot"));
  }

  /** The flags of {@value #OPTIONS_RESOURCE} and, when given, {@code -XX:AOTCache}. */
  public static List<String> jvmFlags(Optional<Path> aotCache) {
    List<String> flags = new ArrayList<>(jvmFlags());
    aotCache.ifPresent(c -> flags.add("-XX:AOTCache=" + c));
    return List.copyOf(flags);
  }

  /** The command line: {@code java}, JVM flags, the class path, the main class, shim flags. */
  public static List<String> command(
      Path java, String classPath, List<String> jvmFlags, List<String> shimArgs) {
    List<String> argv = new ArrayList<>();
    argv.add(java.toString());
    argv.addAll(jvmFlags);
    argv.addAll(List.of("-cp", classPath, MAIN_CLASS));
    argv.addAll(shimArgs);
    return argv;
  }

  /**
   * The AOT cache for running the shim with {@code java} from {@code classPath}, made by a training
   * run the first time (a few seconds) and kept in {@code cacheDir}, keyed by the runtime, the jar
   * and the flags; a training run deletes all but the {@value #KEPT_CACHES} newest caches there.
   * Empty when the class path is not one jar: an AOT cache cannot hold classes from a directory (a
   * build tree's {@code target/classes}).
   *
   * @throws IOException when the training run fails; its log is named
   */
  public static synchronized Optional<Path> aotCache(Path java, String classPath, Path cacheDir)
      throws IOException, InterruptedException {
    Path jar = Path.of(classPath).toAbsolutePath();
    if (classPath.contains(File.pathSeparator)
        || !classPath.endsWith(".jar")
        || !Files.isRegularFile(jar)) {
      return Optional.empty();
    }
    Files.createDirectories(cacheDir);
    Path cache = cacheDir.resolve("netmark-shim-" + key(java, jar) + ".aot");
    try (FileChannel lockFile =
            FileChannel.open(
                cacheDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = lockFile.lock()) {
      if (!Files.exists(cache)) {
        train(java, jar, cache);
        prune(cacheDir, cache);
      }
    }
    return Optional.of(cache);
  }

  private static void train(Path java, Path jar, Path cache)
      throws IOException, InterruptedException {
    Path partial = cache.resolveSibling(cache.getFileName() + ".partial");
    Path log = cache.resolveSibling(cache.getFileName() + ".training.log");
    Files.deleteIfExists(partial);
    List<String> argv = new ArrayList<>();
    argv.add(java.toString());
    argv.addAll(jvmFlags());
    argv.add("-XX:AOTCacheOutput=" + partial);
    argv.addAll(List.of("-cp", jar.toString(), ShimTraining.class.getName()));
    Process p =
        new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("the shim's AOT training run took over 300 s; see " + log);
    }
    if (p.exitValue() != 0 || !Files.exists(partial)) {
      throw new IOException(
          "the shim's AOT training run exited with " + p.exitValue() + " and no cache; see " + log);
    }
    Files.move(partial, cache, StandardCopyOption.ATOMIC_MOVE);
  }

  // Every rebuilt jar gets a cache of its own (about 45 MiB): keep the newest few.
  static void prune(Path cacheDir, Path keep) throws IOException {
    List<Path> caches;
    try (Stream<Path> files = Files.list(cacheDir)) {
      caches =
          files
              .filter(f -> f.getFileName().toString().endsWith(".aot") && !f.equals(keep))
              .sorted(Comparator.comparing(ShimLaunch::modified).reversed())
              .toList();
    }
    for (Path old : caches.subList(Math.min(KEPT_CACHES - 1, caches.size()), caches.size())) {
      Files.deleteIfExists(old);
      Files.deleteIfExists(old.resolveSibling(old.getFileName() + ".training.log"));
    }
  }

  private static long modified(Path file) {
    try {
      return Files.getLastModifiedTime(file).toMillis();
    } catch (IOException e) {
      return 0; // gone meanwhile: first to prune
    }
  }

  // The runtime (its modules file), the jar and the flags: a change to any makes a cache unusable.
  private static String key(Path java, Path jar) throws IOException {
    Path modules = java.toAbsolutePath().getParent().getParent().resolve("lib/modules");
    String text =
        String.join(
            "\n",
            java.toAbsolutePath().toString(),
            stamp(modules),
            jar.toString(),
            stamp(jar),
            String.join(" ", jvmFlags()));
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String stamp(Path file) throws IOException {
    if (!Files.exists(file)) {
      return "none";
    }
    return Files.size(file) + "@" + Files.getLastModifiedTime(file).toMillis();
  }
}
