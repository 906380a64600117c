package dev.netmark.shim.cri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Status;
import io.grpc.StatusException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A container call about an id the shim does not have (a shim killed after it removed the
 * container, before it answered): NOT_FOUND without a runtime behind the shim (local mode), where
 * forwarding failed UNAVAILABLE on every retry; forwarded when a runtime is configured.
 */
class UnknownContainerTest {
  private static final String ID = "dd".repeat(32);

  @TempDir Path dir;

  @Test
  void withoutARuntimeAnUnknownContainerIsNotFound() {
    assertThatThrownBy(() -> ContainerRoutes.unknown(ID, dir.resolve("no-runtime.sock")))
        .isInstanceOfSatisfying(
            StatusException.class,
            e -> {
              assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
              assertThat(e.getStatus().getDescription()).contains(ID);
            });
  }

  @Test
  void withARuntimeAnUnknownContainerIsForwarded() throws Exception {
    Path socket = Files.createFile(dir.resolve("containerd.sock"));
    assertThat(ContainerRoutes.unknown(ID, socket)).isInstanceOf(Reply.Forward.class);
  }
}
