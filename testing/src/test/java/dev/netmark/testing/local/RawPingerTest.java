package dev.netmark.testing.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.shim.probe.IcmpPackets;
import org.junit.jupiter.api.Test;

class RawPingerTest {
  private static final byte[] TARGET = {10, 0, 1, 2};

  @Test
  void anEchoRequestCarriesItsIdentifierSequenceMarkAndTagWithAValidChecksum() {
    byte[] p = RawPinger.echoRequest(0x1234, 7, 0x0a0b0c);
    assertThat(p).hasSize(16);
    assertThat(p[0]).as("echo request").isEqualTo((byte) 8);
    assertThat(p[4]).isEqualTo((byte) 0x12);
    assertThat(p[5]).isEqualTo((byte) 0x34);
    assertThat(p[7]).isEqualTo((byte) 7);
    assertThat(new String(p, 8, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("nmraw");
    assertThat(IcmpPackets.checksum(p, p.length)).as("checksum over a valid packet").isZero();
  }

  @Test
  void everyEchoHasAnIdentifierOfItsOwn() {
    assertThat(RawPinger.id(100, 0)).isEqualTo(100);
    assertThat(RawPinger.id(100, 1)).isEqualTo(101);
    assertThat(RawPinger.id(0xffff, 2)).as("wraps at 16 bits").isEqualTo(1);
  }

  @Test
  void theReplyToOurEchoGivesItsSequenceNumber() {
    int base = 500;
    int tag = 3;
    byte[] reply = reply(TARGET, RawPinger.echoRequest(RawPinger.id(base, 4), 4, tag));
    assertThat(RawPinger.answeredSeq(reply, reply.length, TARGET, base, tag)).isEqualTo(4);
  }

  @Test
  void repliesToOtherEchoesOrFromOtherHostsAreNotOurs() {
    int base = 500;
    int tag = 3;
    byte[] ours = RawPinger.echoRequest(RawPinger.id(base, 4), 4, tag);
    assertThat(answered(reply(new byte[] {10, 0, 2, 2}, ours), base, tag))
        .as("from another address")
        .isEqualTo(-1);
    assertThat(answered(reply(TARGET, ours), base, tag + 1)).as("another ping's tag").isEqualTo(-1);
    assertThat(answered(reply(TARGET, RawPinger.echoRequest(999, 4, tag)), base, tag))
        .as("an identifier that is not echo 4's")
        .isEqualTo(-1);
    byte[] netmarks = ours.clone();
    System.arraycopy(
        "netmark\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, netmarks, 8, 8);
    assertThat(answered(reply(TARGET, netmarks), base, tag))
        .as("netmark's prober's echo, same identifier and sequence")
        .isEqualTo(-1);
    byte[] request = reply(TARGET, ours);
    request[20] = 8;
    assertThat(answered(request, base, tag)).as("an echo request, not a reply").isEqualTo(-1);
    assertThat(answered(new byte[] {0x45, 0, 0}, base, tag)).as("too short").isEqualTo(-1);
  }

  private static int answered(byte[] packet, int base, int tag) {
    return RawPinger.answeredSeq(packet, packet.length, TARGET, base, tag);
  }

  /** The IPv4 packet a raw socket reads for the reply to {@code request}, from {@code from}. */
  private static byte[] reply(byte[] from, byte[] request) {
    byte[] p = new byte[20 + request.length];
    p[0] = 0x45;
    p[9] = 1;
    System.arraycopy(from, 0, p, 12, 4);
    System.arraycopy(request, 0, p, 20, request.length);
    p[20] = 0;
    return p;
  }
}
