package io.tripflow.engine;

import java.time.Clock;

import io.tripflow.dynamodb.NumberBounds;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * What the engine gives every product line's wiring: the AWS clients, the clock, this instance's
 * name in leases, and the settings that hold for every line.
 *
 * @param kpiBucket where KPI files, dead-letter overflow and orphan reports go
 * @param reportMaxRejectedRows rejected rows a file's report lists with line and reason
 * @param kpiRunLeaseSeconds how long a KPI run's lease on its date lasts
 */
public record Shared(DynamoDbClient dynamoDb, S3Client s3, Clock clock, String instance, NumberBounds numbers, String kpiBucket,
        int reportMaxRejectedRows, int kpiRunLeaseSeconds) {
}
