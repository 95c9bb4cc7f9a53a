package io.github.qpidharness.internal;

import io.github.qpidharness.Endpoint;
import io.github.qpidharness.MessageJournal;
import io.github.qpidharness.MessageReceiver;
import io.github.qpidharness.MessagingException;
import io.github.qpidharness.ReceivedMessage;
import jakarta.jms.InvalidSelectorException;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageListener;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A {@link MessageReceiver} whose {@link MessageListener} collects every message into a list and
 * wakes the waiters. Not API.
 */
final class JmsMessageReceiver implements MessageReceiver, MessageListener, Fixture {
  private final Session session;
  private final Endpoint endpoint;
  private final Consumer<AutoCloseable> onClose;
  private final HostClients clients;
  private final Fixture.SessionEnd sessionEnd;
  private MessageConsumer consumer;

  /**
   * The subscription behind a plain topic receiver. Broker-J logs a WARN ("Unexpected error on
   * detaching endpoint ... resource-deleted") whenever a non-durable subscriber closes, because it
   * deletes the subscription queue while the link is still detaching. So a topic receiver is a
   * durable subscription under a random name (alike in delivery: its queue exists from creation on
   * and gets every later message); closing detaches it and then unsubscribes, which deletes the
   * queue with no consumer left on it. When the whole host closes, the host's reset or deletion
   * removes the queue instead, saving the round trip.
   */
  private final String topicSubscription;

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<ReceivedMessage> messages = new ArrayList<>();
  private final List<ReceivedMessage> view = Collections.unmodifiableList(messages);
  private final List<String> listenerFailures = new ArrayList<>();
  private final List<Runnable> arrivalListeners = new CopyOnWriteArrayList<>();
  private int handedOut;
  private volatile boolean closed;

  /** Why the receiver closed when its host did, or null. */
  private String closedWith;

  /** Why the receiver's link ended (a dropped connection, a link the broker closed), or null. */
  private String interruption;

  private JmsMessageReceiver(
      Session session,
      Endpoint endpoint,
      Consumer<AutoCloseable> onClose,
      HostClients clients,
      Fixture.SessionEnd sessionEnd) {
    this.session = session;
    this.sessionEnd = sessionEnd;
    this.endpoint = endpoint;
    this.topicSubscription =
        endpoint.kind() == Endpoint.Kind.TOPIC ? "qpid-harness-topic-" + UUID.randomUUID() : null;
    this.onClose = onClose;
    this.clients = clients;
  }

  static JmsMessageReceiver open(
      Session session,
      Endpoint endpoint,
      Consumer<AutoCloseable> onClose,
      HostClients clients,
      Fixture.SessionEnd sessionEnd) {
    JmsMessageReceiver receiver =
        new JmsMessageReceiver(session, endpoint, onClose, clients, sessionEnd);
    try {
      receiver.consumer = consumer(session, endpoint, receiver.topicSubscription);
      receiver.consumer.setMessageListener(receiver);
      return receiver;
    } catch (JMSException | RuntimeException e) {
      try {
        session.close();
      } catch (JMSException ignored) {
        // the failure to report is the one below
      }
      throw translate(endpoint, e);
    }
  }

  private static MessageConsumer consumer(
      Session session, Endpoint endpoint, String topicSubscription) throws JMSException {
    String selector = endpoint.selector();
    switch (endpoint.kind()) {
      case QUEUE:
        return session.createConsumer(session.createQueue(endpoint.name()), selector);
      case TOPIC:
        return session.createDurableConsumer(
            session.createTopic(endpoint.name()), topicSubscription, selector, false);
      case DURABLE_SUBSCRIPTION:
        Topic topic = session.createTopic(endpoint.name());
        return session.createDurableConsumer(topic, endpoint.subscription(), selector, false);
      case SHARED_SUBSCRIPTION:
        return session.createSharedConsumer(
            session.createTopic(endpoint.name()), endpoint.subscription(), selector);
      default:
        throw new IllegalArgumentException("Unknown endpoint kind " + endpoint.kind());
    }
  }

  private static RuntimeException translate(Endpoint endpoint, Exception e) {
    if (e instanceof InvalidSelectorException) {
      return new IllegalArgumentException(
          "Selector \""
              + endpoint.selector()
              + "\" is not valid JMS selector syntax ("
              + e.getMessage()
              + "); write e.g. \"type = 'test' AND amount > 10\".",
          e);
    }
    // Broker-J refuses a second receiver with a plain JMSException ("... is already active").
    boolean busy =
        e instanceof jakarta.jms.IllegalStateException
            || (e.getMessage() != null && e.getMessage().contains("already active"));
    if (busy && endpoint.kind() == Endpoint.Kind.DURABLE_SUBSCRIPTION) {
      return new IllegalStateException(
          "Cannot open "
              + endpoint
              + ": "
              + e.getMessage()
              + ". A durable subscription has one receiver at a time: close the other one first,"
              + " or use sharedSubscriber(...) for competing receivers.",
          e);
    }
    if (e instanceof RuntimeException r) {
      return r;
    }
    return new MessagingException("Could not create a receiver for " + endpoint + ": " + e, e);
  }

  @Override
  public void onMessage(Message message) {
    ReceivedMessage snapshot;
    try {
      snapshot = ReceivedMessage.from(message);
    } catch (RuntimeException e) {
      lock.lock();
      try {
        listenerFailures.add(String.valueOf(e));
        changed.signalAll();
      } finally {
        lock.unlock();
      }
      return;
    }
    lock.lock();
    try {
      if (closed) {
        // Closed with its host, its session ending in the background: nobody reads it anymore.
        return;
      }
      messages.add(snapshot);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    for (Runnable listener : arrivalListeners) {
      listener.run();
    }
  }

  /**
   * {@code (nothing arrived on queue "order", but 1 message was published to queue "orders" on this
   * host, ...)}, or null if the host's journal has nothing closer to offer.
   */
  public String nearMiss() {
    MessageJournal journal = clients.journal();
    if (journal == null) {
      return null;
    }
    try {
      return journal
          .nearMiss(endpoint.name())
          .map(hint -> "(nothing arrived on " + endpoint + ", but " + hint + ")")
          .orElse(null);
    } catch (RuntimeException e) {
      // The host is gone; the failure stands without the hint.
      return null;
    }
  }

  /** Waits until this receiver's host settles (see {@code TestBroker.awaitSettled}). */
  void awaitHostSettled(Duration timeout) {
    clients.awaitSettled(timeout);
  }

  @Override
  public Registration onArrival(Runnable listener) {
    arrivalListeners.add(listener);
    return () -> arrivalListeners.remove(listener);
  }

  /** A copy of the messages collected from index {@code from} on. */
  public List<ReceivedMessage> since(int from) {
    lock.lock();
    try {
      return from >= messages.size()
          ? List.of()
          : List.copyOf(messages.subList(from, messages.size()));
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Endpoint endpoint() {
    return endpoint;
  }

  @Override
  public ReceivedMessage receive(Duration timeout) {
    return receive(1, timeout).get(0);
  }

  @Override
  public List<ReceivedMessage> receive(int count, Duration timeout) {
    if (count < 1) {
      throw new IllegalArgumentException(
          "Count must be 1 or more but was " + count + "; use received() to see what arrived.");
    }
    requireTimeout(timeout);
    long start = System.nanoTime();
    long total = Durations.nanos(timeout);
    lock.lock();
    try {
      while (messages.size() - handedOut < count) {
        if (closed) {
          throw new IllegalStateException(
              "The receiver for "
                  + endpoint
                  + " is closed"
                  + (closedWith == null ? "" : " (" + closedWith + ")")
                  + " and holds "
                  + Describe.count(messages.size() - handedOut)
                  + " not handed out, fewer than the "
                  + count
                  + " asked for; create a new receiver.");
        }
        if (interruption != null) {
          throw interrupted(count, start);
        }
        long remaining = Durations.remaining(start, total);
        if (remaining <= 0) {
          throw timeout(count, timeout, start);
        }
        changed.awaitNanos(remaining);
      }
      List<ReceivedMessage> next = List.copyOf(messages.subList(handedOut, handedOut + count));
      handedOut += count;
      return next;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for a message on " + endpoint, e);
    } finally {
      lock.unlock();
    }
  }

  private IllegalStateException interrupted(int count, long start) {
    int pending = messages.size() - handedOut;
    return new IllegalStateException(
        "Stopped waiting for "
            + (count == 1 ? "a message" : Describe.count(count))
            + " on "
            + endpoint
            + " after "
            + Describe.since(start)
            + ": "
            + interruption
            + ". "
            + (pending == 0 ? "None" : "Only " + pending)
            + " had arrived; create the host's fixtures again to go on.");
  }

  /**
   * Why waiting on this receiver is over though its condition does not hold: its link ended, or it
   * closed with its host; null while it is listening (or its user closed it).
   */
  @Override
  public String interruption() {
    lock.lock();
    try {
      return interruption != null ? interruption : closedWith;
    } finally {
      lock.unlock();
    }
  }

  /** True if {@code consumer} is this receiver's. */
  boolean uses(MessageConsumer consumer) {
    return this.consumer == consumer;
  }

  @Override
  public void interrupted(String why) {
    lock.lock();
    try {
      if (interruption != null || closed) {
        return;
      }
      interruption = why;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    for (Runnable listener : arrivalListeners) {
      listener.run();
    }
  }

  private AssertionError timeout(int count, Duration timeout, long start) {
    int pending = messages.size() - handedOut;
    StringBuilder s = new StringBuilder("Expecting ").append(endpoint);
    s.append("\nto deliver ")
        .append(count == 1 ? "a message" : Describe.count(count))
        .append(" within ")
        .append(Describe.duration(timeout));
    s.append("\nbut ");
    s.append(pending == 0 ? "none" : "only " + pending).append(" arrived");
    s.append(" in ").append(Describe.since(start));
    if (pending > 0) {
      s.append(":").append(Describe.messages(messages.subList(handedOut, messages.size())));
    }
    if (handedOut > 0) {
      s.append("\n(")
          .append(Describe.count(handedOut))
          .append(" arrived earlier and were already handed out by receive())");
    }
    if (pending == 0 && handedOut == 0) {
      String hint = nearMiss();
      if (hint != null) {
        s.append('\n').append(hint);
      }
    }
    appendTroubles(s);
    return new AssertionError(s.toString());
  }

  /** Adds listener and connection failures, which explain many a missing message. */
  private void appendTroubles(StringBuilder s) {
    if (!listenerFailures.isEmpty()) {
      s.append("\n(the listener could not read ")
          .append(Describe.count(listenerFailures.size()))
          .append(": ")
          .append(listenerFailures.get(0))
          .append(")");
    }
    String failure = clients.connectionFailure();
    if (failure != null) {
      s.append("\n(the connection failed: ").append(failure).append(")");
    }
  }

  @Override
  public List<ReceivedMessage> received() {
    lock.lock();
    try {
      return List.copyOf(messages);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<ReceivedMessage> awaitReceived(
      Predicate<? super List<ReceivedMessage>> condition, Duration timeout) {
    requireTimeout(timeout);
    long start = System.nanoTime();
    long total = Durations.nanos(timeout);
    lock.lock();
    try {
      long remaining = total;
      boolean met;
      while (!(met = condition.test(view)) && remaining > 0 && !closed && interruption == null) {
        changed.awaitNanos(remaining);
        remaining = Durations.remaining(start, total);
      }
      String why = interruption != null ? interruption : closed ? closedWith : null;
      if (!met && why != null) {
        throw new IllegalStateException(
            "Stopped waiting for messages on "
                + endpoint
                + " after "
                + Describe.since(start)
                + ": "
                + why
                + ". "
                + Describe.count(messages.size())
                + " had arrived"
                + (messages.isEmpty() ? "" : ":" + Describe.messages(messages))
                + "\nCreate the host's fixtures again to go on.");
      }
      return List.copyOf(messages);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for messages on " + endpoint, e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    Fixture.super.close();
  }

  @Override
  public boolean markClosed() {
    return markClosed(null);
  }

  @Override
  public boolean markClosed(String why) {
    lock.lock();
    try {
      if (closed) {
        return false;
      }
      closed = true;
      closedWith = why;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    for (Runnable listener : arrivalListeners) {
      listener.run();
    }
    onClose.accept(this);
    return true;
  }

  @Override
  public void closeSession(boolean hostClosing) {
    try {
      if (topicSubscription != null && !hostClosing) {
        sessionEnd.end(
            () -> {
              consumer.close();
              session.unsubscribe(topicSubscription);
            });
        return;
      }
      sessionEnd.end(consumer);
    } catch (Exception e) {
      throw new MessagingException("Closing the receiver for " + endpoint + " failed: " + e, e);
    }
  }

  private static void requireTimeout(Duration timeout) {
    Durations.requireWait("Timeout", timeout);
  }

  @Override
  public String toString() {
    return "MessageReceiver[" + endpoint + (closed ? ", closed" : "") + "]";
  }
}
