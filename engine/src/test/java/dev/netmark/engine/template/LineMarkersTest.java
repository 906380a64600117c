package dev.netmark.engine.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rendered lines map back to the template lines the user wrote, through directives and loops. */
class LineMarkersTest {
  @TempDir Path dir;

  @Test
  void mapsThroughAssignListIfAndComments() throws IOException {
    Path t =
        Files.writeString(
            dir.resolve("t.yaml"),
            """
            <#-- a comment
                 over two lines -->
            <#assign n = (N)!2>
            a: ${n}
            list:
            <#list 1..n as i>
              - item${i}
            </#list>
            <#if (FLAG)!false>
            skipped: true
            <#else>
            flag: false
            </#if>
            text: "${"x\\ny"}"
            end: <#if true>yes</#if>
            """);
    RenderedText r = TemplateRenderer.renderMapped(t, "t.yaml", Map.of("N", 3), "");
    assertThat(r.text())
        .isEqualTo(
            """
            a: 3
            list:
              - item1
              - item2
              - item3
            flag: false
            text: "x
            y"
            end: yes
            """);
    assertThat(r.sourceLines()).containsExactly(4, 5, 7, 7, 7, 12, 14, 14, 15);
    assertThat(r.location(3)).isEqualTo("t.yaml:7");
  }

  @Test
  void fallsBackToRenderedLinesWhenTheMarkersDoNotFit() throws IOException {
    // Square-bracket syntax is beyond the marker scanner: a marker before [#ftl] would stop it
    // being the header. The plain rendering is kept and locations say they are rendered lines.
    Path t = Files.writeString(dir.resolve("m.yaml"), "[#ftl]\n[#assign n = 2]\na: ${n}\nb: 1\n");
    RenderedText r = TemplateRenderer.renderMapped(t, "m.yaml", Map.of(), "");
    assertThat(r.text()).isEqualTo("a: 2\nb: 1\n");
    assertThat(r.sourceLines()).isNull();
    assertThat(r.location(2)).isEqualTo("m.yaml rendered line 2");
  }
}
