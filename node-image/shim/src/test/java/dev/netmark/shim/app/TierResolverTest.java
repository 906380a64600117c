package dev.netmark.shim.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.contract.AppTier;
import dev.netmark.contract.ProbeTargets;
import dev.netmark.contract.ProbeTargets.ProbePolicy;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TierResolverTest {
  private static final ProbeTargets TARGETS =
      new ProbeTargets(Map.of(), 0, 0, null, 0, null, null, ProbePolicy.defaults())
          .withApplications(
              Map.of(
                  "shop/api",
                      new AppTier("10.96.0.20", 8080, "http", List.of("10.0.1.7", "10.0.2.7")),
                  "other/api", new AppTier("10.96.9.9", 9090, "http", List.of("10.9.9.9")),
                  "shop/db", new AppTier(null, 5432, "tcp-echo", List.of())));

  private static CallCommand call(String via, String tier) {
    return new CallCommand(
        "web->" + tier, "http", via, tier, 1, 0, Duration.ZERO, Duration.ofSeconds(2));
  }

  @Test
  void serviceIsTheTiersVipInTheClientsNamespace() {
    var t = TierResolver.resolve(TARGETS, "shop", call("service", "api"), new Random(1));
    assertThat(t)
        .isEqualTo(new TierResolver.Target(InetAddress.ofLiteral("10.96.0.20"), 8080, "http"));
    var other = TierResolver.resolve(TARGETS, "other", call("service", "api"), new Random(1));
    assertThat(other.text()).isEqualTo("10.96.9.9");
  }

  @Test
  void podIsAReadyPodOfTheClientsNamespacePickedPerRequest() {
    Random r = new Random(7);
    Set<String> picked = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      picked.add(TierResolver.resolve(TARGETS, "shop", call("pod", "api"), r).text());
    }
    assertThat(picked).containsExactlyInAnyOrder("10.0.1.7", "10.0.2.7");
  }

  @Test
  void noVipNoReadyPodNoTierOrNoTargetsIsNoTarget() {
    assertThat(TierResolver.resolve(TARGETS, "shop", call("service", "db"), new Random(1)))
        .isNull();
    assertThat(TierResolver.resolve(TARGETS, "shop", call("pod", "db"), new Random(1))).isNull();
    assertThat(TierResolver.resolve(TARGETS, "shop", call("pod", "cart"), new Random(1))).isNull();
    assertThat(TierResolver.resolve(TARGETS, "third", call("pod", "api"), new Random(1))).isNull();
    assertThat(TierResolver.resolve(null, "shop", call("pod", "api"), new Random(1))).isNull();
  }
}
