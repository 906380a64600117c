package dev.netmark.testing.local.api;

import dev.netmark.fixtures.RepairedCrudDispatcher;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CRUD mock with two repairs, both listed in {@link MockQuirks}, and pods bound at create: a
 * pod created without a node is stored on the node the scheduler stand-in chooses ({@link
 * BindAtCreate}), so it costs one write instead of a create and a bind. Watches close without
 * stalling the server or losing events, and a watch re-opened after deletions relists ({@link
 * RepairedCrudDispatcher}). And the node proxy subresource it lacks: {@code GET
 * /api/v1/nodes/NAME:PORT/proxy/PATH} is forwarded to {@code http://<InternalIP>:PORT/PATH}, as
 * kube-apiserver does, so the {@code proxy} metric source works in local mode. Only GET, and only
 * with an explicit port: local mode's kubelet stand-in serves no kubelet port to default to.
 */
final class LocalDispatcher extends RepairedCrudDispatcher {
  private static final Pattern PROXY =
      Pattern.compile("/api/v1/nodes/([a-z0-9.-]+)(?::(\\d{1,5}))?/proxy(/[^?]*)?(\\?.*)?");
  private static final Pattern POD_CREATE =
      Pattern.compile("/api/v1/namespaces/([a-z0-9.-]+)/pods(\\?.*)?");
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final KubernetesSerialization json = new KubernetesSerialization();
  private volatile BindAtCreate binder;

  /** From now on, pods created without a node are stored on {@code binder}'s choice. */
  void bindAtCreate(BindAtCreate binder) {
    this.binder = binder;
  }

  @Override
  protected MockResponse answer(RecordedRequest request) {
    BindAtCreate b = binder;
    Matcher create = POD_CREATE.matcher(request.getPath());
    if (b != null && "POST".equals(request.getMethod()) && create.matches()) {
      return createBound(request, create.group(1), b);
    }
    Matcher m = PROXY.matcher(request.getPath());
    if (!m.matches()) {
      return super.answer(request);
    }
    if (!"GET".equals(request.getMethod())) {
      return status(405, "MethodNotAllowed", "local mode's node proxy forwards GET only");
    }
    String node = m.group(1);
    if (m.group(2) == null) {
      return status(
          503,
          "ServiceUnavailable",
          "local mode's node proxy needs a port: nodes/" + node + ":PORT");
    }
    MockResponse stored = handleGet("/api/v1/nodes/" + node);
    if (stored.code() != 200) {
      return status(404, "NotFound", "nodes \"" + node + "\" not found");
    }
    String ip = internalIp(json.unmarshal(stored.getBody().readUtf8(), Node.class));
    if (ip == null) {
      return status(503, "ServiceUnavailable", "node " + node + " has no InternalIP");
    }
    String path = m.group(3) == null ? "/" : m.group(3);
    String query = m.group(4) == null ? "" : m.group(4);
    return forward(URI.create("http://" + ip + ":" + m.group(2) + path + query));
  }

  private MockResponse createBound(RecordedRequest request, String namespace, BindAtCreate b) {
    String body = request.getUtf8Body(); // reading it drains the request: pass a copy on
    Pod pod;
    try {
      pod = json.unmarshal(body, Pod.class);
    } catch (RuntimeException e) {
      return super.answer(withBody(request, body)); // the CRUD answer says what is wrong
    }
    if (pod == null
        || pod.getMetadata() == null
        || pod.getMetadata().getName() == null
        || pod.getSpec() == null
        || (pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty())
        || (pod.getMetadata().getNamespace() != null
            && !namespace.equals(pod.getMetadata().getNamespace()))) {
      return super.answer(withBody(request, body)); // named by the server, bound, or refused
    }
    pod.getMetadata().setNamespace(namespace);
    String node = b.nodeAtCreate(pod);
    if (node == null) {
      return super.answer(withBody(request, body));
    }
    pod.getSpec().setNodeName(node);
    MockResponse created = super.answer(withBody(request, json.asJson(pod)));
    if (created.code() != 201) {
      b.notCreated(pod);
    }
    return created;
  }

  private static RecordedRequest withBody(RecordedRequest request, String body) {
    return new RecordedRequest(
        request.getHttpVersion(),
        request.method(),
        request.getPath(),
        request.getHeaders(),
        new Buffer(body.getBytes(StandardCharsets.UTF_8)));
  }

  private MockResponse forward(URI target) {
    HttpRequest get = HttpRequest.newBuilder(target).timeout(TIMEOUT).GET().build();
    try {
      HttpResponse<byte[]> r = http.send(get, HttpResponse.BodyHandlers.ofByteArray());
      MockResponse out = new MockResponse().setResponseCode(r.statusCode()).setBody(r.body());
      // As kube-apiserver, pass the shim's own headers on: readers follow its records cursor.
      r.headers()
          .map()
          .forEach(
              (name, values) -> {
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.equals("content-type") || lower.startsWith("x-netmark-")) {
                  out.setHeader(name, values.getFirst());
                }
              });
      return out;
    } catch (IOException e) {
      return status(
          503, "ServiceUnavailable", "error trying to reach " + target + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return status(503, "ServiceUnavailable", "interrupted while reaching " + target);
    }
  }

  private static String internalIp(Node node) {
    if (node.getStatus() == null || node.getStatus().getAddresses() == null) {
      return null;
    }
    return node.getStatus().getAddresses().stream()
        .filter(a -> "InternalIP".equals(a.getType()))
        .map(NodeAddress::getAddress)
        .findFirst()
        .orElse(null);
  }

  /** A {@code v1 Status} failure, as kube-apiserver answers. */
  private MockResponse status(int code, String reason, String message) {
    Map<String, Object> body =
        Map.of(
            "kind",
            "Status",
            "apiVersion",
            "v1",
            "metadata",
            Map.of(),
            "status",
            "Failure",
            "message",
            message,
            "reason",
            reason,
            "code",
            code);
    return new MockResponse()
        .setResponseCode(code)
        .setHeader("Content-Type", "application/json")
        .setBody(json.asJson(body));
  }
}
