package io.tripflow.routes;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.tripflow.config.TripflowBeans;
import io.tripflow.kinesis.KinesisRecordHeaders;
import io.tripflow.localstack.TestStack;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Route tests the Camel way: the real YAML route files from routes/ on a context of Camel's test
 * kit, with tripflow's own beans bound (the same {@link TripflowBeans} the application uses) on fresh
 * resources of the test stack. Consumers that need a live stream or a clock (kcl:, quartz:) are
 * replaced by direct: endpoints with {@link AdviceWith}; everything behind them is real: the
 * schemas, the beans, and DynamoDB, SQS and S3 through the SDK.
 */
abstract class RouteTestSupport extends CamelTestSupport {

    static final Path HOME = Path.of("").toAbsolutePath();

    /** The stream flows and everything they call: readers, dispatch, store, analytics, error policy, dead letters. */
    static final List<String> STREAM_FLOWS = List.of("trip-streams.yaml", "trip-halves.yaml", "trip-events.yaml", "trip-store.yaml",
            "trip-analytics.yaml", "trip-event-errors.yaml", "errors-to-caller.yaml", "dead-letter.yaml");

    final TestStack.Clients aws = TestStack.clients();
    /** This test's settings: application.properties with its own resource names. */
    Map<String, String> settings;

    /** The files of routes/ this test loads. */
    abstract List<String> routeFiles();

    /** Settings this test changes before its resources are created. */
    Map<String, String> extraSettings() {
        return Map.of();
    }

    @Override
    public void configureTest(TestExecutionConfiguration configuration) {
        super.configureTest(configuration);
        // Each test advises the routes it drives, then starts the context itself.
        configuration.withUseAdviceWith(true);
    }

    @Override
    protected Properties useOverridePropertiesWithPropertiesComponent() {
        settings = new HashMap<>(TestStack.freshResources(getClass().getSimpleName(), true, extraSettings()));
        settings.put("tripflow.routes-dir", HOME.resolve("routes").toString());
        settings.put("tripflow.schemas-dir", HOME.resolve("schemas").toString());
        Properties properties = TestStack.applicationProperties();
        properties.putAll(settings);
        return properties;
    }

    @Override
    protected void doPostSetup() throws Exception {
        new TripflowBeans(validated -> { }).configure(context);
        // In one batch, as camel-main loads them: route configurations are then added before the
        // routes that name them, whichever file they are in.
        List<Resource> files = new ArrayList<>();
        for (String file : routeFiles()) {
            files.add(ResourceHelper.resolveMandatoryResource(context, "file:" + HOME.resolve("routes").resolve(file)));
        }
        PluginHelper.getRoutesLoader(context).loadRoutes(files);
    }

    /** A setting as the routes see it: this test's value, else application.properties'. */
    String property(String key) {
        return context.getPropertiesComponent().resolveProperty(key).orElseThrow();
    }

    /** Replaces a route's consumer with direct:&lt;route id&gt;, the endpoint the test sends to. */
    void replaceConsumer(String routeId) throws Exception {
        AdviceWith.adviceWith(context, routeId, route -> route.replaceFromWith("direct:" + routeId));
    }

    /** The headers the kcl: consumer sets on a record of this stream. */
    static Map<String, Object> kinesisHeaders(String stream, String sequenceNumber) {
        return Map.of(KinesisRecordHeaders.STREAM_NAME, stream, KinesisRecordHeaders.SHARD_ID, "shardId-000000000000",
                KinesisRecordHeaders.SEQUENCE_NUMBER, sequenceNumber, KinesisRecordHeaders.PARTITION_KEY, "p");
    }

    static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    String setting(String key) {
        return settings.get(key);
    }

    /** The trip's item as stored, read consistently; null when there is none. */
    Map<String, AttributeValue> trip(String tripId) {
        Map<String, AttributeValue> item = aws.dynamoDb().getItem(b -> b.tableName(setting("tripflow.trips.table"))
                .key(Map.of("trip_id", AttributeValue.fromS(tripId))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? null : item;
    }
}
