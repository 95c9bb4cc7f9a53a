package io.github.qpidharness.junit5;

import jakarta.jms.InvalidDestinationException;
import jakarta.jms.InvalidDestinationRuntimeException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the broker's "not found" answer for an undeclared destination into a failure that says how
 * to declare it.
 *
 * <p>Broker-J 10.1 resolves an AMQP 1.0 address to an exchange, then a queue, then a node
 * auto-creation policy, and ignores the "queue"/"topic" capability qpid-jms puts on the link.
 * Policies match names only, so one that creates queues would also turn {@code createTopic("x")}
 * into a queue. The harness therefore sets no policy and explains the refusal instead.
 */
final class UndeclaredDestinations {
  private static final Pattern ADDRESS =
      Pattern.compile("(?:address=([^,}]+))|(?:Unknown destination '([^']+)')");
  private static final Pattern CAPABILITIES = Pattern.compile("capabilities=\\[([^]]*)]");

  private UndeclaredDestinations() {}

  /** The error itself, or an explanation wrapping it if it is a "not found" for a destination. */
  static Throwable explain(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      boolean invalidDestination =
          t instanceof InvalidDestinationException
              || t instanceof InvalidDestinationRuntimeException;
      String message = t.getMessage();
      if (invalidDestination && message != null && message.contains("amqp:not-found")) {
        Matcher address = ADDRESS.matcher(message);
        if (address.find()) {
          String name = address.group(1) != null ? address.group(1) : address.group(2);
          Matcher capabilities = CAPABILITIES.matcher(message);
          String kind = capabilities.find() ? capabilities.group(1).trim() : "";
          return new IllegalStateException(explanation(name, kind, message), error);
        }
      }
    }
    return error;
  }

  private static String explanation(String name, String kind, String brokerMessage) {
    String quoted = "\"" + name + "\"";
    String fix =
        switch (kind) {
          case "queue" ->
              "Declare it as a queue: @WithBroker(queues = "
                  + quoted
                  + "), a @Queue("
                  + quoted
                  + ") parameter, or broker.declareQueue("
                  + quoted
                  + ").";
          case "topic" ->
              "Declare it as a topic: @WithBroker(topics = "
                  + quoted
                  + "), a @Topic("
                  + quoted
                  + ") parameter, or broker.declareTopic("
                  + quoted
                  + ").";
          // An anonymous producer (every JMSContext producer) names no kind: neither guess is
          // safe, since a queue declared for a topic is silently read by its subscribers.
          default ->
              "The broker's answer does not say whether the code wanted a queue or a topic (a"
                  + " JMSContext producer sends through an anonymous link). If it sends with"
                  + " createTopic("
                  + quoted
                  + "), declare a topic: @WithBroker(topics = "
                  + quoted
                  + "), a @Topic("
                  + quoted
                  + ") parameter, or broker.declareTopic("
                  + quoted
                  + "). If it sends with createQueue("
                  + quoted
                  + "), declare a queue: @WithBroker(queues = "
                  + quoted
                  + "), a @Queue("
                  + quoted
                  + ") parameter, or broker.declareQueue("
                  + quoted
                  + "). The wrong kind is not caught later: a queue declared for a topic makes"
                  + " its subscribers compete for the messages instead of each getting a copy.";
        };
    return "Destination "
        + quoted
        + " does not exist on this test's broker host, and the harness creates no destination on"
        + " the fly (it could not tell a queue from a topic). "
        + fix
        + " The broker said: "
        + brokerMessage;
  }
}
