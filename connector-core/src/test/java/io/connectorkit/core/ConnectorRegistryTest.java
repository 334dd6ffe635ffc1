package io.connectorkit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.spi.Connector;
import io.connectorkit.core.spi.ConnectorFactory;
import io.connectorkit.core.spi.Settings;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectorRegistryTest {
  @Test
  void serviceLoaderFindsRegisteredFactories() {
    assertThat(ConnectorRegistry.load().names()).contains("list");
  }

  @Test
  void explicitClassLoaderIsUsed() {
    ClassLoader empty = new ClassLoader(null) {};

    assertThat(ConnectorRegistry.load(empty).names()).isEmpty();
  }

  @Test
  void explicitRegistrationWorksWithoutServiceLoader() {
    ConnectorRegistry registry = ConnectorRegistry.empty().register(new ListConnector.Factory());

    assertThat(registry.find("list")).isInstanceOf(ListConnector.Factory.class);
  }

  @Test
  void unknownConnectorListsTheAvailableNames() {
    ConnectorRegistry registry = ConnectorRegistry.empty().register(new ListConnector.Factory());

    assertThatThrownBy(() -> registry.find("nosuch"))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
        .hasMessage("unknown connector \"nosuch\"; available: list");
  }

  @Test
  void loopBackPackageNameMeansTheConnectorName() {
    ConnectorRegistry registry = ConnectorRegistry.empty().register(new ListConnector.Factory());

    assertThat(registry.find("loopback-connector-list").name()).isEqualTo("list");
    assertThatThrownBy(() -> registry.find("loopback-connector-nosuch"))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
        .hasMessage("unknown connector \"loopback-connector-nosuch\"; available: list");
  }

  @Test
  void fullyQualifiedFactoryClassNameIsInstantiated() {
    ConnectorFactory factory =
        ConnectorRegistry.empty().find("io.connectorkit.core.ListConnector$Factory");

    assertThat(factory.name()).isEqualTo("list");
  }

  @Test
  void classThatIsNotAFactoryIsRejected() {
    assertThatThrownBy(() -> ConnectorRegistry.empty().find("java.lang.String"))
        .hasMessageContaining("does not implement ConnectorFactory");
  }

  @Test
  void twoFactoriesWithOneNameAreRejected() {
    ConnectorRegistry registry = ConnectorRegistry.empty().register(new ListConnector.Factory());
    ConnectorFactory impostor =
        new ConnectorFactory() {
          @Override
          public String name() {
            return "list";
          }

          @Override
          public Connector initialize(Settings settings) {
            throw new AssertionError("not called");
          }

          @Override
          public Set<String> secretSettings() {
            return Set.of();
          }
        };

    assertThatThrownBy(() -> registry.register(impostor))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION_INVALID))
        .hasMessageContaining("two connector factories are named \"list\"");
  }
}
