package io.redlocklab.testkit;

import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 side of {@link WithRedisNodes}: nodes start before all tests of the annotated class,
 * {@link RedisNodes#resetFaults()} runs before each test, and the nodes close after all tests.
 *
 * <p>When redis-server or toxiproxy-server is missing, every test is disabled (reported as skipped)
 * with a message to run scripts/install-deps, printed once on stderr; when the environment variable
 * {@code CI} is {@code true} the class fails instead: CI never skips.
 */
public final class RedisNodesExtension
    implements ExecutionCondition,
        BeforeAllCallback,
        BeforeEachCallback,
        AfterAllCallback,
        ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(RedisNodesExtension.class);

  // A disabled class shows up as skipped tests (a class aborted in beforeAll would count as none).
  // On CI the condition lets the class run, and beforeAll fails it.
  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (!onCi() && serversMissing()) {
      return ConditionEvaluationResult.disabled(ServerBinaries.missing().orElse("servers missing"));
    }
    return ConditionEvaluationResult.enabled("servers present");
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    if (!serversMissing()) {
      nodes(context);
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    nodes(context).resetFaults();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    ExtensionContext owner = owner(context);
    if (owner == context) {
      RedisNodes nodes = context.getStore(NAMESPACE).remove(key(owner), RedisNodes.class);
      if (nodes != null) {
        nodes.close();
      }
    }
  }

  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.getParameter().getType() == RedisNodes.class;
  }

  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return nodes(extensionContext);
  }

  /**
   * The nodes of the nearest annotated class, started on first use (also for PER_CLASS
   * constructors).
   */
  private static RedisNodes nodes(ExtensionContext context) {
    ExtensionContext owner = owner(context);
    return owner
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(key(owner), key -> start(owner), RedisNodes.class);
  }

  private static RedisNodes start(ExtensionContext owner) {
    requireServers();
    WithRedisNodes settings = settings(owner).orElseThrow();
    return RedisNodes.start(settings.count(), settings.persistence());
  }

  /**
   * For tests that start servers themselves (call it in {@code @BeforeEach}): aborts the test, or
   * fails it when the environment variable CI is true, if redis-server or toxiproxy-server is
   * missing.
   */
  public static void requireServers() {
    if (serversMissing()) {
      Assumptions.abort(ServerBinaries.missing().orElse("servers missing"));
    }
  }

  /** Like {@link #requireServers()} for a {@link SentinelGroup}: redis-sentinel is needed too. */
  public static void requireSentinelServers() {
    if (RequireServers.missingOutsideCi("Sentinel", ServerBinaries.missingForSentinel())) {
      Assumptions.abort(ServerBinaries.missingForSentinel().orElse("servers missing"));
    }
  }

  private static boolean serversMissing() {
    return RequireServers.missingOutsideCi("Redis", ServerBinaries.missing());
  }

  private static boolean onCi() {
    return RequireServers.onCi();
  }

  // The context of the nearest test class carrying @WithRedisNodes (nested classes share the
  // outer's nodes).
  private static ExtensionContext owner(ExtensionContext context) {
    for (ExtensionContext current = context;
        current != null;
        current = current.getParent().orElse(null)) {
      if (settings(current).isPresent() && current.getTestMethod().isEmpty()) {
        return current;
      }
    }
    throw new IllegalStateException("RedisNodesExtension needs @WithRedisNodes on the test class");
  }

  private static Optional<WithRedisNodes> settings(ExtensionContext context) {
    return context
        .getTestClass()
        .flatMap(type -> AnnotationSupport.findAnnotation(type, WithRedisNodes.class));
  }

  private static String key(ExtensionContext owner) {
    return "nodes:" + owner.getRequiredTestClass().getName();
  }
}
