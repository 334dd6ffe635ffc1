package io.connectorkit.connector.soap;

import static io.connectorkit.connector.soap.SoapInvokeTest.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.spi.Connector;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code connectTimeout} and {@code timeout} against servers that misbehave at the TCP level: one
 * that never accepts a connection (its backlog full) and one that accepts and never answers. Every
 * failure must come within about its timeout (300 ms here; asserted: under 5 s).
 */
class SoapTimeoutTest {
  private static final int SHORT = 300;
  private static final long WELL_UNDER = 5_000;

  private static Unaccepting unaccepting;
  private static Silent silent;
  private DataSource db;

  @TempDir Path temp;

  @BeforeAll
  static void startServers() throws IOException {
    unaccepting = new Unaccepting();
    silent = new Silent();
  }

  @AfterAll
  static void stopServers() {
    if (unaccepting != null) {
      unaccepting.close();
    }
    if (silent != null) {
      silent.close();
    }
  }

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  /** A datasource reading its WSDL from a file; calls go to the WSDL's address. */
  private DataSource withWsdlFile(String address, Object... settings) throws IOException {
    Path wsdl = temp.resolve("calculator.wsdl");
    Files.writeString(wsdl, SoapWsdlTest.twoPortWsdl(address));
    return create(wsdl.toString(), settings);
  }

  private DataSource create(String wsdl, Object... settings) {
    Map<String, Object> all = map("connector", "soap", "wsdl", wsdl);
    all.putAll(map(settings));
    db = DataSources.create("svc", all);
    db.define("{\"name\": \"Svc\"}");
    return db;
  }

  /** The failure of {@code call}, which must come after at least {@code atLeast} ms. */
  private static ConnectorException failsAfter(long atLeast, ThrowingCallable call) {
    long start = System.nanoTime();
    ConnectorException e = catchThrowableOfType(ConnectorException.class, call);
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(e).as("a ConnectorException").isNotNull();
    assertThat(millis).as("ms until the failure").isBetween(atLeast, WELL_UNDER);
    return e;
  }

  private static Map<String, Object> add() {
    return map("intA", 1, "intB", 2);
  }

  // ---------------------------------------------------------------- connectTimeout

  @Test
  void aCallThatCannotConnectFailsAfterTheConnectTimeoutAsAConnectionFailure() throws Exception {
    withWsdlFile(unaccepting.url(), "connectTimeout", SHORT, "timeout", 60_000);

    ConnectorException e =
        failsAfter(SHORT - 50, () -> db.dao("Svc").invoke("Add", add(), Options.NONE));

    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
    assertThat(e.getMessage())
        .contains("Add")
        .contains(unaccepting.url())
        .contains("no connection within 300 ms (connectTimeout)");
  }

  @Test
  void aWsdlThatCannotBeConnectedToFailsAfterTheConnectTimeoutAsAConfigurationError() {
    String wsdl = unaccepting.url() + "?wsdl";

    ConnectorException e =
        failsAfter(
            SHORT - 50,
            () ->
                create(wsdl, "connectTimeout", SHORT, "timeout", 60_000)
                    .unwrap(Connector.class)
                    .connect());

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
    assertThat(e.getMessage())
        .contains(wsdl)
        .contains("no connection within 300 ms (connectTimeout)");
  }

  @Test
  void pingThatCannotConnectFailsAfterTheConnectTimeout() {
    create(unaccepting.url() + "?wsdl", "lazyConnect", true, "connectTimeout", SHORT);

    ConnectorException e = failsAfter(SHORT - 50, () -> db.ping());

    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
    assertThat(e.getMessage()).startsWith("NOT Connected: ").contains("connectTimeout");
  }

  // ---------------------------------------------------------------- timeout

  @Test
  void aCallThatGetsNoAnswerFailsAfterTheTimeoutAsATimeout() throws Exception {
    withWsdlFile(silent.url(), "timeout", SHORT);

    ConnectorException e =
        failsAfter(SHORT - 50, () -> db.dao("Svc").invoke("Add", add(), Options.NONE));

    assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
    assertThat(e.getMessage())
        .contains("Add")
        .contains(silent.url())
        .contains("did not answer within 300 ms (timeout)");
  }

  @Test
  void aWsdlThatGetsNoAnswerFailsAfterTheTimeoutAsAConfigurationError() {
    String wsdl = silent.url() + "?wsdl";

    ConnectorException e =
        failsAfter(
            SHORT - 50, () -> create(wsdl, "timeout", SHORT).unwrap(Connector.class).connect());

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
    assertThat(e.getMessage()).contains(wsdl).contains("no answer within 300 ms (timeout)");
  }

  @Test
  void pingThatGetsNoAnswerFailsAfterTheConnectTimeoutNotTheLongerTimeout() {
    // C6: ping never hangs longer than the connect timeout, even though the read timeout is 60 s.
    create(silent.url() + "?wsdl", "lazyConnect", true, "connectTimeout", SHORT, "timeout", 60_000);

    ConnectorException e = failsAfter(SHORT - 50, () -> db.ping());

    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
    assertThat(e.getMessage())
        .startsWith("NOT Connected: ")
        .contains("the connectTimeout that bounds ping");
    assertThat(db.unwrap(Connector.class).isConnected()).isFalse();
  }

  // ---------------------------------------------------------------- servers

  /**
   * A listening socket that never accepts, its backlog filled by client sockets: a further connect
   * gets no SYN-ACK (Linux drops the SYN) and can only time out. The constructor proves it.
   */
  static final class Unaccepting implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> fillers = new ArrayList<>();

    Unaccepting() throws IOException {
      server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
      for (int i = 0; i < 16; i++) {
        Socket socket = new Socket();
        try {
          socket.connect(server.getLocalSocketAddress(), 200);
          fillers.add(socket);
        } catch (SocketTimeoutException full) {
          socket.close();
          return;
        }
      }
      close();
      throw new IllegalStateException("the backlog never filled: cannot simulate a dropped SYN");
    }

    String url() {
      return "http://127.0.0.1:" + server.getLocalPort() + "/calculator";
    }

    @Override
    public void close() {
      for (Socket socket : fillers) {
        closeQuietly(socket);
      }
      closeQuietly(server);
    }
  }

  /** Accepts connections, reads nothing, answers nothing, until closed. */
  static final class Silent implements AutoCloseable {
    private final ServerSocket server;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    Silent() throws IOException {
      server = new ServerSocket();
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      acceptor =
          new Thread(
              () -> {
                while (!server.isClosed()) {
                  try {
                    accepted.add(server.accept());
                  } catch (IOException closed) {
                    return;
                  }
                }
              },
              "silent-acceptor");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getLocalPort() + "/calculator";
    }

    @Override
    public void close() {
      closeQuietly(server);
      accepted.forEach(SoapTimeoutTest::closeQuietly);
      try {
        acceptor.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception ignored) {
      // teardown: the socket is gone either way
    }
  }
}
