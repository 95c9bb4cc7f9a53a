package io.github.qpidharness.junit5;

import io.github.qpidharness.TestBroker;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ParameterResolutionException;

/**
 * The one table of what {@link WithBroker} injects without an annotation: each type with what a
 * test gets and how it is made from the test's {@link HostScope}. Parameters, fields and the "what
 * can be injected" errors all read it, so a new type is one new row.
 */
final class Injectables {

  /** One injectable type: what a test gets, and how it is made. */
  record Injectable(Class<?> type, String gets, Function<HostScope, Object> resolve) {}

  static final List<Injectable> TYPES =
      List.of(
          new Injectable(TestBroker.class, "the test's isolated host", HostScope::host),
          new Injectable(
              ConnectionFactory.class,
              "a qpid-jms connection factory for the test's host",
              scope -> scope.host().connectionFactory()),
          new Injectable(
              JMSContext.class,
              "a started JMSContext on the test's host (auto-acknowledge), closed after the test",
              Injectables::startedContext),
          new Injectable(
              Connection.class,
              "a started JMS Connection on the test's host, closed after the test",
              Injectables::startedConnection));

  private Injectables() {}

  static Optional<Injectable> find(Class<?> type) {
    return TYPES.stream().filter(i -> i.type() == type).findFirst();
  }

  /** E.g. {@code TestBroker, ConnectionFactory, JMSContext and Connection}. */
  static String names() {
    StringJoiner names = new StringJoiner(", ");
    for (int i = 0; i < TYPES.size() - 1; i++) {
      names.add(TYPES.get(i).type().getSimpleName());
    }
    return names + " and " + TYPES.get(TYPES.size() - 1).type().getSimpleName();
  }

  /** Every injectable type with what it gets, one per line, for "cannot be injected" errors. */
  static String listing() {
    StringBuilder s = new StringBuilder();
    for (Injectable injectable : TYPES) {
      s.append("\n  ").append(injectable.type().getSimpleName()).append(": ");
      s.append(injectable.gets());
    }
    s.append(
        "\n  EmbeddedBroker, MessageBroker: the class's own broker, with @WithBroker(dedicated =");
    s.append(" true) or store = Store.DERBY");
    s.append("\n  MessageSender, MessageReceiver with @Queue(\"name\") or @Topic(\"name\"):");
    s.append(" a sender or a receiver (listening already) on that destination of the test's host");
    return s.toString();
  }

  private static JMSContext startedContext(HostScope scope) {
    JMSContext context = scope.registerClient(scope.host().connectionFactory().createContext());
    // Opened now rather than on first use: closing a context whose open is still under way makes
    // qpid-jms log a warning, and a test that never uses it would close it so.
    context.start();
    return context;
  }

  private static Connection startedConnection(HostScope scope) {
    try {
      Connection connection = scope.host().connectionFactory().createConnection();
      scope.registerClient(connection);
      // Started, so that a consumer receives at once: a stopped connection's receive() just waits.
      connection.start();
      return connection;
    } catch (JMSException e) {
      throw new ParameterResolutionException(
          "Cannot open a JMS connection to the test's host: " + e.getMessage(), e);
    }
  }
}
