package dev.netmark.shim.kube;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM certificates and private keys as kubeconfigs carry them: PKCS#8 ({@code PRIVATE KEY}), PKCS#1
 * RSA ({@code RSA PRIVATE KEY}, what kubeadm and openssl genrsa write) and SEC1 EC ({@code EC
 * PRIVATE KEY}). The JDK reads only PKCS#8; the other two are wrapped into it here.
 */
final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*?)-----END \\1-----");
  private static final byte[] RSA_ALGORITHM =
      HexFormat.of().parseHex("300d06092a864886f70d0101010500");
  private static final byte[] EC_PUBLIC_KEY_OID = HexFormat.of().parseHex("06072a8648ce3d0201");
  private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

  private Pem() {}

  /** Every certificate in {@code pem}, at least one. */
  static List<X509Certificate> certificates(String pem, String what) {
    try {
      List<X509Certificate> certs = new ArrayList<>();
      for (var c :
          CertificateFactory.getInstance("X.509")
              .generateCertificates(
                  new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
        certs.add((X509Certificate) c);
      }
      if (certs.isEmpty()) {
        throw new KubeconfigException(what + ": no PEM certificate in it");
      }
      return certs;
    } catch (CertificateException e) {
      throw new KubeconfigException(what + ": not a PEM certificate: " + e.getMessage(), e);
    }
  }

  /** The first private key in {@code pem}. */
  static PrivateKey privateKey(String pem, String what) {
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      String type = m.group(1);
      if (!type.endsWith("PRIVATE KEY")) {
        continue;
      }
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      byte[] pkcs8 =
          switch (type) {
            case "PRIVATE KEY" -> der;
            case "RSA PRIVATE KEY" -> sequence(VERSION_0, RSA_ALGORITHM, octets(der));
            case "EC PRIVATE KEY" ->
                sequence(VERSION_0, sequence(EC_PUBLIC_KEY_OID, curveOf(der, what)), octets(der));
            default ->
                throw new KubeconfigException(
                    what + ": a " + type + " is not supported (an unencrypted key is needed)");
          };
      return decode(pkcs8, what);
    }
    throw new KubeconfigException(what + ": no PEM private key in it");
  }

  private static PrivateKey decode(byte[] pkcs8, String what) {
    for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    throw new KubeconfigException(what + ": not an RSA, EC or Ed25519 private key");
  }

  /** The curve OID (tag and all) in a SEC1 ECPrivateKey's {@code [0] parameters}. */
  private static byte[] curveOf(byte[] sec1, String what) {
    Der seq = Der.read(sec1, 0);
    int at = seq.contentStart();
    while (at < seq.end()) {
      Der field = Der.read(sec1, at);
      if (field.tag() == (byte) 0xa0) {
        return java.util.Arrays.copyOfRange(sec1, field.contentStart(), field.end());
      }
      at = field.end();
    }
    throw new KubeconfigException(what + ": the EC key does not name its curve");
  }

  private static byte[] octets(byte[] content) {
    return tlv((byte) 0x04, content);
  }

  private static byte[] sequence(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return tlv((byte) 0x30, out.toByteArray());
  }

  private static byte[] tlv(byte tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    int n = content.length;
    if (n < 0x80) {
      out.write(n);
    } else {
      int bytes = (32 - Integer.numberOfLeadingZeros(n) + 7) / 8;
      out.write(0x80 | bytes);
      for (int i = bytes - 1; i >= 0; i--) {
        out.write(n >>> (8 * i));
      }
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  /** One DER element's tag and where its content starts and ends. */
  private record Der(byte tag, int contentStart, int end) {
    static Der read(byte[] der, int at) {
      byte tag = der[at];
      int len = der[at + 1] & 0xff;
      int start = at + 2;
      if (len >= 0x80) {
        int bytes = len & 0x7f;
        len = 0;
        for (int i = 0; i < bytes; i++) {
          len = (len << 8) | (der[start + i] & 0xff);
        }
        start += bytes;
      }
      return new Der(tag, start, start + len);
    }
  }
}
