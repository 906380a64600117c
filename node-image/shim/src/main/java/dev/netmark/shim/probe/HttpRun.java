package dev.netmark.shim.probe;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * An HTTP check: a GET on a fresh TCP connection per attempt (so a service VIP is resolved by DNAT
 * each time), sent every interval until a connection is established. Once one is, the path is
 * proven: the other GETs of the check (x M) go out at once on connections of their own, and no
 * further attempt goes out while those wait for their answers, since a busy server is not an
 * unready network and the server's response time is not the network's.
 *
 * <p>Every attempt sent once the path was proven confirms the proof when it is answered, and dates
 * the check by the send time of the attempt that proved it: its own send time is when the loop read
 * that handshake (the network's round trip plus the prober's own delay), or a turn the loop took
 * before reading it. An attempt sent since the proof that fails (refused, reset, no status, 400 or
 * more) ends the proof: the next connection proves the path anew, at its own send time. A server
 * that is only slow does not.
 *
 * <p>Attempts whose handshake is still pending are kept for {@link #HANDSHAKE_PATIENCE_MS} (up to
 * {@link #MAX_CONNECTING} of them), so a SYN-ACK that arrives late still answers the attempt that
 * sent its SYN, however short the interval; by then the kernel is about to resend the SYN, and a
 * path that drops SYNs gains nothing from a socket resending them. A connection without a status
 * line after {@link #RESPONSE_TIMEOUT_MS} is kept too (up to {@link #MAX_SLOW}) while attempts
 * resume beside it: a server that was only slow (a paused process) still answers it, dated by its
 * send time.
 */
final class HttpRun extends CheckRun {
  static final int MAX_CONNECTING = 256;
  static final long HANDSHAKE_PATIENCE_MS = 900;
  static final int MAX_SLOW = 16;
  static final long RESPONSE_TIMEOUT_MS = 2_000;

  private final HttpCheck http;
  private final Arena arena = Arena.ofConfined();
  private final MemorySegment address;
  private final byte[] request;
  private final Deque<HttpAttempt> connecting = new ArrayDeque<>();
  private final List<HttpAttempt> proven = new ArrayList<>();
  // Connected but unanswered past the response timeout: still open, an answer still counts.
  private final Deque<HttpAttempt> slow = new ArrayDeque<>();
  private boolean pathProven;
  // The send time of the attempt whose handshake proved the path (0: not proven, or an attempt sent
  // since then failed): answers to attempts sent from then on date the check by it.
  private long provenSince;
  // The first attempt's socket, made while the pod's ADD ran (-1: none).
  private int preparedFd = -1;

  HttpRun(PodRun pod, String cls, HttpCheck http, InetAddress ip, long intervalMs, long timeoutMs) {
    super(pod, cls, http, intervalMs, timeoutMs);
    this.http = http;
    this.address = SockAddr.of(arena, ip, http.port());
    this.request =
        ("GET "
                + http.path()
                + " HTTP/1.0\r\nHost: "
                + http.hostHeader()
                + "\r\nUser-Agent: netmark-shim\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
  }

  @Override
  boolean mayAttempt() {
    int missing = answersMissing() - proven.size();
    // Before the path is proven one attempt per interval; after, exactly the GETs still missing.
    return missing > 0 && (!pathProven || connecting.size() < missing);
  }

  @Override
  void prepare() {
    preparedFd = HttpAttempt.socket(this, address);
  }

  @Override
  void attempt(long now) {
    while (!connecting.isEmpty()
        && (connecting.size() >= MAX_CONNECTING
            || now - connecting.peekFirst().sentNanos() >= HANDSHAKE_PATIENCE_MS * 1_000_000L)) {
      connecting.pollFirst().close(); // its SYN is as good as lost
    }
    HttpAttempt a;
    try {
      int fd = preparedFd;
      preparedFd = -1;
      a = HttpAttempt.connect(this, address, request, fd);
    } catch (ProbeSetupException e) {
      failedAttempt(e.getMessage());
      return;
    }
    if (a != null) {
      connecting.addLast(a);
    } else {
      provenSince = 0; // refused or unreachable at once: the path no longer holds
    }
  }

  /** The attempt's handshake completed: the path works; wait for the server. */
  void connected(HttpAttempt a) {
    connecting.remove(a);
    if (proven.size() >= answersMissing()) {
      a.close(); // enough GETs are already on their way
      return;
    }
    pathProven = true;
    if (provenSince == 0) {
      provenSince = a.sentNanos();
    }
    proven.add(a);
    a.expectResponseBy(
        pod.loop()
            .at(
                System.nanoTime() + RESPONSE_TIMEOUT_MS * 1_000_000L,
                () -> {
                  if (!a.closed()) {
                    slow(a);
                  }
                }));
    for (int i = answersMissing(); i > 0 && mayAttempt(); i--) {
      attemptNow(); // bounded: a connect that fails at once leaves mayAttempt() true
    }
  }

  /**
   * The attempt has no status line within the response timeout: it stays open, and its answer still
   * counts, but it no longer holds back new attempts.
   */
  private void slow(HttpAttempt a) {
    proven.remove(a);
    if (slow.size() >= MAX_SLOW) {
      slow.pollFirst().close();
    }
    slow.addLast(a);
    failedAttempt("connected, but no HTTP status line within " + RESPONSE_TIMEOUT_MS + " ms");
  }

  /** The attempt ended without an answer. */
  void attemptFailed(HttpAttempt a, String why) {
    if (provenSince != 0 && a.sentNanos() - provenSince >= 0) {
      provenSince = 0; // sent once the path was proven, and it failed: the proof does not hold
    }
    a.close();
    connecting.remove(a);
    proven.remove(a);
    slow.remove(a);
    failedAttempt(why);
  }

  /** The attempt got a status line below 400. */
  void attemptAnswered(HttpAttempt a, long arrival, long read) {
    a.close();
    proven.remove(a);
    slow.remove(a);
    boolean confirms = provenSince != 0 && a.sentNanos() - provenSince >= 0;
    answered(confirms ? provenSince : a.sentNanos(), arrival, read);
  }

  @Override
  void release() {
    if (preparedFd >= 0) {
      pod.loop().closeFd(preparedFd);
      preparedFd = -1;
    }
    connecting.forEach(HttpAttempt::close);
    connecting.clear();
    proven.forEach(HttpAttempt::close);
    proven.clear();
    slow.forEach(HttpAttempt::close);
    slow.clear();
    arena.close();
  }
}
