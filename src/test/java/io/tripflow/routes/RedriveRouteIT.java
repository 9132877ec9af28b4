package io.tripflow.routes;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.tripflow.TripflowApplication;
import io.tripflow.deadletter.DeadLetter;
import io.tripflow.deadletter.DeadLetterOverflow;
import io.tripflow.deadletter.FailureClassifier;
import io.tripflow.deadletter.Redrive;
import io.tripflow.trip.TripHalf;
import io.tripflow.trip.UpsertOutcome;
import org.apache.camel.Exchange;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** redrive.yaml with the readers and the store it sends dead letters through, and Redrive on a real queue. */
class RedriveRouteIT extends RouteTestSupport {

    private String queueUrl;

    @Override
    List<String> routeFiles() {
        return TripflowApplication.Mode.REDRIVE.routeFiles();
    }

    @BeforeEach
    void start() throws Exception {
        context.start();
        queueUrl = aws.sqs().getQueueUrl(b -> b.queueName(setting("tripflow.dead-letter.queue"))).queueUrl();
    }

    @Test
    void aRecordIsReadByTheReaderOfItsSourceStreamAndStored() {
        Exchange start = redrive("direct:redrive", "tripflow.streams.trip-start", TripEvents.start("r-1", "2024-05-25 10:00:00", "9"));
        assertNull(start.getException());
        assertEquals(UpsertOutcome.Result.STORED, start.getMessage().getBody(UpsertOutcome.class).result());
        Exchange mixed = redrive("direct:redrive", "tripflow.streams.trip-events", TripEvents.end("r-1", "2024-05-25 10:40:00", "9"));
        assertTrue(mixed.getMessage().getBody(UpsertOutcome.class).completed());
        assertEquals("COMPLETED", trip("r-1").get("trip_status").s());
    }

    @Test
    void aDryRunReadsAndChecksTheRecordButStoresNothing() {
        Exchange dryRun = redrive("direct:redrive-dry-run", "tripflow.streams.trip-end", TripEvents.end("r-2", "2024-05-25 10:40:00", "9"));
        assertNull(dryRun.getException());
        assertInstanceOf(TripHalf.class, dryRun.getMessage().getBody());
        assertNull(trip("r-2"));
    }

    @Test
    void aRecordStillInvalidFailsWithItsReasonAndOneFromAnUnknownStreamSaysSo() {
        Exchange invalid = redrive("direct:redrive", "tripflow.streams.trip-end", TripEvents.end("r-3", "2024-02-30 10:40:00", "9"));
        assertTrue(FailureClassifier.isPermanent(invalid.getException()));
        assertEquals("INVALID_FIELD", FailureClassifier.classify(invalid.getException()).errorType());

        Exchange unknown = template.send("direct:redrive", exchange -> {
            exchange.getIn().setBody(bytes(TripEvents.start("r-4", "2024-05-25 10:00:00", "9")));
            exchange.getIn().setHeaders(Map.copyOf(kinesisHeaders("some-other-stream", "1")));
        });
        assertInstanceOf(IllegalArgumentException.class, unknown.getException());
        assertTrue(unknown.getException().getMessage().contains("some-other-stream"));
    }

    @Test
    void redriveDeletesTheMessagesThatWentThroughAndKeepsTheRestWithTheirReasons() throws Exception {
        deadLetter(TripEvents.start("r-5", "2024-05-25 10:00:00", "9"), "tripflow.streams.trip-start");
        deadLetter(TripEvents.start("r-6", "2024-05-25 10:00:00", "-1"), "tripflow.streams.trip-start");
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("redrive").whenDone(2).create();

        Redrive.Report report = new Redrive(aws.sqs(), queueUrl, template,
                context.getRegistry().lookupByNameAndType("deadLetterOverflow", DeadLetterOverflow.class)).run(10, false);

        assertTrue(done.matches(10, TimeUnit.SECONDS));
        assertEquals(2, report.read());
        assertEquals(Map.of("STORED", 1), report.outcomes());
        assertEquals(1, report.kept().size());
        assertTrue(report.kept().get(0).reason().startsWith("SCHEMA_VIOLATION: "), report.kept().get(0).reason());
        assertNotNull(trip("r-5"));
        assertEquals("1", aws.sqs().getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNamesWithStrings("ApproximateNumberOfMessages"))
                .attributesAsStrings().get("ApproximateNumberOfMessages"), "the rejected one stays, visible again");
    }

    private Exchange redrive(String endpoint, String streamSetting, String record) {
        return template.send(endpoint, exchange -> {
            exchange.getIn().setBody(bytes(record));
            exchange.getIn().setHeaders(Map.copyOf(kinesisHeaders(setting(streamSetting), "1")));
        });
    }

    private void deadLetter(String record, String streamSetting) {
        aws.sqs().sendMessage(b -> b.queueUrl(queueUrl).messageBody(record).messageAttributes(Map.of(
                DeadLetter.SOURCE_STREAM, MessageAttributeValue.builder().dataType("String").stringValue(setting(streamSetting)).build(),
                DeadLetter.ERROR_TYPE, MessageAttributeValue.builder().dataType("String").stringValue("SCHEMA_VIOLATION").build())));
    }
}
