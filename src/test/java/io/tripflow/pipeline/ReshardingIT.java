package io.tripflow.pipeline;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tripflow.localstack.TestStack;
import io.tripflow.trip.files.StreamPublisher;
import io.tripflow.trip.files.TripEventRecord;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The stream's only shard is split while tripflow consumes it: every record of the parent is
 * processed before any record of its children, and nothing is lost.
 */
class ReshardingIT {

    private static final int TRIPS = 800;

    @Test
    void aSplitShardIsFinishedBeforeItsChildrenStartAndNothingIsLost() throws Exception {
        Map<String, String> settings = TripflowProcess.mixedStreamSettings("resharding", 1);
        String stream = settings.get("tripflow.streams.trip-events");
        KinesisClient kinesis = TestStack.clients().kinesis();
        List<TripEventRecord> events = NspDataSet.firstTrips(TRIPS); // each carries its event_type
        StreamPublisher publisher = new StreamPublisher(kinesis);
        int half = events.size() / 2;
        publisher.publish(events.subList(0, half), e -> stream);

        TripflowProcess tripflow = TripflowProcess.start("resharding", settings);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertTrue(tripflow.isAlive(), "tripflow exited, see " + tripflow.log);
            return tripflow.outcomes().size() >= 100;
        });
        Shard parent = kinesis.listShards(b -> b.streamName(stream)).shards().get(0);
        BigInteger start = new BigInteger(parent.hashKeyRange().startingHashKey());
        BigInteger end = new BigInteger(parent.hashKeyRange().endingHashKey());
        kinesis.splitShard(b -> b.streamName(stream).shardToSplit(parent.shardId())
                .newStartingHashKey(start.add(end).shiftRight(1).toString()));
        await().atMost(Duration.ofSeconds(30)).until(() -> kinesis.describeStreamSummary(b -> b.streamName(stream))
                .streamDescriptionSummary().streamStatus() == StreamStatus.ACTIVE);
        int beforeSplitDone = tripflow.outcomes().size();
        publisher.publish(events.subList(half, events.size()), e -> stream);

        await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            assertTrue(tripflow.isAlive(), "tripflow exited, see " + tripflow.log);
            return CompletedTrips.count(settings.get("tripflow.trips.table")) >= TRIPS;
        });
        tripflow.terminate(Duration.ofSeconds(40));

        List<TripflowProcess.Outcome> outcomes = tripflow.outcomes();
        Set<String> read = new HashSet<>();
        List<Integer> parentPositions = new ArrayList<>();
        List<Integer> childPositions = new ArrayList<>();
        for (int i = 0; i < outcomes.size(); i++) {
            read.add(outcomes.get(i).record());
            (outcomes.get(i).shard().equals(parent.shardId()) ? parentPositions : childPositions).add(i);
        }
        assertEquals(events.size(), read.size(), "every record processed");
        assertEquals(half, parentPositions.size(), "the parent's records: those published before the split");
        assertTrue(beforeSplitDone < half, "the split came mid-stream (" + beforeSplitDone + " of " + half + " done)");
        assertTrue(parentPositions.get(parentPositions.size() - 1) < childPositions.get(0),
                "the parent's last record was processed before the children's first");
    }
}
