package io.connectorkit.connector.soap;

import static java.util.Objects.requireNonNull;

import io.connectorkit.connector.soap.Wsdl.Operation;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.NativeCall;
import io.connectorkit.core.spi.Settings;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The {@code soap} connector: reads a WSDL when it connects and offers each operation as a method
 * that takes and returns JSON (feature {@link Feature#OPERATIONS}); calls go through a JAX-WS
 * {@code Dispatch<SOAPMessage>}. It has no CRUD. See the module README.
 */
final class SoapConnector extends Connector implements SoapOperations {
  static final String NAME = "soap";

  private final SoapConfig config;
  private final SoapWsdlLoader loader;
  private final SoapTransport transport;
  private volatile Map<String, Operation> methods = Map.of();

  /** The messages of the WSDL read by the first connect; null before it. */
  private volatile @Nullable SoapMessages messages;

  /**
   * Set by {@link #ping} around its connect, so that reading the WSDL fits in the connectTimeout.
   */
  private boolean pinging; // guarded by this

  SoapConnector(Settings settings, SoapConfig config) {
    super(NAME, settings);
    this.config = requireNonNull(config, "config is null");
    this.loader = new SoapWsdlLoader(this, config);
    this.transport = new SoapTransport(config);
  }

  /**
   * OPERATIONS only: a SOAP service has no records, so this connector leaves the record methods at
   * the SPI's refusal ("soap does not support CRUD").
   */
  @Override
  public Set<Feature> features() {
    return EnumSet.of(Feature.OPERATIONS);
  }

  // ---------------------------------------------------------------- lifecycle

  @Override
  protected void doConnect() {
    URI location = config.wsdl();
    // One client for all the documents of the WSDL: they share its connections (and one selector
    // thread) rather than each opening its own.
    HttpClient client = loader.httpClient();
    Long deadline =
        pinging && !config.connectTimeout().isZero()
            ? System.nanoTime() + config.connectTimeout().toNanos()
            : null;
    Wsdl wsdl;
    try {
      wsdl = Wsdl.read(location, (uri, referrer) -> loader.load(client, deadline, uri, referrer));
    } catch (IllegalArgumentException e) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "cannot read WSDL " + Settings.maskUrl(location.toString()) + ": " + e.getMessage(),
          Map.of("wsdl", Settings.maskUrl(location.toString())),
          e);
    }
    this.messages = new SoapMessages(config, wsdl.schema());
    this.methods = name(wsdl.operations());
  }

  @Override
  protected void doDisconnect() {
    methods = Map.of();
    transport.clear();
  }

  /**
   * Reads the WSDL: a soap datasource with a readable WSDL is connected. Reading it for a ping
   * takes at most the connectTimeout, whatever the read timeout (CONTRACT C6).
   *
   * @throws ConnectorException CONNECTION_FAILED "NOT Connected: …" with the reason
   */
  @Override
  public boolean ping() {
    try {
      synchronized (this) { // the lock connect() takes: no other connect runs meanwhile
        if (!isConnected()) {
          pinging = true;
          try {
            connect();
          } finally {
            pinging = false;
          }
        }
      }
    } catch (ConnectorException e) {
      throw new ConnectorException(
          ErrorCode.CONNECTION_FAILED, "NOT Connected: " + e.getMessage(), e);
    }
    return true;
  }

  /**
   * Names methods as LoopBack does: a configured {@code operations} key, else the operation name,
   * else (when that is taken and no {@code operations} are configured) {@code
   * Service_Port_Operation}.
   */
  private Map<String, Operation> name(List<Operation> operations) {
    Map<String, Operation> named = new LinkedHashMap<>();
    for (SoapConfig.Mapping mapping : config.operations()) {
      Operation match =
          operations.stream()
              .filter(op -> op.name().equals(mapping.operation()))
              .filter(op -> mapping.service() == null || op.service().equals(mapping.service()))
              .filter(op -> mapping.port() == null || op.port().equals(mapping.port()))
              .findFirst()
              .orElseThrow(
                  () ->
                      SoapConfig.invalid(
                          "operations." + mapping.method(),
                          "an operation of the WSDL; "
                              + mapping
                              + " matches none of "
                              + operations.stream()
                                  .map(op -> op.service() + "/" + op.port() + "/" + op.name())
                                  .toList()));
      named.put(mapping.method(), match);
    }
    for (Operation operation : operations) {
      if (!named.containsKey(operation.name())) {
        named.put(operation.name(), operation);
      } else if (config.operations().isEmpty()) {
        named.putIfAbsent(
            operation.service() + "_" + operation.port() + "_" + operation.name(), operation);
      }
    }
    return Map.copyOf(named);
  }

  /** Connects (reads the WSDL) and looks the method up. */
  private Operation operation(String method) {
    connect();
    Operation operation = methods.get(requireNonNull(method, "method is null"));
    if (operation == null) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT,
          NAME + " datasource has no method \"" + method + "\"; it has " + methods.keySet(),
          Map.of("method", method));
    }
    return operation;
  }

  /** The messages of the WSDL; call after {@link #operation}, whose connect set them. */
  private SoapMessages messages() {
    return requireNonNull(messages, "messages is null: connect() reads the WSDL");
  }

  // ---------------------------------------------------------------- SoapOperations

  @Override
  public Set<String> methods() {
    connect();
    return methods.keySet();
  }

  @Override
  public String jsonToXml(String method, Map<String, Object> json) {
    Operation operation = operation(method);
    requireNonNull(json, "json is null");
    Document document = SafeXml.newDocument();
    Element holder = document.createElementNS(null, "holder");
    document.appendChild(holder);
    List<Element> body = messages().body(operation, json, holder);
    StringBuilder xml = new StringBuilder();
    body.forEach(element -> xml.append(SafeXml.write(element)));
    return xml.toString();
  }

  @Override
  public Object xmlToJson(String method, String xml) {
    Operation operation = operation(method);
    requireNonNull(xml, "xml is null");
    Document document;
    try {
      document = SafeXml.parse(xml);
    } catch (SafeXml.XmlException e) {
      throw new ConnectorException(
          ErrorCode.INVALID_ARGUMENT, "not acceptable XML: " + e.getMessage(), e);
    }
    Element root = document.getDocumentElement();
    if ("Envelope".equals(root.getLocalName())) {
      for (Element child : Xsd.children(root)) {
        if ("Body".equals(child.getLocalName())) {
          root = child;
        }
      }
    } else {
      Element holder = document.createElementNS(null, "holder");
      document.replaceChild(holder, root);
      holder.appendChild(root);
      root = holder;
    }
    return messages().result(operation, root);
  }

  // ---------------------------------------------------------------- invoke

  /**
   * Calls the WSDL operation named {@code method} with JSON input; returns its output as JSON. A
   * null {@code model} (a call without one) or {@code args} (no input) is allowed.
   *
   * @throws ConnectorException INVALID_ARGUMENT for an unknown method or input the schema does not
   *     allow, or a SOAP Client/Sender fault; BACKEND_ERROR for other faults (details: faultcode,
   *     faultstring, detail); CONNECTION_FAILED when the endpoint is unreachable; TIMEOUT
   */
  @Override
  public Object invoke(
      @Nullable ModelDefinition model,
      String method,
      @Nullable Map<String, Object> args,
      Options options) {
    Operation operation = operation(method);
    SoapMessages messages = messages();
    Map<String, Object> input = args == null ? Map.of() : args;
    SOAPMessage message = messages.newMessage(operation, input);
    String endpoint = config.url() != null ? config.url() : operation.address();
    if (endpoint == null || endpoint.isEmpty()) {
      throw SoapConfig.invalid("url", "set: port " + operation.port() + " has no address");
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    config.httpHeaders().forEach((name, value) -> headers.put(name, List.of(value)));
    SoapRequest request =
        new SoapRequest(
            method,
            operation.service(),
            operation.port(),
            operation.name(),
            endpoint,
            operation.soapAction() == null ? "" : operation.soapAction(),
            message,
            headers);
    SoapResponse response =
        runNative(
            model == null ? null : model.name(),
            request,
            native_ -> transport.send(operation, (SoapRequest) native_, messages.conversions()));
    try {
      return messages.result(operation, response.envelope().getSOAPBody());
    } catch (SOAPException e) {
      throw new ConnectorException(
          ErrorCode.BACKEND_ERROR, method + ": unreadable SOAP response: " + e.getMessage(), e);
    }
  }

  /** Runs one call as a native call (C9): the WSDL loader's fetches and the SOAP calls. */
  <T> T runNative(@Nullable String model, Object request, Function<Object, T> call) {
    return executeNative(model, request, call);
  }

  /** A SOAP call as its operation (the target) of its service and port; no values. */
  @Override
  public NativeCall describe(Object request) {
    if (request instanceof HttpRequest http) {
      // The WSDL fetch: its method and path; the query may carry credentials.
      String path = http.uri().getRawPath();
      return new NativeCall(http.method(), path, http.method() + " " + path, List.of());
    }
    if (!(request instanceof SoapRequest soap)) {
      return super.describe(request);
    }
    return new NativeCall(
        soap.operation() == null ? soap.method() : soap.operation(),
        soap.operation() == null ? soap.method() : soap.operation(),
        "SOAP " + soap.service() + "/" + soap.port() + "#" + soap.operation(),
        List.of());
  }
}
