package io.tripflow.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import io.tripflow.dynamodb.NumberBounds;
import io.tripflow.intake.FileIntake;
import io.tripflow.kinesis.KclSettings;
import io.tripflow.kinesis.RetryLimits;
import io.tripflow.orders.OrderSettings;
import io.tripflow.trip.TripHalf;
import io.tripflow.trip.analytics.AnalyticsRules;
import io.tripflow.trip.analytics.AnalyticsTables;
import io.tripflow.trip.files.TripEventRecord;

/**
 * The typed, validated view of tripflow's settings. Values come from {@code application.properties}
 * with environment-variable overrides (Camel's properties component); {@link #load} checks every one
 * so that a bad deployment fails at start-up with a message that names the setting.
 */
public record TripflowSettings(
        Path routesDir,
        Path schemasDir,
        StreamSettings tripStart,
        StreamSettings tripEnd,
        StreamSettings tripEvents,
        boolean perHalfStreamsEnabled,
        boolean tripEventsStreamEnabled,
        String tripsTable,
        int dateBuckets,
        String deadLetterQueue,
        int deadLetterMaxMessageBytes,
        String deadLetterOverflowPrefix,
        String kpiBucket,
        String kpiKeyTemplate,
        String kpiCsvKey,
        String kpiCron,
        int kpiQueryParallelism,
        String kpiRunsTable,
        int kpiLookbackDays,
        int kpiRunLeaseSeconds,
        int openTripsStaleAfterMinutes,
        int openTripsMaxIds,
        boolean s3ForcePathStyle,
        boolean kinesisCbor,
        FileSettings files,
        AnalyticsTables analyticsTables,
        AnalyticsRules analyticsRules,
        NumberBounds numberBounds,
        OrderSettings orders,
        KclSettings kcl) {

    /** A stream's name and the shard count that the local stack and CloudFormation create it with. */
    public record StreamSettings(String name, int shards) {
    }

    /** The file intake: where files are dropped and go, their claims, and how their rows are read. */
    public record FileSettings(boolean enabled, String bucket, FileIntake.Prefixes prefixes, String claimsTable, int claimLeaseSeconds,
            int maxAttempts, List<String> datetimeFormats, int reportMaxRejectedRows) {
    }

    /** Raised when a setting is missing or invalid; the message names the setting and its env var. */
    public static final class InvalidSettingsException extends IllegalStateException {
        public InvalidSettingsException(List<String> problems) {
            super("Invalid tripflow configuration:\n  - " + String.join("\n  - ", problems));
        }
    }

    /** The environment variable that overrides a property key, the way Camel maps them. */
    public static String envVarOf(String key) {
        return key.toUpperCase().replace('.', '_').replace('-', '_');
    }

    public static TripflowSettings load(Function<String, Optional<String>> properties) {
        SettingsReader r = new SettingsReader(properties);
        TripflowSettings settings = new TripflowSettings(
                r.path("tripflow.routes-dir"),
                r.path("tripflow.schemas-dir"),
                r.stream("tripflow.streams.trip-start"),
                r.stream("tripflow.streams.trip-end"),
                r.stream("tripflow.streams.trip-events"),
                r.bool("tripflow.streams.per-half.enabled"),
                r.bool("tripflow.streams.trip-events.enabled"),
                r.name("tripflow.trips.table"),
                r.positiveInt("tripflow.trips.date-buckets"),
                r.name("tripflow.dead-letter.queue"),
                r.intInRange("tripflow.dead-letter.max-message-bytes", 1024, 1024 * 1024, "between 1024 and 1048576 (SQS's largest message)"),
                r.keyPrefix("tripflow.dead-letter.overflow-prefix"),
                r.name("tripflow.kpi.bucket"),
                r.kpiKeyTemplate("tripflow.kpi.key-template"),
                r.objectKey("tripflow.kpi.csv-key"),
                r.cron("tripflow.kpi.cron"),
                r.positiveInt("tripflow.kpi.query-parallelism"),
                r.name("tripflow.kpi.runs-table"),
                r.intInRange("tripflow.kpi.lookback-days", 1, 366, "a number of days from 1 to 366"),
                r.positiveInt("tripflow.kpi.run-lease-seconds"),
                r.positiveInt("tripflow.kpi.open-trips.stale-after-minutes"),
                r.nonNegativeInt("tripflow.kpi.open-trips.max-ids"),
                r.bool("tripflow.s3.force-path-style"),
                r.bool("tripflow.kinesis.cbor"),
                new FileSettings(
                        r.bool("tripflow.files.enabled"),
                        r.name("tripflow.files.bucket"),
                        new FileIntake.Prefixes(
                                r.keyPrefix("tripflow.files.incoming-prefix"),
                                r.keyPrefix("tripflow.files.processed-prefix"),
                                r.keyPrefix("tripflow.files.rejected-prefix"),
                                r.keyPrefix("tripflow.files.failed-prefix"),
                                r.keyPrefix("tripflow.files.reports-prefix")),
                        r.name("tripflow.files.claims-table"),
                        r.positiveInt("tripflow.files.claim-lease-seconds"),
                        r.intInRange("tripflow.files.max-attempts", 1, 1000, "a number of attempts from 1 to 1000"),
                        r.datetimePatterns("tripflow.files.datetime-formats"),
                        r.nonNegativeInt("tripflow.files.report-max-rejected-rows")),
                new AnalyticsTables(
                        r.name("tripflow.analytics.high-value-table"),
                        r.name("tripflow.analytics.duration-table"),
                        r.name("tripflow.analytics.fare-per-distance-table")),
                r.analyticsRules("tripflow.analytics.short-below-minutes", "tripflow.analytics.long-from-minutes",
                        "tripflow.analytics.high-value-above"),
                r.numberBounds("tripflow.numbers.max-integer-digits", "tripflow.numbers.max-fraction-digits"),
                OrderSettings.load(r),
                new KclSettings(
                        r.name("tripflow.kcl.application-name"),
                        r.oneOf("tripflow.kcl.initial-position", "TRIM_HORIZON", "LATEST"),
                        r.positiveInt("tripflow.kcl.max-records"),
                        r.positiveInt("tripflow.kcl.idle-time-between-reads-ms"),
                        r.positiveInt("tripflow.kcl.failover-time-ms"),
                        r.positiveInt("tripflow.kcl.shard-sync-interval-ms"),
                        r.oneOf("tripflow.kcl.lease-assignment-strategy", "LEASE_COUNT_BASED", "WORKER_UTILIZATION_AWARE"),
                        r.oneOf("tripflow.kcl.metrics-level", "NONE", "SUMMARY", "DETAILED"),
                        r.positiveInt("tripflow.kcl.max-in-flight-per-shard"),
                        r.positiveInt("tripflow.kcl.retry-initial-backoff-ms"),
                        r.positiveInt("tripflow.kcl.retry-max-backoff-ms"),
                        new RetryLimits(
                                r.nonNegativeInt("tripflow.kcl.max-attempts"),
                                Duration.ofSeconds(r.nonNegativeInt("tripflow.kcl.max-record-age-seconds")))));
        // Read by Camel's management server (camel.management.port) and the file-intake route; checked here with the rest.
        r.port("tripflow.management.port");
        r.positiveInt("tripflow.files.poll-delay-ms");
        r.failIfAny();
        return settings;
    }

    /**
     * For {@code run}: something must be taken in, a stream or the files bucket (an intake-only
     * instance consumes no stream). One-off commands such as redrive use the flows without either.
     */
    public void requireSomethingToConsume() {
        if (!perHalfStreamsEnabled && !tripEventsStreamEnabled && !files.enabled() && !orders.enabled()) {
            throw new InvalidSettingsException(List.of("tripflow.streams.per-half.enabled, tripflow.streams.trip-events.enabled, "
                    + "tripflow.files.enabled and tripflow.orders.enabled are all false: nothing would be consumed"));
        }
    }

    /** The stream each trip event goes to: the single mixed stream when it is the one consumed, otherwise each half's own. */
    public Function<TripEventRecord, String> streamOf() {
        if (tripEventsStreamEnabled() && !perHalfStreamsEnabled()) {
            return event -> tripEvents().name();
        }
        return event -> event.side() == TripHalf.Side.START ? tripStart().name() : tripEnd().name();
    }
}
