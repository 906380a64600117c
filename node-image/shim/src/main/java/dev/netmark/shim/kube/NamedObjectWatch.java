package dev.netmark.shim.kube;

import dev.netmark.contract.json.JsonNode;
import dev.netmark.contract.json.JsonTree;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Follows one named object, as an informer on a single object does: a list, then a watch from the
 * list's resourceVersion (a WebSocket, as kube-apiserver and fabric8's mock both serve it), a new
 * list when the watch is too old (410 Gone), and retries with backoff on every failure, forever: a
 * node outlives its master's outages. One thread, blocked in a read between events, on one HTTP/1.1
 * connection at a time ({@link ApiConnection}).
 */
public final class NamedObjectWatch implements AutoCloseable {
  /** What happens to the object; one call at a time, from the watch's thread. */
  public interface Handler {
    /** A version of the object (from the list or an ADDED or MODIFIED event). */
    void upsert(JsonNode object);

    /** The object was deleted. */
    void deleted();

    /** The watch's state changed: null when it follows the object, else why not. */
    void problem(String problem);
  }

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
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
  private final Thread thread;
  private volatile boolean closed;
  private volatile ApiConnection connection;

  private NamedObjectWatch(ApiEndpoint api, String collection, String name, Handler handler) {
    this.api = api;
    this.collection = collection;
    this.name = name;
    this.handler = handler;
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

  /**
   * The first message in {@code e}'s causes; a socket's exception with its name, as its message
   * alone ("Connection refused", a host name) does not say what failed.
   */
  static String describe(Throwable e) {
    if (e.getMessage() != null && e.getClass().getPackageName().startsWith("java.net")) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
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
  private String list() throws IOException, ApiException {
    String body;
    try (ApiConnection c = connect(REQUEST_TIMEOUT)) {
      c.get(api, collection + "?" + selector(), Map.of("Accept", "application/json"));
      ApiConnection.Head head = c.head();
      body = c.body(head);
      if (head.status() != 200) {
        throw ApiException.of("list", head.status(), body);
      }
    }
    JsonNode list = JsonTree.parse(body);
    for (JsonNode item : list.path("items")) {
      if (name.equals(item.path("metadata").path("name").asString(""))) {
        handler.upsert(item);
      }
    }
    return list.path("metadata").path("resourceVersion").asString("");
  }

  private ApiConnection connect(Duration readTimeout) throws IOException {
    ApiConnection c = ApiConnection.open(api, CONNECT_TIMEOUT, readTimeout);
    connection = c;
    if (closed) {
      c.close();
      throw new IOException("closed");
    }
    return c;
  }

  /**
   * Watches from {@code version} until the server ends the watch; returns the last version seen, or
   * null when the server says it is too old (list again).
   */
  private String watch(String version) throws ApiException, IOException {
    String query =
        "?watch=true&allowWatchBookmarks=true&timeoutSeconds="
            + WATCH_SECONDS
            + "&"
            + selector()
            + (version.isEmpty() ? "" : "&resourceVersion=" + version);
    String key = WebSocketMessages.newKey();
    Map<String, String> upgrade = new LinkedHashMap<>();
    upgrade.put("Connection", "Upgrade");
    upgrade.put("Upgrade", "websocket");
    upgrade.put("Sec-WebSocket-Version", "13");
    upgrade.put("Sec-WebSocket-Key", key);
    // kube-apiserver's WebSocket handler refuses a handshake without an Origin.
    upgrade.put("Origin", api.server().toString());
    // No message for this long: the connection is dead (no close frame ever came); list again.
    try (ApiConnection c = connect(WATCH_DEADLINE)) {
      c.get(api, collection + query, upgrade);
      ApiConnection.Head head = c.head();
      if (head.status() != 101) {
        throw ApiException.of("watch", head.status(), c.body(head));
      }
      if (!WebSocketMessages.accept(key).equals(head.headers().get("sec-websocket-accept"))) {
        throw new IOException("watch: the server's WebSocket handshake does not match the key");
      }
      WebSocketMessages messages = new WebSocketMessages(c.in(), c.out());
      String last = version;
      for (String m = messages.next(); m != null; m = messages.next()) {
        last = apply(JsonTree.parse(m), last);
        if (last == null) {
          return null;
        }
      }
      return last;
    } catch (SocketTimeoutException e) {
      throw new IOException("watch: no message from the server within " + WATCH_DEADLINE, e);
    }
  }

  /**
   * Applies one watch event; returns the last version seen after it, or null when the server said
   * the version is too old.
   */
  private String apply(JsonNode event, String version) throws ApiException {
    String type = event.path("type").asString("");
    JsonNode object = event.path("object");
    if ("ERROR".equals(type)) {
      if (object.path("code").asInt() == 410) {
        return null;
      }
      throw ApiException.of("watch", object.path("code").asInt(), object.toString());
    }
    String v = object.path("metadata").path("resourceVersion").asString("");
    String last = v.isEmpty() ? version : v;
    if (!name.equals(object.path("metadata").path("name").asString(""))) {
      return last; // a BOOKMARK, or a server that ignores the field selector
    }
    switch (type) {
      case "ADDED", "MODIFIED" -> handler.upsert(object);
      case "DELETED" -> handler.deleted();
      default -> {}
    }
    return last;
  }

  @Override
  public void close() {
    closed = true;
    ApiConnection c = connection;
    if (c != null) {
      try {
        c.close(); // ends a read the thread is blocked in
      } catch (IOException e) {
        // Closing anyway; the thread sees closed and ends.
      }
    }
    thread.interrupt();
    try {
      thread.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
