package io.connectorkit.spring;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.Repository;
import io.connectorkit.core.annotation.Model;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Feature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Registers, for every datasource of {@link DataSourceSettings}: the {@link DataSource} bean (named
 * after the datasource, closed with the context), its transaction manager ({@code
 * <name>TransactionManager}, qualifier {@code <name>}) and a {@code Repository<T>} bean per record
 * type the application names for it. The bean definitions are registered before any bean exists,
 * since the datasource names come from configuration.
 */
final class DataSourceRegistrar implements ImportBeanDefinitionRegistrar {
  static final String REPOSITORIES = DataSourceSettings.PREFIX + ".repositories";
  static final String PRIMARY = DataSourceSettings.PREFIX + ".primary";
  static final String SCAN = DataSourceSettings.PREFIX + ".scan-models";
  static final String SCAN_PACKAGES = DataSourceSettings.PREFIX + ".scan-packages";
  static final String AUTOUPDATE = DataSourceSettings.PREFIX + ".autoupdate";

  private final Environment environment;
  private final ResourceLoader resourceLoader;
  private final BeanFactory beanFactory;
  private final ClassLoader classLoader;

  DataSourceRegistrar(
      Environment environment,
      ResourceLoader resourceLoader,
      BeanFactory beanFactory,
      ClassLoader classLoader) {
    this.environment = environment;
    this.resourceLoader = resourceLoader;
    this.beanFactory = beanFactory;
    this.classLoader = classLoader;
  }

  @Override
  public void registerBeanDefinitions(
      AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
    Map<String, Map<String, Object>> settings =
        DataSourceSettings.read(environment, resourceLoader);
    if (settings.isEmpty()) {
      return;
    }
    String primary = primary(settings);
    Map<String, Set<Class<?>>> types = recordTypes(settings, primary);
    boolean autoupdate = environment.getProperty(AUTOUPDATE, Boolean.class, false);
    Set<String> repositoryNames = new LinkedHashSet<>();
    settings.forEach(
        (name, dataSourceSettings) -> {
          boolean isPrimary = name.equals(primary);
          Set<Class<?>> recordTypes = types.getOrDefault(name, Set.of());
          register(
              registry,
              name,
              dataSource(name, dataSourceSettings, List.copyOf(recordTypes), autoupdate),
              isPrimary);
          RootBeanDefinition manager =
              new RootBeanDefinition(
                  ConnectorKitTransactionManager.class,
                  () ->
                      new ConnectorKitTransactionManager(
                          beanFactory.getBean(name, DataSource.class)));
          manager.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
          manager.setDependsOn(name);
          register(registry, name + "TransactionManager", manager, isPrimary);
          for (Class<?> type : recordTypes) {
            String beanName = repositoryName(registry, repositoryNames, name, type);
            register(registry, beanName, repository(name, type), false);
          }
        });
  }

  private RootBeanDefinition dataSource(
      String name, Map<String, Object> settings, List<Class<?>> types, boolean autoupdate) {
    RootBeanDefinition definition =
        new RootBeanDefinition(
            DataSource.class, () -> createDataSource(name, settings, types, autoupdate));
    definition.setDestroyMethodName("close");
    return definition;
  }

  /**
   * Creates the datasource unconnected, so that metrics and tracing see its first connection (the
   * pool metrics need that), defines the record types' models, updates their schema when asked,
   * then connects unless the settings say {@code lazyConnect}.
   */
  private DataSource createDataSource(
      String name, Map<String, Object> settings, List<Class<?>> types, boolean autoupdate) {
    Object lazySetting = settings.get("lazyConnect");
    boolean lazy = Boolean.TRUE.equals(lazySetting) || "true".equals(lazySetting);
    Map<String, Object> unconnected = new LinkedHashMap<>(settings);
    if (lazySetting == null || lazySetting instanceof Boolean || "false".equals(lazySetting)) {
      // An invalid value is left for DataSources to reject with its usual message.
      unconnected.put("lazyConnect", true);
    }
    DataSource dataSource = DataSources.create(name, unconnected);
    try {
      beanFactory
          .getBeanProvider(Instrumentation.class)
          .orderedStream()
          .forEach(instrumentation -> instrumentation.instrument(dataSource));
      dataSource.setTransactionProvider(() -> ConnectorKitTransactionManager.current(dataSource));
      for (Class<?> type : types) {
        dataSource.repository(type);
      }
      if (autoupdate && !types.isEmpty() && dataSource.features().contains(Feature.MIGRATION)) {
        dataSource.autoupdate(
            types.stream()
                .map(t -> dataSource.repository(t).model().name())
                .toArray(String[]::new));
      }
      if (!lazy) {
        dataSource.connect();
      }
      return dataSource;
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
  }

  private RootBeanDefinition repository(String dataSourceName, Class<?> type) {
    RootBeanDefinition definition = new RootBeanDefinition();
    definition.setTargetType(ResolvableType.forClassWithGenerics(Repository.class, type));
    definition.setInstanceSupplier(
        () -> beanFactory.getBean(dataSourceName, DataSource.class).repository(type));
    definition.setDependsOn(dataSourceName);
    return definition;
  }

  private static void register(
      BeanDefinitionRegistry registry,
      String name,
      RootBeanDefinition definition,
      boolean primary) {
    if (registry.containsBeanDefinition(name)) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          "ConnectorKit cannot register bean \""
              + name
              + "\": the application defines a bean of that name; rename the datasource");
    }
    definition.setPrimary(primary);
    definition.setRole(BeanDefinition.ROLE_APPLICATION);
    registry.registerBeanDefinition(name, definition);
  }

  /** {@code personRepository}; prefixed by the datasource's name when that is taken. */
  private static String repositoryName(
      BeanDefinitionRegistry registry, Set<String> taken, String dataSource, Class<?> type) {
    String simple = StringUtils.uncapitalize(type.getSimpleName()) + "Repository";
    String name =
        taken.contains(simple) || registry.containsBeanDefinition(simple)
            ? dataSource + type.getSimpleName() + "Repository"
            : simple;
    taken.add(name);
    return name;
  }

  /** The datasource named by {@value #PRIMARY}, else the only one, else null. */
  private @Nullable String primary(Map<String, Map<String, Object>> settings) {
    String named = environment.getProperty(PRIMARY);
    if (named != null) {
      if (!settings.containsKey(named)) {
        throw new ConnectorException(
            ErrorCode.CONFIGURATION_INVALID,
            PRIMARY + ": no datasource \"" + named + "\"; there are " + settings.keySet());
      }
      return named;
    }
    return settings.size() == 1 ? settings.keySet().iterator().next() : null;
  }

  /**
   * The record types of each datasource: those {@value #REPOSITORIES}{@code .<name>} lists, and on
   * the primary datasource the {@code @Model} records scanned for that no datasource lists.
   */
  private Map<String, Set<Class<?>>> recordTypes(
      Map<String, Map<String, Object>> settings, @Nullable String primary) {
    Map<String, List<String>> listed =
        Binder.get(environment)
            .bind(
                REPOSITORIES,
                Bindable.<Map<String, List<String>>>of(
                    ResolvableType.forClassWithGenerics(
                        Map.class,
                        ResolvableType.forClass(String.class),
                        ResolvableType.forClassWithGenerics(List.class, String.class))))
            .orElse(Map.of());
    Map<String, Set<Class<?>>> types = new LinkedHashMap<>();
    Set<Class<?>> assigned = new LinkedHashSet<>();
    listed.forEach(
        (dataSource, classNames) -> {
          if (!settings.containsKey(dataSource)) {
            throw new ConnectorException(
                ErrorCode.CONFIGURATION_INVALID,
                REPOSITORIES
                    + "."
                    + dataSource
                    + ": no datasource \""
                    + dataSource
                    + "\"; there are "
                    + settings.keySet());
          }
          for (String className : classNames) {
            Class<?> type = load(REPOSITORIES + "." + dataSource, className.trim());
            types.computeIfAbsent(dataSource, ignored -> new LinkedHashSet<>()).add(type);
            assigned.add(type);
          }
        });
    List<Class<?>> scanned = new ArrayList<>(scan());
    scanned.removeAll(assigned);
    if (!scanned.isEmpty()) {
      if (primary == null) {
        throw new ConnectorException(
            ErrorCode.CONFIGURATION_INVALID,
            "@Model records "
                + scanned.stream().map(Class::getName).toList()
                + " found, but datasources "
                + settings.keySet()
                + " have no primary: set "
                + PRIMARY
                + ", list the records under "
                + REPOSITORIES
                + ".<datasource>, or set "
                + SCAN
                + "=false");
      }
      types.computeIfAbsent(primary, ignored -> new LinkedHashSet<>()).addAll(scanned);
    }
    return types;
  }

  /** The {@code @Model} records of the scanned packages, by name. */
  private List<Class<?>> scan() {
    if (!environment.getProperty(SCAN, Boolean.class, true)) {
      return List.of();
    }
    List<String> packages =
        Binder.get(environment)
            .bind(SCAN_PACKAGES, Bindable.listOf(String.class))
            .orElseGet(
                () ->
                    AutoConfigurationPackages.has(beanFactory)
                        ? AutoConfigurationPackages.get(beanFactory)
                        : List.of());
    ClassPathScanningCandidateComponentProvider scanner =
        new ClassPathScanningCandidateComponentProvider(false, environment);
    scanner.setResourceLoader(resourceLoader);
    scanner.addIncludeFilter(new AnnotationTypeFilter(Model.class));
    Set<String> classNames = new TreeSet<>();
    for (String base : packages) {
      scanner
          .findCandidateComponents(base)
          .forEach(found -> classNames.add(found.getBeanClassName()));
    }
    List<Class<?>> types = new ArrayList<>();
    for (String className : classNames) {
      types.add(load(SCAN_PACKAGES, className));
    }
    return types;
  }

  private Class<?> load(String property, String className) {
    try {
      return ClassUtils.forName(className, classLoader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConnectorException(
          ErrorCode.CONFIGURATION_INVALID,
          property + ": cannot load record type \"" + className + "\": " + e,
          e);
    }
  }
}
