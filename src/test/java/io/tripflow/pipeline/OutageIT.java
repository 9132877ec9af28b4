package io.tripflow.pipeline;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tripflow.localstack.TcpProxy;
import io.tripflow.localstack.TestStack;
import io.tripflow.trip.TripHalf;
import io.tripflow.trip.files.StreamPublisher;
import io.tripflow.trip.files.TripEventRecord;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * tripflow as its own process, with DynamoDB or SQS black-holed for 30 s mid-stream behind a TCP
 * proxy: it keeps running, dead-letters no valid event, and afterwards everything is stored, and
 * every poison record that arrived during the SQS outage is dead-lettered, once.
 */
class OutageIT {

    private static final int TRIPS = 400;
    private static final Duration OUTAGE = Duration.ofSeconds(30);

    @Test
    void aDynamoDbOutageDelaysTheTripsButLosesNoneAndDeadLettersNone() throws Exception {
        Map<String, String> settings = settings("outage-dynamodb");
        try (TcpProxy dynamoDb = new TcpProxy(portOf("AWS_ENDPOINT_URL_DYNAMODB"))) {
            publish(settings, NspDataSet.firstTrips(TRIPS));
            TripflowProcess tripflow = TripflowProcess.start("outage-dynamodb", settings, Map.of("AWS_ENDPOINT_URL_DYNAMODB", dynamoDb.url()));
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> alive(tripflow).outcomes().size() >= 200);

            dynamoDb.blackHole();
            int beforeOutage = tripflow.outcomes().size();
            Thread.sleep(OUTAGE.toMillis());
            int duringOutage = tripflow.outcomes().size() - beforeOutage;
            assertTrue(tripflow.isAlive(), "tripflow kept running through the outage");
            // at most what was in flight when it began: 4 shards, 16 records each
            assertTrue(duringOutage <= 64, "the outage stopped the flow: " + duringOutage + " records stored during it");
            dynamoDb.restore();

            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() -> alive(tripflow) != null && CompletedTrips.count(settings.get("tripflow.trips.table")) >= TRIPS);
            assertEquals(0, new DeadLetterProbe(settings).count(), "no valid event was dead-lettered");
            assertEquals(143, tripflow.terminate(Duration.ofSeconds(40)));
        }
    }

    @Test
    void poisonRecordsArrivingWhileTheDeadLetterQueueIsDownAreDeadLetteredOnceItReturns() throws Exception {
        Map<String, String> settings = settings("outage-sqs");
        try (TcpProxy sqs = new TcpProxy(portOf("AWS_ENDPOINT_URL_SQS"))) {
            List<TripEventRecord> trips = NspDataSet.firstTrips(TRIPS);
            TripflowProcess tripflow = TripflowProcess.start("outage-sqs", settings, Map.of("AWS_ENDPOINT_URL_SQS", sqs.url()));
            publish(settings, trips.subList(0, TRIPS));
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> alive(tripflow).outcomes().size() >= 100);

            sqs.blackHole();
            Set<String> poison = new HashSet<>();
            var kinesis = TestStack.clients().kinesis();
            for (int i = 0; i < 20; i++) {
                String record = "{\"trip_id\":\"poison-" + i + "\",\"fare_amount\":\"not a number\"}";
                poison.add(record);
                String stream = settings.get(i % 2 == 0 ? "tripflow.streams.trip-start" : "tripflow.streams.trip-end");
                kinesis.putRecord(b -> b.streamName(stream).partitionKey("poison-" + record.length() + "-" + poison.size())
                        .data(SdkBytes.fromUtf8String(record)));
            }
            publish(settings, trips.subList(TRIPS, trips.size()));
            Thread.sleep(OUTAGE.toMillis());
            assertTrue(tripflow.isAlive(), "tripflow kept running through the outage");
            DeadLetterProbe deadLetters = new DeadLetterProbe(settings);
            assertEquals(0, deadLetters.count(), "nothing reached the queue while it was down");
            sqs.restore();

            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    alive(tripflow) != null && deadLetters.count() >= poison.size() && CompletedTrips.count(settings.get("tripflow.trips.table")) >= TRIPS);
            Set<String> bodies = new HashSet<>();
            deadLetters.receiveAll().forEach(m -> bodies.add(m.body()));
            assertEquals(poison, bodies, "every poison record dead-lettered");
            assertEquals(poison.size(), deadLetters.count(), "and each once");
            assertEquals(143, tripflow.terminate(Duration.ofSeconds(40)));
        }
    }

    private static Map<String, String> settings(String name) {
        assumeTrue(TestStack.embedded().isPresent(), "needs the embedded stack, to put a proxy in front of a service");
        Map<String, String> settings = new HashMap<>(TestStack.freshResources(name));
        settings.put("tripflow.management.port", "0");
        settings.put("tripflow.kcl.max-records", "100");
        return settings;
    }

    private static int portOf(String endpointVariable) {
        return URI.create(TestStack.embedded().orElseThrow().environment().get(endpointVariable)).getPort();
    }

    private static void publish(Map<String, String> settings, List<TripEventRecord> events) throws InterruptedException {
        new StreamPublisher(TestStack.clients().kinesis()).publish(events, e -> settings.get(
                e.side() == TripHalf.Side.START ? "tripflow.streams.trip-start" : "tripflow.streams.trip-end"));
    }

    private static TripflowProcess alive(TripflowProcess process) {
        assertTrue(process.isAlive(), "tripflow exited, see " + process.log);
        return process;
    }
}
