package dev.netmark.mockapi;

import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.WebSocketListener;

/**
 * fabric8's CRUD dispatcher whose watches close without stalling the server: each watch's close and
 * failure callbacks run off the event loop ({@link DetachedCloseListener}). Without this, a watch
 * closed with an event in flight stalls every request for 30 s, and the server's shutdown times out
 * ("Unable to close MockWebServer"). Extend it to add routes of your own.
 */
public class RepairedCrudDispatcher extends KubernetesCrudDispatcher {
  @Override
  public MockResponse handleWatch(String path) {
    MockResponse response = super.handleWatch(path);
    WebSocketListener watch = response.getWebSocketListener();
    return watch == null
        ? response
        : response.withWebSocketUpgrade(new DetachedCloseListener(watch));
  }
}
