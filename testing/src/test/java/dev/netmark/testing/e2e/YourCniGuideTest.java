package dev.netmark.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The macvlan conflist docs/your-cni.md shows is the one YourCniE2eIT runs. */
class YourCniGuideTest {
  @Test
  void theGuidesMacvlanConflistIsTheTestedOne() throws Exception {
    List<String> lines =
        Files.readAllLines(CliRun.configs().getParent().resolve("docs/your-cni.md"));
    int at = lines.indexOf("      \"type\": \"macvlan\",");
    assertThat(at).as("a macvlan plugin in the guide").isPositive();
    int start = lines.subList(0, at).lastIndexOf("```json") + 1;
    int end = lines.subList(at, lines.size()).indexOf("```") + at;
    String shown = String.join("\n", lines.subList(start, end)) + "\n";
    try (InputStream in = YourCniE2eIT.class.getResourceAsStream("your-cni/macvlan.conflist")) {
      assertThat(shown).isEqualTo(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }
}
