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
        ifAbsent("table " + settings.tripsTable(), () -> createTripTable(dynamoDb, settings.tripsTable()));
        ifAbsent("table " + settings.kpiRunsTable(), () -> createKpiRunsTable(dynamoDb, settings.kpiRunsTable()));
        sqs.createQueue(b -> b.queueName(settings.deadLetterQueue()));
        ifAbsent("bucket " + settings.kpiBucket(), () -> s3.createBucket(b -> b.bucket(settings.kpiBucket())));
        ifAbsent("bucket " + settings.files().bucket(), () -> s3.createBucket(b -> b.bucket(settings.files().bucket())));
        ifAbsent("table " + settings.files().claimsTable(), () -> createKeyedTable(dynamoDb, settings.files().claimsTable(), FileClaims.FILE_ID));
        for (String table : settings.analyticsTables().all()) {
            ifAbsent("table " + table, () -> createAnalyticsTable(dynamoDb, table));
        }
        OrderSettings orders = settings.orders();
        ifAbsent("table " + orders.stateTable(), () -> OrderStateTable.create(dynamoDb, orders.stateTable()));
        ifAbsent("table " + orders.kpiRunsTable(), () -> createKpiRunsTable(dynamoDb, orders.kpiRunsTable()));
        ifAbsent("table " + orders.orderKpisTable(), () -> createKeyedTable(dynamoDb, orders.orderKpisTable(), OrderKpis.ORDER_DATE));
        ifAbsent("table " + orders.categoryKpisTable(), () -> OrderKpis.createCategoryTable(dynamoDb, orders.categoryKpisTable()));
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

    public static void createTripTable(DynamoDbClient dynamoDb, String table) {
        dynamoDb.createTable(b -> b
                .tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName(TripTable.TRIP_ID).attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(TripTable.DATE_BUCKET).attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName(TripTable.OPEN_DATE_BUCKET).attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName(TripTable.TRIP_ID).keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(
                        byDateIndex(TripTable.COMPLETED_BY_DATE_INDEX, TripTable.DATE_BUCKET, TripTable.INDEX_PROJECTION),
                        byDateIndex(TripTable.OPEN_BY_DATE_INDEX, TripTable.OPEN_DATE_BUCKET, TripTable.OPEN_INDEX_PROJECTION)));
    }

    private static GlobalSecondaryIndex byDateIndex(String name, String dateBucketAttribute, List<String> projection) {
        return GlobalSecondaryIndex.builder()
                .indexName(name)
                .keySchema(
                        KeySchemaElement.builder().attributeName(dateBucketAttribute).keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName(TripTable.TRIP_ID).keyType(KeyType.RANGE).build())
                .projection(Projection.builder().projectionType(ProjectionType.INCLUDE).nonKeyAttributes(projection).build())
                .build();
    }

    /** One of the per-trip analytics tables: keyed by trip_id. */
    public static void createAnalyticsTable(DynamoDbClient dynamoDb, String table) {
        createKeyedTable(dynamoDb, table, AnalyticsTables.TRIP_ID);
    }

    /** One item per KPI date: the last run's status, figures fingerprint and the run lease. */
    public static void createKpiRunsTable(DynamoDbClient dynamoDb, String table) {
        createKeyedTable(dynamoDb, table, KpiRuns.KPI_DATE);
    }

    /** An on-demand table of items with one string key and no index. */
    private static void createKeyedTable(DynamoDbClient dynamoDb, String table, String key) {
        dynamoDb.createTable(b -> b
                .tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName(key).attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName(key).keyType(KeyType.HASH).build()));
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
