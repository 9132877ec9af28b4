package io.tripflow.routes;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.tripflow.deadletter.DeadLetter;
import io.tripflow.deadletter.DeadLetterOverflow;
import io.tripflow.metrics.EventCounters;
import io.tripflow.trip.InvalidTripEventException;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** dead-letter.yaml: a rejected record onto the real queue, or, when too big for a message, into S3. */
class DeadLetterRouteIT extends RouteTestSupport {

    @Override
    List<String> routeFiles() {
        return List.of("dead-letter.yaml");
    }

    @Override
    Map<String, String> extraSettings() {
        return Map.of("tripflow.dead-letter.max-message-bytes", "2048");
    }

    @BeforeEach
    void start() {
        context.start();
    }

    @Test
    void aRecordGoesToTheQueueWithItsReasonAndOriginAndIsCounted() throws Exception {
        byte[] record = bytes("{\"trip_id\":\"d-1\"}");
        deadLetter(record, "s-1");
        Message letter = onlyMessage();
        assertEquals("{\"trip_id\":\"d-1\"}", letter.body());
        assertEquals("INVALID_FIELD", attribute(letter, DeadLetter.ERROR_TYPE));
        assertEquals("fare missing", attribute(letter, DeadLetter.REASON));
        assertEquals("s-1", attribute(letter, DeadLetter.SEQUENCE_NUMBER));
        assertEquals("trips", attribute(letter, DeadLetter.SOURCE_STREAM));
        assertEquals(1.0, context.getRegistry().findSingleByType(MeterRegistry.class).find(EventCounters.EVENTS)
                .tags("stream", "trips", "outcome", EventCounters.DEAD_LETTERED).counter().count());
    }

    @Test
    void aRecordTooBigForAMessageIsKeptInS3AndTheMessageSaysWhere() throws Exception {
        byte[] record = new byte[5_000];
        Arrays.fill(record, (byte) 'x');
        deadLetter(record, "s-2");
        Message letter = onlyMessage();
        assertEquals("s3", attribute(letter, DeadLetter.BODY_ENCODING));
        assertTrue(letter.body().startsWith("s3://" + setting("tripflow.kpi.bucket") + "/"), letter.body());
        var overflow = context.getRegistry().lookupByNameAndType("deadLetterOverflow", DeadLetterOverflow.class);
        assertArrayEquals(record, overflow.load(letter.body()));
    }

    private void deadLetter(byte[] record, String sequenceNumber) {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("dead-letter").whenCompleted(1).create();
        template.send("direct:dead-letter", exchange -> {
            exchange.getIn().setBody(record);
            exchange.getIn().setHeaders(new HashMap<>(kinesisHeaders("trips", sequenceNumber)));
            exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new InvalidTripEventException("INVALID_FIELD", "fare missing"));
        });
        assertTrue(done.matches(10, TimeUnit.SECONDS));
    }

    private Message onlyMessage() {
        String queueUrl = aws.sqs().getQueueUrl(b -> b.queueName(setting("tripflow.dead-letter.queue"))).queueUrl();
        List<Message> messages = aws.sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(1).messageAttributeNames("All")).messages();
        assertEquals(1, messages.size());
        return messages.get(0);
    }

    private static String attribute(Message letter, String name) {
        return letter.messageAttributes().get(name).stringValue();
    }
}
