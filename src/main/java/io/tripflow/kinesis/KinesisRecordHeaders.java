package io.tripflow.kinesis;

/**
 * Headers set on every exchange the consumer creates. The names are camel-aws2-kinesis's, so a
 * route reads the same headers whichever Kinesis consumer feeds it.
 */
public final class KinesisRecordHeaders {

    public static final String STREAM_NAME = "CamelAwsKinesisStreamName";
    public static final String SHARD_ID = "CamelAwsKinesisShardId";
    public static final String SEQUENCE_NUMBER = "CamelAwsKinesisSequenceNumber";
    public static final String PARTITION_KEY = "CamelAwsKinesisPartitionKey";
    public static final String ARRIVAL_TIME = "CamelAwsKinesisApproximateArrivalTimestamp";
    /** A header-name pattern matching every one of them. */
    public static final String ALL = "CamelAwsKinesis*";

    private KinesisRecordHeaders() {
    }
}
