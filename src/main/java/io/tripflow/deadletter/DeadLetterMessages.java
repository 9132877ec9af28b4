package io.tripflow.deadletter;

import java.time.Clock;
import java.util.List;

import io.tripflow.kinesis.KinesisRecordHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Turns a failed exchange into the dead-letter message for the SQS producer: body = the original
 * record, headers = the dead letter's attributes (the SQS producer sends every non-Camel header as a
 * message attribute, and SQS accepts at most ten) beside the record's own {@link KinesisRecordHeaders},
 * which it does not send. A message that would exceed the queue's size limit gets the record's S3
 * location as its body instead, and the record itself in {@link DeadLetterOverflow#RECORD_PROPERTY} for
 * the route to store.
 */
public class DeadLetterMessages {

    private final Clock clock;
    private final int maxMessageBytes;
    private final DeadLetterOverflow overflow;

    public DeadLetterMessages(Clock clock, int maxMessageBytes, DeadLetterOverflow overflow) {
        this.clock = clock;
        this.maxMessageBytes = maxMessageBytes;
        this.overflow = overflow;
    }

    public void toDeadLetter(Exchange exchange) {
        Message message = exchange.getMessage();
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        byte[] record = message.getBody(byte[].class);
        DeadLetter.Origin origin = new DeadLetter.Origin(
                message.getHeader(KinesisRecordHeaders.STREAM_NAME, String.class),
                message.getHeader(KinesisRecordHeaders.SHARD_ID, String.class),
                message.getHeader(KinesisRecordHeaders.SEQUENCE_NUMBER, String.class),
                message.getHeader(KinesisRecordHeaders.ARRIVAL_TIME, String.class));
        DeadLetter deadLetter = DeadLetter.of(
                record,
                failure == null
                        ? new DeadLetter.FailureReason("UNPROCESSABLE", List.of("rejected by the route"))
                        : FailureClassifier.classify(failure),
                origin,
                clock.instant());
        if (deadLetter.messageSize() > maxMessageBytes) {
            deadLetter = deadLetter.storedAt(overflow.locationOf(origin));
            exchange.setProperty(DeadLetterOverflow.RECORD_PROPERTY, record);
        }
        message.removeHeaders("*", KinesisRecordHeaders.ALL);
        deadLetter.attributes().forEach(message::setHeader);
        message.setBody(deadLetter.body());
    }
}
