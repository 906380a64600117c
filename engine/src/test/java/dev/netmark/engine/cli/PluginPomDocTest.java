package dev.netmark.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;

/**
 * The plugin pom of docs/developing-a-measurement.md builds with the Maven netmark is built with
 * (3.8, whose default compiler plugin ignores {@code maven.compiler.release} and compiles for Java
 * 5): it pins the build plugins netmark pins, at netmark's versions, and depends on this netmark.
 * {@link ExamplePluginIT} builds the same sources without Maven.
 */
class PluginPomDocTest {
  private static final Path DOC = Path.of("..", "docs", "developing-a-measurement.md");
  private static final Path ROOT_POM = Path.of("..", "pom.xml");

  @ParameterizedTest
  @ValueSource(strings = {"maven-compiler-plugin", "maven-resources-plugin", "maven-jar-plugin"})
  void pinsEachBuildPluginAtNetmarksVersion(String plugin) throws Exception {
    String pinned = "//build/plugins/plugin[artifactId='" + plugin + "']/version";
    String managed = "//build/pluginManagement/plugins/plugin[artifactId='" + plugin + "']/version";
    assertThat(text(docPom(), pinned)).isNotBlank().isEqualTo(text(rootPom(), managed));
  }

  @Test
  void dependsOnThisNetmarksApiAndCompilesForItsRelease() throws Exception {
    Document doc = docPom();
    Document root = rootPom();
    String api = "//dependencies/dependency[artifactId='netmark-api']";
    assertThat(text(doc, api + "/groupId")).isEqualTo("dev.netmark");
    assertThat(text(doc, api + "/version")).isEqualTo(text(root, "/project/version"));
    assertThat(text(doc, api + "/scope")).isEqualTo("provided");
    assertThat(text(doc, "//properties/maven.compiler.release"))
        .isEqualTo(text(root, "//properties/maven.compiler.release"));
  }

  private static Document docPom() throws Exception {
    Matcher m =
        Pattern.compile("```xml\\n(<project.*?</project>)\\n```", Pattern.DOTALL)
            .matcher(Files.readString(DOC));
    List<String> poms = m.results().map(r -> r.group(1)).toList();
    assertThat(poms).as("the pom blocks of %s", DOC).hasSize(1);
    return parse(poms.getFirst().getBytes(StandardCharsets.UTF_8));
  }

  private static Document rootPom() throws Exception {
    return parse(Files.readAllBytes(ROOT_POM));
  }

  // Without namespace awareness, so the XPaths need no prefix for the POM namespace.
  private static Document parse(byte[] xml) throws Exception {
    return DocumentBuilderFactory.newInstance()
        .newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml));
  }

  private static String text(Document doc, String xpath) throws Exception {
    return XPathFactory.newInstance().newXPath().evaluate(xpath, doc).strip();
  }
}
