package dev.netmark.testing.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.testing.local.fabric.FabricSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The integration tests of this module run two classes at a time (testing/pom.xml), which is safe
 * only while no two classes share a prefix or an address range: this reads every test source's
 * {@code PREFIX}, {@code BASE} ({@code 10.BASE} to {@code 10.BASE+3}, as {@link Clusters#fabric})
 * and {@code SUBNET} constants, and the ranges of {@link FabricSpec}'s defaults (FabricIT's).
 */
class AddressPlanTest {
  private static final Path SOURCES = Path.of("src/test/java");
  private static final Pattern PREFIX =
      Pattern.compile("String\\s+(\\w*PREFIX)\\s*=\\s*\"([a-z0-9]+)\"");
  private static final Pattern BASE = Pattern.compile("int\\s+(\\w*BASE)\\s*=\\s*(\\d+)\\s*;");
  private static final Pattern SUBNET =
      Pattern.compile("String\\s+\\w*SUBNET\\s*=\\s*\"10\\.(\\d+)\\.");

  @Test
  void noTwoTestClassesShareAPrefixOrAnAddressRange() throws IOException {
    Map<String, String> prefixes = new HashMap<>();
    Map<Integer, String> octets = new HashMap<>();
    List<String> clashes = new ArrayList<>();
    FabricSpec defaults = FabricSpec.builder().build();
    prefixes.put(defaults.prefix(), "FabricSpec's defaults");
    for (int octet : Clusters.secondOctets(defaults)) {
      octets.put(octet, "FabricSpec's defaults");
    }
    int classes = 0;
    for (Path source : sources()) {
      String text = Files.readString(source);
      String owner = SOURCES.relativize(source).toString();
      boolean found = false;
      for (Matcher m = PREFIX.matcher(text); m.find(); found = true) {
        String was = prefixes.putIfAbsent(m.group(2), owner);
        if (was != null) {
          clashes.add("prefix " + m.group(2) + " in " + owner + " and " + was);
        }
      }
      for (Matcher m = BASE.matcher(text); m.find(); found = true) {
        int base = Integer.parseInt(m.group(2));
        for (int o = base; o < base + 4; o++) {
          claim(octets, o, owner + " " + m.group(1), clashes);
        }
      }
      for (Matcher m = SUBNET.matcher(text); m.find(); found = true) {
        claim(octets, Integer.parseInt(m.group(1)), owner + " SUBNET", clashes);
      }
      classes += found ? 1 : 0;
    }
    assertThat(classes).as("classes with a prefix or range").isGreaterThanOrEqualTo(15);
    assertThat(clashes).isEmpty();
  }

  private static void claim(Map<Integer, String> octets, int o, String who, List<String> clashes) {
    String was = octets.putIfAbsent(o, who);
    if (was != null) {
      clashes.add("10." + o + ".0.0/16 in " + who + " and " + was);
    }
  }

  private static List<Path> sources() throws IOException {
    try (Stream<Path> walk = Files.walk(SOURCES)) {
      return walk.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }
}
