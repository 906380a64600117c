package dev.netmark.shim.cri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnixSocketsTest {
  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({
    "unix:///run/netmark/shim.sock, /run/netmark/shim.sock",
    "/run/containerd/containerd.sock, /run/containerd/containerd.sock",
    "unix:///run/x/../y.sock, /run/y.sock",
  })
  void endpoints(String endpoint, String path) {
    assertThat(UnixSockets.path(endpoint)).isEqualTo(Path.of(path));
  }

  @ParameterizedTest
  @CsvSource({"tcp://127.0.0.1:1234", "relative.sock", "unix://relative.sock"})
  void notUnixEndpoints(String endpoint) {
    assertThatThrownBy(() -> UnixSockets.path(endpoint))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(endpoint);
  }

  @Test
  void createsAPrivateDirectory() throws IOException {
    Path socket = dir.resolve("new/shim.sock");
    UnixSockets.prepareToListen(socket);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())))
        .isEqualTo("rwxr-x---");
  }

  @Test
  void removesAStaleSocketButNotALiveOne() throws IOException {
    Path socket = dir.resolve("shim.sock");
    try (ServerSocketChannel live = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      live.bind(UnixDomainSocketAddress.of(socket));
      assertThatThrownBy(() -> UnixSockets.prepareToListen(socket))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("another server is listening on " + socket);
    }
    // Closing a listener leaves its file: now stale.
    assertThat(socket).exists();
    UnixSockets.prepareToListen(socket);
    assertThat(socket).doesNotExist();
  }

  @Test
  void refusesToReplaceARegularFile() throws IOException {
    Path file = Files.writeString(dir.resolve("shim.sock"), "data");
    assertThatThrownBy(() -> UnixSockets.prepareToListen(file))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("is not a unix socket");
    assertThat(file).hasContent("data");
  }
}
