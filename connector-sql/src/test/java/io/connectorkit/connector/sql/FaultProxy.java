package io.connectorkit.connector.sql;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-process TCP proxy on 127.0.0.1 (ephemeral port) in front of a real server, injecting the
 * faults a network can: {@link #cutAll() cut} every open connection (TCP reset), {@link Mode#REFUSE
 * refuse} new ones, {@link Mode#BLACKHOLE swallow} traffic without ever answering, {@link
 * #delay(long) delay} every chunk, and {@link #resetAfter(long) reset} mid-stream after a number of
 * bytes from the server. Faults apply to the real drivers' real bytes; nothing is mocked.
 */
public final class FaultProxy implements AutoCloseable {
  /** What the proxy does with a new connection. */
  public enum Mode {
    /** Forward both ways. */
    PASS,
    /** Accept, then reset at once: the client sees the connection refused or reset. */
    REFUSE,
    /** Accept and read, but never forward nor answer: a server that went silent. */
    BLACKHOLE
  }

  private final InetSocketAddress target;
  private final ServerSocket server;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicLong connections = new AtomicLong();
  private final AtomicLong faults = new AtomicLong();
  private volatile Mode mode = Mode.PASS;
  private volatile long delayMillis;
  private volatile long resetAfterBytes = -1;
  private volatile boolean closed;

  private FaultProxy(InetSocketAddress target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::acceptLoop, "fault-proxy-accept-" + port());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /**
   * Starts a proxy to {@code host:port}.
   *
   * @throws UncheckedIOException when no local port can be bound
   */
  public static FaultProxy to(String host, int port) {
    requireNonNull(host, "host is null");
    try {
      return new FaultProxy(new InetSocketAddress(host, port));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The local port clients connect to. */
  public int port() {
    return server.getLocalPort();
  }

  /** Sets what happens to connections opened from now on; open ones keep flowing. */
  public FaultProxy mode(Mode mode) {
    this.mode = requireNonNull(mode, "mode is null");
    return this;
  }

  /** Delays every forwarded chunk by {@code millis} (0: none). */
  public FaultProxy delay(long millis) {
    this.delayMillis = millis;
    return this;
  }

  /**
   * Resets each connection opened from now on once it has forwarded {@code bytes} bytes from the
   * server to the client (negative: never).
   */
  public FaultProxy resetAfter(long bytes) {
    this.resetAfterBytes = bytes;
    return this;
  }

  /** Back to forwarding everything, undelayed. */
  public FaultProxy heal() {
    mode = Mode.PASS;
    delayMillis = 0;
    resetAfterBytes = -1;
    return this;
  }

  /** Resets every open connection (both sides), as a dropped link or a killed server would. */
  public int cutAll() {
    int cut = 0;
    for (Socket socket : open) {
      reset(socket);
      cut++;
    }
    faults.addAndGet(cut);
    return cut;
  }

  /** Connections accepted so far. */
  public long connections() {
    return connections.get();
  }

  /** Connections cut, refused or reset so far. */
  public long faults() {
    return faults.get();
  }

  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      // Closing a listening socket only fails if it is already closed.
    }
    cutAll();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException e) {
        return;
      }
      connections.incrementAndGet();
      open.add(client);
      Mode current = mode;
      if (current == Mode.REFUSE) {
        faults.incrementAndGet();
        reset(client);
      } else if (current == Mode.BLACKHOLE) {
        faults.incrementAndGet();
        daemon(() -> drain(client), "fault-proxy-blackhole");
      } else {
        daemon(() -> connect(client), "fault-proxy-connect");
      }
    }
  }

  private void connect(Socket client) {
    Socket upstream = new Socket();
    try {
      upstream.connect(target, 5_000);
    } catch (IOException e) {
      reset(client);
      return;
    }
    open.add(upstream);
    long limit = resetAfterBytes;
    daemon(() -> pipe(client, upstream, -1), "fault-proxy-up");
    daemon(() -> pipe(upstream, client, limit), "fault-proxy-down");
  }

  private void pipe(Socket from, Socket to, long limit) {
    byte[] buffer = new byte[16 * 1024];
    long forwarded = 0;
    try (InputStream in = from.getInputStream()) {
      OutputStream out = to.getOutputStream();
      int n;
      while ((n = in.read(buffer)) >= 0) {
        if (mode == Mode.BLACKHOLE) {
          // A link that goes silent mid-session: bytes vanish, nothing is answered.
          continue;
        }
        long delay = delayMillis;
        if (delay > 0) {
          Thread.sleep(delay);
        }
        if (limit >= 0 && forwarded + n > limit) {
          int part = (int) (limit - forwarded);
          out.write(buffer, 0, part);
          out.flush();
          faults.incrementAndGet();
          reset(from);
          reset(to);
          return;
        }
        out.write(buffer, 0, n);
        out.flush();
        forwarded += n;
      }
    } catch (IOException e) {
      // The other side went away; closing both ends below propagates it.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    close(from);
    close(to);
  }

  private void drain(Socket client) {
    byte[] buffer = new byte[4096];
    try (InputStream in = client.getInputStream()) {
      while (in.read(buffer) >= 0) {
        // swallowed
      }
    } catch (IOException e) {
      // cut or closed
    }
    close(client);
  }

  private void reset(Socket socket) {
    try {
      // SO_LINGER 0 makes close send a TCP RST instead of an orderly FIN.
      socket.setSoLinger(true, 0);
    } catch (SocketException e) {
      // already closed
    }
    close(socket);
  }

  private void close(Socket socket) {
    open.remove(socket);
    try {
      socket.close();
    } catch (IOException e) {
      // nothing left to release
    }
  }

  private static void daemon(Runnable task, String name) {
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
  }
}
