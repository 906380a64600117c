package dev.netmark.shim.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeconfigTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  private static String config(String server, String cluster, String user) {
    return """
        apiVersion: v1
        kind: Config
        current-context: c
        contexts:
        - name: c
          context: {cluster: k, user: u}
        clusters:
        - name: k
          cluster:
            server: %s
        %s
        users:
        - name: u
          user:
        %s
        """
        .formatted(server, cluster.indent(4).stripTrailing(), user.indent(4).stripTrailing());
  }

  @Test
  void readsTheServerAndATokenOrATokenFileRelativeToTheKubeconfig() throws Exception {
    Path plain = write("a", config("http://10.0.0.1:8080", "", "token: abc"));
    ApiEndpoint a = Kubeconfig.load(plain);
    assertThat(a.server()).hasToString("http://10.0.0.1:8080");
    assertThat(a.tls()).isNull();
    assertThat(a.authorization()).isEqualTo("Bearer abc");
    assertThat(a.origin()).isEqualTo("kubeconfig " + plain + " (context c)");

    write("token", "first\n");
    ApiEndpoint b = Kubeconfig.load(write("b", config("http://h:1", "", "tokenFile: token")));
    assertThat(b.authorization()).isEqualTo("Bearer first");
    write("token", "rotated\n"); // service-account tokens rotate: read at each request
    assertThat(b.authorization()).isEqualTo("Bearer rotated");
  }

  @Test
  void mistakesNameTheFileAndWhatIsWrong() throws Exception {
    Path exec =
        write("exec", config("https://h:6443", "", "exec: {command: gke-gcloud-auth-plugin}"));
    assertThatThrownBy(() -> Kubeconfig.load(exec))
        .isInstanceOf(KubeconfigException.class)
        .hasMessageStartingWith(
            "kubeconfig " + exec + " (context c): the user authenticates with an exec plugin");
    Path noContext =
        write(
            "nc",
            config("http://h:1", "", "token: t")
                .replace("current-context: c", "current-context: x"));
    assertThatThrownBy(() -> Kubeconfig.load(noContext))
        .hasMessage("kubeconfig " + noContext + ": no context named 'x' in contexts");
    Path notYaml = write("ny", "a: [");
    assertThatThrownBy(() -> Kubeconfig.load(notYaml))
        .hasMessageStartingWith("kubeconfig " + notYaml + ": not YAML");
    assertThatThrownBy(() -> Kubeconfig.load(dir.resolve("missing")))
        .hasMessageStartingWith("kubeconfig " + dir.resolve("missing") + ": cannot read it");
    Path halfCert =
        write(
            "hc",
            config("https://h:6443", "", "client-certificate-data: " + TestCerts.base64("x")));
    assertThatThrownBy(() -> Kubeconfig.load(halfCert))
        .hasMessageEndingWith("the user has a client certificate or a client key, not both");
  }

  @Test
  void trustsTheKubeconfigsCaAndPresentsTheClientCertificate() throws Exception {
    TestCerts server = TestCerts.create(dir, "RSA");
    TestCerts client = TestCerts.create(Files.createDirectory(dir.resolve("client")), "EC");
    AtomicReference<String> auth = new AtomicReference<>();
    AtomicReference<String> peer = new AtomicReference<>();
    HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    SSLContext serverTls = SSLContext.getInstance("TLS");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (var in = new FileInputStream(server.keystore().toFile())) {
      ks.load(in, TestCerts.PASSWORD);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, TestCerts.PASSWORD);
    serverTls.init(kmf.getKeyManagers(), new javax.net.ssl.TrustManager[] {TRUST_ANY_CLIENT}, null);
    https.setHttpsConfigurator(
        new HttpsConfigurator(serverTls) {
          @Override
          public void configure(com.sun.net.httpserver.HttpsParameters p) {
            p.setWantClientAuth(true);
          }
        });
    https.createContext(
        "/",
        ex -> {
          auth.set(ex.getRequestHeaders().getFirst("Authorization"));
          var session = ((com.sun.net.httpserver.HttpsExchange) ex).getSSLSession();
          try {
            peer.set(
                ((java.security.cert.X509Certificate) session.getPeerCertificates()[0])
                    .getSubjectX500Principal()
                    .getName());
          } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
            peer.set("none");
          }
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    https.start();
    try {
      String url = "https://127.0.0.1:" + https.getAddress().getPort();
      String user =
          "token: t\nclient-certificate-data: "
              + TestCerts.base64(client.certPem())
              + "\nclient-key-data: "
              + TestCerts.base64(TestCerts.pem("PRIVATE KEY", client.key().getEncoded()));
      ApiEndpoint trusted =
          Kubeconfig.load(
              write(
                  "tls",
                  config(
                      url,
                      "certificate-authority-data: " + TestCerts.base64(server.certPem()),
                      user)));
      assertThat(get(trusted, url)).isEqualTo(200);
      assertThat(auth.get()).isEqualTo("Bearer t");
      assertThat(peer.get()).isEqualTo("CN=netmark-test");

      TestCerts other = TestCerts.create(Files.createDirectory(dir.resolve("o")), "RSA");
      ApiEndpoint wrongCa =
          Kubeconfig.load(
              write(
                  "wrong",
                  config(
                      url,
                      "certificate-authority-data: " + TestCerts.base64(other.certPem()),
                      "token: t")));
      assertThatThrownBy(() -> get(wrongCa, url)).isInstanceOf(SSLHandshakeException.class);
      // The right CA, but a name the certificate (ip:127.0.0.1 only) is not for.
      String byName = url.replace("127.0.0.1", "localhost");
      ApiEndpoint wrongName =
          Kubeconfig.load(
              write(
                  "name",
                  config(
                      byName,
                      "certificate-authority-data: " + TestCerts.base64(server.certPem()),
                      "token: t")));
      assertThatThrownBy(() -> get(wrongName, byName))
          .isInstanceOf(SSLHandshakeException.class)
          .hasMessageContaining("localhost");
      ApiEndpoint insecure =
          Kubeconfig.load(
              write("insecure", config(url, "insecure-skip-tls-verify: true", "token: t")));
      assertThat(get(insecure, url)).isEqualTo(200);
    } finally {
      https.stop(0);
    }
  }

  // A GET through the watch's own connection: its TLS set-up is what the kubeconfig decides.
  private static int get(ApiEndpoint api, String url) throws Exception {
    assertThat(api.server()).hasToString(url);
    try (ApiConnection c =
        ApiConnection.open(api, java.time.Duration.ofSeconds(5), java.time.Duration.ofSeconds(5))) {
      c.get(api, "/x", Map.of("Connection", "close"));
      return c.head().status();
    }
  }

  private static final javax.net.ssl.X509TrustManager TRUST_ANY_CLIENT =
      new javax.net.ssl.X509TrustManager() {
        @Override
        public void checkClientTrusted(java.security.cert.X509Certificate[] c, String a) {}

        @Override
        public void checkServerTrusted(java.security.cert.X509Certificate[] c, String a) {}

        @Override
        public java.security.cert.X509Certificate[] getAcceptedIssuers() {
          return new java.security.cert.X509Certificate[0];
        }
      };

  @Test
  void findsTheApiServerInClusterThenKubeconfigThenHome() throws Exception {
    TestCerts ca = TestCerts.create(dir, "RSA");
    Path sa = Files.createDirectory(dir.resolve("sa"));
    Files.writeString(sa.resolve("token"), "sa-token");
    Files.writeString(sa.resolve("ca.crt"), ca.certPem());
    Path home = Files.createDirectory(dir.resolve("home"));
    ApiEndpoint inCluster =
        ApiEndpoints.resolve(
            null,
            Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443"),
            home,
            sa);
    assertThat(inCluster.server()).hasToString("https://10.96.0.1:443");
    assertThat(inCluster.authorization()).isEqualTo("Bearer sa-token");

    Path k = write("k", config("http://from-env:1", "", "token: t"));
    assertThat(
            ApiEndpoints.resolve(
                    null, Map.of("KUBECONFIG", k.toString()), home, dir.resolve("none"))
                .server())
        .hasToString("http://from-env:1");
    assertThatThrownBy(() -> ApiEndpoints.resolve(null, Map.of(), home, dir.resolve("none")))
        .hasMessageStartingWith("no API server to read probe targets from")
        .hasMessageEndingWith("pass --kubeconfig or --probe-targets");
    Files.createDirectory(home.resolve(".kube"));
    Files.writeString(home.resolve(".kube/config"), config("http://from-home:1", "", "token: t"));
    assertThat(ApiEndpoints.resolve(null, Map.of(), home, dir.resolve("none")).server())
        .hasToString("http://from-home:1");
  }
}
