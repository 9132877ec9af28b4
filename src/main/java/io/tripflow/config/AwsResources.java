package io.tripflow.config;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tripflow.intake.FileClaims;
import io.tripflow.orders.OrderKpis;
import io.tripflow.orders.OrderSettings;
import io.tripflow.orders.OrderStateTable;
import io.tripflow.trip.TripTable;
import io.tripflow.trip.analytics.AnalyticsTables;
import io.tripflow.trip.kpi.KpiRuns;
import org.apache.camel.CamelContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Creates every AWS resource tripflow uses, from the same settings the application reads, with
 * the table and index shape from {@link TripTable}: for emulators (the local stack, LocalStack,
 * Floci) and first-time dev accounts. On AWS the CloudFormation template declares the same
 * resources (CloudFormationTemplateTest keeps the two in step). Safe to run again: what exists is
 * left as it is.
 */
public final class AwsResources {

    private static final Logger LOG = LoggerFactory.getLogger(AwsResources.class);

    private AwsResources() {
    }

    /**
     * @param leaseTables also create KCL's lease tables (with its owner index) up front: KCL would
     *        create them itself, but then polls for the index every 10 s, slowing every first start
     */
    public static void create(TripflowSettings settings, KinesisClient kinesis, DynamoDbClient dynamoDb, SqsClient sqs, S3Client s3,
            boolean leaseTables) {
        List<TripflowSettings.StreamSettings> streams = new ArrayList<>(List.of(settings.tripStart(), settings.tripEnd(), settings.tripEvents()));
        for (TripflowSettings.StreamSettings stream : streams) {
            ifAbsent("stream " + stream.name(), () -> kinesis.createStream(b -> b.streamName(stream.name()).shardCount(stream.shards())));
        }
        ifAbsent("table " + settings.tripsTable(), () -> dynamoDb.createTable(TripTable.request(settings.tripsTable())));
        ifAbsent("table " + settings.kpiRunsTable(), () -> dynamoDb.createTable(KpiRuns.tableRequest(settings.kpiRunsTable())));
        sqs.createQueue(b -> b.queueName(settings.deadLetterQueue()));
        ifAbsent("bucket " + settings.kpiBucket(), () -> s3.createBucket(b -> b.bucket(settings.kpiBucket())));
        ifAbsent("bucket " + settings.files().bucket(), () -> s3.createBucket(b -> b.bucket(settings.files().bucket())));
        ifAbsent("table " + settings.files().claimsTable(), () -> dynamoDb.createTable(FileClaims.tableRequest(settings.files().claimsTable())));
        for (String table : settings.analyticsTables().all()) {
            ifAbsent("table " + table, () -> dynamoDb.createTable(AnalyticsTables.request(table)));
        }
        OrderSettings orders = settings.orders();
        ifAbsent("table " + orders.stateTable(), () -> dynamoDb.createTable(OrderStateTable.request(orders.stateTable())));
        ifAbsent("table " + orders.kpiRunsTable(), () -> dynamoDb.createTable(KpiRuns.tableRequest(orders.kpiRunsTable())));
        ifAbsent("table " + orders.orderKpisTable(), () -> dynamoDb.createTable(OrderKpis.orderTableRequest(orders.orderKpisTable())));
        ifAbsent("table " + orders.categoryKpisTable(), () -> dynamoDb.createTable(OrderKpis.categoryTableRequest(orders.categoryKpisTable())));
        for (TripflowSettings.StreamSettings stream : streams) {
            if (leaseTables) {
                createLeaseTable(dynamoDb, settings.kcl().applicationName() + "-" + stream.name());
            }
            awaitActive(kinesis, stream.name());
        }
    }

    /** A lease table exactly as KCL creates it: key leaseKey, index LeaseOwnerToLeaseKeyIndex. */
    public static void createLeaseTable(DynamoDbClient dynamoDb, String table) {
        ifAbsent("lease table " + table, () -> dynamoDb.createTable(b -> b
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
                        .build())));
    }

    /** Runs a create call; a resource that already exists is fine, anything else is not. */
    private static void ifAbsent(String what, Runnable create) {
        try {
            create.run();
            LOG.info("Created {}", what);
        } catch (software.amazon.awssdk.services.dynamodb.model.ResourceInUseException
                 | software.amazon.awssdk.services.kinesis.model.ResourceInUseException
                 | BucketAlreadyOwnedByYouException exists) {
            LOG.info("{} exists already", what);
        }
    }

    /** The same, with the clients and settings of a running (route-less) tripflow context. */
    public static void create(CamelContext camel) {
        var registry = camel.getRegistry();
        create(registry.findSingleByType(TripflowSettings.class),
                registry.findSingleByType(KinesisClient.class), registry.findSingleByType(DynamoDbClient.class),
                registry.findSingleByType(SqsClient.class), registry.findSingleByType(S3Client.class), true);
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
