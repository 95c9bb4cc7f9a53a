package io.github.qpidharness.benchmarks;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Plain qpid-jms, as a test without the harness would use it: JMS-default (persistent) text
 * messages, one connection, a session each for sending and receiving.
 */
final class RawJmsClient implements MessagingClient {
  private static final long RECEIVE_TIMEOUT_MS = 30_000;

  private final String label;
  private final Connection connection;
  private final Session sendSession;
  private final Session receiveSession;
  private final MessageProducer latencyProducer;
  private final MessageConsumer latencyConsumer;
  private final Queue throughputQueue;

  /** Both queues must exist or be auto-created by the broker. */
  RawJmsClient(String label, ConnectionFactory factory, String latencyQueue, String throughputQueue)
      throws JMSException {
    this.label = label;
    this.connection = factory.createConnection();
    connection.start();
    this.sendSession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    this.receiveSession = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    Queue latency = sendSession.createQueue(latencyQueue);
    this.latencyProducer = sendSession.createProducer(latency);
    this.latencyConsumer = receiveSession.createConsumer(latency);
    this.throughputQueue = sendSession.createQueue(throughputQueue);
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public Timing roundTrip() throws JMSException {
    long start = System.nanoTime();
    latencyProducer.send(sendSession.createTextMessage("ping"));
    long sent = System.nanoTime();
    if (latencyConsumer.receive(RECEIVE_TIMEOUT_MS) == null) {
      throw new IllegalStateException(label + ": no message within " + RECEIVE_TIMEOUT_MS + " ms");
    }
    return new Timing(start, sent, System.nanoTime());
  }

  @Override
  public void sendAndReceive(int count) throws JMSException, InterruptedException {
    Session listening = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    CountDownLatch received = new CountDownLatch(count);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (MessageConsumer consumer = listening.createConsumer(throughputQueue);
        MessageProducer producer = sendSession.createProducer(throughputQueue)) {
      consumer.setMessageListener(message -> received.countDown());
      connection.setExceptionListener(failure::set);
      for (int i = 0; i < count; i++) {
        producer.send(sendSession.createTextMessage("message " + i));
      }
      long timeoutMs = RECEIVE_TIMEOUT_MS + count;
      if (!received.await(timeoutMs, TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException(
            label
                + ": "
                + received.getCount()
                + " of "
                + count
                + " messages missing after "
                + timeoutMs
                + " ms"
                + (failure.get() == null ? "" : "; connection failed: " + failure.get()));
      }
    } finally {
      listening.close();
    }
  }

  @Override
  public void close() throws JMSException {
    connection.close();
  }
}
