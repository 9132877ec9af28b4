package io.tripflow.trip.files;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/**
 * Publishes trip events with PutRecords: up to 500 records a call, partition key = trip_id (so a
 * trip's events share a shard and keep their order), and only the entries Kinesis rejected
 * (throttled) sent again, with backoff. camel-aws2-kinesis cannot do this: its batch mode uses one
 * partition key for the whole batch and gives up on any failed entry.
 */
public class StreamPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(StreamPublisher.class);
    public static final int MAX_RECORDS_PER_CALL = 500;
    /** PutRecords also caps a call at 5 MiB; stay under it with room for keys. */
    static final int MAX_BYTES_PER_CALL = 4 * 1024 * 1024;
    private static final int MAX_ATTEMPTS = 12;

    private final KinesisClient kinesis;

    public StreamPublisher(KinesisClient kinesis) {
        this.kinesis = kinesis;
    }

    /**
     * Sends every event to the stream the function names; returns only when all were accepted. The
     * events of each stream go in their given order (a trip's events share a key, hence a shard, and
     * keep it), a stream's at a time, so events of two streams mixed in one list still fill whole calls.
     */
    public void publish(List<TripEventRecord> events, Function<TripEventRecord, String> streamOf) throws InterruptedException {
        Map<String, List<TripEventRecord>> byStream = new LinkedHashMap<>();
        for (TripEventRecord event : events) {
            byStream.computeIfAbsent(streamOf.apply(event), stream -> new ArrayList<>()).add(event);
        }
        for (Map.Entry<String, List<TripEventRecord>> stream : byStream.entrySet()) {
            publishTo(stream.getKey(), stream.getValue());
        }
    }

    private void publishTo(String stream, List<TripEventRecord> events) throws InterruptedException {
        List<PutRecordsRequestEntry> batch = new ArrayList<>();
        int batchBytes = 0;
        for (TripEventRecord event : events) {
            byte[] data = event.json().getBytes(StandardCharsets.UTF_8);
            if (batch.size() == MAX_RECORDS_PER_CALL || (!batch.isEmpty() && batchBytes + data.length > MAX_BYTES_PER_CALL)) {
                putAll(stream, batch);
                batch = new ArrayList<>();
                batchBytes = 0;
            }
            batch.add(PutRecordsRequestEntry.builder()
                    .partitionKey(event.tripId().isEmpty() ? "-" : event.tripId())
                    .data(SdkBytes.fromByteArray(data))
                    .build());
            batchBytes += data.length;
        }
        if (!batch.isEmpty()) {
            putAll(stream, batch);
        }
    }

    private void putAll(String stream, List<PutRecordsRequestEntry> entries) throws InterruptedException {
        List<PutRecordsRequestEntry> pending = entries;
        for (int attempt = 1; ; attempt++) {
            PutRecordsResponse response = kinesis.putRecords(PutRecordsRequest.builder().streamName(stream).records(pending).build());
            if (response.failedRecordCount() == null || response.failedRecordCount() == 0) {
                return;
            }
            List<PutRecordsRequestEntry> failed = new ArrayList<>();
            List<PutRecordsResultEntry> results = response.records();
            for (int i = 0; i < results.size(); i++) {
                if (results.get(i).errorCode() != null) {
                    failed.add(pending.get(i));
                }
            }
            if (attempt == MAX_ATTEMPTS) {
                throw new IllegalStateException(failed.size() + " records still rejected by " + stream + " after "
                        + attempt + " attempts: " + results.stream().filter(r -> r.errorCode() != null).findFirst().orElseThrow());
            }
            LOG.debug("{} of {} records throttled by {}, resending", failed.size(), pending.size(), stream);
            Thread.sleep(Math.min(2_000L, 50L << attempt));
            pending = failed;
        }
    }
}
