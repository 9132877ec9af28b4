package io.tripflow.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import io.tripflow.config.AwsClients;
import io.tripflow.config.AwsResources;
import io.tripflow.config.TripflowSettings;
import io.tripflow.trip.kpi.KpiSchedule;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS endpoints the integration tests run against, as {@link StackChoice} picks them: one stack
 * per test JVM, started on first use. Each test gets its own fresh set of resources (streams,
 * table, queue, bucket), named uniquely.
 */
public final class TestStack {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static AwsApiStack stack;
    private static Clients clients;
    /** Why the stack could not be had: every later test fails at once with the same reason. */
    private static RuntimeException unavailable;

    /** SDK clients for assertions and fixtures, on the same endpoints as the application. */
    public record Clients(KinesisClient kinesis, DynamoDbClient dynamoDb, SqsClient sqs, S3Client s3) {
    }

    private TestStack() {
    }

    public static synchronized Clients clients() {
        if (unavailable != null) {
            throw unavailable;
        }
        if (clients == null) {
            try {
                stack = switch (StackChoice.from(System.getenv())) {
                    case EMBEDDED -> LocalAwsStack.start(Path.of("").toAbsolutePath());
                    case TESTCONTAINERS -> ContainerStack.start(System.getenv());
                    case ENDPOINT -> null;
                };
            } catch (RuntimeException e) {
                unavailable = e;
                throw e;
            }
            if (stack != null) {
                stack.systemProperties().forEach(System::setProperty);
                Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
            }
            // The tests' own Kinesis client speaks what the application is told to (TRIPFLOW_KINESIS_CBOR).
            AwsClients.useKinesisCbor(!"false".equalsIgnoreCase(System.getenv(TripflowSettings.envVarOf("tripflow.kinesis.cbor"))));
            clients = new Clients(
                    KinesisClient.builder().httpClientBuilder(ApacheHttpClient.builder()).build(),
                    DynamoDbClient.builder().httpClientBuilder(ApacheHttpClient.builder()).build(),
                    SqsClient.builder().httpClientBuilder(ApacheHttpClient.builder()).build(),
                    S3Client.builder().httpClientBuilder(ApacheHttpClient.builder()).forcePathStyle(true).build());
        }
        return clients;
    }

    /** The embedded stack, or empty when the tests run against another one. */
    public static Optional<LocalAwsStack> embedded() {
        clients();
        return stack instanceof LocalAwsStack embedded ? Optional.of(embedded) : Optional.empty();
    }

    /** What a separate process needs in its environment to reach the stack (nothing for an endpoint it inherits). */
    public static Map<String, String> processEnvironment() {
        clients();
        return stack == null ? Map.of() : stack.environment();
    }

    /**
     * Settings for one test: application.properties, fast KCL timings, and resource names with a
     * unique suffix, all created before this returns.
     */
    public static Map<String, String> freshResources(String testName) {
        return freshResources(testName, true);
    }

    /**
     * @param preCreateLeaseTables false to let KCL create its own tables and leases, as it does on
     *        AWS; true creates them, with one lease per shard (see {@link KclLeases}), so that a
     *        first start takes its leases at once instead of 10 to 40 s later
     */
    public static Map<String, String> freshResources(String testName, boolean preCreateLeaseTables) {
        return freshResources(testName, preCreateLeaseTables, Map.of());
    }

    /** @param extra settings applied before the resources are created (e.g. a stream's shard count) */
    public static Map<String, String> freshResources(String testName, boolean preCreateLeaseTables, Map<String, String> extra) {
        Clients c = clients();
        String suffix = testName.toLowerCase().replaceAll("[^a-z0-9]", "") + "-" + SEQUENCE.incrementAndGet()
                + "-" + Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        Map<String, String> overrides = new HashMap<>();
        overrides.put("tripflow.streams.trip-start", "trip-start-" + suffix);
        overrides.put("tripflow.streams.trip-end", "trip-end-" + suffix);
        overrides.put("tripflow.streams.trip-events", "trip-events-" + suffix);
        overrides.put("tripflow.trips.table", "trips-" + suffix);
        overrides.put("tripflow.kpi.runs-table", "kpi-runs-" + suffix);
        overrides.put("tripflow.dead-letter.queue", "dead-letters-" + suffix);
        overrides.put("tripflow.kpi.bucket", "kpi-" + suffix);
        overrides.put("tripflow.kcl.application-name", "tripflow-" + suffix);
        overrides.put("tripflow.files.bucket", "files-" + suffix);
        overrides.put("tripflow.files.claims-table", "file-claims-" + suffix);
        overrides.put("tripflow.analytics.high-value-table", "high-value-" + suffix);
        overrides.put("tripflow.analytics.duration-table", "duration-" + suffix);
        overrides.put("tripflow.analytics.fare-per-distance-table", "fare-per-distance-" + suffix);
        overrides.put("tripflow.orders.state-table", "order-state-" + suffix);
        overrides.put("tripflow.orders.order-kpis-table", "order-kpis-" + suffix);
        overrides.put("tripflow.orders.category-kpis-table", "category-kpis-" + suffix);
        overrides.put("tripflow.orders.kpi-runs-table", "order-kpi-runs-" + suffix);
        overrides.putAll(fastTimings());
        overrides.putAll(extra);
        TripflowSettings settings = settings(overrides);
        AwsResources.create(settings, c.kinesis(), c.dynamoDb(), c.sqs(), c.s3(), preCreateLeaseTables);
        if (preCreateLeaseTables && "TRIM_HORIZON".equals(settings.kcl().initialPosition())) {
            for (var stream : List.of(settings.tripStart(), settings.tripEnd(), settings.tripEvents())) {
                KclLeases.seed(c.kinesis(), c.dynamoDb(), stream.name(), settings.kcl().applicationName() + "-" + stream.name());
            }
        }
        return overrides;
    }

    /** Lease timings for seconds-long tests instead of AWS's minute-scale defaults. */
    public static Map<String, String> fastTimings() {
        Map<String, String> fast = new HashMap<>();
        fast.put("tripflow.kcl.failover-time-ms", "3000");
        fast.put("tripflow.kcl.shard-sync-interval-ms", "1000");
        fast.put("tripflow.kcl.idle-time-between-reads-ms", "200");
        fast.put("tripflow.kcl.retry-initial-backoff-ms", "100");
        fast.put("tripflow.kcl.retry-max-backoff-ms", "2000");
        fast.put("tripflow.s3.force-path-style", "true");
        fast.put("tripflow.files.poll-delay-ms", "500");
        fast.put("tripflow.orders.kpi-debounce-seconds", "1");
        fast.put("tripflow.orders.kpi-poll-ms", "500");
        return fast;
    }

    /** application.properties with these overrides, as the application would read them. */
    public static TripflowSettings settings(Map<String, String> overrides) {
        Properties defaults = applicationProperties();
        return TripflowSettings.load(key -> Optional.ofNullable(overrides.getOrDefault(key, defaults.getProperty(key))));
    }

    /** Where the application with these settings writes each date's KPI files. */
    public static KpiSchedule kpiSchedule(Map<String, String> overrides) {
        TripflowSettings settings = settings(overrides);
        return new KpiSchedule(Clock.systemUTC(), settings.kpiKeyTemplate(), settings.kpiLookbackDays());
    }

    /** The shipped application.properties: the defaults every setting starts from. */
    public static Properties applicationProperties() {
        Properties defaults = new Properties();
        try (InputStream in = TestStack.class.getResourceAsStream("/application.properties")) {
            defaults.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return defaults;
    }
}
