package io.connectorkit.connector.soap;

import static java.util.Objects.requireNonNull;

import io.connectorkit.connector.soap.Wsdl.Operation;
import io.connectorkit.connector.soap.Wsdl.SoapVersion;
import io.connectorkit.connector.soap.Xsd.Type;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.spi.Settings;
import jakarta.xml.soap.Detail;
import jakarta.xml.soap.SOAPBody;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.soap.SOAPMessage;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.soap.SOAPBinding;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.namespace.QName;
import org.jspecify.annotations.Nullable;

/**
 * Sends a SOAP envelope through a JAX-WS {@code Dispatch<SOAPMessage>} (one {@link Service} per
 * service, port and endpoint) within the configured timeouts, and maps what goes wrong: a fault to
 * INVALID_ARGUMENT or BACKEND_ERROR with its details, an unreachable endpoint to CONNECTION_FAILED,
 * no answer in time to TIMEOUT.
 */
final class SoapTransport {
  private static final String CONNECT_TIMEOUT = "com.sun.xml.ws.connect.timeout";
  private static final String REQUEST_TIMEOUT = "com.sun.xml.ws.request.timeout";

  private final SoapConfig config;
  private final Map<String, Service> services = new ConcurrentHashMap<>();

  SoapTransport(SoapConfig config) {
    this.config = requireNonNull(config, "config is null");
  }

  /** Forgets the services, so the next call builds them again. */
  void clear() {
    services.clear();
  }

  SoapResponse send(Operation operation, SoapRequest request, XmlJson conversions) {
    Service service =
        services.computeIfAbsent(
            operation.service() + "/" + operation.port() + "/" + request.endpoint(),
            key -> {
              Service created =
                  Service.create(new QName("urn:connectorkit:soap", operation.service()));
              created.addPort(
                  new QName("urn:connectorkit:soap", operation.port()),
                  operation.version() == SoapVersion.SOAP_12
                      ? SOAPBinding.SOAP12HTTP_BINDING
                      : SOAPBinding.SOAP11HTTP_BINDING,
                  request.endpoint());
              return created;
            });
    Dispatch<SOAPMessage> dispatch =
        service.createDispatch(
            new QName("urn:connectorkit:soap", operation.port()),
            SOAPMessage.class,
            Service.Mode.MESSAGE);
    Map<String, Object> context = dispatch.getRequestContext();
    context.put(BindingProvider.ENDPOINT_ADDRESS_PROPERTY, request.endpoint());
    if (!request.soapAction().isEmpty()) {
      context.put(BindingProvider.SOAPACTION_USE_PROPERTY, true);
      context.put(BindingProvider.SOAPACTION_URI_PROPERTY, request.soapAction());
    }
    context.put(MessageContext.HTTP_REQUEST_HEADERS, request.httpHeaders());
    context.put(
        CONNECT_TIMEOUT, (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()));
    context.put(REQUEST_TIMEOUT, (int) Math.min(Integer.MAX_VALUE, config.timeout().toMillis()));
    SOAPMessage reply;
    try {
      reply = dispatch.invoke(request.envelope());
    } catch (SOAPFaultException e) {
      throw fault(request, e.getFault(), status(dispatch), e, conversions);
    } catch (WebServiceException e) {
      throw transportFailure(request, e);
    }
    if (reply == null) {
      throw new ConnectorException(
          ErrorCode.BACKEND_ERROR, request.method() + ": the service sent no SOAP envelope");
    }
    try {
      SOAPBody body = reply.getSOAPBody();
      if (body.hasFault()) {
        throw fault(request, body.getFault(), status(dispatch), null, conversions);
      }
    } catch (SOAPException e) {
      throw new ConnectorException(
          ErrorCode.BACKEND_ERROR, request.method() + ": unreadable SOAP response", e);
    }
    @SuppressWarnings("unchecked")
    Map<String, List<String>> responseHeaders =
        (Map<String, List<String>>)
            dispatch.getResponseContext().get(MessageContext.HTTP_RESPONSE_HEADERS);
    return new SoapResponse(
        status(dispatch), responseHeaders == null ? Map.of() : responseHeaders, reply);
  }

  private static int status(Dispatch<?> dispatch) {
    Map<String, Object> response = dispatch.getResponseContext();
    return response != null && response.get(MessageContext.HTTP_RESPONSE_CODE) instanceof Integer i
        ? i
        : 0;
  }

  /**
   * A SOAP fault: Client/Sender → INVALID_ARGUMENT, any other → BACKEND_ERROR; both with details.
   */
  private static ConnectorException fault(
      SoapRequest request,
      SOAPFault fault,
      int status,
      @Nullable Throwable cause,
      XmlJson conversions) {
    QName code = fault.getFaultCodeAsQName();
    String faultcode = fault.getFaultCode();
    String faultstring = fault.getFaultString();
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("faultcode", faultcode);
    details.put("faultstring", faultstring);
    Detail detail = fault.getDetail();
    Object detailJson = null;
    if (detail != null) {
      detailJson = conversions.toJson(detail, Type.ANY);
    }
    details.put("detail", detailJson);
    if (fault.getFaultActor() != null) {
      details.put("faultactor", fault.getFaultActor());
    }
    if (status != 0) {
      details.put("statusCode", status);
    }
    String local = code == null ? "" : code.getLocalPart();
    boolean client =
        local.equals("Client") || local.equals("Sender") || local.startsWith("Client.");
    return new ConnectorException(
        client ? ErrorCode.INVALID_ARGUMENT : ErrorCode.BACKEND_ERROR,
        request.method() + ": SOAP fault " + faultcode + ": " + faultstring,
        details,
        cause);
  }

  /**
   * A failure to reach the endpoint (refused, unknown host, no connection within the
   * connectTimeout) is CONNECTION_FAILED: the request was never sent, so it can be retried. No
   * answer within the timeout is TIMEOUT; anything else BACKEND_ERROR.
   */
  private ConnectorException transportFailure(SoapRequest request, WebServiceException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SocketTimeoutException timeout && whileConnecting(timeout)) {
        return new ConnectorException(
            ErrorCode.CONNECTION_FAILED,
            request.method()
                + ": cannot reach "
                + Settings.maskUrl(request.endpoint())
                + ": no connection within "
                + config.connectTimeout().toMillis()
                + " ms (connectTimeout)",
            e);
      }
      if (cause instanceof SocketTimeoutException || cause instanceof HttpTimeoutException) {
        return new ConnectorException(
            ErrorCode.TIMEOUT,
            request.method()
                + ": "
                + Settings.maskUrl(request.endpoint())
                + " did not answer within "
                + config.timeout().toMillis()
                + " ms (timeout)",
            e);
      }
      if (cause instanceof ConnectException
          || cause instanceof UnknownHostException
          || cause instanceof NoRouteToHostException) {
        return new ConnectorException(
            ErrorCode.CONNECTION_FAILED,
            request.method()
                + ": cannot reach "
                + Settings.maskUrl(request.endpoint())
                + ": "
                + cause,
            e);
      }
    }
    return new ConnectorException(
        ErrorCode.BACKEND_ERROR, request.method() + ": " + e.getMessage(), e);
  }

  /** Whether the timeout struck while connecting rather than while waiting for the answer. */
  private static boolean whileConnecting(SocketTimeoutException timeout) {
    for (StackTraceElement frame : timeout.getStackTrace()) {
      if (frame.getClassName().equals("java.net.Socket")
          && frame.getMethodName().equals("connect")) {
        return true;
      }
    }
    return "connect timed out".equalsIgnoreCase(String.valueOf(timeout.getMessage()));
  }
}
