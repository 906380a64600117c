package dev.netmark.shim.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {
  @TempDir Path dir;

  /** The content of a PKCS#8 key's OCTET STRING: the PKCS#1 or SEC1 key it wraps. */
  private static byte[] inner(byte[] pkcs8) {
    int[] at = {0};
    header(pkcs8, at); // SEQUENCE: enter it
    at[0] = header(pkcs8, at); // INTEGER version: skip
    at[0] = header(pkcs8, at); // SEQUENCE algorithm: skip
    int end = header(pkcs8, at); // OCTET STRING
    return Arrays.copyOfRange(pkcs8, at[0], end);
  }

  /** Reads the tag and length at at[0], leaves at[0] at the content; returns the content's end. */
  private static int header(byte[] der, int[] at) {
    int i = at[0] + 1;
    int len = der[i++] & 0xff;
    if (len >= 0x80) {
      int n = len & 0x7f;
      len = 0;
      for (int k = 0; k < n; k++) {
        len = (len << 8) | (der[i++] & 0xff);
      }
    }
    at[0] = i;
    return i + len;
  }

  @Test
  void readsRsaKeysInPkcs8AndPkcs1() throws Exception {
    TestCerts rsa = TestCerts.create(dir, "RSA");
    byte[] pkcs8 = rsa.key().getEncoded();
    assertThat(Pem.privateKey(TestCerts.pem("PRIVATE KEY", pkcs8), "k").getEncoded())
        .isEqualTo(pkcs8);
    assertThat(Pem.privateKey(TestCerts.pem("RSA PRIVATE KEY", inner(pkcs8)), "k").getEncoded())
        .isEqualTo(pkcs8);
  }

  @Test
  void readsAnEcKeyInSec1WithItsCurve() throws Exception {
    TestCerts ec = TestCerts.create(dir, "EC");
    byte[] scalar = ((ECPrivateKey) ec.key()).getS().toByteArray();
    byte[] d = Arrays.copyOfRange(scalar, scalar.length - 32, scalar.length);
    // SEC1 as openssl writes it: version 1, the scalar, [0] the curve (P-256).
    HexFormat hex = HexFormat.of();
    String sec1 = "3031020101" + "0420" + hex.formatHex(d) + "a00a" + "06082a8648ce3d030107";
    var key = Pem.privateKey(TestCerts.pem("EC PRIVATE KEY", hex.parseHex(sec1)), "k");
    assertThat(((ECPrivateKey) key).getS()).isEqualTo(((ECPrivateKey) ec.key()).getS());
  }

  @Test
  void badKeysAreNamed() {
    assertThatThrownBy(() -> Pem.privateKey("nothing here", "kubeconfig x: client-key"))
        .hasMessage("kubeconfig x: client-key: no PEM private key in it");
    assertThatThrownBy(
            () -> Pem.privateKey(TestCerts.pem("ENCRYPTED PRIVATE KEY", new byte[] {1}), "k"))
        .hasMessageContaining("ENCRYPTED PRIVATE KEY is not supported");
    assertThatThrownBy(() -> Pem.certificates("garbage", "ca")).hasMessageStartingWith("ca: ");
  }
}
