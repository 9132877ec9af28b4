package io.tripflow.localstack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tripflow.config.TripflowSettings;
import io.tripflow.trip.TripTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Creates every AWS resource tripflow uses, from the same settings the application reads, with
 * the table and index shape from {@link TripTable}. The CloudFormation template declares the same.
 */
public final class LocalResources {

    private LocalResources() {
    }

    public static void create(TripflowSettings settings, KinesisClient kinesis, DynamoDbClient dynamoDb, SqsClient sqs, S3Client s3) {
        List<TripflowSettings.StreamSettings> streams = new ArrayList<>(List.of(settings.tripStart(), settings.tripEnd(), settings.tripEvents()));
        for (TripflowSettings.StreamSettings stream : streams) {
            kinesis.createStream(b -> b.streamName(stream.name()).shardCount(stream.shards()));
        }
        createTripTable(dynamoDb, settings.tripsTable());
        sqs.createQueue(b -> b.queueName(settings.deadLetterQueue()));
        s3.createBucket(b -> b.bucket(settings.kpiBucket()));
        for (TripflowSettings.StreamSettings stream : streams) {
            createLeaseTable(dynamoDb, settings.kcl().applicationName() + "-" + stream.name());
            awaitActive(kinesis, stream.name());
        }
    }

    /**
     * KCL creates its lease table itself, but then polls for the owner index every 10 s (hard-coded);
     * creating both up front, exactly as KCL would, takes about 10 s off every local start.
     */
    static void createLeaseTable(DynamoDbClient dynamoDb, String table) {
        if (dynamoDb.listTables().tableNames().contains(table)) {
            return;
        }
        dynamoDb.createTable(b -> b
                .tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("leaseKey").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("leaseOwner").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("leaseKey").keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName("LeaseOwnerToLeaseKeyIndex")
                        .keySchema(
                                KeySchemaElement.builder().attributeName("leaseOwner").keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("leaseKey").keyType(KeyType.RANGE).build())
                        .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build())
                        .build()));
    }

    /** The same, with the clients and settings of a running (route-less) tripflow context. */
    public static void create(org.apache.camel.CamelContext camel) {
        var registry = camel.getRegistry();
        create(registry.findSingleByType(TripflowSettings.class),
                registry.findSingleByType(KinesisClient.class), registry.findSingleByType(DynamoDbClient.class),
                registry.findSingleByType(SqsClient.class), registry.findSingleByType(S3Client.class));
    }

    public static void createTripTable(DynamoDbClient dynamoDb, String table) {
        dynamoDb.createTable(b -> b
                .tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName(TripTable.TRIP_ID).attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(TripTable.DATE_BUCKET).attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName(TripTable.TRIP_ID).keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName(TripTable.COMPLETED_BY_DATE_INDEX)
                        .keySchema(
                                KeySchemaElement.builder().attributeName(TripTable.DATE_BUCKET).keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName(TripTable.TRIP_ID).keyType(KeyType.RANGE).build())
                        .projection(Projection.builder().projectionType(ProjectionType.INCLUDE)
                                .nonKeyAttributes(TripTable.INDEX_PROJECTION).build())
                        .build()));
    }

    /** Polls every 100 ms; the SDK's own waiter sleeps 10 s between checks. */
    private static void awaitActive(KinesisClient kinesis, String stream) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary().streamStatus() != StreamStatus.ACTIVE) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("stream " + stream + " not ACTIVE after 30 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
