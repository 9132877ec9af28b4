package io.tripflow.kpi;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.tripflow.trip.TripTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Computes one date's KPIs from the completed-trips index: every date bucket is queried in
 * parallel and its pages are folded as they stream in, so memory does not grow with the number of
 * trips and no table Scan is ever made.
 */
public class DailyKpiCalculator {

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final int dateBuckets;
    private final int parallelism;
    private final Clock clock;

    public DailyKpiCalculator(DynamoDbClient dynamoDb, String table, int dateBuckets, int parallelism, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.dateBuckets = dateBuckets;
        this.parallelism = parallelism;
        this.clock = clock;
    }

    public DailyKpi compute(LocalDate date) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, dateBuckets));
        try {
            List<Future<DailyKpi.Accumulator>> buckets = new ArrayList<>();
            for (int bucket = 0; bucket < dateBuckets; bucket++) {
                String key = TripTable.dateBucketKey(date, bucket);
                buckets.add(pool.submit(() -> foldBucket(key)));
            }
            DailyKpi.Accumulator total = new DailyKpi.Accumulator();
            for (Future<DailyKpi.Accumulator> bucket : buckets) {
                total.merge(bucket.get());
            }
            return total.result(date, clock.instant());
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private DailyKpi.Accumulator foldBucket(String dateBucket) {
        DailyKpi.Accumulator accumulator = new DailyKpi.Accumulator();
        QueryRequest query = QueryRequest.builder()
                .tableName(table)
                .indexName(TripTable.COMPLETED_BY_DATE_INDEX)
                .keyConditionExpression("#bucket = :bucket")
                .expressionAttributeNames(Map.of("#bucket", TripTable.DATE_BUCKET))
                .expressionAttributeValues(Map.of(":bucket", AttributeValue.fromS(dateBucket)))
                .build();
        for (Map<String, AttributeValue> trip : dynamoDb.queryPaginator(query).items()) {
            accumulator.add(number(trip, TripTable.FARE_AMOUNT), number(trip, TripTable.TIP_AMOUNT),
                    number(trip, TripTable.TRIP_DISTANCE), durationSeconds(trip));
        }
        return accumulator;
    }

    private static BigDecimal number(Map<String, AttributeValue> trip, String attribute) {
        AttributeValue value = trip.get(attribute);
        return value == null || value.n() == null ? null : new BigDecimal(value.n());
    }

    private static Long durationSeconds(Map<String, AttributeValue> trip) {
        AttributeValue pickup = trip.get(TripTable.PICKUP_DATETIME);
        AttributeValue dropoff = trip.get(TripTable.DROPOFF_DATETIME);
        if (pickup == null || dropoff == null) {
            return null;
        }
        return Duration.between(Instant.parse(pickup.s()), Instant.parse(dropoff.s())).toSeconds();
    }
}
