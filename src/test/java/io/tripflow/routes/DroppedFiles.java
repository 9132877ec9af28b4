package io.tripflow.routes;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripflow.localstack.TestStack;
import io.tripflow.trip.TripJson;
import org.apache.camel.CamelContext;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.builder.NotifyBuilder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.s3.model.S3Object;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Files dropped into a test's files bucket, what the intake made of them, and the events it sent. */
final class DroppedFiles {

    private final CamelContext context;
    private final TestStack.Clients aws;
    private final String bucket;
    private final String intakeRoute;

    DroppedFiles(CamelContext context, TestStack.Clients aws, String bucket) {
        this(context, aws, bucket, "file-intake");
    }

    /** @param intakeRoute the route id of the file-intake instance that takes these files in */
    DroppedFiles(CamelContext context, TestStack.Clients aws, String bucket, String intakeRoute) {
        this.context = context;
        this.aws = aws;
        this.bucket = bucket;
        this.intakeRoute = intakeRoute;
    }

    void drop(String key, String content) {
        drop(key, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Uploads a file and waits until the intake has taken it in. */
    void drop(String key, byte[] content) {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute(intakeRoute)
                // the file's own exchange, not the split's exchange of each batch
                .filter(exchange -> key.equals(exchange.getMessage().getHeader("CamelAwsS3Key"))
                        && exchange.getProperty(ExchangePropertyKey.SPLIT_INDEX) == null)
                .whenCompleted(1).create();
        aws.s3().putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content));
        assertTrue(done.matches(300, TimeUnit.SECONDS), key + " taken in");
    }

    static byte[] gzip(String content) throws IOException {
        var out = new ByteArrayOutputStream();
        try (var gzip = new GZIPOutputStream(out)) {
            gzip.write(content.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    List<String> keys() {
        return aws.s3().listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).sorted().toList();
    }

    /** The keys under a prefix of any bucket (the KPI bucket's reports, say). */
    List<String> keysOf(String otherBucket, String prefix) {
        return aws.s3().listObjectsV2Paginator(b -> b.bucket(otherBucket).prefix(prefix)).contents().stream().map(S3Object::key).sorted().toList();
    }

    JsonNode json(String otherBucket, String key) throws Exception {
        return TripJson.strictReader().readTree(aws.s3().getObjectAsBytes(b -> b.bucket(otherBucket).key(key)).asUtf8String());
    }

    String text(String key) {
        return aws.s3().getObjectAsBytes(b -> b.bucket(bucket).key(key)).asUtf8String();
    }

    JsonNode report(String key) throws Exception {
        return TripJson.strictReader().readTree(text(key));
    }

    /** Every record on the stream, from the start of each shard. */
    List<JsonNode> events(String stream) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (var shard : aws.kinesis().listShards(b -> b.streamName(stream)).shards()) {
            String iterator = aws.kinesis().getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                var page = aws.kinesis().getRecords(b -> b.shardIterator(current));
                for (var record : page.records()) {
                    events.add(TripJson.strictReader().readTree(record.data().asByteArray()));
                }
                iterator = page.records().isEmpty() ? null : page.nextShardIterator();
            }
        }
        return events;
    }
}
