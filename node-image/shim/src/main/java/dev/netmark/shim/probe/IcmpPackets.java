package dev.netmark.shim.probe;

/**
 * ICMP echo requests and replies as bytes (RFC 792, RFC 4443). IPv4 raw sockets hand over the IP
 * header with each packet and need our checksum; ICMPv6 raw sockets strip the header and the kernel
 * fills the checksum.
 */
public final class IcmpPackets {
  static final int ECHO_REQUEST_V4 = 8;
  static final int ECHO_REPLY_V4 = 0;
  static final int ECHO_REQUEST_V6 = 128;
  static final int ECHO_REPLY_V6 = 129;
  static final int REQUEST_BYTES = 16;
  private static final byte[] PAYLOAD = {'n', 'e', 't', 'm', 'a', 'r', 'k', 0};

  private IcmpPackets() {}

  /** An echo reply: its identifier and sequence number, and for IPv4 the sender's address. */
  record EchoReply(int id, int seq, byte[] source) {}

  static byte[] echoRequest(boolean v6, int id, int seq) {
    byte[] p = new byte[REQUEST_BYTES];
    p[0] = (byte) (v6 ? ECHO_REQUEST_V6 : ECHO_REQUEST_V4);
    p[4] = (byte) (id >>> 8);
    p[5] = (byte) id;
    p[6] = (byte) (seq >>> 8);
    p[7] = (byte) seq;
    System.arraycopy(PAYLOAD, 0, p, 8, PAYLOAD.length);
    if (!v6) {
      int sum = checksum(p, p.length);
      p[2] = (byte) (sum >>> 8);
      p[3] = (byte) sum;
    }
    return p;
  }

  /** An IPv4 packet as a raw socket reads it; null unless it is an echo reply. */
  static EchoReply parseV4(byte[] packet, int length) {
    if (length < 20 || (packet[0] & 0xf0) != 0x40) {
      return null;
    }
    int ihl = (packet[0] & 0x0f) * 4;
    if (ihl < 20 || length < ihl + 8 || packet[9] != SocketCalls.IPPROTO_ICMP) {
      return null;
    }
    if ((packet[ihl] & 0xff) != ECHO_REPLY_V4) {
      return null;
    }
    byte[] source = {packet[12], packet[13], packet[14], packet[15]};
    return new EchoReply(u16(packet, ihl + 4), u16(packet, ihl + 6), source);
  }

  /** An ICMPv6 message as a raw ICMPv6 socket reads it; null unless it is an echo reply. */
  static EchoReply parseV6(byte[] message, int length) {
    if (length < 8 || (message[0] & 0xff) != ECHO_REPLY_V6) {
      return null;
    }
    return new EchoReply(u16(message, 4), u16(message, 6), null);
  }

  /** The Internet checksum (RFC 1071) of the first {@code length} bytes. */
  public static int checksum(byte[] data, int length) {
    long sum = 0;
    for (int i = 0; i + 1 < length; i += 2) {
      sum += ((data[i] & 0xff) << 8) | (data[i + 1] & 0xff);
    }
    if ((length & 1) == 1) {
      sum += (data[length - 1] & 0xff) << 8;
    }
    while ((sum >>> 16) != 0) {
      sum = (sum & 0xffff) + (sum >>> 16);
    }
    return (int) (~sum & 0xffff);
  }

  private static int u16(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }
}
