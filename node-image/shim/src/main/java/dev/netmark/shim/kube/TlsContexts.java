package dev.netmark.shim.kube;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** The TLS context for an API server: whom to trust and which client certificate to present. */
final class TlsContexts {
  private static final char[] NO_PASSWORD = new char[0];

  private TlsContexts() {}

  /**
   * @param caPem the CAs to trust, or null for the JDK's
   * @param insecure trust any server (kubeconfig's {@code insecure-skip-tls-verify})
   * @param certPem the client certificate chain, or null
   * @param keyPem its private key, or null
   */
  static SSLContext create(
      String caPem, boolean insecure, String certPem, String keyPem, String origin) {
    try {
      TrustManager[] trust = insecure ? new TrustManager[] {new TrustAll()} : trust(caPem, origin);
      KeyManager[] keys = certPem == null ? null : keys(certPem, keyPem, origin);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(keys, trust, null);
      return tls;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new KubeconfigException(origin + ": cannot set up TLS: " + e, e);
    }
  }

  private static TrustManager[] trust(String caPem, String origin)
      throws GeneralSecurityException, java.io.IOException {
    TrustManagerFactory f =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    if (caPem == null) {
      f.init((KeyStore) null);
      return f.getTrustManagers();
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    int i = 0;
    for (X509Certificate ca : Pem.certificates(caPem, origin + ": certificate-authority")) {
      store.setCertificateEntry("ca-" + i++, ca);
    }
    f.init(store);
    return f.getTrustManagers();
  }

  private static KeyManager[] keys(String certPem, String keyPem, String origin)
      throws GeneralSecurityException, java.io.IOException {
    List<X509Certificate> chain = Pem.certificates(certPem, origin + ": client-certificate");
    PrivateKey key = Pem.privateKey(keyPem, origin + ": client-key");
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("client", key, NO_PASSWORD, chain.toArray(X509Certificate[]::new));
    KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    f.init(store, NO_PASSWORD);
    return f.getKeyManagers();
  }

  /** {@code insecure-skip-tls-verify}: neither the chain nor the host name is checked. */
  private static final class TrustAll extends X509ExtendedTrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
