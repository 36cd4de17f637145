package dev.ivsplayback.keys.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy between the driver and the database that cuts every connection when the client sends
 * its n-th message after {@link #arm}: either before forwarding it (the server never sees it) or
 * right after (the server may act on it, e.g. commit, and the reply is lost). A message is one read
 * from the client socket; drivers send each statement, and the commit, as one.
 */
final class CuttingProxy implements AutoCloseable {
  private final ServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private final AtomicInteger countdown = new AtomicInteger(-1);
  private volatile boolean forwardThenCut;
  private volatile boolean fired;

  CuttingProxy(String targetHost, int targetPort) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    Thread accept = new Thread(this::acceptLoop, "cutting-proxy");
    accept.setDaemon(true);
    accept.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Cuts all connections at the {@code n}-th client message from now. */
  void arm(int n, boolean forwardThenCut) {
    this.forwardThenCut = forwardThenCut;
    this.fired = false;
    countdown.set(n);
  }

  void disarm() {
    countdown.set(-1);
  }

  boolean fired() {
    return fired;
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(targetHost, targetPort);
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        sockets.add(client);
        sockets.add(upstream);
        // Set when this connection's cut message is forwarded: its replies are dropped from then
        // on.
        java.util.concurrent.atomic.AtomicBoolean dropReplies =
            new java.util.concurrent.atomic.AtomicBoolean();
        pump(client, upstream, true, dropReplies);
        pump(upstream, client, false, dropReplies);
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void pump(
      Socket from,
      Socket to,
      boolean fromClient,
      java.util.concurrent.atomic.AtomicBoolean dropReplies) {
    Thread t =
        new Thread(
            () -> {
              byte[] buf = new byte[64 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buf)) >= 0) {
                  boolean cut =
                      fromClient && countdown.get() > 0 && countdown.decrementAndGet() == 0;
                  // Only the connections open now: ones opened while we wait are served normally.
                  List<Socket> victims = cut ? List.copyOf(sockets) : List.of();
                  if (cut && !forwardThenCut) {
                    cut(victims);
                    return;
                  }
                  if (cut) {
                    dropReplies.set(true);
                  }
                  if (!fromClient && dropReplies.get()) {
                    continue;
                  }
                  out.write(buf, 0, n);
                  out.flush();
                  if (cut) {
                    Thread.sleep(100); // let the server act on it; its reply is then lost
                    cut(victims);
                    return;
                  }
                }
              } catch (IOException | InterruptedException e) {
                // the other side closed, or we cut
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "cutting-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  private void cut(List<Socket> victims) {
    fired = true;
    for (Socket s : victims) {
      closeQuietly(s);
    }
    sockets.removeAll(victims);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    cut(List.copyOf(sockets));
  }
}
