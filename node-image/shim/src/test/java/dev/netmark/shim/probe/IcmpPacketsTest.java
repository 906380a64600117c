package dev.netmark.shim.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IcmpPacketsTest {
  @Test
  void anEchoRequestCarriesItsIdSequenceAndAValidChecksum() {
    byte[] p = IcmpPackets.echoRequest(false, 0x1234, 0xabcd);
    assertThat(p).hasSize(16);
    assertThat(p[0]).isEqualTo((byte) 8);
    assertThat(p[4] & 0xff).isEqualTo(0x12);
    assertThat(p[7] & 0xff).isEqualTo(0xcd);
    // A packet that includes its own correct checksum sums to zero.
    assertThat(IcmpPackets.checksum(p, p.length)).isZero();
    // RFC 1071's example words 0001 f203 f4f5 f6f7 sum to ddf2, so the checksum is 220d.
    byte[] rfc = {
      0x00, 0x01, (byte) 0xf2, 0x03, (byte) 0xf4, (byte) 0xf5, (byte) 0xf6, (byte) 0xf7
    };
    assertThat(IcmpPackets.checksum(rfc, rfc.length)).isEqualTo(0x220d);
  }

  @Test
  void ipv6RequestsLeaveTheChecksumToTheKernel() {
    byte[] p = IcmpPackets.echoRequest(true, 7, 9);
    assertThat(p[0] & 0xff).isEqualTo(128);
    assertThat(p[2]).isZero();
    assertThat(p[3]).isZero();
  }

  @Test
  void anIpv4EchoReplyIsParsedAfterItsHeaderWhateverItsLength() {
    byte[] packet = ipv4Reply(24, 0, 0x0102, 0x0304);
    IcmpPackets.EchoReply r = IcmpPackets.parseV4(packet, packet.length);
    assertThat(r).isNotNull();
    assertThat(r.id()).isEqualTo(0x0102);
    assertThat(r.seq()).isEqualTo(0x0304);
    assertThat(r.source()).containsExactly(10, 0, 0, 5);
  }

  @Test
  void otherIcmpTypesAndTruncatedPacketsAreNotReplies() {
    byte[] request = ipv4Reply(20, 8, 1, 1);
    assertThat(IcmpPackets.parseV4(request, request.length)).isNull();
    byte[] reply = ipv4Reply(20, 0, 1, 1);
    assertThat(IcmpPackets.parseV4(reply, 25)).isNull();
    assertThat(IcmpPackets.parseV4(new byte[] {0x60, 0, 0}, 3)).isNull();
    byte[] v6 = {(byte) 129, 0, 0, 0, 0, 5, 0, 6};
    assertThat(IcmpPackets.parseV6(v6, 8).id()).isEqualTo(5);
    assertThat(IcmpPackets.parseV6(v6, 8).seq()).isEqualTo(6);
    assertThat(IcmpPackets.parseV6(new byte[] {(byte) 128, 0, 0, 0, 0, 5, 0, 6}, 8)).isNull();
  }

  private static byte[] ipv4Reply(int headerBytes, int type, int id, int seq) {
    byte[] p = new byte[headerBytes + 16];
    p[0] = (byte) (0x40 | headerBytes / 4);
    p[9] = 1; // ICMP
    p[12] = 10;
    p[15] = 5;
    p[headerBytes] = (byte) type;
    p[headerBytes + 4] = (byte) (id >>> 8);
    p[headerBytes + 5] = (byte) id;
    p[headerBytes + 6] = (byte) (seq >>> 8);
    p[headerBytes + 7] = (byte) seq;
    return p;
  }
}
