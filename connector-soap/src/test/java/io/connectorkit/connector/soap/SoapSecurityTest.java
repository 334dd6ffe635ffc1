package io.connectorkit.connector.soap;

import static io.connectorkit.connector.soap.SoapInvokeTest.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.spi.Connector;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** WS-Security UsernameToken, BasicAuth and Bearer, WSDL headers; secrets never shown. */
class SoapSecurityTest {
  private static SoapServices services;
  private DataSource db;

  @BeforeAll
  static void startServices() {
    services = new SoapServices();
  }

  @AfterAll
  static void stopServices() {
    services.close();
  }

  @AfterEach
  void close() {
    if (db != null) {
      db.close();
    }
  }

  private Dao dao(String path, Object... extraSettings) {
    Map<String, Object> settings = map("connector", "soap", "url", services.url(path));
    settings.putAll(map(extraSettings));
    db = DataSources.create("svc", settings);
    db.define("{\"name\": \"Svc\"}");
    return db.dao("Svc");
  }

  private Map<String, Object> ws(String password, String type) {
    return map(
        "scheme", "WS", "username", SoapServices.USER, "password", password, "passwordType", type);
  }

  @Test
  void usernameTokenWithPasswordTextIsAccepted() {
    Dao secure = dao("/secure", "security", ws(SoapServices.PASSWORD, "PasswordText"));

    assertThat(secure.invoke("Whoami", map("prefix", "I am "), Options.NONE))
        .isEqualTo(Map.of("user", "I am alice (text)"));
  }

  @Test
  void usernameTokenWithPasswordDigestIsAccepted() {
    Dao secure = dao("/secure", "security", ws(SoapServices.PASSWORD, "PasswordDigest"));

    assertThat(secure.invoke("Whoami", map("prefix", ""), Options.NONE))
        .isEqualTo(Map.of("user", "alice (digest)"));
  }

  @Test
  void aWrongPasswordIsTheServicesFault() {
    Dao secure = dao("/secure", "security", ws("wrong", "PasswordDigest"));

    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class,
            () -> secure.invoke("Whoami", map("prefix", ""), Options.NONE));

    assertThat(e.code()).isEqualTo(ErrorCode.BACKEND_ERROR);
    assertThat(e.details()).containsEntry("faultstring", "bad username or password");
    assertThat(String.valueOf(e.details().get("faultcode"))).endsWith("FailedAuthentication");
    assertThat(e.getMessage()).doesNotContain("wrong");
  }

  @Test
  void withoutAUsernameTokenTheServiceRefuses() {
    Dao secure = dao("/secure");

    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class,
            () -> secure.invoke("Whoami", map("prefix", ""), Options.NONE));

    assertThat(e.details()).containsEntry("faultstring", "no UsernameToken");
  }

  @Test
  void basicAuthAndHttpHeadersAreSentWithEveryCall() {
    Dao calculator =
        dao(
            "/calculator",
            "security",
            map("scheme", "BasicAuth", "username", "bob", "password", "pw"),
            "httpHeaders",
            map("X-Tenant", "t1"));

    calculator.invoke("Add", map("intA", 1, "intB", 1), Options.NONE);

    Map<String, List<String>> call = lastSoapCall("/calculator");
    assertThat(call.get("Authorization"))
        .containsExactly(
            "Basic "
                + Base64.getEncoder().encodeToString("bob:pw".getBytes(StandardCharsets.UTF_8)));
    assertThat(call.get("X-tenant")).containsExactly("t1");
  }

  @Test
  void bearerTokenIsSent() {
    Dao calculator = dao("/calculator", "security", map("scheme", "Bearer", "token", "tok-123"));

    calculator.invoke("Add", map("intA", 1, "intB", 1), Options.NONE);

    assertThat(lastSoapCall("/calculator").get("Authorization")).containsExactly("Bearer tok-123");
  }

  @Test
  void wsdlHeadersGoWithTheWsdlFetch() {
    Dao calculator = dao("/calculator", "wsdlHeaders", map("Authorization", "Bearer wsdl-only"));

    assertThat(((SoapOperations) db.unwrap(Connector.class)).methods()).contains("Add");

    assertThat(services.requests("/calculator"))
        .anySatisfy(r -> assertThat(r.get("Authorization")).containsExactly("Bearer wsdl-only"));
    assertThat(calculator).isNotNull();
  }

  @Test
  void secretsAreMaskedInSettings() {
    dao(
        "/calculator",
        "security",
        map("scheme", "WS", "username", "u", "password", "hunter2"),
        "wsdlHeaders",
        map("Authorization", "Basic c2VjcmV0"),
        "httpHeaders",
        map("Authorization", "Bearer tok-456"));

    String shown = db.settings().toString() + db.unwrap(Connector.class).toString();

    assertThat(shown)
        .doesNotContain("hunter2")
        .doesNotContain("c2VjcmV0")
        .doesNotContain("tok-456");
  }

  @Test
  void anUnknownSecuritySchemeIsAConfigurationError() {
    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class,
            () -> dao("/calculator", "security", map("scheme", "Kerberos")));

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
    assertThat(e.getMessage()).contains("security.scheme").contains("Kerberos");
  }

  @Test
  void aNullSoapHeaderIsAConfigurationError() {
    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class,
            () -> dao("/calculator", "soapHeaders", Arrays.asList("<h xmlns=\"urn:h\"/>", null)));

    assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID);
    assertThat(e.getMessage()).contains("soapHeaders");
  }

  private static Map<String, List<String>> lastSoapCall(String path) {
    List<Map<String, List<String>>> calls =
        services.requests(path).stream().filter(r -> r.containsKey("Soapaction")).toList();
    assertThat(calls).isNotEmpty();
    return calls.get(calls.size() - 1);
  }
}
