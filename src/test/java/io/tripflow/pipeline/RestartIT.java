package io.tripflow.pipeline;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.tripflow.localstack.TestStack;
import io.tripflow.trip.TripHalf;
import io.tripflow.trip.files.StreamPublisher;
import io.tripflow.trip.files.TripEventRecord;
import org.junit.jupiter.api.Test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A consumer stopped gracefully (SIGTERM) mid-stream resumes exactly from its checkpoint; kill -9
 * is CrashIT's. tripflow runs as its own process and logs one line per processed record, so the
 * test knows exactly what each run read.
 */
class RestartIT {

    private static final int TRIPS = 1500;
    private static final int MAX_RECORDS = 100;

    @Test
    void afterAGracefulStopNothingIsReadTwiceAndNothingIsSkipped() throws Exception {
        Map<String, String> settings = settings("graceful");
        List<TripEventRecord> events = publishRealTrips(settings);

        TripflowProcess first = TripflowProcess.start("restart-graceful-1", settings);
        awaitOutcomes(first, 600);
        assertEquals(143, first.terminate(Duration.ofSeconds(30)), "exit code after SIGTERM (128 + 15)");
        TripflowProcess second = TripflowProcess.start("restart-graceful-2", settings);
        awaitCompleted(settings);
        second.terminate(Duration.ofSeconds(30));

        Set<String> readFirst = records(first);
        Set<String> readSecond = records(second);
        Set<String> readTwice = new HashSet<>(readFirst);
        readTwice.retainAll(readSecond);
        assertTrue(readFirst.size() >= 600 && readFirst.size() < events.size(), "stopped mid-stream: " + readFirst.size());
        assertEquals(Set.of(), readTwice, "records read by both runs");
        assertEquals(events.size(), readFirst.size() + readSecond.size(), "every record read exactly once");
    }

    private static Map<String, String> settings(String name) {
        Map<String, String> settings = new HashMap<>(TestStack.freshResources("restart-" + name));
        settings.put("tripflow.kcl.max-records", String.valueOf(MAX_RECORDS));
        // Small, quick batches, so that a stop lands mid-stream rather than after the last record.
        settings.put("tripflow.kcl.max-in-flight-per-shard", "2");
        settings.put("tripflow.management.port", "0");
        return settings;
    }

    private static List<TripEventRecord> publishRealTrips(Map<String, String> settings) throws Exception {
        List<TripEventRecord> events = NspDataSet.firstTrips(TRIPS);
        new StreamPublisher(TestStack.clients().kinesis()).publish(events, e -> settings.get(
                e.side() == TripHalf.Side.START ? "tripflow.streams.trip-start" : "tripflow.streams.trip-end"));
        return events;
    }

    private static void awaitOutcomes(TripflowProcess process, int count) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    assertTrue(process.isAlive(), "tripflow exited early, see " + process.log);
                    return process.outcomes().size() >= count;
                });
    }

    private static void awaitCompleted(Map<String, String> settings) {
        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                .until(() -> CompletedTrips.count(settings.get("tripflow.trips.table")) >= TRIPS);
    }

    private static Set<String> records(TripflowProcess process) throws Exception {
        List<TripflowProcess.Outcome> outcomes = process.outcomes();
        Set<String> records = outcomes.stream().map(TripflowProcess.Outcome::record).collect(Collectors.toSet());
        assertEquals(outcomes.size(), records.size(), "a run read some record twice");
        return records;
    }

}
