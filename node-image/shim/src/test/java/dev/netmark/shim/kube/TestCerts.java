package dev.netmark.shim.kube;

import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * A key pair and self-signed certificate for 127.0.0.1, made by the JDK's keytool (the JDK has no
 * API to sign certificates), in PEM as kubeconfigs carry them.
 */
record TestCerts(Path keystore, X509Certificate cert, PrivateKey key) {
  static final char[] PASSWORD = "changeit".toCharArray();

  static TestCerts create(Path dir, String keyAlgorithm) throws IOException, InterruptedException {
    Path ks = dir.resolve(keyAlgorithm + ".p12");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                keyAlgorithm,
                // P-256 for EC: what kubeadm and openssl users have (keytool's default is P-384).
                "-keysize",
                keyAlgorithm.equals("EC") ? "256" : "2048",
                "-dname",
                "CN=netmark-test",
                "-ext",
                "san=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                ks.toString(),
                "-storepass",
                new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) {
      throw new IOException("keytool failed: " + out);
    }
    try (var in = new FileInputStream(ks.toFile())) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, PASSWORD);
      return new TestCerts(
          ks,
          (X509Certificate) store.getCertificate("server"),
          (PrivateKey) store.getKey("server", PASSWORD));
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  String certPem() throws GeneralSecurityException {
    return pem("CERTIFICATE", cert.getEncoded());
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes());
  }
}
