package io.connectorkit.connector.soap;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.spi.Settings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;

/**
 * Reads the WSDL and the schemas it imports: over HTTP(S) with the configured headers and timeouts,
 * each fetch a native call (C9), or from a file when the WSDL itself is one; parsed safely ({@link
 * SafeXml}).
 */
final class SoapWsdlLoader {
  private final SoapConnector connector;
  private final SoapConfig config;

  SoapWsdlLoader(SoapConnector connector, SoapConfig config) {
    this.connector = requireNonNull(connector, "connector is null");
    this.config = requireNonNull(config, "config is null");
  }

  /**
   * Loads one WSDL or XSD document through the hooks. A document fetched over HTTP may only import
   * over HTTP: it must not make this process read a local file.
   *
   * @param deadline the {@link System#nanoTime} by which a ping must have read it, or null
   * @param referrer the document that refers to it, null for the WSDL itself
   */
  Document load(HttpClient client, @Nullable Long deadline, URI location, @Nullable URI referrer) {
    String scheme =
        location.getScheme() == null ? "" : location.getScheme().toLowerCase(Locale.ROOT);
    byte[] bytes;
    if (scheme.equals("http") || scheme.equals("https")) {
      bytes = fetch(client, deadline, location);
    } else if (scheme.equals("file")
        && (referrer == null || "file".equalsIgnoreCase(referrer.getScheme()))) {
      try {
        bytes = Files.readAllBytes(Path.of(location));
      } catch (IOException | RuntimeException e) {
        throw new IllegalArgumentException("cannot read " + location + ": " + e, e);
      }
    } else {
      throw new IllegalArgumentException(
          (referrer == null ? "" : referrer + " refers to ")
              + location
              + ", which is not an http(s) location");
    }
    try {
      return SafeXml.parse(bytes);
    } catch (SafeXml.XmlException e) {
      throw new IllegalArgumentException(
          Settings.maskUrl(location.toString()) + " is not acceptable XML: " + e.getMessage(), e);
    }
  }

  HttpClient httpClient() {
    HttpClient.Builder builder =
        HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL);
    if (!config.connectTimeout().isZero()) {
      builder.connectTimeout(config.connectTimeout());
    }
    return builder.build();
  }

  /**
   * Fetches one document within the connectTimeout and timeout (and, for a ping, what is left of
   * its connectTimeout).
   *
   * @throws IllegalArgumentException naming the location and the reason
   */
  private byte[] fetch(HttpClient client, @Nullable Long deadline, URI location) {
    String where = Settings.maskUrl(location.toString());
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(location).GET().header("Accept", "text/xml, application/xml");
    Duration timeout = config.timeout().isZero() ? null : config.timeout();
    String timeoutName = "timeout";
    if (deadline != null) {
      Duration left = Duration.ofNanos(deadline - System.nanoTime());
      if (left.isNegative() || left.isZero()) {
        throw new IllegalArgumentException(
            "cannot fetch " + where + ": the connectTimeout that bounds ping has run out");
      }
      if (timeout == null || left.compareTo(timeout) < 0) {
        timeout = left;
        timeoutName = "the connectTimeout that bounds ping";
      }
    }
    if (timeout != null) {
      builder.timeout(timeout);
    }
    config.wsdlHeaders().forEach(builder::header);
    HttpRequest request = builder.build();
    long requestTimeout = timeout == null ? 0 : timeout.toMillis();
    String requestTimeoutName = timeoutName;
    HttpResponse<byte[]> response =
        connector.runNative(
            null,
            request,
            native_ -> {
              try {
                return client.send((HttpRequest) native_, HttpResponse.BodyHandlers.ofByteArray());
              } catch (HttpConnectTimeoutException e) {
                throw new IllegalArgumentException(
                    "cannot fetch "
                        + where
                        + ": no connection within "
                        + config.connectTimeout().toMillis()
                        + " ms (connectTimeout)",
                    e);
              } catch (HttpTimeoutException e) {
                throw new IllegalArgumentException(
                    "cannot fetch "
                        + where
                        + ": no answer within "
                        + requestTimeout
                        + " ms ("
                        + requestTimeoutName
                        + ")",
                    e);
              } catch (IOException e) {
                throw new IllegalArgumentException("cannot fetch " + where + ": " + e, e);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalArgumentException("interrupted while fetching " + where, e);
              }
            });
    if (response.statusCode() != 200) {
      throw new IllegalArgumentException(
          "cannot fetch " + where + ": HTTP status " + response.statusCode());
    }
    return response.body();
  }
}
