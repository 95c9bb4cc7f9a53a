package io.github.qpidharness;

import java.util.Objects;

/**
 * Where a fixture sends or listens: a queue or a topic, plus a receiver's subscription and
 * selector.
 *
 * @param kind how the fixture is attached
 * @param name the queue or topic name
 * @param subscription the subscription name of a durable or shared subscriber, otherwise null
 * @param selector the JMS message selector of a receiver, or null for none
 */
public record Endpoint(Kind kind, String name, String subscription, String selector) {

  /** How a fixture is attached to its destination. */
  public enum Kind {
    /** A queue: receivers compete, each message goes to one of them. */
    QUEUE,
    /** A topic with a private, non-durable subscription per receiver. */
    TOPIC,
    /** A topic with a named durable subscription that keeps messages while offline. */
    DURABLE_SUBSCRIPTION,
    /** A topic with a named shared subscription whose receivers compete for its messages. */
    SHARED_SUBSCRIPTION
  }

  public Endpoint {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
  }

  /** A queue endpoint. */
  public static Endpoint queue(String name) {
    return new Endpoint(Kind.QUEUE, name, null, null);
  }

  /** A topic endpoint. */
  public static Endpoint topic(String name) {
    return new Endpoint(Kind.TOPIC, name, null, null);
  }

  /** True for a queue, false for any kind of topic subscription. */
  public boolean isQueue() {
    return kind == Kind.QUEUE;
  }

  /** Reads like {@code queue "orders"} or {@code topic "news" (durable subscription "audit")}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(isQueue() ? "queue" : "topic");
    s.append(" \"").append(name).append('"');
    if (kind == Kind.DURABLE_SUBSCRIPTION) {
      s.append(" (durable subscription \"").append(subscription).append("\")");
    } else if (kind == Kind.SHARED_SUBSCRIPTION) {
      s.append(" (shared subscription \"").append(subscription).append("\")");
    }
    if (selector != null) {
      s.append(" with selector \"").append(selector).append('"');
    }
    return s.toString();
  }
}
