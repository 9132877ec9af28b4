package io.tripflow.orders;

import java.time.Clock;
import java.time.Duration;

import io.tripflow.dynamodb.LeaseTable;
import io.tripflow.engine.Shared;
import io.tripflow.intake.FileIntake;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Binds what the orders line's routes (order-files.yaml, order-kpi.yaml) refer to by name. */
public final class OrderBeans {

    /** Derived from tripflow.orders.max-attempts for the order-kpi route's redelivery policy. */
    static final String MAX_REDELIVERIES = "tripflow.orders.max-redeliveries";

    private OrderBeans() {
    }

    public static void bind(Registry registry, PropertiesComponent properties, OrderSettings orders, Shared shared) {
        properties.addInitialProperty(MAX_REDELIVERIES, Integer.toString(orders.maxAttempts() - 1));
        DynamoDbClient dynamoDb = shared.dynamoDb();
        Clock clock = shared.clock();
        var runs = new OrderKpiRuns(new LeaseTable(dynamoDb, orders.kpiRunsTable(), clock, Duration.ofSeconds(shared.kpiRunLeaseSeconds()),
                shared.instance()), Duration.ofSeconds(orders.kpiDebounceSeconds()));
        registry.bind("orderKpiRuns", runs);
        registry.bind("orderFileIntake", new FileIntake(new OrderFileReader(shared.numbers())::batches, shared.s3(), orders.prefixes(),
                shared.reportMaxRejectedRows(), OrderRows.ROWS_STORED, shared.instance(), clock));
        registry.bind("orderRows", new OrderRows(dynamoDb, orders.stateTable(), new OrderState(dynamoDb, orders.stateTable(), clock), runs,
                clock));
        registry.bind("orderKpis", new OrderKpis(new OrderKpiCalculator(dynamoDb, orders.stateTable()), dynamoDb, orders.orderKpisTable(),
                orders.categoryKpisTable(), runs));
        registry.bind("orphanItems", new OrphanItems(dynamoDb, orders.stateTable(), shared.s3(), shared.kpiBucket(), orders.orphansPrefix(),
                Duration.ofMinutes(orders.orphanAfterMinutes()), clock));
    }
}
