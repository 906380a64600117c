package dev.netmark.mockapi;

import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

/**
 * A watch's listener whose close and failure callbacks run off the server's event loop.
 *
 * <p>fabric8's mock ({@code WatchEventsListener}) sends watch events from its own executor and
 * waits up to 30 s for each write, which the event loop completes; its {@code onClosed} runs on
 * that event loop and waits for the executor to finish. A watch closed while an event was in flight
 * therefore stalled every request for 30 s. Handing the two callbacks to a thread of their own lets
 * the event loop finish the write.
 */
final class DetachedCloseListener extends WebSocketListener {
  private final WebSocketListener watch;

  DetachedCloseListener(WebSocketListener watch) {
    this.watch = watch;
  }

  @Override
  public void onBeforeAccept(WebSocket socket, Response response) {
    watch.onBeforeAccept(socket, response);
  }

  @Override
  public void onOpen(WebSocket socket, Response response) {
    watch.onOpen(socket, response);
  }

  @Override
  public void onMessage(WebSocket socket, String text) {
    watch.onMessage(socket, text);
  }

  @Override
  public void onMessage(WebSocket socket, ByteString bytes) {
    watch.onMessage(socket, bytes);
  }

  @Override
  public void onMessage(WebSocket socket, byte[] bytes) {
    watch.onMessage(socket, bytes);
  }

  @Override
  public void onPing(WebSocket socket, byte[] payload) {
    watch.onPing(socket, payload);
  }

  @Override
  public void onClosing(WebSocket socket, int code, String reason) {
    watch.onClosing(socket, code, reason);
  }

  @Override
  public void onClosed(WebSocket socket, int code, String reason) {
    Thread.ofVirtual().name("watch-closed").start(() -> watch.onClosed(socket, code, reason));
  }

  @Override
  public void onFailure(WebSocket socket, Throwable failure, Response response) {
    Thread.ofVirtual().name("watch-failed").start(() -> watch.onFailure(socket, failure, response));
  }
}
