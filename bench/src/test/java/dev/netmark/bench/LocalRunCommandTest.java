package dev.netmark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmarks run netmark's JVM with the flags its launcher gives it, no other. */
class LocalRunCommandTest {
  @Test
  void theJvmFlagsAreTheLaunchers() throws Exception {
    List<String> command = LocalRunCommand.of(Path.of("/src"), "configs/x.yaml");
    List<String> benchmark = command.subList(1, command.indexOf("-cp"));
    assertThat(benchmark).isEqualTo(launcherFlags()).isNotEmpty();
  }

  // The JVM flags of dist/netmark's exec line, continuation lines joined, up to the user's own.
  private static List<String> launcherFlags() throws Exception {
    String script = Files.readString(Path.of("..", "dist", "netmark")).replace("\\\n", " ");
    String exec =
        script
            .lines()
            .filter(l -> l.startsWith("exec \"$java\""))
            .findFirst()
            .orElseThrow(() -> new AssertionError("dist/netmark has no exec \"$java\" line"));
    List<String> flags = new ArrayList<>();
    for (String word : exec.split("\\s+")) {
      if (word.startsWith("${NETMARK_JAVA_OPTS")) {
        return flags;
      }
      if (word.startsWith("-")) {
        flags.add(word);
      }
    }
    throw new AssertionError("dist/netmark's exec line has no ${NETMARK_JAVA_OPTS}: " + exec);
  }
}
