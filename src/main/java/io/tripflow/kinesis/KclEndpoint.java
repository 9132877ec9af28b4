package io.tripflow.kinesis;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

@UriEndpoint(scheme = "kcl", title = "Kinesis (KCL)", syntax = "kcl:streamName", consumerOnly = true,
        category = {Category.CLOUD, Category.MESSAGING})
public class KclEndpoint extends DefaultEndpoint {

    @UriPath
    private final String streamName;
    @UriParam(description = "KCL application name; the lease table is <applicationName>-<streamName>")
    private String applicationName;
    @UriParam(enums = "TRIM_HORIZON,LATEST")
    private String initialPosition;
    @UriParam
    private int maxRecords;
    @UriParam
    private int maxInFlightPerShard;
    @UriParam(description = "Where a record goes once the retry limits (max attempts, max record age) are exhausted;"
            + " required when limits are set")
    private String deadLetterUri;

    private final KclSettings settings;

    KclEndpoint(String uri, KclComponent component, String streamName, KclSettings settings) {
        super(uri, component);
        this.streamName = streamName;
        this.settings = settings;
        this.applicationName = settings.applicationName();
        this.initialPosition = settings.initialPosition();
        this.maxRecords = settings.maxRecords();
        this.maxInFlightPerShard = settings.maxInFlightPerShard();
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        KclConsumer consumer = new KclConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException("kcl: only consumes; publish with aws2-kinesis");
    }

    public String getStreamName() {
        return streamName;
    }

    /** One lease table per stream: KCL keeps a single stream's leases per application name. */
    public String leaseTableName() {
        return applicationName + "-" + streamName;
    }

    KclSettings settings() {
        return new KclSettings(applicationName, initialPosition, maxRecords, settings.idleTimeBetweenReadsMs(),
                settings.failoverTimeMs(), settings.shardSyncIntervalMs(), settings.leaseAssignmentStrategy(),
                settings.metricsLevel(), maxInFlightPerShard, settings.retryInitialBackoffMs(),
                settings.retryMaxBackoffMs(), settings.retryLimits());
    }

    public String getApplicationName() {
        return applicationName;
    }

    public void setApplicationName(String applicationName) {
        this.applicationName = applicationName;
    }

    public String getInitialPosition() {
        return initialPosition;
    }

    public void setInitialPosition(String initialPosition) {
        this.initialPosition = initialPosition;
    }

    public int getMaxRecords() {
        return maxRecords;
    }

    public void setMaxRecords(int maxRecords) {
        this.maxRecords = maxRecords;
    }

    public String getDeadLetterUri() {
        return deadLetterUri;
    }

    public void setDeadLetterUri(String deadLetterUri) {
        this.deadLetterUri = deadLetterUri;
    }

    public int getMaxInFlightPerShard() {
        return maxInFlightPerShard;
    }

    public void setMaxInFlightPerShard(int maxInFlightPerShard) {
        this.maxInFlightPerShard = maxInFlightPerShard;
    }
}
