package dev.netmark.shim.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShimStateTest {
  private static final String SANDBOX = "aa".repeat(32);
  private static final String CONTAINER = "bb".repeat(32);

  @TempDir Path dir;

  static SandboxEntry sandbox() {
    return new SandboxEntry(
        SANDBOX,
        new PodIdentity("nmcri", "pod-a", "uid-a", 1),
        Map.of("netperf", "true"),
        Map.of("a", "b"),
        "",
        1_700_000_000_123_456_789L,
        "/run/netns/nmcri-aaaaaaaaaaaaaaaa",
        "10.202.1.10",
        "{\"cniVersion\":\"1.0.0\",\"ips\":[{\"address\":\"10.202.1.10/24\"}]}",
        Map.of("portMappings", List.of(Map.of("hostPort", 8080, "protocol", "tcp"))),
        2,
        true,
        false,
        List.of());
  }

  static ContainerEntry container() {
    return new ContainerEntry(
        CONTAINER,
        SANDBOX,
        "traffic",
        0,
        "docker.io/nmcri/iperf3:1",
        "sha256:" + "cc".repeat(32),
        Map.of("l", "v"),
        Map.of(),
        List.of("iperf3"),
        List.of("-c", "$(SERVICE)"),
        "traffic/0.log",
        ContainerPhase.CREATED,
        1_700_000_001_000_000_000L,
        0,
        0,
        0,
        "",
        "");
  }

  @Test
  void jsonRoundTripKeepsEveryField() {
    SandboxEntry s = sandbox().withContainers(List.of(container().running(5)));
    assertThat(StateStore.fromJson(StateStore.toJson(s), SandboxEntry.class)).isEqualTo(s);
    AddAttempts a = new AddAttempts("uid-b", 3, 123456789L, 1_700_000_000_000L, "boot-1", null);
    assertThat(StateStore.fromJson(StateStore.toJson(a), AddAttempts.class)).isEqualTo(a);
    AddAttempts f =
        a.withInFlight(new AddAttempts.InFlight("cd".repeat(32), "/run/netns/x", "n", "p"));
    assertThat(StateStore.fromJson(StateStore.toJson(f), AddAttempts.class)).isEqualTo(f);
    // Written by a shim from before in-flight attempts: none in flight.
    assertThat(
            StateStore.fromJson(
                    "{\"uid\":\"uid-b\",\"attempts\":3,\"firstStartNanos\":1,"
                        + "\"firstStartWallMs\":2,\"bootId\":\"boot-1\"}",
                    AddAttempts.class)
                .inFlight())
        .isNull();
  }

  /**
   * State files written by the shim before it dropped Jackson's databind (fixtures made with that
   * code): a shim restarted after the upgrade reads them, and writes them again byte for byte.
   */
  @Test
  void readsAndRewritesTheStateFilesOfTheDatabindShim() throws Exception {
    Path fixtures = Path.of(getClass().getResource("/state/written-by-databind").toURI());
    String sandboxId = "aa".repeat(32);
    Files.createDirectories(dir.resolve("sandboxes"));
    Files.createDirectories(dir.resolve("attempts"));
    Files.copy(fixtures.resolve("sandbox.json"), dir.resolve("sandboxes/" + sandboxId + ".json"));
    Files.copy(fixtures.resolve("attempts-in-flight.json"), dir.resolve("attempts/uid-2.json"));
    Files.copy(fixtures.resolve("attempts.json"), dir.resolve("attempts/uid-3.json"));

    ShimState state = ShimState.open(dir);

    assertThat(state.quarantinedSandboxes()).isEmpty();
    SandboxEntry s = state.sandbox(sandboxId).orElseThrow();
    assertThat(s.pod()).isEqualTo(new PodIdentity("ns-1", "pod-1", "uid-1", 0));
    assertThat(s.capabilityArgs())
        .isEqualTo(
            Map.of(
                "portMappings",
                List.of(Map.of("hostPort", 8080, "containerPort", 80, "protocol", "tcp"))));
    assertThat(s.containers()).hasSize(1);
    assertThat(s.containers().getFirst().phase()).isEqualTo(ContainerPhase.RUNNING);
    assertThat(s.containers().getFirst().args()).containsExactly("-c", "sleep 1");
    assertThat(state.attempts("uid-2").orElseThrow().inFlight())
        .isEqualTo(new AddAttempts.InFlight("5a0d0b02", "/var/run/netns/cni-2", "ns-1", "pod-2"));
    assertThat(state.attempts("uid-3").orElseThrow())
        .isEqualTo(new AddAttempts("uid-3", 1, 5000, 1_700_000_000_000L, "boot-1", null));
    assertThat(StateStore.toJson(s)).isEqualTo(Files.readString(fixtures.resolve("sandbox.json")));
    assertThat(StateStore.toJson(state.attempts("uid-2").orElseThrow()))
        .isEqualTo(Files.readString(fixtures.resolve("attempts-in-flight.json")));
    assertThat(StateStore.toJson(state.attempts("uid-3").orElseThrow()))
        .isEqualTo(Files.readString(fixtures.resolve("attempts.json")));
  }

  @Test
  void aStateFileWithAFieldOfTheWrongTypeIsQuarantinedNamingTheField() throws Exception {
    String id = "aa".repeat(32);
    String json =
        StateStore.toJson(sandbox()).replace("\"addAttempt\":2", "\"addAttempt\":\"two\"");
    Files.createDirectories(dir.resolve("sandboxes"));
    Files.writeString(dir.resolve("sandboxes/" + id + ".json"), json);

    ShimState state = ShimState.open(dir);

    assertThat(state.quarantinedSandboxes()).containsExactly(id);
    assertThat(state.sandbox(id)).isEmpty();
    assertThatThrownBy(() -> StateStore.fromJson(json, SandboxEntry.class))
        .hasMessage("addAttempt: expected an int, found STRING \"two\"");
  }

  @Test
  void aReopenedStateHasWhatTheFirstWrote() {
    ShimState first = ShimState.open(dir);
    first.add(sandbox());
    first.update(SANDBOX, s -> s.withContainers(List.of(container())));
    first.update(SANDBOX, s -> s.withContainer(CONTAINER, c -> c.running(7)));
    first.startAttempt("uid-b", 100, 1000, "boot-1");
    first.startAttempt("uid-b", 200, 2000, "boot-1");

    ShimState second = ShimState.open(dir);
    assertThat(second.sandboxes()).hasSize(1);
    SandboxEntry s = second.sandbox(SANDBOX).orElseThrow();
    assertThat(s).isEqualTo(first.sandbox(SANDBOX).orElseThrow());
    assertThat(second.container(CONTAINER).orElseThrow().phase()).isEqualTo(ContainerPhase.RUNNING);
    assertThat(second.sandboxOfContainer(CONTAINER)).contains(s);
    assertThat(second.attempts("uid-b"))
        .contains(new AddAttempts("uid-b", 2, 100, 1000, "boot-1", null));
  }

  @Test
  void removedThingsStayRemoved() {
    ShimState first = ShimState.open(dir);
    first.add(sandbox().withContainers(List.of(container())));
    first.startAttempt("uid-b", 1, 1, "boot-1");
    first.remove(SANDBOX);
    first.clearAttempts("uid-b");
    assertThat(first.container(CONTAINER)).isEmpty();

    ShimState second = ShimState.open(dir);
    assertThat(second.sandboxes()).isEmpty();
    assertThat(second.attempts("uid-b")).isEmpty();
  }

  @Test
  void removingAContainerDropsItFromTheIndex() {
    ShimState state = ShimState.open(dir);
    state.add(sandbox().withContainers(List.of(container())));
    state.update(SANDBOX, s -> s.withContainers(List.of()));
    assertThat(state.container(CONTAINER)).isEmpty();
    assertThat(state.sandbox(SANDBOX)).isPresent();
  }

  @Test
  void updatingOneSandboxKeepsEveryOtherSandboxsContainers() {
    String otherSandbox = "dd".repeat(32);
    String otherContainer = "ee".repeat(32);
    SandboxEntry a = sandbox();
    SandboxEntry b =
        new SandboxEntry(
            otherSandbox,
            new PodIdentity("nmcri", "pod-b", "uid-b", 1),
            a.labels(),
            a.annotations(),
            a.runtimeHandler(),
            a.createdAtNanos(),
            "/run/netns/nmcri-dddddddddddddddd",
            "10.202.1.11",
            a.cniResultJson(),
            a.capabilityArgs(),
            a.addAttempt(),
            a.ready(),
            a.networkDeleted(),
            List.of());
    ContainerEntry c = container();
    ContainerEntry other =
        new ContainerEntry(
            otherContainer,
            otherSandbox,
            c.name(),
            c.attempt(),
            c.image(),
            c.imageRef(),
            c.labels(),
            c.annotations(),
            c.command(),
            c.args(),
            c.logPath(),
            c.phase(),
            c.createdAtNanos(),
            c.startedAtNanos(),
            c.finishedAtNanos(),
            c.exitCode(),
            c.reason(),
            c.message());
    ShimState state = ShimState.open(dir);
    state.add(a.withContainers(List.of(c)));
    state.add(b.withContainers(List.of(other)));

    state.update(SANDBOX, s -> s.withContainers(List.of()));
    state.update(otherSandbox, s -> s.withContainer(otherContainer, x -> x.running(7)));

    assertThat(state.container(CONTAINER)).isEmpty();
    assertThat(state.container(otherContainer))
        .hasValueSatisfying(x -> assertThat(x.startedAtNanos()).isEqualTo(7));
    assertThat(ShimState.open(dir).container(otherContainer)).isPresent();
  }

  @Test
  void addingTheSameSandboxTwiceFails() {
    ShimState state = ShimState.open(dir);
    state.add(sandbox());
    assertThatThrownBy(() -> state.add(sandbox()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(SANDBOX);
  }

  @Test
  void unreadableFilesAreQuarantinedAndTheRestLoads() throws IOException {
    ShimState.open(dir).add(sandbox());
    String lost = "ee".repeat(32);
    Files.copy(
        Path.of("src/test/resources/faults/corrupt-sandbox.json"),
        dir.resolve("sandboxes/" + lost + ".json"));
    Files.writeString(dir.resolve("attempts/uid-b.json"), "");
    // Before: the first unreadable file stopped the shim from starting, on every restart.
    ShimState state = ShimState.open(dir);
    assertThat(state.sandboxes()).extracting(SandboxEntry::id).containsExactly(SANDBOX);
    assertThat(state.quarantinedSandboxes()).containsExactly(lost);
    assertThat(state.attempts("uid-b")).isEmpty();
    try (var moved = Files.list(dir.resolve("quarantine"))) {
      assertThat(moved.map(p -> p.getFileName().toString()))
          .hasSize(2)
          .anyMatch(n -> n.startsWith("sandboxes-") && n.endsWith("-" + lost + ".json"))
          .anyMatch(n -> n.startsWith("attempts-") && n.endsWith("-uid-b.json"));
    }
    assertThat(state.problem())
        .startsWith(
            "state: 2 unreadable file(s) moved to " + dir.resolve("quarantine") + " at start: ");
    ShimState again = ShimState.open(dir);
    assertThat(again.problem()).isNull();
    assertThat(again.sandboxes()).hasSize(1);
  }

  @Test
  void aFileUnderAnotherIdsNameIsQuarantined() throws IOException {
    ShimState.open(dir).add(sandbox());
    Path wrong = dir.resolve("sandboxes/" + "dd".repeat(32) + ".json");
    Files.move(dir.resolve("sandboxes/" + SANDBOX + ".json"), wrong);
    ShimState state = ShimState.open(dir);
    assertThat(state.sandboxes()).isEmpty();
    assertThat(state.quarantinedSandboxes()).containsExactly("dd".repeat(32));
    assertThat(wrong).doesNotExist();
  }

  @Test
  void leftoversOfInterruptedWritesAreIgnoredAndRemoved() throws IOException {
    ShimState.open(dir).add(sandbox());
    Path tmp = Files.writeString(dir.resolve("sandboxes/." + SANDBOX + ".json.tmp"), "{");
    assertThat(ShimState.open(dir).sandboxes()).hasSize(1);
    assertThat(tmp).doesNotExist();
  }

  @Test
  void firstAttemptStartSurvivesARestartWithinOneBoot() {
    AddAttempts a = AddAttempts.first("uid-a", 1_000_000_000L, 50_000L, "boot-1");
    // Same boot: the monotonic value itself.
    assertThat(a.firstStartNanosNow(4_000_000_000L, 53_000L, "boot-1")).isEqualTo(1_000_000_000L);
    // After a reboot: reconstructed from the wall clock (3 s ago).
    assertThat(a.firstStartNanosNow(10_000_000_000L, 53_000L, "boot-2")).isEqualTo(7_000_000_000L);
  }

  @Test
  void stateDirLockIsExclusive() throws IOException {
    try (StateDirLock lock = StateDirLock.acquire(dir)) {
      assertThatThrownBy(() -> StateDirLock.acquire(dir))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("another shim is using the state directory " + dir);
    }
    StateDirLock.acquire(dir).close();
  }
}
