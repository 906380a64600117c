package dev.netmark.shim.kube;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows one named object, as an informer on a single object does: a list, then a watch from the
 * list's resourceVersion (a WebSocket, as kube-apiserver and fabric8's mock both serve it), a new
 * list when the watch is too old (410 Gone), and retries with backoff on every failure, forever: a
 * node outlives its master's outages. One thread, asleep between events.
 */
public final class NamedObjectWatch implements AutoCloseable {
  /**
   * What happens to the object; one call at a time, from the watch's or the HTTP client's thread.
   */
  public interface Handler {
    /** A version of the object (from the list or an ADDED or MODIFIED event). */
    void upsert(JsonNode object);

    /** The object was deleted. */
    void deleted();

    /** The watch's state changed: null when it follows the object, else why not. */
    void problem(String problem);
  }

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  // The server ends a watch after this; the client gives it a minute more before it calls the
  // connection dead (no close frame ever came) and lists again.
  private static final int WATCH_SECONDS = 300;
  private static final Duration WATCH_DEADLINE = Duration.ofSeconds(WATCH_SECONDS + 60);
  private static final long FIRST_BACKOFF_MS = 500;
  private static final long MAX_BACKOFF_MS = 30_000;

  private final ApiEndpoint api;
  private final String collection;
  private final String name;
  private final Handler handler;
  private final HttpClient http;
  private final Thread thread;
  private volatile boolean closed;
  private volatile WebSocket socket;

  private NamedObjectWatch(ApiEndpoint api, String collection, String name, Handler handler) {
    this.api = api;
    this.collection = collection;
    this.name = name;
    this.handler = handler;
    this.http = api.newHttpClient();
    this.thread = Thread.ofPlatform().daemon().name("watch-" + name).unstarted(this::run);
  }

  /**
   * Starts following {@code collection}/{@code name}; returns at once.
   *
   * @param collection the collection's path, e.g. {@code /api/v1/namespaces/NS/configmaps}
   */
  public static NamedObjectWatch start(
      ApiEndpoint api, String collection, String name, Handler handler) {
    NamedObjectWatch w = new NamedObjectWatch(api, collection, name, handler);
    w.thread.start();
    return w;
  }

  private void run() {
    long backoff = FIRST_BACKOFF_MS;
    String version = null;
    while (!closed) {
      try {
        if (version == null) {
          version = list();
        }
        handler.problem(null);
        version = watch(version);
        backoff = FIRST_BACKOFF_MS;
        continue; // the server ended the watch, or it was too old: go on at once
      } catch (ApiException | IOException | RuntimeException e) {
        if (closed) {
          return;
        }
        handler.problem(describe(e));
      } catch (InterruptedException e) {
        return;
      }
      version = null; // after a failure, list again: events may have been missed
      try {
        Thread.sleep(backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
      } catch (InterruptedException e) {
        return;
      }
      backoff = Math.min(MAX_BACKOFF_MS, backoff * 2);
    }
  }

  /** The first message in {@code e}'s causes (the JDK's ConnectException has none of its own). */
  static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t == e ? t.getMessage() : e.getClass().getSimpleName() + ": " + t.getMessage();
      }
    }
    return e.getClass().getSimpleName();
  }

  private String selector() {
    return "fieldSelector=" + URLEncoder.encode("metadata.name=" + name, StandardCharsets.UTF_8);
  }

  /** Lists the object; returns the list's resourceVersion. */
  private String list() throws IOException, InterruptedException, ApiException {
    HttpRequest request =
        api.authorize(HttpRequest.newBuilder(api.resolve(collection + "?" + selector(), false)))
            .timeout(REQUEST_TIMEOUT)
            .header("Accept", "application/json")
            .GET()
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw ApiException.of("list", response.statusCode(), response.body());
    }
    JsonNode list = JSON.readTree(response.body());
    for (JsonNode item : list.path("items")) {
      if (name.equals(item.path("metadata").path("name").asString(""))) {
        handler.upsert(item);
      }
    }
    return list.path("metadata").path("resourceVersion").asString("");
  }

  /**
   * Watches from {@code version} until the server ends the watch; returns the last version seen, or
   * null when the server says it is too old (list again).
   */
  private String watch(String version) throws ApiException, InterruptedException, IOException {
    WatchListener listener = new WatchListener(version);
    String query =
        "?watch=true&allowWatchBookmarks=true&timeoutSeconds="
            + WATCH_SECONDS
            + "&"
            + selector()
            + (version.isEmpty() ? "" : "&resourceVersion=" + version);
    WebSocket.Builder b = http.newWebSocketBuilder().connectTimeout(REQUEST_TIMEOUT);
    // kube-apiserver's WebSocket handler refuses a handshake without an Origin.
    b.header("Origin", api.server().toString());
    String auth = api.authorization();
    if (auth != null) {
      b.header("Authorization", auth);
    }
    socket = null;
    try {
      socket =
          b.buildAsync(api.resolve(collection + query, true), listener)
              .get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (closed) {
        socket.abort();
      }
      listener.done.get(WATCH_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw new IOException("watch: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      WebSocket s = socket;
      if (s != null) {
        s.abort();
      }
      throw new IOException("watch: no answer from the server within its deadline");
    }
    return listener.gone ? null : listener.version;
  }

  /** Applies one watch event; returns false when the server said the version is too old. */
  private boolean apply(JsonNode event, WatchListener l) throws ApiException {
    String type = event.path("type").asString("");
    JsonNode object = event.path("object");
    if ("ERROR".equals(type)) {
      if (object.path("code").asInt() == 410) {
        return false;
      }
      throw ApiException.of("watch", object.path("code").asInt(), object.toString());
    }
    String v = object.path("metadata").path("resourceVersion").asString("");
    if (!v.isEmpty()) {
      l.version = v;
    }
    if (!name.equals(object.path("metadata").path("name").asString(""))) {
      return true; // a BOOKMARK, or a server that ignores the field selector
    }
    switch (type) {
      case "ADDED", "MODIFIED" -> handler.upsert(object);
      case "DELETED" -> handler.deleted();
      default -> {}
    }
    return true;
  }

  /** Gathers a watch's messages (a message may come in several frames) and applies each. */
  private final class WatchListener implements WebSocket.Listener {
    final CompletableFuture<Void> done = new CompletableFuture<>();
    final StringBuilder message = new StringBuilder();
    volatile String version;
    volatile boolean gone;

    WatchListener(String version) {
      this.version = version;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      message.append(data);
      if (last) {
        complete(ws);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      message.append(StandardCharsets.UTF_8.decode(data));
      if (last) {
        complete(ws);
      }
      ws.request(1);
      return null;
    }

    private void complete(WebSocket ws) {
      String text = message.toString();
      message.setLength(0);
      try {
        if (!apply(JSON.readTree(text), this)) {
          gone = true;
          ws.abort();
          done.complete(null);
        }
      } catch (ApiException | RuntimeException e) {
        ws.abort();
        done.completeExceptionally(e);
      }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      done.complete(null);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      done.completeExceptionally(error);
    }
  }

  @Override
  public void close() {
    closed = true;
    WebSocket s = socket;
    if (s != null) {
      s.abort();
    }
    thread.interrupt();
    // shutdownNow, not close: close() waits for every operation, and a WebSocket handshake in
    // flight when the watch was closed kept a test's close() waiting forever.
    http.shutdownNow();
    try {
      thread.join(Duration.ofSeconds(5));
      http.awaitTermination(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
