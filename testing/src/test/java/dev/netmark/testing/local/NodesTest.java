package dev.netmark.testing.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** How many shims local mode starts at once, and where their pods' namespaces are. */
class NodesTest {
  private static final Path D = Path.of("/x");

  @Test
  void twiceTheCoresAndNeverFewerThanTwo() {
    assertThat(Nodes.startWindow(2)).isEqualTo(4);
    assertThat(Nodes.startWindow(1)).isEqualTo(2);
    assertThat(Nodes.startWindow(16)).isEqualTo(32);
  }

  @Test
  void aPodsNamespaceIsTheNodesPrefixAndTheFirst16CharactersOfItsSandboxId() {
    assertThat(Nodes.podNetns("nml-node2", "0123456789abcdef0123456789abcdef"))
        .isEqualTo(Path.of("/run/netns/nml-node2-0123456789abcdef"));
    assertThat(
            new ShimCommand(
                    "nml-node2",
                    D,
                    D,
                    D,
                    D,
                    "10.0.0.1:1",
                    D,
                    D,
                    Nodes.netnsPrefix("nml-node2"),
                    false)
                .shimArgs())
        .as("the shim is told the directory the path is derived with")
        .containsSequence("--netns-dir", "/run/netns", "--netns-prefix", "nml-node2-");
    assertThatThrownBy(() -> Nodes.podNetns("n1", "abc"))
        .hasMessage("sandbox id shorter than 16 characters: abc");
  }
}
