package dev.netmark.shim.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {
  @Test
  void newIdsLookLikeContainerdsAndDoNotRepeat() {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      String id = Ids.newId();
      assertThat(id).hasSize(64).matches("[0-9a-f]+");
      seen.add(id);
    }
    assertThat(seen).hasSize(1000);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "abc",
        "../../../../etc/passwd",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeF",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0",
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde/"
      })
  void rejectsAnythingElse(String id) {
    assertThat(Ids.isValid(id)).isFalse();
    assertThatThrownBy(() -> Ids.requireValid(id))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid id");
  }

  @Test
  void acceptsAValidId() {
    String id = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    assertThat(Ids.requireValid(id)).isEqualTo(id);
  }
}
