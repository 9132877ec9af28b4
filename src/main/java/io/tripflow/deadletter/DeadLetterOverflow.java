package io.tripflow.deadletter;

import java.util.UUID;

import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Keeps records too big for an SQS message in S3, so that even a 1 MB record is dead-lettered
 * rather than retried forever. The message then carries {@code s3://bucket/key} as its body.
 */
public class DeadLetterOverflow {

    /** The exchange property holding the record's bytes while the message body is its location. */
    public static final String RECORD_PROPERTY = "TripflowDeadLetterRecord";

    private final S3Client s3;
    private final String bucket;
    private final String prefix;

    public DeadLetterOverflow(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
    }

    /**
     * Where a record of this origin is kept. Known origins give a stable key, so a retried
     * dead-lettering overwrites the same object instead of leaving copies.
     */
    public String locationOf(DeadLetter.Origin origin) {
        String name = origin.stream() != null && origin.shardId() != null && origin.sequenceNumber() != null
                ? origin.stream() + "/" + origin.shardId() + "/" + origin.sequenceNumber()
                : "unknown-origin/" + UUID.randomUUID();
        return "s3://" + bucket + "/" + prefix + name;
    }

    public void store(@ExchangeProperty(RECORD_PROPERTY) byte[] record, @Body String location) {
        s3.putObject(b -> b.bucket(bucket).key(keyOf(location)), RequestBody.fromBytes(record));
    }

    /** Reads a record back from its location (for redrive). */
    public byte[] load(String location) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(keyOf(location))).asByteArray();
    }

    private String keyOf(String location) {
        String expected = "s3://" + bucket + "/";
        if (!location.startsWith(expected)) {
            throw new IllegalArgumentException(location + " is not in the dead-letter bucket " + bucket);
        }
        return location.substring(expected.length());
    }
}
