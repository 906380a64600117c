package dev.netmark.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeSelectorTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "netmark.dev/node-kind=not-so-hollow|netmark.dev/node-kind=not-so-hollow",
        "' a=1 , b==2 '|a=1,b=2",
        "zone=|zone=",
        "kubernetes.io/hostname=node-7,tier=perf|kubernetes.io/hostname=node-7,tier=perf",
      })
  void parsesEqualityTerms(String text, String canonical) {
    assertThat(NodeSelector.text(NodeSelector.parse(text))).isEqualTo(canonical);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "netmark.dev/node-kind|'netmark.dev/node-kind' is not key=value",
        "a!=b|'a!=b' is not key=value",
        "a=1,|'' is not key=value",
        "=x|label key '' in '=x' is not a valid label key",
        "Bad_Prefix/x=1|label key 'Bad_Prefix/x' in 'Bad_Prefix/x=1' is not a valid label key",
        "a=b c|label value 'b c' in 'a=b c' is not a valid label value",
        "a=1,a=2|label 'a' appears twice",
      })
  void rejectsWhatKubernetesWouldWithTheTermNamed(String text, String message) {
    assertThatThrownBy(() -> NodeSelector.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @ParameterizedTest
  @CsvSource({"''", "'  '"})
  void blankMeansEveryNode(String text) {
    assertThat(NodeSelector.parse(text)).isEqualTo(Map.of());
  }
}
