package io.connectorkit.tck;

import static java.util.Objects.requireNonNull;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.common.Feature;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Runs the TCK through the JUnit Platform launcher against any datasource supplier: what {@code
 * connectorkit tck} and the TCK's own mutant tests use. One run at a time per JVM.
 */
public final class TckRunner {
  private TckRunner() {}

  /** Receives progress while the TCK runs. */
  public interface Progress {
    /** Called once, before the first test, with the number of tests to run. */
    default void started(long total) {}

    /** Called after each test. */
    default void finished(TckResult result) {}
  }

  /**
   * Runs the TCK.
   *
   * @param dataSources makes a fresh datasource for each test; never null
   * @param tags JUnit tag expressions to select areas (e.g. {@code "filter"}); empty for all
   * @param progress receives each result as it comes; never null
   */
  public static TckReport run(
      Supplier<DataSource> dataSources, Collection<String> tags, Progress progress) {
    return run(TckTarget.of(dataSources), tags, progress);
  }

  /**
   * Runs the TCK against a target with hooks of the caller's (a backend reset, a remote call).
   *
   * @param target the datasources and hooks; never null
   * @param tags JUnit tag expressions to select areas (e.g. {@code "filter"}); empty for all
   * @param progress receives each result as it comes; never null
   */
  public static synchronized TckReport run(
      TckTarget target, Collection<String> tags, Progress progress) {
    requireNonNull(target, "target is null");
    requireNonNull(tags, "tags is null");
    requireNonNull(progress, "progress is null");
    Supplier<DataSource> dataSources = target.dataSources();
    String connector;
    Set<Feature> declared;
    try (DataSource probe = dataSources.get()) {
      connector = probe.connectorName();
      declared = EnumSet.noneOf(Feature.class);
      declared.addAll(probe.features());
    }
    LaunchedConnectorTck.install(target);
    try {
      LauncherDiscoveryRequestBuilder request =
          LauncherDiscoveryRequestBuilder.request()
              .selectors(selectClass(LaunchedConnectorTck.class))
              .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false");
      if (!tags.isEmpty()) {
        request.filters(TagFilter.includeTags(List.copyOf(tags)));
      }
      LauncherDiscoveryRequest discovery = request.build();
      Launcher launcher = LauncherFactory.create();
      Collector collector = new Collector(progress);
      launcher.execute(discovery, collector);
      return new TckReport(connector, declared, collector.results);
    } finally {
      LaunchedConnectorTck.install(null);
    }
  }

  /** Runs every area of the TCK without progress reporting. */
  public static TckReport run(Supplier<DataSource> dataSources) {
    return run(dataSources, List.of(), new Progress() {});
  }

  private static final class Collector implements TestExecutionListener {
    private final Progress progress;
    private final List<TckResult> results = new ArrayList<>();
    private @Nullable TestPlan plan;

    Collector(Progress progress) {
      this.progress = progress;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
      this.plan = testPlan;
      progress.started(testPlan.countTestIdentifiers(TestIdentifier::isTest));
    }

    /** The plan JUnit announced in {@link #testPlanExecutionStarted} before any test event. */
    private TestPlan plan() {
      return requireNonNull(plan, "plan is null");
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
      if (test.isTest()) {
        record(test, TckResult.Status.SKIPPED, reason);
      } else {
        plan().getDescendants(test).stream()
            .filter(TestIdentifier::isTest)
            .forEach(descendant -> record(descendant, TckResult.Status.SKIPPED, reason));
      }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
      if (!test.isTest()) {
        if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
          // A failing container (e.g. a @BeforeEach that cannot create the datasource) fails
          // every test in it that did not report.
          results.add(
              new TckResult(
                  "?",
                  Set.of(),
                  Set.of(),
                  test.getDisplayName(),
                  TckResult.Status.FAILED,
                  message(result)));
        }
        return;
      }
      switch (result.getStatus()) {
        case SUCCESSFUL -> record(test, TckResult.Status.PASSED, "");
        case ABORTED -> record(test, TckResult.Status.SKIPPED, message(result));
        case FAILED -> record(test, TckResult.Status.FAILED, message(result));
      }
    }

    private static String message(TestExecutionResult result) {
      return result
          .getThrowable()
          .map(thrown -> thrown.getMessage() == null ? thrown.toString() : thrown.getMessage())
          .orElse("");
    }

    private void record(TestIdentifier test, TckResult.Status status, String message) {
      ContractSection contract = contractOf(test);
      Set<String> areas = new LinkedHashSet<>();
      test.getTags().stream().map(TestTag::getName).forEach(areas::add);
      Set<Feature> features = EnumSet.noneOf(Feature.class);
      if (contract != null) {
        features.addAll(List.of(contract.features()));
      }
      TckResult result =
          new TckResult(
              contract == null ? "?" : contract.value(),
              areas,
              features,
              path(test),
              status,
              message == null ? "" : message);
      results.add(result);
      progress.finished(result);
    }

    private String path(TestIdentifier test) {
      List<String> names = new ArrayList<>();
      TestIdentifier current = test;
      TestPlan testPlan = plan();
      while (current != null && testPlan.getParent(current).isPresent()) {
        names.add(0, current.getDisplayName());
        current = testPlan.getParent(current).orElse(null);
      }
      if (!names.isEmpty() && names.get(0).equals(LaunchedConnectorTck.class.getSimpleName())) {
        names.remove(0);
      }
      return String.join(" › ", names);
    }

    private static @Nullable ContractSection contractOf(TestIdentifier test) {
      return test.getSource()
          .filter(MethodSource.class::isInstance)
          .map(MethodSource.class::cast)
          .map(TckRunner.Collector::method)
          .map(method -> method.getAnnotation(ContractSection.class))
          .orElse(null);
    }

    private static @Nullable Method method(MethodSource source) {
      try {
        return source.getJavaMethod();
      } catch (RuntimeException e) {
        return null;
      }
    }
  }
}
