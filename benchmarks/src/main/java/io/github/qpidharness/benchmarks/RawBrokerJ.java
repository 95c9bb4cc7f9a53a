package io.github.qpidharness.benchmarks;

import jakarta.jms.ConnectionFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.security.auth.Subject;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.apache.qpid.server.SystemLauncher;
import org.apache.qpid.server.SystemLauncherListener;
import org.apache.qpid.server.model.Broker;
import org.apache.qpid.server.model.Port;
import org.apache.qpid.server.model.SystemConfig;
import org.apache.qpid.server.model.VirtualHostNode;
import org.apache.qpid.server.security.SubjectExecutionContext;
import org.apache.qpid.server.security.auth.TaskPrincipal;

/**
 * Broker-J without the harness, started through {@link SystemLauncher} with a minimal memory
 * configuration of our own: untuned (the baseline: production thread pools, default housekeeping),
 * or tuned with the context variables the harness sets (the floor the harness builds on).
 */
final class RawBrokerJ implements BrokerUnderTest {
  private static final String CONFIG =
      """
      {
        "name": "raw-broker-j",
        "modelVersion": "9.0",
        "authenticationproviders": [{"name": "anonymous", "type": "Anonymous"}],
        "ports": [{
          "name": "AMQP", "port": "0", "bindingAddress": "127.0.0.1",
          "protocols": ["AMQP_1_0"], "authenticationProvider": "anonymous",
          "virtualhostaliases": [
            {"name": "nameAlias", "type": "nameAlias"},
            {"name": "defaultAlias", "type": "defaultAlias"},
            {"name": "hostnameAlias", "type": "hostnameAlias"}]
        }],
        "virtualhostnodes": [{
          "name": "default", "type": "Memory", "defaultVirtualHostNode": "true",
          "virtualHostInitialConfiguration": "{\\"type\\": \\"Memory\\"}"
        }]
      }
      """;

  private final SystemLauncher launcher;
  private final Broker<?> broker;
  private final Path workDirectory;
  private final int port;

  private RawBrokerJ(SystemLauncher launcher, Broker<?> broker, Path workDirectory, int port) {
    this.launcher = launcher;
    this.broker = broker;
    this.workDirectory = workDirectory;
    this.port = port;
  }

  /**
   * The context variables the harness sets for tests (see its {@code BrokerRuntime}): no re-armed
   * direct-memory check that delays stop by ~1 s, and small thread pools.
   */
  private static final Map<String, String> TUNING =
      Map.of(
          "qpid.compact_memory_interval", "0",
          "virtualhost.connectionThreadPool.size", "4",
          "virtualhost.connectionThreadPool.numberOfSelectors", "1",
          "virtualhost.housekeepingThreadCount", "1",
          "qpid.port.amqp.threadPool.size", "4",
          "qpid.port.amqp.threadPool.numberOfSelectors", "1");

  static RawBrokerJ start(boolean tuned) {
    // Broker-J's memory store refuses JMS-default (persistent) messages without this JVM-wide
    // switch.
    System.setProperty("qpid.tests.mms.messagestore.persistence", "true");
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    AtomicReference<Broker<?>> container = new AtomicReference<>();
    SystemLauncher launcher =
        new SystemLauncher(
            new SystemLauncherListener.DefaultSystemLauncherListener() {
              @Override
              public void errorOnStartup(RuntimeException e) {
                failure.set(e);
              }

              @Override
              public void onContainerResolve(SystemConfig<?> systemConfig) {
                container.set((Broker<?>) systemConfig.getContainer());
              }
            });
    try {
      Path workDirectory = Files.createTempDirectory("raw-broker-j-");
      Path config = Files.writeString(workDirectory.resolve("config.json"), CONFIG);
      Map<String, Object> attributes = new HashMap<>();
      attributes.put(SystemConfig.TYPE, "Memory");
      attributes.put(SystemConfig.INITIAL_CONFIGURATION_LOCATION, config.toUri().toString());
      attributes.put(SystemConfig.STARTUP_LOGGED_TO_SYSTEM_OUT, false);
      Map<String, String> context = new HashMap<>();
      context.put("qpid.work_dir", workDirectory.toString());
      if (tuned) {
        context.putAll(TUNING);
      }
      attributes.put(SystemConfig.CONTEXT, context);
      launcher.startup(attributes);
      if (failure.get() != null) {
        launcher.shutdown();
        throw failure.get();
      }
      Broker<?> broker = container.get();
      int port = broker.getChildByName(Port.class, "AMQP").getBoundPort();
      return new RawBrokerJ(launcher, broker, workDirectory, port);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("Raw Broker-J failed to start: " + e, e);
    }
  }

  @Override
  public ConnectionFactory connectionFactory() {
    return new JmsConnectionFactory("amqp://127.0.0.1:" + port);
  }

  /** Creates a memory virtual host node, as an administrator would through the model. */
  VirtualHostNode<?> createHostNode(String name) {
    Map<String, Object> attributes = new HashMap<>();
    attributes.put(VirtualHostNode.NAME, name);
    attributes.put(VirtualHostNode.TYPE, "Memory");
    attributes.put(VirtualHostNode.VIRTUALHOST_INITIAL_CONFIGURATION, "{\"type\":\"Memory\"}");
    return asSystem(() -> broker.createChild(VirtualHostNode.class, attributes));
  }

  void deleteHostNode(VirtualHostNode<?> node) {
    asSystem(
        () -> {
          node.delete();
          return null;
        });
  }

  @Override
  public void close() {
    try {
      launcher.shutdown();
    } finally {
      deleteTree(workDirectory);
    }
  }

  private <T> T asSystem(java.util.concurrent.Callable<T> action) {
    Set<Principal> principals = Set.of(launcher.getSystemPrincipal(), new TaskPrincipal("bench"));
    return SubjectExecutionContext.withSubjectUnchecked(
        new Subject(true, principals, Set.of(), Set.of()), action);
  }

  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
