package dev.netmark.shim.cri;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Paths of unix sockets: parsing {@code unix://} endpoints and preparing a listening path. */
public final class UnixSockets {
  private UnixSockets() {}

  /**
   * The socket path of an endpoint written as {@code unix:///run/x.sock} or as a plain absolute
   * path, the two forms kubelet accepts for {@code --container-runtime-endpoint}.
   *
   * @throws IllegalArgumentException naming the endpoint when it is neither
   */
  public static Path path(String endpoint) {
    String raw = endpoint.startsWith("unix://") ? URI.create(endpoint).getPath() : endpoint;
    if (raw == null || !raw.startsWith("/")) {
      throw new IllegalArgumentException(
          "not a unix socket endpoint: '" + endpoint + "' (expected unix:///absolute/path.sock)");
    }
    return Path.of(raw).normalize();
  }

  /**
   * Makes {@code socket} free to bind: creates its directory (mode 0750) when missing and removes a
   * stale socket file left by a crashed shim.
   *
   * @throws IOException when a live server still answers there, or the path is not a socket
   */
  static void prepareToListen(Path socket) throws IOException {
    Path dir = socket.toAbsolutePath().getParent();
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
    }
    if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (!isSocket(socket)) {
      throw new IOException(socket + " exists and is not a unix socket; refusing to replace it");
    }
    if (answers(socket)) {
      throw new IOException("another server is listening on " + socket + " (is a shim running?)");
    }
    Files.delete(socket);
  }

  /** Restricts a freshly bound socket to its owner and group. */
  static void restrict(Path socket) throws IOException {
    Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
  }

  private static boolean isSocket(Path path) throws IOException {
    Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    return ((Integer) mode & 0170000) == 0140000;
  }

  private static boolean answers(Path socket) {
    try (SocketChannel probe = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      return probe.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      // Connection refused: the file outlived its server.
      return false;
    }
  }
}
