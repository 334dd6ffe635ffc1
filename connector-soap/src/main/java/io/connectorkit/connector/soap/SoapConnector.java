package io.connectorkit.connector.soap;

import static java.util.Objects.requireNonNull;

import io.connectorkit.connector.soap.Wsdl.Operation;
import io.connectorkit.connector.soap.Wsdl.Part;
import io.connectorkit.connector.soap.Wsdl.SoapVersion;
import io.connectorkit.connector.soap.Xsd.Decl;
import io.connectorkit.connector.soap.Xsd.Type;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Feature;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.model.ModelDefinition;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.NativeCall;
import io.connectorkit.core.spi.Settings;
import jakarta.xml.soap.Detail;
import jakarta.xml.soap.MessageFactory;
import jakarta.xml.soap.SOAPBody;
import jakarta.xml.soap.SOAPConstants;
import jakarta.xml.soap.SOAPException;
import jakarta.xml.soap.SOAPFault;
import jakarta.xml.soap.SOAPHeader;
import jakarta.xml.soap.SOAPMessage;
import jakarta.xml.ws.BindingProvider;
import jakarta.xml.ws.Dispatch;
import jakarta.xml.ws.Service;
import jakarta.xml.ws.WebServiceException;
import jakarta.xml.ws.handler.MessageContext;
import jakarta.xml.ws.soap.SOAPBinding;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.xml.namespace.QName;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The {@code soap} connector: reads a WSDL when it connects and offers each operation as a method
 * that takes and returns JSON (feature {@link Feature#OPERATIONS}); calls go through a JAX-WS
 * {@code Dispatch<SOAPMessage>}. It has no CRUD. See the module README.
 */
final class SoapConnector extends Connector implements SoapOperations {
  static final String NAME = "soap";
  static final String WSSE =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
  static final String WSU =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
  static final String TOKEN_PROFILE =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0";
  private static final String CONNECT_TIMEOUT = "com.sun.xml.ws.connect.timeout";
  private static final String REQUEST_TIMEOUT = "com.sun.xml.ws.request.timeout";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SoapConfig config;
  private final Map<String, Service> services = new ConcurrentHashMap<>();
  private volatile Map<String, Operation> methods = Map.of();
  private volatile XmlJson conversions;
  private volatile Xsd schema;

  /**
   * Set by {@link #ping} around its connect, so that reading the WSDL fits in the connectTimeout.
   */
  private boolean pinging; // guarded by this

  SoapConnector(Settings settings) {
    super(NAME, settings);
    this.config = SoapConfig.from(settings);
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
    HttpClient client = httpClient();
    Long deadline =
        pinging && !config.connectTimeout().isZero()
            ? System.nanoTime() + config.connectTimeout().toNanos()
            : null;
    Wsdl wsdl;
    try {
      wsdl = Wsdl.read(location, (uri, referrer) -> load(client, deadline, uri, referrer));
    } catch (IllegalArgumentException e) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "cannot read WSDL " + Settings.maskUrl(location.toString()) + ": " + e.getMessage(),
          Map.of("wsdl", Settings.maskUrl(location.toString())),
          e);
    }
    this.schema = wsdl.schema();
    this.conversions = new XmlJson(wsdl.schema());
    this.methods = name(wsdl.operations());
  }

  @Override
  protected void doDisconnect() {
    methods = Map.of();
    services.clear();
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

  /**
   * Loads one WSDL or XSD document through the hooks. A document fetched over HTTP may only import
   * over HTTP: it must not make this process read a local file.
   */
  private Document load(HttpClient client, Long deadline, URI location, URI referrer) {
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

  private HttpClient httpClient() {
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
  private byte[] fetch(HttpClient client, Long deadline, URI location) {
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
        executeNative(
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
    List<Element> body = body(operation, json, holder);
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
    return result(operation, root);
  }

  // ---------------------------------------------------------------- invoke

  /**
   * Calls the WSDL operation named {@code method} with JSON input; returns its output as JSON.
   *
   * @throws ConnectorException INVALID_ARGUMENT for an unknown method or input the schema does not
   *     allow, or a SOAP Client/Sender fault; BACKEND_ERROR for other faults (details: faultcode,
   *     faultstring, detail); CONNECTION_FAILED when the endpoint is unreachable; TIMEOUT
   */
  @Override
  public Object invoke(
      ModelDefinition model, String method, Map<String, Object> args, Options options) {
    Operation operation = operation(method);
    Map<String, Object> input = args == null ? Map.of() : args;
    SOAPMessage message = newMessage(operation, input);
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
        executeNative(
            model == null ? null : model.name(),
            request,
            native_ -> send(operation, (SoapRequest) native_));
    try {
      return result(operation, response.envelope().getSOAPBody());
    } catch (SOAPException e) {
      throw new ConnectorException(
          ErrorCode.BACKEND_ERROR, method + ": unreadable SOAP response: " + e.getMessage(), e);
    }
  }

  private SOAPMessage newMessage(Operation operation, Map<String, Object> input) {
    try {
      SOAPMessage message =
          MessageFactory.newInstance(
                  operation.version() == SoapVersion.SOAP_12
                      ? SOAPConstants.SOAP_1_2_PROTOCOL
                      : SOAPConstants.SOAP_1_1_PROTOCOL)
              .createMessage();
      SOAPHeader header = message.getSOAPHeader();
      Document part = message.getSOAPPart();
      if (config.security().scheme().equals("WS")) {
        header.appendChild(part.importNode(usernameToken(), true));
      }
      for (Element soapHeader : soapHeaders()) {
        header.appendChild(part.importNode(soapHeader, true));
      }
      Document document = SafeXml.newDocument();
      Element holder = document.createElementNS(null, "holder");
      document.appendChild(holder);
      SOAPBody body = message.getSOAPBody();
      for (Element element : body(operation, input, holder)) {
        body.appendChild(part.importNode(element, true));
      }
      message.saveChanges();
      return message;
    } catch (SOAPException e) {
      throw new ConnectorException(
          ErrorCode.BACKEND_ERROR, "cannot build a SOAP message: " + e.getMessage(), e);
    }
  }

  /** The body elements of a request, appended to {@code holder} and returned. */
  private List<Element> body(Operation operation, Map<String, Object> input, Element holder) {
    XmlJson xml = conversions;
    XmlJson.Namespaces namespaces = new XmlJson.Namespaces();
    Xsd schema = xmlSchema();
    String path = operation.name();
    if (operation.rpc()) {
      String namespace = operation.inputNamespace() == null ? "" : operation.inputNamespace();
      Element wrapper =
          XmlJson.create(
              holder.getOwnerDocument(), new QName(namespace, operation.name()), namespaces);
      holder.appendChild(wrapper);
      Set<String> known = new HashSet<>();
      for (Part part : operation.input()) {
        known.add(part.name());
        if (input.containsKey(part.name())) {
          xml.append(
              wrapper,
              partDecl(schema, part),
              input.get(part.name()),
              namespaces,
              path + "." + part.name());
        }
      }
      rejectUnknown(input, known, path);
      namespaces.declareOn(wrapper);
      return List.of(wrapper);
    }
    List<Element> elements = new ArrayList<>();
    if (operation.input().size() == 1 && operation.input().get(0).element() != null) {
      Decl decl = partDecl(schema, operation.input().get(0));
      Type type = schema.typeOf(decl);
      String name = decl.name().getLocalPart();
      Object value = type.isSimple() && input.containsKey(name) ? input.get(name) : input;
      xml.append(holder, decl, value, namespaces, path);
    } else {
      Set<String> known = new HashSet<>();
      for (Part part : operation.input()) {
        Decl decl = partDecl(schema, part);
        String key = decl.name().getLocalPart();
        known.add(key);
        if (input.containsKey(key)) {
          xml.append(holder, decl, input.get(key), namespaces, path + "." + key);
        }
      }
      rejectUnknown(input, known, path);
    }
    for (Element element : Xsd.children(holder)) {
      namespaces.declareOn(element);
      elements.add(element);
    }
    return elements;
  }

  private static void rejectUnknown(Map<String, Object> input, Set<String> known, String path) {
    for (String key : input.keySet()) {
      if (!known.contains(key)) {
        throw XmlJson.invalid(path + "." + key, "one of the operation's parts " + known);
      }
    }
  }

  private Xsd xmlSchema() {
    return schema;
  }

  /** The declaration of a part: its global element, or an unqualified element of its type. */
  private static Decl partDecl(Xsd schema, Part part) {
    if (part.element() != null) {
      Decl decl = schema.element(part.element());
      return decl != null ? decl : new Decl(part.element(), null, null, null, null, 1, 1, true);
    }
    return new Decl(new QName("", part.name()), null, part.type(), null, null, 1, 1, true);
  }

  /** The JSON of the output elements found in {@code body}. */
  private Object result(Operation operation, Node body) {
    Xsd schema = xmlSchema();
    XmlJson xml = conversions;
    List<Element> elements = Xsd.children(body);
    if (operation.rpc()) {
      Map<String, Object> json = new LinkedHashMap<>();
      if (elements.isEmpty()) {
        return json;
      }
      for (Element child : Xsd.children(elements.get(0))) {
        Part part =
            operation.output().stream()
                .filter(p -> p.name().equals(child.getLocalName()))
                .findFirst()
                .orElse(null);
        Type type = part == null ? Type.ANY : schema.typeOf(partDecl(schema, part));
        json.put(child.getLocalName(), xml.toJson(child, type));
      }
      return json;
    }
    Map<String, Object> json = new LinkedHashMap<>();
    for (Element element : elements) {
      Part part =
          operation.output().stream()
              .filter(
                  p ->
                      p.element() != null
                          && p.element().getLocalPart().equals(element.getLocalName()))
              .findFirst()
              .orElse(null);
      Type type = part == null ? Type.ANY : schema.typeOf(partDecl(schema, part));
      Object value = xml.toJson(element, type);
      if (elements.size() == 1 && value instanceof Map<?, ?> map) {
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) map;
        return content;
      }
      json.put(element.getLocalName(), value);
    }
    return json;
  }

  // ---------------------------------------------------------------- headers

  /** A WS-Security header with a UsernameToken (PasswordText or PasswordDigest). */
  private Element usernameToken() {
    SoapConfig.Security security = config.security();
    Document document = SafeXml.newDocument();
    Element root = document.createElementNS(WSSE, "wsse:Security");
    root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:wsse", WSSE);
    root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:wsu", WSU);
    document.appendChild(root);
    Element token = document.createElementNS(WSSE, "wsse:UsernameToken");
    root.appendChild(token);
    Element username = document.createElementNS(WSSE, "wsse:Username");
    username.setTextContent(security.username());
    token.appendChild(username);
    Element password = document.createElementNS(WSSE, "wsse:Password");
    token.appendChild(password);
    byte[] nonce = new byte[16];
    RANDOM.nextBytes(nonce);
    String created = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    if ("PasswordDigest".equals(security.passwordType())) {
      password.setAttribute("Type", TOKEN_PROFILE + "#PasswordDigest");
      password.setTextContent(digest(nonce, created, security.password()));
    } else {
      password.setAttribute("Type", TOKEN_PROFILE + "#PasswordText");
      password.setTextContent(security.password());
    }
    Element nonceElement = document.createElementNS(WSSE, "wsse:Nonce");
    nonceElement.setAttribute(
        "EncodingType",
        "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary");
    nonceElement.setTextContent(Base64.getEncoder().encodeToString(nonce));
    token.appendChild(nonceElement);
    Element createdElement = document.createElementNS(WSU, "wsu:Created");
    createdElement.setTextContent(created);
    token.appendChild(createdElement);
    return root;
  }

  /** Base64(SHA-1(nonce + created + password)), the UsernameToken Profile 1.0 digest. */
  static String digest(byte[] nonce, String created, String password) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(nonce);
      sha1.update(created.getBytes(StandardCharsets.UTF_8));
      sha1.update(password.getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(sha1.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is missing", e);
    }
  }

  /** {@code soapHeaders}: raw XML strings or {@code {element: {name: value}, namespace}}. */
  private List<Element> soapHeaders() {
    List<Element> result = new ArrayList<>();
    for (Object header : config.soapHeaders()) {
      if (header instanceof String text) {
        try {
          result.add(SafeXml.parse(text).getDocumentElement());
        } catch (SafeXml.XmlException e) {
          throw SoapConfig.invalid("soapHeaders", "well-formed XML: " + e.getMessage());
        }
      } else if (header instanceof Map<?, ?> map && map.get("element") instanceof Map<?, ?> el) {
        Object namespace = map.get("namespace");
        Document document = SafeXml.newDocument();
        el.forEach(
            (name, value) -> {
              Element element =
                  namespace == null
                      ? document.createElementNS(null, String.valueOf(name))
                      : document.createElementNS(namespace.toString(), String.valueOf(name));
              if (namespace != null) {
                element.setAttributeNS(
                    "http://www.w3.org/2000/xmlns/", "xmlns", namespace.toString());
              }
              if (value != null) {
                element.setTextContent(String.valueOf(value));
              }
              result.add(element);
            });
      } else {
        throw SoapConfig.invalid(
            "soapHeaders", "XML strings or {\"element\": {...}, \"namespace\"} objects");
      }
    }
    return result;
  }

  // ---------------------------------------------------------------- transport

  private SoapResponse send(Operation operation, SoapRequest request) {
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
      context.put(BindingProvider.SOAPACTION_USE_PROPERTY, Boolean.TRUE);
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
      throw fault(request, e.getFault(), status(dispatch), e);
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
        throw fault(request, body.getFault(), status(dispatch), null);
      }
    } catch (SOAPException e) {
      throw new ConnectorException(
          ErrorCode.BACKEND_ERROR, request.method() + ": unreadable SOAP response", e);
    }
    @SuppressWarnings("unchecked")
    Map<String, List<String>> responseHeaders =
        (Map<String, List<String>>)
            dispatch.getResponseContext().get(MessageContext.HTTP_RESPONSE_HEADERS);
    return new SoapResponse(status(dispatch), responseHeaders, reply);
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
  private ConnectorException fault(
      SoapRequest request, SOAPFault fault, int status, Throwable cause) {
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
