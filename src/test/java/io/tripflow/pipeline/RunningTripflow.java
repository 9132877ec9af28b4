package io.tripflow.pipeline;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tripflow.TripflowApplication;
import io.tripflow.deadletter.DeadLetter;
import io.tripflow.deadletter.DeadLetterOverflow;
import io.tripflow.engine.RouteVariables;
import io.tripflow.localstack.TestStack;
import io.tripflow.trip.TripHalf;
import io.tripflow.trip.TripTable;
import io.tripflow.trip.files.StreamPublisher;
import io.tripflow.trip.files.TripEventRecord;
import io.tripflow.trip.kpi.KpiSchedule;
import org.apache.camel.CamelContext;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.Message;

import static org.awaitility.Awaitility.await;

/** tripflow running in this JVM on fresh local resources, with what tests need to drive and inspect it. */
final class RunningTripflow implements AutoCloseable {

    /** Reads KPI figures as BigDecimal, never through a double. */
    private static final ObjectMapper JSON = io.tripflow.trip.TripJson.strictReader();

    final Map<String, String> settings;
    final TestStack.Clients aws = TestStack.clients();
    private final TripflowApplication app;
    final CamelContext camel;
    private final DeadLetterProbe deadLetters;

    RunningTripflow(String name, Map<String, String> extraSettings) throws Exception {
        this(withExtras(TestStack.freshResources(name), extraSettings));
    }

    /** On resources that already exist (e.g. those of an earlier run). */
    RunningTripflow(Map<String, String> settings) throws Exception {
        this.settings = new HashMap<>(settings);
        this.settings.putIfAbsent("tripflow.management.port", "0");
        deadLetters = new DeadLetterProbe(this.settings);
        app = new TripflowApplication(this.settings, TripflowApplication.Mode.PIPELINE);
        camel = app.start();
    }

    private static Map<String, String> withExtras(Map<String, String> settings, Map<String, String> extras) {
        Map<String, String> all = new HashMap<>(settings);
        all.putAll(extras);
        return all;
    }

    String stream(TripHalf.Side side) {
        return settings.get(side == TripHalf.Side.START ? "tripflow.streams.trip-start" : "tripflow.streams.trip-end");
    }

    void publish(List<TripEventRecord> events) throws InterruptedException {
        new StreamPublisher(aws.kinesis()).publish(events, e -> stream(e.side()));
    }

    void putRaw(String stream, String partitionKey, byte[] data) {
        aws.kinesis().putRecord(b -> b.streamName(stream).partitionKey(partitionKey).data(SdkBytes.fromByteArray(data)));
    }

    void putRaw(String stream, String partitionKey, String data) {
        putRaw(stream, partitionKey, data.getBytes(StandardCharsets.UTF_8));
    }

    String table() {
        return settings.get("tripflow.trips.table");
    }

    Map<String, Map<String, AttributeValue>> items() {
        Map<String, Map<String, AttributeValue>> items = new HashMap<>();
        aws.dynamoDb().scanPaginator(b -> b.tableName(table()).consistentRead(true)).items()
                .forEach(item -> items.put(item.get(TripTable.TRIP_ID).s(), item));
        return items;
    }

    /** Completed trips whose drop-off falls on one of these dates. */
    long completedTrips(LocalDate... dates) {
        return CompletedTrips.onDates(table(), dates);
    }

    void awaitCompletedTrips(long expected, Duration within, LocalDate... dates) {
        await().atMost(within).pollInterval(Duration.ofSeconds(1)).until(() -> completedTrips(dates) >= expected);
    }

    /** Runs the daily-kpi route for a date and reads back the file it wrote to S3. */
    JsonNode kpi(LocalDate date) throws Exception {
        camel.createProducerTemplate().requestBodyAndHeader("direct:daily-kpi", null, RouteVariables.KPI_DATE, date);
        String key = camel.getRegistry().findSingleByType(KpiSchedule.class).objectKey(date);
        return JSON.readTree(aws.s3().getObjectAsBytes(b -> b.bucket(settings.get("tripflow.kpi.bucket")).key(key)).asUtf8String());
    }

    /** daily_trip_kpis.csv as the KPI runs so far left it. */
    String kpiCsv() {
        return aws.s3().getObjectAsBytes(b -> b.bucket(settings.get("tripflow.kpi.bucket"))
                .key(camel.getPropertiesComponent().resolveProperty("tripflow.kpi.csv-key").orElseThrow())).asUtf8String();
    }

    /** A date's KPI file as it is in S3, without running the date again. */
    JsonNode kpiFile(LocalDate date) throws Exception {
        String key = camel.getRegistry().findSingleByType(KpiSchedule.class).objectKey(date);
        return JSON.readTree(aws.s3().getObjectAsBytes(b -> b.bucket(settings.get("tripflow.kpi.bucket")).key(key)).asUtf8String());
    }

    /** Messages in the dead-letter queue, visible or not, without receiving them. */
    int deadLetterCount() {
        return deadLetters.count();
    }

    /** Every dead letter received so far (kept, so repeated calls accumulate). */
    List<Message> deadLetters() {
        return deadLetters.receiveAll();
    }

    /** The tripflow_events_total counter for one stream and outcome, as the metrics endpoint reports it. */
    double eventCount(String stream, String outcome) {
        Counter counter = camel.getRegistry().findSingleByType(MeterRegistry.class).find("tripflow.events")
                .tags("stream", stream, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    /** A dead letter's original record, fetched from S3 when it was too big for the message. */
    byte[] originalRecord(Message letter) {
        Map<String, String> attributes = new HashMap<>();
        letter.messageAttributes().forEach((name, value) -> attributes.put(name, value.stringValue()));
        return DeadLetter.storedElsewhere(attributes)
                ? camel.getRegistry().lookupByNameAndType("deadLetterOverflow", DeadLetterOverflow.class).load(letter.body())
                : DeadLetter.originalRecord(letter.body(), attributes);
    }

    @Override
    public void close() {
        app.stop();
    }
}
