package io.connectorkit.connector.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ExecuteContext;
import io.connectorkit.core.spi.ExecuteListener;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Credentials;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS options against an HTTPS MockWebServer with a self-signed certificate: refused by default,
 * trusted through {@code truststore}, or with {@code rejectUnauthorized: false}; auth over TLS.
 */
class RestTlsTest {
  private static final String PASSWORD = "tr0st-pa55";
  private static final HeldCertificate SERVER_CERTIFICATE =
      new HeldCertificate.Builder()
          .commonName("ConnectorKit test server")
          .addSubjectAlternativeName("localhost")
          .addSubjectAlternativeName("127.0.0.1")
          .duration(1, TimeUnit.HOURS)
          .build();

  @TempDir Path directory;
  private MockWebServer server;
  private DataSource db;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    HandshakeCertificates serverCertificates =
        new HandshakeCertificates.Builder().heldCertificate(SERVER_CERTIFICATE).build();
    server.useHttps(serverCertificates.sslSocketFactory(), false);
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() throws IOException {
    if (db != null) {
      db.close();
    }
    server.shutdown();
  }

  private Dao things(Map<String, Object> extra) {
    Map<String, Object> settings = new HashMap<>(extra);
    settings.put("connector", "rest");
    settings.put("baseURL", server.url("/api").toString());
    db = DataSources.create("secure", settings);
    db.define(
        "{\"name\": \"Thing\", \"properties\": {\"id\": {\"type\": \"number\", \"id\": true}}}");
    return db.dao("Thing");
  }

  /** A PKCS12 truststore holding the server's (self-signed) certificate. */
  private String truststore() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("server", SERVER_CERTIFICATE.certificate());
    Path file = directory.resolve("trust.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, PASSWORD.toCharArray());
    }
    return file.toString();
  }

  private static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
  }

  private RecordedRequest next() throws InterruptedException {
    RecordedRequest request = server.takeRequest(5, TimeUnit.SECONDS);
    assertThat(request).as("a request reached the server").isNotNull();
    return request;
  }

  private static ConnectorException failure(Runnable call) {
    return catchThrowableOfType(ConnectorException.class, call::run);
  }

  @Test
  void theDefaultSettingsRefuseAnUntrustedCertificate() {
    Dao things =
        things(
            Map.of(
                "auth",
                Map.of("bearer", "b34rer-t0ken"),
                "retry",
                Map.of("count", 2, "backoff", 0)));
    AtomicInteger attempts = new AtomicInteger();
    db.unwrap(Connector.class)
        .addExecuteListener(
            new ExecuteListener() {
              @Override
              public void afterExecute(ExecuteContext context) {
                attempts.incrementAndGet();
              }
            });
    server.enqueue(json("[]"));

    ConnectorException e = failure(() -> things.find(null));

    assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
    assertThat(e.getMessage())
        .contains("TLS")
        .contains(server.getHostName())
        .contains("truststore")
        .doesNotContain("b34rer-t0ken");
    assertThat(attempts).as("a refused handshake is not retried").hasValue(1);
    assertThat(failure(db::ping).code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
    assertThat(server.getRequestCount()).as("no request got through").isZero();
  }

  @Test
  void aTruststoreWithItsPasswordTrustsTheServerAndThePasswordIsNeverShown() throws Exception {
    Dao things = things(Map.of("truststore", truststore(), "truststorePassword", PASSWORD));
    server.enqueue(json("[{\"id\": 1}]"));

    assertThat(things.find(null)).containsExactly(Map.of("id", 1L));
    assertThat(next().getRequestUrl().isHttps()).isTrue();
    assertThat(db.toString()).doesNotContain(PASSWORD);
    assertThat(db.unwrap(Connector.class).toString()).doesNotContain(PASSWORD);
    assertThat(db.settings().toString()).doesNotContain(PASSWORD);

    server.enqueue(new MockResponse().setResponseCode(500).setBody("down"));
    ConnectorException e = failure(() -> things.find(null));
    assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_ERROR);
    assertThat(e.getMessage()).contains("https://").doesNotContain(PASSWORD);
  }

  @Test
  void aWrongTruststorePasswordIsAConfigurationErrorThatDoesNotShowIt() throws Exception {
    String truststore = truststore();
    ConnectorException e =
        failure(
            () ->
                things(
                    Map.of("truststore", truststore, "truststorePassword", "wrong-" + PASSWORD)));
    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
    assertThat(e.getMessage()).contains("truststore").doesNotContain(PASSWORD);
    assertThat(server.getRequestCount()).isZero();
  }

  @Test
  void aTruststoreWithoutTheServersCertificateStillRefusesIt() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry(
        "other", new HeldCertificate.Builder().commonName("other").build().certificate());
    Path file = directory.resolve("other.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, PASSWORD.toCharArray());
    }
    Dao things = things(Map.of("truststore", file.toString(), "truststorePassword", PASSWORD));
    assertThat(failure(() -> things.find(null)).code()).isEqualTo(ErrorCode.CONNECTION_FAILED);
  }

  @Test
  void rejectUnauthorizedFalseTrustsTheServerAndLogsAWarning() throws Exception {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      Dao things = things(Map.of("rejectUnauthorized", false));
      server.enqueue(json("[{\"id\": 2}]"));
      assertThat(things.find(null)).containsExactly(Map.of("id", 2L));
    } finally {
      System.setErr(original);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8))
        .contains("WARN")
        .contains("rejectUnauthorized")
        .contains("trusts any TLS certificate");
  }

  @Test
  void strictSslIsAnAliasOfRejectUnauthorized() {
    Dao things = things(Map.of("strictSSL", false));
    server.enqueue(json("[]"));
    assertThat(things.find(null)).isEmpty();
  }

  @Test
  void basicAndBearerAuthTravelOverTls() throws Exception {
    String truststore = truststore();
    Dao things =
        things(
            Map.of(
                "truststore", truststore,
                "truststorePassword", PASSWORD,
                "auth", Map.of("username", "ann", "password", "pw-over-tls")));
    server.enqueue(json("[]"));
    things.find(null);
    RecordedRequest basic = next();
    assertThat(basic.getHeader("Authorization")).isEqualTo(Credentials.basic("ann", "pw-over-tls"));
    assertThat(basic.getHandshake()).as("sent over TLS").isNotNull();
    db.close();

    things =
        things(
            Map.of(
                "truststore", truststore,
                "truststorePassword", PASSWORD,
                "auth", Map.of("bearer", "tls-token")));
    server.enqueue(json("[]"));
    things.find(null);
    RecordedRequest bearer = next();
    assertThat(bearer.getHeader("Authorization")).isEqualTo("Bearer tls-token");
    assertThat(bearer.getHandshake()).isNotNull();
    assertThat(List.of(db.toString(), db.settings().toString()))
        .allSatisfy(text -> assertThat(text).doesNotContain("tls-token"));
  }
}
