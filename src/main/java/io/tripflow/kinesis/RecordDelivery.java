package io.tripflow.kinesis;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

/**
 * One record on its way through the route, attempt after attempt until it is done. A failed attempt
 * is retried after an exponential backoff with jitter. Once the retry limits are exhausted the
 * record goes to the dead-letter endpoint instead, and that hand-over is itself retried until it
 * succeeds: the record is never just dropped. Only a stopping consumer leaves it undone, for the
 * next lease owner to receive again.
 */
final class RecordDelivery {

    /** The consumer's log: where operators already look for a record's retries. */
    private static final Logger LOG = LoggerFactory.getLogger(KclConsumer.class);

    private final KclConsumer consumer;
    private final KclSettings settings;
    private final KinesisClientRecord record;
    private final String shardId;
    private final Instant arrival;
    /** The route, until the record is given up; then the dead-letter endpoint. */
    private Processor target;
    /** Why the record was given up; null while it is still tried on the route. */
    private RetriesExhaustedException givenUp;
    private long backoffMs;

    RecordDelivery(KclConsumer consumer, KclSettings settings, KinesisClientRecord record, String shardId) {
        this.consumer = consumer;
        this.settings = settings;
        this.record = record;
        this.shardId = shardId;
        this.arrival = record.approximateArrivalTimestamp() != null ? record.approximateArrivalTimestamp() : Instant.now();
        this.target = consumer.getProcessor();
        this.backoffMs = settings.retryInitialBackoffMs();
    }

    /** @return true once the record is done; false only when the consumer stops first */
    boolean deliver() {
        for (int attempt = 1; ; attempt++) {
            Exception failure = attempt();
            if (failure == null) {
                return true;
            }
            if (consumer.stopping()) {
                LOG.warn("Stopping: record {} of {} {} left unprocessed after {} attempts; it will be redelivered",
                        record.sequenceNumber(), stream(), shardId, attempt);
                return false;
            }
            if (givenUp == null && settings.retryLimits().exhausted(attempt, arrival, Instant.now())) {
                giveUp(attempt, failure);
            } else if (!backOff(attempt, failure)) {
                return false;
            }
        }
    }

    /** @return what made this attempt fail, or null when it succeeded */
    private Exception attempt() {
        Exchange exchange = consumer.exchangeOf(record, shardId);
        if (givenUp != null) {
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, givenUp);
        }
        try {
            target.process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        Exception failure = exchange.getException();
        consumer.release(exchange);
        return failure;
    }

    /** The retry limits ran out: from now on the record goes to the dead-letter endpoint. */
    private void giveUp(int attempts, Exception lastFailure) {
        givenUp = new RetriesExhaustedException(attempts, Duration.between(arrival, Instant.now()), settings.retryLimits(), lastFailure);
        target = consumer.deadLetter();
        LOG.error("Record {} of {} {}: {}; dead-lettering it", record.sequenceNumber(), stream(), shardId, givenUp.getMessage());
    }

    /** @return false when interrupted while waiting */
    private boolean backOff(int attempt, Exception failure) {
        long sleep = ThreadLocalRandom.current().nextLong(backoffMs / 2, backoffMs + 1);
        LOG.warn("Record {} of {} {} failed (attempt {}{}), retrying in {} ms: {}", record.sequenceNumber(), stream(), shardId,
                attempt, givenUp == null ? "" : ", dead-lettering", sleep, failure.toString());
        try {
            Thread.sleep(sleep);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        backoffMs = Math.min(settings.retryMaxBackoffMs(), backoffMs * 2);
        return true;
    }

    private String stream() {
        return consumer.getEndpoint().getStreamName();
    }
}
