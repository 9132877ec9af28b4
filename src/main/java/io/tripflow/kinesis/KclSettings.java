package io.tripflow.kinesis;

/**
 * How the KCL-based consumer leases shards, reads them and retries records. The defaults in
 * application.properties suit AWS; tests shorten the timings so that leases are taken in seconds.
 */
public record KclSettings(
        String applicationName,
        String initialPosition,
        int maxRecords,
        int idleTimeBetweenReadsMs,
        int failoverTimeMs,
        int shardSyncIntervalMs,
        String leaseAssignmentStrategy,
        String metricsLevel,
        int maxInFlightPerShard,
        int retryInitialBackoffMs,
        int retryMaxBackoffMs,
        RetryLimits retryLimits) {
}
