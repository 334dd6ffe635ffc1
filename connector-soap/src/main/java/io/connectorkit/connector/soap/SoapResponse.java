package io.connectorkit.connector.soap;

import static java.util.Objects.requireNonNull;

import jakarta.xml.soap.SOAPMessage;
import java.util.List;
import java.util.Map;

/**
 * One SOAP answer as {@code after execute} hooks see it ({@link
 * io.connectorkit.core.spi.ExecuteContext#response()}).
 *
 * @param status the HTTP status, or 0 when the transport did not report one
 * @param httpHeaders the HTTP response headers
 * @param envelope the SOAP envelope received
 */
public record SoapResponse(
    int status, Map<String, List<String>> httpHeaders, SOAPMessage envelope) {
  /** Copies the headers; the envelope is required. */
  public SoapResponse {
    requireNonNull(envelope, "envelope is null");
    // HttpURLConnection reports the status line under a null key.
    Map<String, List<String>> copy = new java.util.LinkedHashMap<>();
    if (httpHeaders != null) {
      httpHeaders.forEach(
          (name, values) -> {
            if (name != null && values != null) {
              copy.put(name, List.copyOf(values));
            }
          });
    }
    httpHeaders = java.util.Collections.unmodifiableMap(copy);
  }
}
