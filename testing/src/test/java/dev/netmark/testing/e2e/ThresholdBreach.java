package dev.netmark.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What a shipped config's run must show when its {@code READY_P99} threshold on {@code
 * network_ready} Perc99 is breached: exit code 1, one failed junit testcase whose message holds the
 * metric, the statistic, the value and the limit, and a verdict line naming the violation.
 */
final class ThresholdBreach {
  /** A limit no run can meet: the probes alone take longer. */
  static final String IMPOSSIBLE = "READY_P99=1ms";

  /** A limit no run on a loaded build machine comes near. */
  static final String GENEROUS = "READY_P99=10m";

  private static final String VIOLATION =
      "NetworkReadyLatency: network_ready Perc99 = \\d+\\.\\d{3} ms exceeds the threshold 1\\.000"
          + " ms";

  private ThresholdBreach() {}

  static void assertBreached(CliRun run, Path reports) throws Exception {
    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.out())
        .as(run.toString())
        .containsPattern(
            "\nVerdict: FAIL \\(0 step\\(s\\) failed, 1 SLO violation\\(s\\)\\): NetworkReadyLatency"
                + " network_ready Perc99 = \\d+\\.\\d{3} ms exceeds the threshold 1\\.000 ms\n");
    assertThat(failures(reports.resolve("junit.xml")))
        .singleElement()
        .asString()
        .matches(VIOLATION);
    assertThat(Reports.summaryText(reports))
        .containsPattern("SLO VIOLATION: network_ready Perc99 = \\d+\\.\\d{3} ms exceeds");
  }

  /** The message of every failed testcase of a junit.xml. */
  static List<String> failures(Path junit) throws Exception {
    NodeList failures =
        DocumentBuilderFactory.newInstance()
            .newDocumentBuilder()
            .parse(junit.toFile())
            .getElementsByTagName("failure");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < failures.getLength(); i++) {
      Element f = (Element) failures.item(i);
      assertThat(f.getAttribute("type")).isEqualTo("SloViolation");
      out.add(f.getAttribute("message"));
    }
    return out;
  }
}
