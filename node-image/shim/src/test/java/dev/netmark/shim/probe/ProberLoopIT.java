package dev.netmark.shim.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import dev.netmark.contract.ProbeTargets;
import dev.netmark.contract.ProbeTargets.ProbePolicy;
import dev.netmark.shim.metrics.PodRecorder;
import dev.netmark.shim.metrics.ShimMetrics;
import dev.netmark.shim.records.PodRef;
import dev.netmark.shim.records.RecordLog;
import dev.netmark.shim.targets.TargetsHolder;
import dev.netmark.shim.testing.Commands;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event-driven prober against a peer that answers pings by script (root): replies late, out of
 * order, duplicated or lost, a loop thread paused while a reply waits, and a pod namespace deleted
 * mid-probe. Namespaces {@code nmprl-*} on 10.203.60.0/24, removed afterwards.
 */
class ProberLoopIT {
  private static final String PEER = "nmprl-peer";
  private static final String PEER_IP = "10.203.60.1";
  private static final int PODS = 4;
  private static final String NODE = "node-a";
  private static final List<String> created = new ArrayList<>();

  @TempDir Path stateDir;
  private RecordLog log;
  private PodRecorder recorder;
  private Prober prober;
  private ScriptedResponder responder;

  @BeforeAll
  static void network() throws Exception {
    try {
      netns(PEER);
      in(PEER, "ip", "link", "add", "nmprl-br", "type", "bridge");
      // A bridge takes the lowest MAC of its ports unless given one: re-creating pod 4's port
      // (aNamespaceDeleted...) would move the peer's MAC under the other pods' ARP entries, and
      // their pings would go unanswered for seconds.
      in(PEER, "ip", "link", "set", "nmprl-br", "address", "02:00:0a:cb:3c:01");
      in(PEER, "ip", "addr", "add", PEER_IP + "/24", "dev", "nmprl-br");
      in(PEER, "ip", "link", "set", "nmprl-br", "up");
      in(PEER, "sysctl", "-q", "-w", "net.ipv4.icmp_echo_ignore_all=1");
      for (int i = 1; i <= PODS; i++) {
        pod(i);
      }
    } catch (Exception | AssertionError e) {
      cleanUp();
      throw e;
    }
  }

  private static void pod(int i) throws Exception {
    String ns = "nmprl-p" + i;
    netns(ns);
    Commands.run(
        List.of(
            "ip",
            "link",
            "add",
            "nmprl-v" + i,
            "netns",
            ns,
            "type",
            "veth",
            "peer",
            "name",
            "nmprl-b" + i,
            "netns",
            PEER));
    in(PEER, "ip", "link", "set", "nmprl-b" + i, "master", "nmprl-br", "up");
    in(ns, "ip", "addr", "add", "10.203.60." + (10 + i) + "/24", "dev", "nmprl-v" + i);
    in(ns, "ip", "link", "set", "nmprl-v" + i, "up");
    in(ns, "ip", "link", "set", "lo", "up");
  }

  @AfterAll
  static void cleanUp() throws Exception {
    for (String ns : created.reversed()) {
      Commands.status(List.of("ip", "netns", "delete", ns));
    }
  }

  @BeforeEach
  void open() {
    log = RecordLog.open(stateDir);
    recorder = PodRecorder.open(log, new ShimMetrics(), NODE);
    TargetsHolder holder = new TargetsHolder();
    holder.update(
        new ProbeTargets(
            Map.of(NODE, List.of(PEER_IP)),
            8080,
            5201,
            null,
            80,
            null,
            null,
            new ProbePolicy(1, 1, false, 10, 3_000, List.of("same_node"))));
    prober = new Prober(holder, recorder, ProbeSettings.defaults(), new AtomicInteger());
  }

  @AfterEach
  void close() {
    prober.close();
    if (responder != null) {
      responder.close();
    }
    log.close();
  }

  @Test
  void theWarmUpPodAnswersEveryClassOnLoopbackAndLeavesNoRecord() throws Exception {
    // Its four PROBE records, NETWORK_READY and the outcome are dropped, not written.
    for (int i = 0; i < 100 && prober.warmUpRecordsDropped() < 6; i++) {
      Thread.sleep(50);
    }
    assertThat(prober.warmUpRecordsDropped()).isEqualTo(6);
    assertThat(events(WarmUp.POD)).isEmpty();
    assertThat(prober.find(WarmUp.POD.uid())).isEmpty();
  }

  @Test
  void warmUpPodsShareTheirJvmsBudgetAndLeaveNoRecord() throws Exception {
    AtomicInteger budget = new AtomicInteger(4);
    try (Prober first =
        new Prober(new TargetsHolder(), recorder, ProbeSettings.defaults(), budget)) {
      first.warmedUp().get(10, TimeUnit.SECONDS);
      // Its own pod and the budget's four, six records each (four PROBE, NETWORK_READY, outcome).
      assertThat(first.warmUpRecordsDropped()).isEqualTo(5 * 6);
    }
    try (Prober next =
        new Prober(new TargetsHolder(), recorder, ProbeSettings.defaults(), budget)) {
      next.warmedUp().get(10, TimeUnit.SECONDS);
      assertThat(next.warmUpRecordsDropped()).isEqualTo(6); // the budget is spent: its own pod only
    }
    assertThat(events(WarmUp.POD)).isEmpty();
  }

  @Test
  void aReplyLongerThanManyIntervalsStillAnswersItsAttempt() throws Exception {
    // Only the first request is answered, 300 ms later: 30 intervals after it was sent.
    responder = respond(n -> n == 0 ? List.of(300L) : List.of());
    PodEvent probe = probeOf(probe(1));
    double sent = probe.seconds().get("probe_same_node");
    assertThat(probe.seconds().get("probe_same_node_arrival")).isGreaterThanOrEqualTo(sent + 0.3);
    assertThat(responder.requests()).isGreaterThan(1);
  }

  @Test
  void lostDuplicatedAndReorderedRepliesGiveOneAnswerDatedByTheFirstAnsweredAttempt()
      throws Exception {
    // Requests 0-2 are lost, 3 is answered after 200 ms, 4 at once and twice.
    responder =
        respond(
            n ->
                switch (n) {
                  case 0, 1, 2 -> List.of();
                  case 3 -> List.of(200L);
                  default -> List.of(0L, 0L);
                });
    List<PodEvent> events = probe(2);
    assertThat(events)
        .extracting(PodEvent::kind)
        .containsExactly(EventKind.PROBE, EventKind.NETWORK_READY);
    PodEvent probe = probeOf(events);
    double sent = probe.seconds().get("probe_same_node");
    // Request 4 went out 4 intervals after the first and was answered before request 3: the
    // record counts the four unanswered attempts before it.
    assertThat(sent).isGreaterThanOrEqualTo(0.040);
    assertThat(probe.seconds().get("probe_same_node_unanswered")).isEqualTo(4.0);
    // Attempts are due on the check's schedule, so request 4 went out 40 ms after the check began,
    // less however late the first went out (a millisecond or two; 0.8 ms made 39.2 ms).
    assertThat(probe.seconds().get("probe_same_node_first")).isLessThanOrEqualTo(sent - 0.030);
    // Every attempt is a flow of its own (an identifier each): five requests, five identifiers.
    assertThat(responder.distinctIds()).isEqualTo(responder.requests());
    assertThat(probe.seconds().get("probe_same_node_arrival")).isLessThan(sent + 0.2);
  }

  @Test
  void aReplyReadAfterALongPauseOfTheLoopIsDatedAtItsSendTime() throws Exception {
    // Replies leave the peer 50 ms after each request; the loop sleeps 500 ms from the start.
    responder = respond(n -> List.of(50L));
    PodRef pod = pod("pause");
    ProbeRun run = prober.start(request(pod, 3));
    prober.loop().execute(() -> sleep(500));
    run.outcome().get(30, TimeUnit.SECONDS);
    PodEvent probe = probeOf(events(pod));
    double sent = probe.seconds().get("probe_same_node");
    double read = probe.seconds().get("probe_same_node_read");
    assertThat(read).isGreaterThanOrEqualTo(0.5);
    assertThat(sent).isLessThan(read - 0.4);
    assertThat(probe.seconds().get("probe_same_node_arrival")).isLessThan(read - 0.4);
  }

  @Test
  void aServerSlowerThanTheResponseTimeoutStillAnswersTheConnectionItHolds() throws Exception {
    // The peer accepts every connection at once but answers none before 2.5 s, past the 2 s
    // response timeout: attempts resume beside the first connection, whose late answer still
    // dates the class at its send time (dropping it made the class 2 s late).
    PodRef pod = pod("held-http");
    try (HeldHttpServer server =
            HeldHttpServer.start(Path.of("/run/netns", PEER), PEER_IP, 18080, 2_500);
        Prober http =
            new Prober(serviceOnly(1), recorder, ProbeSettings.defaults(), new AtomicInteger())) {
      ProbeOutcome out = http.start(request(pod, 1)).outcome().get(30, TimeUnit.SECONDS);
      assertThat(out.failures()).isEmpty();
      assertThat(server.connections()).isGreaterThan(1);
    }
    PodEvent probe = probeOf(events(pod));
    assertThat(probe.seconds().get("probe_service")).isLessThan(0.5);
    assertThat(probe.seconds().get("probe_service_unanswered")).isEqualTo(0.0);
    assertThat(probe.seconds().get("probe_service_read")).isGreaterThanOrEqualTo(2.0);
  }

  @Test
  void confirmingGetsSentAfterALongPauseDateTheClassAtTheProvingAttempt() throws Exception {
    // The loop sends the first SYN, then sleeps 500 ms: the handshake completes in the kernel but
    // is read, and the other two GETs sent, only after the pause. Answered, they confirm the path
    // as of the first SYN; dated by their own send time the class took the loop's pause.
    PodRef pod = pod("confirm-http");
    try (HeldHttpServer server =
            HeldHttpServer.start(Path.of("/run/netns", PEER), PEER_IP, 18080, 0);
        Prober http =
            new Prober(serviceOnly(3), recorder, ProbeSettings.defaults(), new AtomicInteger())) {
      ProbeRun run = http.start(request(pod, 1));
      http.loop().execute(() -> sleep(500));
      ProbeOutcome out = run.outcome().get(30, TimeUnit.SECONDS);
      assertThat(out.failures()).isEmpty();
      assertThat(server.connections()).isEqualTo(3);
    }
    PodEvent probe = probeOf(events(pod));
    assertThat(probe.seconds().get("probe_service_read")).isGreaterThanOrEqualTo(0.5);
    assertThat(probe.seconds().get("probe_service")).isLessThan(0.4);
    assertThat(probe.seconds().get("probe_service_unanswered")).isEqualTo(0.0);
  }

  @Test
  void aConfirmingGetThatFailsEndsTheProofAndALaterAttemptDatesTheClass() throws Exception {
    // Connection 0 proves the path; of the two GETs sent to confirm it, connection 1 is answered
    // 503 about 100 ms after the server started. The proof no longer holds: the GET that replaces
    // it goes out after that answer
    // and dates the class by its own send time, with one unanswered attempt before it.
    PodRef pod = pod("broken-proof");
    try (HeldHttpServer server =
            HeldHttpServer.start(Path.of("/run/netns", PEER), PEER_IP, 18080, 0, 1);
        Prober http =
            new Prober(serviceOnly(3), recorder, ProbeSettings.defaults(), new AtomicInteger())) {
      ProbeOutcome out = http.start(request(pod, 1)).outcome().get(30, TimeUnit.SECONDS);
      assertThat(out.failures()).isEmpty();
      assertThat(server.connections()).isEqualTo(4);
    }
    PodEvent probe = probeOf(events(pod));
    // The 503 leaves about 100 ms after the server started, a few ms before the probe did: the
    // class is dated tens of ms later than the proving attempt's send, which was at once.
    assertThat(probe.seconds().get("probe_service")).isGreaterThanOrEqualTo(0.05);
    assertThat(probe.seconds().get("probe_service_unanswered")).isEqualTo(1.0);
  }

  @Test
  void aHandshakeThatAnswersTheKernelsRetransmittedSynIsDatedWhenThatWentOut() throws Exception {
    // The peer drops every SYN for 500 ms. The check's only attempt before 2 s (a 2 s interval)
    // sent its SYN at 0; the kernel retransmits it at 1 s, and that one is answered. Dated by its
    // own SYN, the class would read 0, half a second before the path came up.
    List<String> dropSyns = List.of("-p", "tcp", "--syn", "--dport", "18080", "-j", "DROP");
    PodRef pod = pod("resent-syn");
    try (HeldHttpServer server =
            HeldHttpServer.start(Path.of("/run/netns", PEER), PEER_IP, 18080, 0);
        Prober http =
            new Prober(
                serviceOnly(1, 2_000), recorder, ProbeSettings.defaults(), new AtomicInteger())) {
      Commands.run(iptables("-A", dropSyns));
      ProbeRun run;
      try {
        run = http.start(request(pod, 1));
        Thread.sleep(500);
      } finally {
        Commands.run(iptables("-D", dropSyns));
      }
      ProbeOutcome out = run.outcome().get(30, TimeUnit.SECONDS);
      assertThat(out.failures()).isEmpty();
      assertThat(server.connections()).isEqualTo(1);
    }
    PodEvent probe = probeOf(events(pod));
    assertThat(probe.seconds().get("probe_service")).isBetween(0.9, 1.5);
  }

  private static List<String> iptables(String op, List<String> rule) {
    List<String> argv =
        new ArrayList<>(List.of("ip", "netns", "exec", PEER, "iptables", op, "INPUT"));
    argv.addAll(rule);
    return argv;
  }

  /** Probe targets with the service class only: M HTTP GETs to the peer, no ping. */
  private static TargetsHolder serviceOnly(int gets) {
    return serviceOnly(gets, 10);
  }

  /** The same with the given attempt interval. */
  private static TargetsHolder serviceOnly(int gets, long intervalMs) {
    return peerTargets(gets, intervalMs, "service");
  }

  /** Probe targets towards the peer (control pod and service), with the given classes. */
  private static TargetsHolder peerTargets(int gets, long intervalMs, String... classes) {
    TargetsHolder holder = new TargetsHolder();
    holder.update(
        new ProbeTargets(
            Map.of(NODE, List.of(PEER_IP)),
            8080,
            5201,
            PEER_IP,
            18080,
            null,
            null,
            new ProbePolicy(1, gets, false, intervalMs, 10_000, List.of(classes))));
    return holder;
  }

  @Test
  void aNamespaceDeletedMidProbeFailsItsClassAtTheDeadlineAndIsThenReleased() throws Exception {
    responder = respond(n -> List.of());
    PodRef pod = pod("gone");
    ProbeRun run = prober.start(request(pod, 4));
    Commands.run(List.of("ip", "netns", "delete", "nmprl-p4"));
    created.remove("nmprl-p4");
    ProbeOutcome out = run.outcome().get(30, TimeUnit.SECONDS);
    assertThat(out.failures()).containsOnlyKeys("same_node");
    assertThat(out.failures().get("same_node"))
        .startsWith("ping " + PEER_IP + " did not succeed within 3000 ms");
    // Unanswered, the check spaced its attempts as AttemptPacing says: at most its schedule's
    // count in 3 s (a late loop sends fewer), fewer than a fixed 10 ms interval's 300.
    int scheduled = 0;
    for (long due = 0; due < 3_000_000_000L; scheduled++) {
      due += AttemptPacing.intervalAfter(10_000_000L, due, 1);
    }
    assertThat(scheduled).isEqualTo(296);
    int attempts = attemptsIn(out.failures().get("same_node"));
    assertThat(attempts).isBetween(10, scheduled);
    // The prober held the namespace open until then; now its veth is gone with it.
    for (int i = 0; i < 50 && linkExists("nmprl-b4"); i++) {
      Thread.sleep(100);
    }
    assertThat(linkExists("nmprl-b4")).isFalse();
    // A pod whose namespace is gone before probing starts fails at once, with the reason.
    ProbeOutcome again =
        prober.start(request(pod("gone-2"), 4)).outcome().get(30, TimeUnit.SECONDS);
    assertThat(again.failures().get("same_node"))
        .startsWith("cannot probe from the pod's namespace");
    pod(4);
  }

  @Test
  void aPodPreparedDuringItsAddSendsNothingUntilItStartsAndThenProbesFromThoseSockets()
      throws Exception {
    responder = respond(n -> List.of(0L));
    PodRef pod = pod("prepared");
    awaitWarmUp(prober);
    int before = registered(prober);
    prober.prepare(pod.uid(), Path.of("/run/netns", "nmprl-p3"));
    // The pod's ICMP socket is made and watched while the ADD would still run; nothing is sent.
    awaitRegistered(prober, before + 1);
    Thread.sleep(50);
    assertThat(responder.requests()).isZero();
    ProbeOutcome out = prober.start(request(pod, 3)).outcome().get(30, TimeUnit.SECONDS);
    assertThat(out.failures()).isEmpty();
    assertThat(responder.requests()).isEqualTo(1);
    assertThat(events(pod))
        .extracting(PodEvent::kind)
        .containsExactly(EventKind.PROBE, EventKind.NETWORK_READY);
    awaitRegistered(prober, before); // settled: the socket is closed
  }

  @Test
  void aPreparedPodWhoseAddFailsOrWhoseTargetsChangedLeavesNoSocketBehind() throws Exception {
    responder = respond(n -> List.of(0L));
    TargetsHolder holder = peerTargets(1, 10, "same_node", "service");
    try (HeldHttpServer server =
            HeldHttpServer.start(Path.of("/run/netns", PEER), PEER_IP, 18080, 0);
        Prober both = new Prober(holder, recorder, ProbeSettings.defaults(), new AtomicInteger())) {
      awaitWarmUp(both);
      int before = registered(both);
      long sockets = openSockets();
      // The ADD failed: the shim cancels the pod, and what was made for it goes.
      PodRef failed = pod("prepared-failed");
      both.prepare(failed.uid(), Path.of("/run/netns", "nmprl-p3"));
      awaitRegistered(both, before + 1);
      assertThat(openSockets()).isEqualTo(sockets + 2); // the ICMP socket and the first GET's
      both.cancel(failed.uid());
      awaitRegistered(both, before);
      assertThat(openSockets()).isEqualTo(sockets);
      assertThat(events(failed)).isEmpty();
      // The targets changed during the ADD: the pod is planned anew from the new ones.
      PodRef moved = pod("prepared-moved");
      both.prepare(moved.uid(), Path.of("/run/netns", "nmprl-p3"));
      awaitRegistered(both, before + 1);
      holder.update(pingOnly(holder.current().orElseThrow()));
      ProbeOutcome out = both.start(request(moved, 3)).outcome().get(30, TimeUnit.SECONDS);
      assertThat(out.failures()).isEmpty();
      assertThat(probeOf(events(moved)).seconds()).containsKey("probe_same_node");
      assertThat(probeOf(events(moved)).seconds()).doesNotContainKey("probe_service");
      assertThat(server.connections()).isZero();
      awaitRegistered(both, before);
      assertThat(openSockets()).isEqualTo(sockets);
    }
  }

  /** The same targets, a new object, probing the same-node ping only. */
  private static ProbeTargets pingOnly(ProbeTargets t) {
    ProbePolicy p = t.policy();
    return new ProbeTargets(
        t.controlPods(),
        t.controlHttpPort(),
        t.controlIperfPort(),
        t.serviceIp(),
        t.servicePort(),
        t.externalIp(),
        t.externalUrl(),
        new ProbePolicy(
            p.remoteNodes(),
            p.serviceHttpCount(),
            p.servicePing(),
            p.intervalMs(),
            p.timeoutMs(),
            List.of("same_node")));
  }

  /** Waits until the prober's warm-up pod has settled (its sockets are closed). */
  private static void awaitWarmUp(Prober p) throws Exception {
    for (int i = 0; i < 200 && p.warmUpRecordsDropped() < 6; i++) {
      Thread.sleep(10);
    }
    assertThat(p.warmUpRecordsDropped()).isEqualTo(6);
  }

  private static int registered(Prober p) throws Exception {
    CompletableFuture<Integer> n = new CompletableFuture<>();
    p.loop().execute(() -> n.complete(p.loop().registered()));
    return n.get(10, TimeUnit.SECONDS);
  }

  private static void awaitRegistered(Prober p, int expected) throws Exception {
    for (int i = 0; i < 200 && registered(p) != expected; i++) {
      Thread.sleep(10);
    }
    assertThat(registered(p)).isEqualTo(expected);
  }

  /** Sockets this JVM holds open. */
  private static long openSockets() throws Exception {
    try (var fds = java.nio.file.Files.list(Path.of("/proc/self/fd"))) {
      return fds.filter(
              fd -> {
                try {
                  return java.nio.file.Files.readSymbolicLink(fd).toString().startsWith("socket:");
                } catch (java.io.IOException gone) {
                  return false;
                }
              })
          .count();
    }
  }

  private List<PodEvent> probe(int podIndex) throws Exception {
    PodRef pod = pod("p" + podIndex);
    ProbeOutcome out = prober.start(request(pod, podIndex)).outcome().get(30, TimeUnit.SECONDS);
    assertThat(out.failures()).isEmpty();
    return events(pod);
  }

  private static PodRef pod(String name) {
    return new PodRef("ns", name, "uid-" + name);
  }

  private static ProbeRequest request(PodRef pod, int podIndex) {
    long now = System.nanoTime();
    return new ProbeRequest(
        pod,
        Path.of("/run/netns", "nmprl-p" + podIndex),
        "10.203.60." + (10 + podIndex),
        1,
        now,
        now);
  }

  private List<PodEvent> events(PodRef pod) {
    List<PodEvent> events = new ArrayList<>();
    log.replay(
        e -> {
          if (e.uid().equals(pod.uid())) {
            events.add(e);
          }
        });
    return events;
  }

  private static PodEvent probeOf(List<PodEvent> events) {
    return events.stream().filter(e -> e.kind() == EventKind.PROBE).findFirst().orElseThrow();
  }

  private static ScriptedResponder respond(IntFunction<List<Long>> script) throws Exception {
    return ScriptedResponder.start(Path.of("/run/netns", PEER), script);
  }

  private static int attemptsIn(String failure) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\\((\\d+) attempts\\)").matcher(failure);
    assertThat(m.find()).as(failure).isTrue();
    return Integer.parseInt(m.group(1));
  }

  private static boolean linkExists(String name) throws Exception {
    return Commands.status(List.of("ip", "-n", PEER, "link", "show", name)) == 0;
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(Duration.ofMillis(ms));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void netns(String name) throws Exception {
    Commands.run(List.of("ip", "netns", "add", name));
    created.add(name);
  }

  private static void in(String ns, String... cmd) throws Exception {
    List<String> argv = new ArrayList<>(List.of("ip", "netns", "exec", ns));
    argv.addAll(List.of(cmd));
    Commands.run(argv);
  }
}
