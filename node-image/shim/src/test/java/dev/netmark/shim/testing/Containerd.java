package dev.netmark.shim.testing;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real containerd (Debian's package) on a private root, state and socket under {@code dir}, as
 * docs/design.md, "Local mode" and "Known limits" describes; stopped by its PID and its directory
 * deleted on close.
 */
public final class Containerd implements AutoCloseable {
  private final Path dir;
  private final Process process;

  private Containerd(Path dir, Process process) {
    this.dir = dir;
    this.process = process;
  }

  public static Containerd start(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir.resolve("cni"));
    Path config = dir.resolve("config.toml");
    Files.writeString(config, config(dir));
    Process p =
        new ProcessBuilder("/usr/bin/containerd", "--config", config.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("containerd.log").toFile())
            .start();
    Containerd c = new Containerd(dir, p);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
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

  /** The CRI socket. */
  public Path socket() {
    return dir.resolve("containerd.sock");
  }

  /** Imports an OCI archive into the {@code k8s.io} namespace, where CRI sees images. */
  public void importImage(Path archive) throws IOException, InterruptedException {
    Commands.run(
        List.of(
            "/usr/bin/ctr",
            "--address",
            socket().toString(),
            "-n",
            "k8s.io",
            "images",
            "import",
            "--no-unpack",
            archive.toString()));
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
    // Snapshot mounts would keep files busy; --no-unpack and no containers mean there are none.
    Commands.deleteTree(dir);
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
