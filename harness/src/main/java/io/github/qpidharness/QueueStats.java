package io.github.qpidharness;

/**
 * A snapshot of one queue's statistics, read from the broker at one moment.
 *
 * @param queue the queue's name
 * @param depth messages currently on the queue (not yet acknowledged by a consumer)
 * @param depthBytes bytes of the messages currently on the queue
 * @param consumers consumers attached to the queue now
 * @param totalEnqueued messages ever put on the queue
 * @param totalDequeued messages ever removed from the queue (consumed, expired, purged or moved)
 */
public record QueueStats(
    String queue,
    long depth,
    long depthBytes,
    int consumers,
    long totalEnqueued,
    long totalDequeued) {}
