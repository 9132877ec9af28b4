package io.tripflow.orders;

import java.time.Clock;
import java.time.Duration;

import io.tripflow.dynamodb.LeaseTable;
import io.tripflow.dynamodb.NumberBounds;
import io.tripflow.intake.FileIntake;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/** Binds what the orders line's routes (order-files.yaml, order-kpi.yaml) refer to by name. */
public final class OrderBeans {

    /** Derived from tripflow.orders.max-attempts for the order-kpi route's redelivery policy. */
    static final String MAX_REDELIVERIES = "tripflow.orders.max-redeliveries";

    private OrderBeans() {
    }

    public static void bind(Registry registry, PropertiesComponent properties, OrderSettings orders, DynamoDbClient dynamoDb, S3Client s3,
            String kpiBucket, int maxRejectedListed, int runLeaseSeconds, NumberBounds numbers, String instance, Clock clock) {
        properties.addInitialProperty(MAX_REDELIVERIES, Integer.toString(orders.maxAttempts() - 1));
        var runs = new OrderKpiRuns(new LeaseTable(dynamoDb, orders.kpiRunsTable(), clock, Duration.ofSeconds(runLeaseSeconds), instance),
                Duration.ofSeconds(orders.kpiDebounceSeconds()));
        registry.bind("orderKpiRuns", runs);
        registry.bind("orderFileIntake", new FileIntake(new OrderFileReader(numbers)::batches, s3, orders.prefixes(), maxRejectedListed,
                OrderRows.ROWS_STORED, instance, clock));
        registry.bind("orderRows", new OrderRows(dynamoDb, orders.stateTable(), new OrderState(dynamoDb, orders.stateTable(), clock), runs,
                clock));
        registry.bind("orderKpis", new OrderKpis(new OrderKpiCalculator(dynamoDb, orders.stateTable()), dynamoDb, orders.orderKpisTable(),
                orders.categoryKpisTable(), runs));
        registry.bind("orphanItems", new OrphanItems(dynamoDb, orders.stateTable(), s3, kpiBucket, orders.orphansPrefix(),
                Duration.ofMinutes(orders.orphanAfterMinutes()), clock));
    }
}
