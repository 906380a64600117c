package dev.netmark.bench.shim;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real containerd (Debian's package) with a private root, state and socket under {@code dir}, as
 * the shim's pass-through tests start it (docs/design.md, "Local mode" and "Known limits"); stopped
 * by its pid on close.
 */
final class Containerd implements AutoCloseable {
  private final Path dir;
  private final Process process;

  private Containerd(Path dir, Process process) {
    this.dir = dir;
    this.process = process;
  }

  static Containerd start(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir.resolve("cni"));
    Path config = dir.resolve("config.toml");
    Files.writeString(config, config(dir));
    Process p =
        new ProcessBuilder("/usr/bin/containerd", "--config", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("containerd.log").toFile())
            .start();
    Files.writeString(dir.resolve("launcher.pid"), p.pid() + "\n");
    Containerd c = new Containerd(dir, p);
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!c.answers()) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        String log = Files.readString(dir.resolve("containerd.log"));
        c.close();
        throw new IOException("containerd did not start; its log:\n" + log);
      }
      Thread.sleep(20);
    }
    return c;
  }

  Path socket() {
    return dir.resolve("containerd.sock");
  }

  long pid() {
    return process.pid();
  }

  private boolean answers() {
    try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      return ch.connect(UnixDomainSocketAddress.of(socket()));
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    Files.deleteIfExists(dir.resolve("launcher.pid"));
  }

  private static String config(Path d) {
    return """
    version = 2
    root = "%1$s/root"
    state = "%1$s/state"
    disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs",
      "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper"]
    [grpc]
      address = "%1$s/containerd.sock"
    [ttrpc]
      address = "%1$s/containerd.sock.ttrpc"
    [metrics]
      address = ""
    [plugins."io.containerd.grpc.v1.cri"]
      restrict_oom_score_adj = true
      [plugins."io.containerd.grpc.v1.cri".cni]
        bin_dir = "/usr/lib/cni"
        conf_dir = "%1$s/cni"
    """
        .formatted(d);
  }
}
