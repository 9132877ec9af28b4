package io.tripflow.trip.kpi;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.BinaryOperator;
import java.util.function.Supplier;

import io.tripflow.trip.TripTable;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * Reads one date of a by-date index: every bucket is queried in parallel and its pages are folded
 * as they stream in, so memory does not grow with the number of trips and no Scan is ever made.
 */
public class DateBuckets {

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final int buckets;
    private final int parallelism;

    public DateBuckets(DynamoDbClient dynamoDb, String table, int buckets, int parallelism) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.buckets = buckets;
        this.parallelism = parallelism;
    }

    /**
     * @param index a by-date index of the trip table
     * @param bucketAttribute its partition key ("YYYY-MM-DD#bbb")
     * @param fold adds one item to a bucket's accumulator
     * @param merge combines two buckets' accumulators
     */
    public <A> A fold(LocalDate date, String index, String bucketAttribute,
            Supplier<A> start, BiConsumer<A, Map<String, AttributeValue>> fold, BinaryOperator<A> merge) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, buckets));
        try {
            List<Future<A>> parts = new ArrayList<>();
            for (int bucket = 0; bucket < buckets; bucket++) {
                QueryRequest query = QueryRequest.builder()
                        .tableName(table)
                        .indexName(index)
                        .keyConditionExpression("#bucket = :bucket")
                        .expressionAttributeNames(Map.of("#bucket", bucketAttribute))
                        .expressionAttributeValues(Map.of(":bucket", AttributeValue.fromS(TripTable.dateBucketKey(date, bucket))))
                        .build();
                parts.add(pool.submit(() -> {
                    A part = start.get();
                    dynamoDb.queryPaginator(query).items().forEach(item -> fold.accept(part, item));
                    return part;
                }));
            }
            A total = start.get();
            for (Future<A> part : parts) {
                total = merge.apply(total, part.get());
            }
            return total;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
