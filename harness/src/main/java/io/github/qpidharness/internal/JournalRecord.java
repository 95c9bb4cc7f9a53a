package io.github.qpidharness.internal;

import io.github.qpidharness.BodyType;
import io.github.qpidharness.JournalEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One message as the broker saw it arrive at a destination, copied when it was routed. Not API.
 *
 * @param routingKey the routing address the broker routed by (for an exchange), or empty
 * @param routedTo the queues the broker gave a copy, in routing order; empty if none
 * @param messageNumber the broker's number of the message, which its queue entries carry
 */
public record JournalRecord(
    JournalEntry.DestinationKind kind,
    String destination,
    String routingKey,
    BodyType bodyType,
    Object body,
    Map<String, Object> properties,
    String messageId,
    String correlationId,
    String type,
    String replyTo,
    int priority,
    boolean persistent,
    long timestamp,
    long expiration,
    Instant arrivedAt,
    List<String> routedTo,
    long messageNumber) {}
