package io.tripflow.routes;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tripflow.deadletter.DeadLetter;
import io.tripflow.deadletter.FailureClassifier;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stream flows (trip-streams.yaml and what they call: the half readers, the event-type dispatch,
 * the store, the error policy and the dead-letter route), each kcl: consumer replaced by direct:.
 */
class TripStreamsRouteIT extends RouteTestSupport {

    private MockEndpoint deadLetters;

    @Override
    List<String> routeFiles() {
        return STREAM_FLOWS;
    }

    @Override
    Map<String, String> extraSettings() {
        // all three stream flows at once (by default the mixed stream's is off)
        return Map.of("tripflow.streams.trip-events.enabled", "true");
    }

    @BeforeEach
    void adviseAndStart() throws Exception {
        for (String consumer : List.of("trip-start", "trip-end", "trip-events")) {
            replaceConsumer(consumer);
            // observe what each stream flow hands to the dead-letter route (which still runs)
            AdviceWith.adviceWith(context, consumer, route -> route.mockEndpoints("direct:dead-letter"));
        }
        context.start();
        deadLetters = getMockEndpoint("mock:direct:dead-letter");
    }

    @Test
    void theHalvesOfATripCompleteIt() throws Exception {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("trip-start").whenCompleted(2)
                .and().fromRoute("trip-end").whenCompleted(2).create();
        send("trip-end", "e-1", TripEvents.end("t-1", "2024-05-25 14:05:00", "40.09620692463166"));
        send("trip-start", "s-1", TripEvents.start("t-1", "2024-05-25 13:19:00", "34.18"));
        send("trip-start", "s-2", TripEvents.start("0487037833", "2024-05-25 13:00:00", "10"));
        send("trip-end", "e-2", TripEvents.end("0487037833", "2024-05-26 00:10:00", "12.5"));
        assertTrue(done.matches(20, TimeUnit.SECONDS), "both halves of both trips went through their flows");

        var first = trip("t-1");
        assertEquals("COMPLETED", first.get("trip_status").s());
        assertEquals("2024-05-25", first.get("trip_date").s());
        assertEquals("40.09620692463166", first.get("fare_amount").n(), "the fare exactly as received");
        assertEquals("2024-05-26", trip("0487037833").get("trip_date").s(), "a trip id that looks like a number stays text");
        deadLetters.expectedMessageCount(0);
        deadLetters.assertIsSatisfied();
    }

    @Test
    void theMixedStreamDispatchesOnEventType() throws Exception {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("trip-events").whenDone(3).create();
        send("trip-events", "m-1", TripEvents.start("t-2", "2024-05-25 10:00:00", "20"));
        send("trip-events", "m-2", TripEvents.end("t-2", "2024-05-25 10:30:00", "21"));
        send("trip-events", "m-3", "{\"event_type\":\"trip_pause\",\"trip_id\":\"t-3\"}");
        assertTrue(done.matches(20, TimeUnit.SECONDS));

        assertEquals("COMPLETED", trip("t-2").get("trip_status").s());
        assertNull(trip("t-3"));
        Message letter = onlyDeadLetter();
        assertEquals("UNKNOWN_EVENT_TYPE", letter.messageAttributes().get(DeadLetter.ERROR_TYPE).stringValue());
        assertEquals(setting("tripflow.streams.trip-events"), letter.messageAttributes().get(DeadLetter.SOURCE_STREAM).stringValue());
    }

    @Test
    void anInvalidRecordIsDeadLetteredUntouchedWithItsReasonAndTheNextOneIsStored() throws Exception {
        deadLetters.expectedMessageCount(1);
        String negativeFare = TripEvents.start("t-4", "2024-05-25 09:00:00", "-3");
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("trip-start").whenCompleted(2).create();
        send("trip-start", "s-9", negativeFare);
        send("trip-start", "s-10", TripEvents.start("t-5", "2024-05-25 09:00:00", "3"));
        assertTrue(done.matches(20, TimeUnit.SECONDS), "the rejected record is handled, not failed");

        deadLetters.assertIsSatisfied();
        Exchange handedOn = deadLetters.getReceivedExchanges().get(0);
        assertArrayEquals(bytes(negativeFare), handedOn.getMessage().getBody(byte[].class), "the record as it came off the stream");
        Throwable reason = handedOn.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        assertTrue(FailureClassifier.isPermanent(reason));
        assertEquals("SCHEMA_VIOLATION", FailureClassifier.classify(reason).errorType());

        Message letter = onlyDeadLetter();
        assertEquals(negativeFare, letter.body());
        assertTrue(letter.messageAttributes().get(DeadLetter.REASON).stringValue().contains("minimum"));
        assertEquals("s-9", letter.messageAttributes().get(DeadLetter.SEQUENCE_NUMBER).stringValue());
        assertNull(trip("t-4"));
        assertNotNull(trip("t-5"));
    }

    @Test
    void aStoreThatIsDownFailsTheRecordForTheConsumerToRetryAndDeadLettersNothing() throws Exception {
        aws.dynamoDb().deleteTable(b -> b.tableName(setting("tripflow.trips.table")));
        NotifyBuilder failed = new NotifyBuilder(context).fromRoute("trip-start").whenFailed(1).create();
        Exchange result = template.send("direct:trip-start", exchange -> {
            exchange.getIn().setBody(bytes(TripEvents.start("t-6", "2024-05-25 08:00:00", "5")));
            exchange.getIn().setHeaders(Map.copyOf(kinesisHeaders(setting("tripflow.streams.trip-start"), "s-11")));
        });
        assertTrue(failed.matches(20, TimeUnit.SECONDS));
        assertNotNull(result.getException(), "the failure reaches the kcl: consumer, which retries the record");
        assertTrue(!FailureClassifier.isPermanent(result.getException()));
        deadLetters.expectedMessageCount(0);
        deadLetters.assertIsSatisfied();
    }

    @Test
    void numbersThatWouldExpandInMemoryAreDeadLetteredWithTheirReasonAndTheNextRecordIsStored() throws Exception {
        deadLetters.expectedMessageCount(1);
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("trip-end").whenCompleted(3).create();
        // 12 characters whose plain text is a billion: within the schema's minimum and maximum
        send("trip-end", "e-7", TripEvents.end("t-7", "2024-05-25 09:00:00", "12").replace("\"tip_amount\":1.5", "\"tip_amount\":1e-999999999"));
        send("trip-end", "e-8", TripEvents.end("t-8", "2024-05-25 09:00:00", "0E-999999999"));
        send("trip-end", "e-9", TripEvents.end("t-9", "2024-05-25 09:00:00", "3"));
        assertTrue(done.matches(20, TimeUnit.SECONDS), "every record is handled, none failed for the consumer to retry");

        deadLetters.assertIsSatisfied();
        String reason = FailureClassifier.classify(deadLetters.getReceivedExchanges().get(0).getProperty(Exchange.EXCEPTION_CAUGHT,
                Throwable.class)).summary();
        assertTrue(reason.startsWith("INVALID_FIELD") && reason.contains("tip_amount '1E-999999999' has 999999999 digits after the decimal point"),
                reason);
        assertNull(trip("t-7"));
        assertEquals(0, new java.math.BigDecimal(trip("t-8").get("fare_amount").n()).signum(),
                "a zero with a billion decimals is zero, stored with no more digits than allowed");
        assertNotNull(trip("t-9"));
    }

    @Test
    void aValueDynamoDbRefusesIsDeadLetteredAsStoreRejectedAndTheShardMovesOn() throws Exception {
        // a route edited to skip its schema (as users may): the trip id then reaches DynamoDB unchecked
        AdviceWith.adviceWith(context, "read-trip-start", route -> route.weaveByToUri("json-validator:*").remove());
        deadLetters.expectedMessageCount(1);
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("trip-start").whenCompleted(2).create();
        String overlongKey = TripEvents.start("k".repeat(3_000), "2024-05-25 09:00:00", "3");
        send("trip-start", "s-12", overlongKey);
        send("trip-start", "s-13", TripEvents.start("t-10", "2024-05-25 09:00:00", "3"));
        assertTrue(done.matches(20, TimeUnit.SECONDS), "the refused record is handled, so the consumer checkpoints past it");

        deadLetters.assertIsSatisfied();
        Message letter = onlyDeadLetter();
        assertEquals(overlongKey, letter.body());
        assertEquals("STORE_REJECTED", letter.messageAttributes().get(DeadLetter.ERROR_TYPE).stringValue());
        assertTrue(letter.messageAttributes().get(DeadLetter.REASON).stringValue().startsWith("DynamoDb refused it (ValidationException): "),
                letter.messageAttributes().get(DeadLetter.REASON).stringValue());
        assertNotNull(trip("t-10"));
    }

    /**
     * One record, as its stream's consumer hands it over: one at a time, so a trip's halves reach the
     * store one after the other (sent concurrently, they once left a trip incomplete on moto).
     */
    private void send(String consumer, String sequenceNumber, String record) {
        String stream = setting("tripflow.streams." + consumer);
        template.sendBodyAndHeaders("direct:" + consumer, bytes(record), kinesisHeaders(stream, sequenceNumber));
    }

    private Message onlyDeadLetter() {
        String queueUrl = aws.sqs().getQueueUrl(b -> b.queueName(setting("tripflow.dead-letter.queue"))).queueUrl();
        List<Message> messages = aws.sqs().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(1).messageAttributeNames("All")).messages();
        assertEquals(1, messages.size(), "one dead letter");
        return messages.get(0);
    }
}
