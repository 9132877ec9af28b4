package io.tripflow.kinesis;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.MeterRegistry;
import io.tripflow.engine.InstanceName;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.leases.LeaseAssignmentStrategy;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.processor.SingleStreamTracker;
import software.amazon.kinesis.retrieval.KinesisClientRecord;
import software.amazon.kinesis.retrieval.polling.PollingConfig;

import static org.apache.camel.support.service.ServiceHelper.startService;
import static org.apache.camel.support.service.ServiceHelper.stopService;

/**
 * Runs a KCL {@link Scheduler} for one stream and feeds each record to the route as one exchange.
 *
 * <p>The delivery contract: a record counts as done only when its exchange completed without an
 * exception, that is, it was stored or (handled) dead-lettered. An exchange that fails is a
 * transient failure (store or DLQ unreachable): it is retried with exponential backoff and jitter,
 * and the batch is not checkpointed past it. A batch is checkpointed only when all of its records
 * are done. On stop, a batch that is still retrying is abandoned uncheckpointed; the next lease
 * owner receives those records again, and the idempotent store makes the replay harmless.
 */
public class KclConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(KclConsumer.class);
    private static final long GRACEFUL_SHUTDOWN_SECONDS = 20;
    private static final long SCHEDULER_RESTART_DELAY_MS = 2_000;

    private final KclSettings settings;
    /**
     * Counted down when the consumer stops. Waits end on it rather than on an interrupt: an
     * interrupt of the scheduler thread would also reach KCL's own run loop, which logs it as an
     * error with a stack trace.
     */
    private volatile CountDownLatch stopRequested = new CountDownLatch(0);
    private ExecutorService deliveryThreads;
    private volatile Scheduler scheduler;
    private Thread schedulerThread;
    /** Where records go once the retry limits are exhausted; null when there are no limits. */
    private Processor deadLetter;

    KclConsumer(KclEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.settings = endpoint.settings();
    }

    @Override
    public KclEndpoint getEndpoint() {
        return (KclEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        stopRequested = new CountDownLatch(1);
        String stream = getEndpoint().getStreamName();
        if (!settings.retryLimits().unlimited()) {
            String uri = getEndpoint().getDeadLetterUri();
            if (uri == null || uri.isBlank()) {
                throw new IllegalStateException("kcl:" + stream + " has retry limits (" + settings.retryLimits()
                        + ") but no deadLetterUri to send exhausted records to");
            }
            deadLetter = getEndpoint().getCamelContext().getEndpoint(uri).createProducer();
            startService(deadLetter);
        }
        deliveryThreads = getEndpoint().getCamelContext().getExecutorServiceManager()
                .newCachedThreadPool(this, "kcl-" + stream);
        schedulerThread = new Thread(() -> runSchedulersUntilStopped(stream), "kcl-scheduler-" + stream);
        schedulerThread.setDaemon(true);
        schedulerThread.start();
        LOG.info("Consuming Kinesis stream {} with KCL (lease table {}, new leases start at {})",
                stream, getEndpoint().leaseTableName(), settings.initialPosition());
    }

    /**
     * A KCL scheduler that gives up (e.g. its start-up lost a race with another worker creating
     * KCL's coordinator state, which KCL does not recover from) is replaced by a new one, rather
     * than leaving the process up but consuming nothing.
     */
    private void runSchedulersUntilStopped(String stream) {
        while (!stopping()) {
            try {
                Scheduler current = createScheduler(stream);
                scheduler = current;
                current.run();
            } catch (Exception | LinkageError e) {
                LOG.error("KCL scheduler for {} failed", stream, e);
            }
            if (stopping()) {
                return;
            }
            LOG.error("KCL scheduler for {} stopped on its own; starting a new one in {} ms", stream, SCHEDULER_RESTART_DELAY_MS);
            try {
                if (stopRequested.await(SCHEDULER_RESTART_DELAY_MS, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    protected void doStop() throws Exception {
        // Healthy batches finish; batches stuck retrying a failure give up without checkpointing.
        stopRequested.countDown();
        if (scheduler != null) {
            try {
                scheduler.startGracefulShutdown().get(GRACEFUL_SHUTDOWN_SECONDS, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                LOG.warn("KCL graceful shutdown of {} took over {} s; forcing it",
                        getEndpoint().getStreamName(), GRACEFUL_SHUTDOWN_SECONDS);
                scheduler.shutdown();
            }
            scheduler = null;
        }
        if (schedulerThread != null) {
            // Its loop ends once KCL's run returns, or at once if it is waiting to restart a scheduler.
            schedulerThread.join(TimeUnit.SECONDS.toMillis(5));
            schedulerThread = null;
        }
        if (deliveryThreads != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownNow(deliveryThreads);
            deliveryThreads = null;
        }
        stopService(deadLetter);
        deadLetter = null;
        super.doStop();
    }

    boolean stopping() {
        return stopRequested.getCount() == 0;
    }

    private Scheduler createScheduler(String stream) {
        var registry = getEndpoint().getCamelContext().getRegistry();
        KinesisAsyncClient kinesis = registry.findSingleByType(KinesisAsyncClient.class);
        DynamoDbAsyncClient dynamoDb = registry.findSingleByType(DynamoDbAsyncClient.class);
        CloudWatchAsyncClient cloudWatch = registry.findSingleByType(CloudWatchAsyncClient.class);
        if (kinesis == null || dynamoDb == null || cloudWatch == null) {
            throw new IllegalStateException("kcl: needs a KinesisAsyncClient, DynamoDbAsyncClient and CloudWatchAsyncClient in the registry");
        }
        String workerId = InstanceName.unique();
        var initialPosition = InitialPositionInStreamExtended.newInitialPosition(
                InitialPositionInStream.valueOf(settings.initialPosition()));
        ConfigsBuilder configs = new ConfigsBuilder(new SingleStreamTracker(stream, initialPosition),
                getEndpoint().leaseTableName(), kinesis, dynamoDb, cloudWatch, workerId,
                () -> new ShardBatchProcessor(this));

        long failover = settings.failoverTimeMs();
        LeaseManagementConfig leases = configs.leaseManagementConfig()
                .failoverTimeMillis(failover)
                .shardSyncIntervalMillis(settings.shardSyncIntervalMs())
                .leaseAssignmentStrategy(LeaseAssignmentStrategy.valueOf(settings.leaseAssignmentStrategy()))
                // KCL 3's leader election and lease assignment run on fixed periods of their own;
                // scaling them with the failover time keeps a take-over within about one failover.
                .leaseAssignmentIntervalMillis(Math.max(1000L, failover / 3))
                .dynamoDbLockBasedLeaderLeaseDurationInMillis(failover)
                .dynamoDbLockBasedLeaderHeartbeatPeriodInMillis(Math.max(1000L, failover / 3))
                .listShardsBackoffTimeInMillis(Math.min(1500L, failover / 10 + 100))
                .leasesRecoveryAuditorExecutionFrequencyMillis(Math.max(5000L, failover * 12));
        leases.gracefulLeaseHandoffConfig().gracefulLeaseHandoffTimeoutMillis(failover * 2 / 3);
        // The leader reassigns a dead worker's leases once that worker's metrics row goes stale;
        // at KCL's default 30 s reporting period that takes far longer than the failover time.
        leases.workerUtilizationAwareAssignmentConfig().workerMetricsReporterFreqInMillis(Math.max(1000L, failover / 3));

        var metrics = configs.metricsConfig().metricsLevel(MetricsLevel.valueOf(settings.metricsLevel()));
        if (settings.metricsLevel().equals("NONE")) {
            metrics.metricsFactory(new NullMetricsFactory());
        }
        var polling = new PollingConfig(stream, kinesis)
                .maxRecords(settings.maxRecords())
                .idleTimeBetweenReadsInMillis(settings.idleTimeBetweenReadsMs());
        return new Scheduler(
                configs.checkpointConfig(),
                configs.coordinatorConfig()
                        .parentShardPollIntervalMillis(Math.min(10_000L, settings.idleTimeBetweenReadsMs() * 2L))
                        .shardConsumerDispatchPollIntervalMillis(200)
                        .schedulerInitializationBackoffTimeMillis(200)
                        // A scheduler whose first initialisation failed cannot succeed on a retry
                        // (after losing the race to create KCL's migration state, every further
                        // attempt throws a NullPointerException, and each takes ~15 s): twenty of them
                        // left a replica consuming nothing for five minutes. One attempt, then a
                        // fresh scheduler (runSchedulersUntilStopped).
                        .maxInitializationAttempts(1),
                leases,
                configs.lifecycleConfig().taskBackoffTimeMillis(100),
                metrics,
                configs.processorConfig(),
                configs.retrievalConfig().retrievalSpecificConfig(polling));
    }

    /**
     * Publishes how far behind the stream's tip a shard is, as tripflow_consumer_millis_behind_latest
     * {stream, shard}; nothing when no meter registry is configured.
     */
    ShardLag shardLag(String shardId) {
        MeterRegistry meters = getEndpoint().getCamelContext().getRegistry().findSingleByType(MeterRegistry.class);
        return new ShardLag(meters, getEndpoint().getStreamName(), shardId);
    }

    boolean deliverBatch(List<KinesisClientRecord> records, String shardId) throws InterruptedException {
        return PartitionedBatch.run(records, KinesisClientRecord::partitionKey, settings.maxInFlightPerShard(),
                deliveryThreads, record -> new RecordDelivery(this, settings, record, shardId).deliver());
    }

    /** Where records go once the retry limits are exhausted. */
    Processor deadLetter() {
        return deadLetter;
    }

    void release(Exchange exchange) {
        releaseExchange(exchange, false);
    }

    /** A record as an exchange, with camel-aws2-kinesis's header names. */
    Exchange exchangeOf(KinesisClientRecord record, String shardId) {
        Exchange exchange = createExchange(false);
        byte[] data = new byte[record.data().remaining()];
        record.data().duplicate().get(data);
        var message = exchange.getIn();
        message.setBody(data);
        message.setHeader(KinesisRecordHeaders.STREAM_NAME, getEndpoint().getStreamName());
        message.setHeader(KinesisRecordHeaders.SHARD_ID, shardId);
        message.setHeader(KinesisRecordHeaders.SEQUENCE_NUMBER, record.sequenceNumber());
        message.setHeader(KinesisRecordHeaders.PARTITION_KEY, record.partitionKey());
        Instant arrival = record.approximateArrivalTimestamp();
        if (arrival != null) {
            message.setHeader(KinesisRecordHeaders.ARRIVAL_TIME, arrival.toString());
        }
        return exchange;
    }
}
