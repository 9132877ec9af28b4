package io.tripflow.config;

import java.time.Duration;
import java.util.List;

import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kinesis.KinesisAsyncClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The AWS SDK clients, built once and shared by the Camel components (which autowire them by type)
 * and tripflow's own beans. Region, credentials and endpoints come from the SDK's standard chain:
 * AWS_REGION, the task role or AWS_PROFILE, and AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_&lt;SERVICE&gt;.
 */
public final class AwsClients extends ServiceSupport {

    /** Enough pooled connections for every shard's concurrent writes plus the KPI queries. */
    private static final int MAX_CONNECTIONS = 128;
    private static final Logger LOG = LoggerFactory.getLogger(AwsClients.class);

    private final DynamoDbClient dynamoDb;
    private final SqsClient sqs;
    private final S3Client s3;
    private final KinesisClient kinesis;
    private final KinesisAsyncClient kinesisAsync;
    private final DynamoDbAsyncClient dynamoDbAsync;
    private final CloudWatchAsyncClient cloudWatchAsync;

    private AwsClients(boolean s3ForcePathStyle) {
        // The classpath carries two sync HTTP clients (Apache, URLConnection); name the one to use.
        dynamoDb = DynamoDbClient.builder().httpClientBuilder(pooled()).build();
        sqs = SqsClient.builder().httpClientBuilder(pooled()).build();
        s3 = S3Client.builder().httpClientBuilder(pooled()).forcePathStyle(s3ForcePathStyle).build();
        kinesis = KinesisClient.builder().httpClientBuilder(pooled()).build();
        // KCL polls with GetRecords, which needs no HTTP/2; HTTP/1.1 also works on plain-HTTP emulators.
        kinesisAsync = KinesisAsyncClient.builder()
                .httpClientBuilder(NettyNioAsyncHttpClient.builder().protocol(Protocol.HTTP1_1).maxConcurrency(MAX_CONNECTIONS))
                .build();
        dynamoDbAsync = DynamoDbAsyncClient.builder().httpClientBuilder(NettyNioAsyncHttpClient.builder()).build();
        // KCL insists on a CloudWatch client; with metrics-level NONE it is never called.
        cloudWatchAsync = CloudWatchAsyncClient.builder().httpClientBuilder(NettyNioAsyncHttpClient.builder()).build();
    }

    /** @param kinesisCbor false for Kinesis endpoints that speak only JSON (see {@link #useKinesisCbor}) */
    public static AwsClients create(boolean s3ForcePathStyle, boolean kinesisCbor) {
        useKinesisCbor(kinesisCbor);
        try {
            return new AwsClients(s3ForcePathStyle);
        } catch (SdkClientException e) {
            throw new TripflowSettings.InvalidSettingsException(List.of(
                    "AWS SDK configuration: " + e.getMessage() + " (set AWS_REGION, and credentials through the SDK's default chain)"));
        }
    }

    /**
     * Whether the Kinesis clients built from now on in this JVM speak CBOR (the SDK's default) or
     * JSON. The SDK offers no per-client switch: each client reads its system setting
     * {@code aws.cborEnabled} when it is built, so this sets that, before any Kinesis client exists.
     */
    public static void useKinesisCbor(boolean cbor) {
        System.setProperty(SdkSystemSetting.CBOR_ENABLED.property(), Boolean.toString(cbor));
        if (!cbor) {
            LOG.info("Kinesis clients speak JSON, not CBOR (tripflow.kinesis.cbor=false)");
        }
    }

    private static ApacheHttpClient.Builder pooled() {
        return ApacheHttpClient.builder().maxConnections(MAX_CONNECTIONS).connectionTimeout(Duration.ofSeconds(5));
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public SqsClient sqs() {
        return sqs;
    }

    public S3Client s3() {
        return s3;
    }

    public KinesisClient kinesis() {
        return kinesis;
    }

    public KinesisAsyncClient kinesisAsync() {
        return kinesisAsync;
    }

    public DynamoDbAsyncClient dynamoDbAsync() {
        return dynamoDbAsync;
    }

    public CloudWatchAsyncClient cloudWatchAsync() {
        return cloudWatchAsync;
    }

    @Override
    protected void doStop() {
        for (SdkClient client : List.of(dynamoDb, sqs, s3, kinesis, kinesisAsync, dynamoDbAsync, cloudWatchAsync)) {
            client.close();
        }
    }
}
