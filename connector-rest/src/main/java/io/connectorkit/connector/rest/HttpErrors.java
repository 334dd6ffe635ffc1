package io.connectorkit.connector.rest;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.spi.Settings;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/** Maps HTTP failures to contract codes (CONTRACT C5). */
final class HttpErrors {
  /** How much of an error body a message quotes: enough to diagnose, never a whole page. */
  static final int EXCERPT_LENGTH = 300;

  private HttpErrors() {}

  /** Whether a transport failure happened before the request reached the server. */
  static boolean beforeSending(IOException e) {
    return e instanceof ConnectException
        || e instanceof UnknownHostException
        || e instanceof NoRouteToHostException
        || connectTimedOut(e);
  }

  /** The JDK reports a connect timeout as a SocketTimeoutException "Connect timed out". */
  private static boolean connectTimedOut(IOException e) {
    return e instanceof SocketTimeoutException
        && String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("connect");
  }

  /**
   * Whether a transport failure is a refused TLS handshake (an untrusted certificate, a host name
   * the certificate does not name): the request was never sent, and repeating it cannot help.
   */
  static boolean tlsRefused(IOException e) {
    return e instanceof SSLHandshakeException || e instanceof SSLPeerUnverifiedException;
  }

  /** A transport failure: CONNECTION_FAILED, TIMEOUT or BACKEND_ERROR. */
  static ConnectorException transport(Request request, IOException e) {
    String target = describe(request);
    if (tlsRefused(e)) {
      return new ConnectorException(
          ErrorCode.CONNECTION_FAILED,
          "TLS handshake with "
              + request.url().host()
              + ":"
              + request.url().port()
              + " for "
              + target
              + " failed: "
              + e.getMessage()
              + " (trust the server's certificate with \"truststore\")",
          e);
    }
    if (connectTimedOut(e)) {
      // Unreachable in time is unreachable (C5: CONNECTION_FAILED, like an exhausted pool,
      // MongoDB's
      // server selection and soap); TIMEOUT is for an operation that was under way. The request
      // was never sent, so even a POST may be retried (RestConnector.exchange).
      return new ConnectorException(
          ErrorCode.CONNECTION_FAILED,
          "cannot connect for " + target + " within the connect timeout",
          e);
    }
    if (beforeSending(e)) {
      return new ConnectorException(
          ErrorCode.CONNECTION_FAILED, "cannot connect for " + target + ": " + e, e);
    }
    if (e instanceof InterruptedIOException) {
      // okhttp reports read and call timeouts as SocketTimeoutException / InterruptedIOException.
      return new ConnectorException(ErrorCode.TIMEOUT, target + " timed out: " + e.getMessage(), e);
    }
    return new ConnectorException(
        ErrorCode.BACKEND_ERROR,
        target
            + " failed before a complete response arrived (connection dropped or body truncated): "
            + e,
        e);
  }

  /**
   * An HTTP error status. A LoopBack error body whose {@code error.code} names a contract code
   * keeps that code, so codes round-trip exactly through a ConnectorKit server; otherwise the
   * status decides. A 404 of an operation on one id is {@code ENTITY_NOT_FOUND} whatever the body's
   * code (LoopBack 3 reports a missing instance as {@code MODEL_NOT_FOUND}).
   *
   * @param targetsId whether the operation addresses one id (404 → ENTITY_NOT_FOUND)
   */
  static ConnectorException status(RestResponse response, boolean targetsId) {
    String target = describe(response.request());
    Map<String, Object> error = errorObject(response.body());
    String serverMessage = error.get("message") instanceof String text ? text : null;
    Map<String, Object> details = new LinkedHashMap<>();
    if (error.get("details") instanceof Map<?, ?> map) {
      map.forEach((key, value) -> details.put(String.valueOf(key), value));
    }
    ErrorCode contractCode = contractCode(error.get("code"));
    if (response.status() == 404 && targetsId) {
      // A missing instance, whatever the remote code says: LoopBack 3 calls it MODEL_NOT_FOUND,
      // LoopBack 4 ENTITY_NOT_FOUND.
      return new ConnectorException(
          ErrorCode.ENTITY_NOT_FOUND,
          serverMessage != null ? serverMessage : target + " answered HTTP 404",
          details);
    }
    if (contractCode != null && serverMessage != null) {
      return new ConnectorException(contractCode, serverMessage, details);
    }
    String message =
        target
            + " answered HTTP "
            + response.status()
            + (serverMessage != null ? ": " + serverMessage : ": " + excerpt(response.body()));
    ErrorCode code =
        switch (response.status()) {
          case 400 -> ErrorCode.INVALID_ARGUMENT;
          case 404 -> targetsId ? ErrorCode.ENTITY_NOT_FOUND : ErrorCode.BACKEND_ERROR;
          case 409 -> ErrorCode.DUPLICATE_KEY;
          case 422 -> ErrorCode.VALIDATION_FAILED;
          default -> contractCode != null ? contractCode : ErrorCode.BACKEND_ERROR;
        };
    if (code == ErrorCode.BACKEND_ERROR) {
      details.put("status", (long) response.status());
    }
    return new ConnectorException(code, message, details);
  }

  /** A 2xx response whose body is not what the operation needs. */
  static ConnectorException badBody(RestResponse response, String expected) {
    return new ConnectorException(
        ErrorCode.BACKEND_ERROR,
        describe(response.request())
            + " answered HTTP "
            + response.status()
            + " without "
            + expected
            + ": "
            + (response.body().isEmpty() ? "<empty body>" : excerpt(response.body())),
        Map.of("status", (long) response.status()));
  }

  /** {@code error.code} of a LoopBack error body when it is a contract code name, else null. */
  static @Nullable ErrorCode contractCode(@Nullable Object code) {
    if (!(code instanceof String name)) {
      return null;
    }
    return Arrays.stream(ErrorCode.values())
        .filter(c -> c.name().equals(name))
        .findFirst()
        .orElse(null);
  }

  /**
   * The {@code error} object of a LoopBack error body ({@code {"error": {...}}}); empty if none.
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> errorObject(String body) {
    if (body.isBlank()) {
      return Map.of();
    }
    try {
      Object json = Json.read(body);
      if (json instanceof Map<?, ?> map && map.get("error") instanceof Map<?, ?> error) {
        return (Map<String, Object>) error;
      }
    } catch (IOException e) {
      // Not JSON: the caller quotes an excerpt of the text instead.
    }
    return Map.of();
  }

  static String excerpt(String body) {
    String flat = body.replaceAll("\\s+", " ").trim();
    return flat.length() > EXCERPT_LENGTH ? flat.substring(0, EXCERPT_LENGTH) + "…" : flat;
  }

  /** {@code GET http://host/people} without the query (it may be long) or credentials. */
  static String describe(Request request) {
    String url = request.url().newBuilder().query(null).build().toString();
    return request.method() + " " + Settings.maskUrl(url);
  }
}
