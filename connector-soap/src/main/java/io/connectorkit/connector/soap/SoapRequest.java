package io.connectorkit.connector.soap;

import static java.util.Objects.requireNonNull;

import jakarta.xml.soap.SOAPMessage;
import java.util.List;
import java.util.Map;

/**
 * One SOAP call as {@code before execute} hooks see it ({@link
 * io.connectorkit.core.spi.ExecuteContext#request()}): the envelope (mutable SAAJ message) and the
 * HTTP request. A hook may change the envelope in place or replace the whole request.
 *
 * @param method the datasource method name
 * @param service the WSDL service
 * @param port the WSDL port
 * @param operation the WSDL operation
 * @param endpoint the URL the envelope is POSTed to
 * @param soapAction the SOAPAction (empty for none)
 * @param envelope the SOAP envelope
 * @param httpHeaders the HTTP request headers beyond Content-Type and SOAPAction
 */
public record SoapRequest(
    String method,
    String service,
    String port,
    String operation,
    String endpoint,
    String soapAction,
    SOAPMessage envelope,
    Map<String, List<String>> httpHeaders) {
  /** Copies the headers; every argument but none is required. */
  public SoapRequest {
    requireNonNull(method, "method is null");
    requireNonNull(endpoint, "endpoint is null");
    requireNonNull(soapAction, "soapAction is null");
    requireNonNull(envelope, "envelope is null");
    httpHeaders = Map.copyOf(requireNonNull(httpHeaders, "httpHeaders is null"));
  }
}
