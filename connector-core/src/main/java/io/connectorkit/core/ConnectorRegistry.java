package io.connectorkit.core;

import static java.util.Objects.requireNonNull;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.spi.ConnectorFactory;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The connector factories a datasource can name. Filled explicitly with {@link
 * #register(ConnectorFactory)} or from a class loader with {@link #load(ClassLoader)}; two
 * factories with one name are a configuration error. Thread-safe.
 */
public final class ConnectorRegistry {
  /** LoopBack names a connector's npm package {@code loopback-connector-<name>}. */
  private static final String LOOPBACK_PACKAGE_PREFIX = "loopback-connector-";

  private final Map<String, ConnectorFactory> factories = new TreeMap<>();
  private final ClassLoader classLoader;

  private ConnectorRegistry(ClassLoader classLoader) {
    this.classLoader = classLoader;
  }

  /** An empty registry; fully qualified factory class names resolve through this class's loader. */
  public static ConnectorRegistry empty() {
    return new ConnectorRegistry(ConnectorRegistry.class.getClassLoader());
  }

  /**
   * The factories {@link ServiceLoader} finds through {@code classLoader}; fully qualified factory
   * class names resolve through it too.
   *
   * @param classLoader never null
   * @throws ConnectorException {@link ErrorCode#CONFIGURATION_INVALID} if two factories of
   *     different classes have one name
   */
  public static ConnectorRegistry load(ClassLoader classLoader) {
    requireNonNull(classLoader, "classLoader is null");
    ConnectorRegistry registry = new ConnectorRegistry(classLoader);
    ServiceLoader.load(ConnectorFactory.class, classLoader).forEach(registry::register);
    return registry;
  }

  /** The factories found through the class loader that loaded ConnectorKit. */
  public static ConnectorRegistry load() {
    return load(ConnectorRegistry.class.getClassLoader());
  }

  /**
   * Adds a factory; registering another instance of an already registered factory class replaces
   * it.
   *
   * @param factory never null
   * @return this registry, for chaining
   * @throws ConnectorException {@link ErrorCode#CONFIGURATION_INVALID} if a factory of another
   *     class has the same name
   */
  public synchronized ConnectorRegistry register(ConnectorFactory factory) {
    requireNonNull(factory, "factory is null");
    ConnectorFactory existing = factories.get(factory.name());
    if (existing != null && existing.getClass() != factory.getClass()) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "two connector factories are named \""
              + factory.name()
              + "\": "
              + existing.getClass().getName()
              + " and "
              + factory.getClass().getName());
    }
    factories.put(factory.name(), factory);
    return this;
  }

  /** A snapshot of the registered factory names, in no particular order; never null. */
  public synchronized java.util.Set<String> names() {
    return java.util.Set.copyOf(factories.keySet());
  }

  /**
   * The factory named {@code connector}, or a new instance of the {@link ConnectorFactory} class of
   * that fully qualified name (a name with a dot). LoopBack's package name {@code
   * loopback-connector-NAME} means {@code NAME} (C1.1), as LoopBack itself accepts it.
   *
   * @param connector never null
   * @throws ConnectorException {@link ErrorCode#CONFIGURATION_INVALID} listing the known names,
   *     also for a class that cannot be instantiated or is not a {@link ConnectorFactory}
   */
  public synchronized ConnectorFactory find(String connector) {
    requireNonNull(connector, "connector is null");
    ConnectorFactory factory = factories.get(connector);
    if (factory != null) {
      return factory;
    }
    if (connector.startsWith(LOOPBACK_PACKAGE_PREFIX)) {
      factory = factories.get(connector.substring(LOOPBACK_PACKAGE_PREFIX.length()));
      if (factory != null) {
        return factory;
      }
    }
    if (connector.contains(".")) {
      return instantiate(connector);
    }
    throw new ConnectorException(
        ErrorCode.CONFIGURATION_INVALID,
        "unknown connector \""
            + connector
            + "\"; available: "
            + String.join(", ", factories.keySet()));
  }

  private ConnectorFactory instantiate(String className) {
    try {
      Class<?> type = Class.forName(className, true, classLoader);
      if (!ConnectorFactory.class.isAssignableFrom(type)) {
        throw new ConnectorException(
            ErrorCode.CONFIGURATION_INVALID,
            "connector class " + className + " does not implement ConnectorFactory");
      }
      return (ConnectorFactory) type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "unknown connector \""
              + className
              + "\" (cannot instantiate it: "
              + e
              + "); available: "
              + String.join(", ", factories.keySet()),
          e);
    }
  }
}
