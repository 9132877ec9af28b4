package io.tripflow.deadletter;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;

import io.tripflow.kinesis.KinesisRecordHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Turns a failed exchange into the dead-letter message for the SQS producer: body = the original
 * record, headers = exactly the dead letter's attributes (the SQS producer sends non-Camel headers
 * as message attributes, and SQS accepts at most ten).
 */
public class DeadLetterMessages {

    private final Clock clock;

    public DeadLetterMessages(Clock clock) {
        this.clock = clock;
    }

    public void toDeadLetter(Exchange exchange) {
        Message message = exchange.getMessage();
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        DeadLetter deadLetter = DeadLetter.of(
                message.getBody(byte[].class),
                failure == null
                        ? new DeadLetter.FailureReason("UNPROCESSABLE", List.of("rejected by the route"))
                        : FailureClassifier.classify(failure),
                new DeadLetter.Origin(
                        message.getHeader(KinesisRecordHeaders.STREAM_NAME, String.class),
                        message.getHeader(KinesisRecordHeaders.SHARD_ID, String.class),
                        message.getHeader(KinesisRecordHeaders.SEQUENCE_NUMBER, String.class),
                        message.getHeader(KinesisRecordHeaders.ARRIVAL_TIME, String.class)),
                clock.instant());
        message.removeHeaders("*");
        message.setHeaders(new HashMap<>(deadLetter.attributes()));
        message.setBody(deadLetter.body());
    }
}
