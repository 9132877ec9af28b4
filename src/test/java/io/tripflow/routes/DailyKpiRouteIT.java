package io.tripflow.routes;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripflow.engine.RouteVariables;
import io.tripflow.trip.TripEventReader;
import io.tripflow.trip.TripJson;
import io.tripflow.trip.TripStore;
import io.tripflow.trip.kpi.KpiRunRecords;
import io.tripflow.trip.kpi.KpiRuns;
import io.tripflow.trip.kpi.KpiSchedule;
import org.apache.camel.builder.NotifyBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** daily-kpi.yaml, its quartz: trigger replaced by direct:, over trips stored by the real TripStore. */
class DailyKpiRouteIT extends RouteTestSupport {

    private final LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);

    @Override
    List<String> routeFiles() {
        return List.of("daily-kpi.yaml", "kpi-run.yaml", "write-json-to-s3.yaml", "errors-to-caller.yaml");
    }

    @BeforeEach
    void adviseAndStart() throws Exception {
        replaceConsumer("daily-kpi-schedule");
        context.start();
        storeTrip("k-1", "12.50", "0.50");
        storeTrip("k-2", "7.25", "0");
    }

    @Test
    void theScheduleWritesTheLookbackDatesOnceAndLeavesUnchangedFilesAlone() throws Exception {
        int lookback = Integer.parseInt(property("tripflow.kpi.lookback-days"));
        NotifyBuilder firstRun = scheduledRuns(lookback);
        template.sendBody("direct:daily-kpi-schedule", null);
        assertTrue(firstRun.matches(30, TimeUnit.SECONDS), "one run per date of the lookback window");

        JsonNode kpi = kpiFile(yesterday);
        assertEquals(2, kpi.get("count_trips").asInt());
        assertEquals("19.75", kpi.get("total_fare").decimalValue().toPlainString());
        assertEquals(0, kpiFile(yesterday.minusDays(1)).get("count_trips").asInt(), "a date without trips still gets its file");
        assertEquals("SUCCEEDED", lastRun(yesterday).get("run_status").s());
        assertTrue(lastRun(yesterday).get("output_written").bool());
        String written = kpi.get("generated_at").asText();
        assertEquals(List.of(yesterday.minusDays(1) + ",0", yesterday + ",2"), csvDatesAndCounts(), "a row per date, in date order");
        Instant csvWritten = csvLastModified();
        Thread.sleep(1_100); // LastModified has whole seconds: a rewrite from here on would show

        NotifyBuilder secondRun = scheduledRuns(lookback);
        template.sendBody("direct:daily-kpi-schedule", null);
        assertTrue(secondRun.matches(30, TimeUnit.SECONDS));
        assertEquals(written, kpiFile(yesterday).get("generated_at").asText(), "nothing changed, nothing rewritten");
        assertEquals(false, lastRun(yesterday).get("output_written").bool());

        template.sendBodyAndHeaders("direct:daily-kpi", null,
                Map.of(RouteVariables.KPI_DATE, yesterday, RouteVariables.KPI_FORCE, true));
        assertTrue(lastRun(yesterday).get("output_written").bool(), "a forced run rewrites");
        assertEquals(csvWritten, csvLastModified(), "the same figures again: the CSV is not rewritten");

        storeTrip("k-3", "1.00", "0");
        template.sendBodyAndHeader("direct:daily-kpi", null, RouteVariables.KPI_DATE, yesterday);
        assertEquals(List.of(yesterday.minusDays(1) + ",0", yesterday + ",3"), csvDatesAndCounts(), "a changed figure: rewritten");
    }

    @Test
    void instancesWritingDifferentDatesAtOnceLoseNoRowOfTheCsv() throws Exception {
        // The export keeps no state between calls: eight threads are eight writers, as eight instances would be.
        List<LocalDate> dates = IntStream.range(0, 8).mapToObj(yesterday::minusDays).sorted().toList();
        ExecutorService writers = Executors.newFixedThreadPool(dates.size());
        try {
            List<Future<?>> runs = dates.stream().map(date -> writers.submit(
                    () -> template.sendBodyAndHeader("direct:daily-kpi", null, RouteVariables.KPI_DATE, date))).collect(Collectors.toList());
            for (Future<?> run : runs) {
                run.get(60, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }
        assertEquals(dates.stream().map(date -> date + "," + (date.equals(yesterday) ? 2 : 0)).toList(), csvDatesAndCounts());
    }

    @Test
    void aFailedDateIsRecordedAndRetriedByTheNextTriggerHoweverOld() throws Exception {
        LocalDate old = yesterday.minusDays(30);
        String bucket = setting("tripflow.kpi.bucket");
        aws.s3().deleteBucket(b -> b.bucket(bucket));
        NotifyBuilder failed = new NotifyBuilder(context).fromRoute("daily-kpi").whenFailed(1).create();
        template.send("direct:daily-kpi", exchange -> exchange.getIn().setHeader(RouteVariables.KPI_DATE, old));
        assertTrue(failed.matches(30, TimeUnit.SECONDS));
        assertEquals("FAILED", lastRun(old).get("run_status").s());
        assertEquals(List.of(old), runs().failedDates());

        aws.s3().createBucket(b -> b.bucket(bucket));
        int lookback = Integer.parseInt(property("tripflow.kpi.lookback-days"));
        NotifyBuilder retried = scheduledRuns(lookback + 1);
        template.sendBody("direct:daily-kpi-schedule", null);
        assertTrue(retried.matches(30, TimeUnit.SECONDS), "the lookback window and the failed date");
        assertEquals(0, kpiFile(old).get("count_trips").asInt());
        assertEquals(2, kpiFile(yesterday).get("count_trips").asInt());
        assertEquals(List.of(), runs().failedDates());
    }

    /** The trigger done, with this many dates computed by daily-kpi on its way. */
    private NotifyBuilder scheduledRuns(int dates) {
        return new NotifyBuilder(context).fromRoute("daily-kpi-schedule").whenCompleted(1)
                .and().fromCurrentRoute("daily-kpi").whenCompleted(dates).create();
    }

    private void storeTrip(String tripId, String fare, String tip) {
        var reader = context.getRegistry().lookupByNameAndType("tripEventReader", TripEventReader.class);
        var store = context.getRegistry().lookupByNameAndType("tripStore", TripStore.class);
        store.upsert(reader.start(bytes(TripEvents.start(tripId, yesterday + " 10:00:00", fare))));
        store.upsert(reader.end(bytes(TripEvents.end(tripId, yesterday + " 10:20:00", fare)
                .replace("\"tip_amount\":1.5", "\"tip_amount\":" + tip))));
    }

    /** daily_trip_kpis.csv's rows, each as its date and count_trips. */
    private List<String> csvDatesAndCounts() {
        String csv = aws.s3().getObjectAsBytes(b -> b.bucket(setting("tripflow.kpi.bucket")).key(property("tripflow.kpi.csv-key"))).asUtf8String();
        List<String> lines = csv.lines().toList();
        assertTrue(lines.get(0).startsWith("date,count_trips,"), lines.get(0));
        return lines.subList(1, lines.size()).stream().map(line -> line.substring(0, line.indexOf(',', line.indexOf(',') + 1))).toList();
    }

    private Instant csvLastModified() {
        return aws.s3().headObject(b -> b.bucket(setting("tripflow.kpi.bucket")).key(property("tripflow.kpi.csv-key"))).lastModified();
    }

    private KpiRuns runs() {
        return context.getRegistry().lookupByNameAndType("kpiRuns", KpiRuns.class);
    }

    private Map<String, AttributeValue> lastRun(LocalDate date) {
        return KpiRunRecords.lastRun(setting("tripflow.kpi.runs-table"), date);
    }

    private JsonNode kpiFile(LocalDate date) throws Exception {
        String key = context.getRegistry().findSingleByType(KpiSchedule.class).objectKey(date);
        return TripJson.strictReader().readTree(aws.s3().getObjectAsBytes(b -> b.bucket(setting("tripflow.kpi.bucket")).key(key)).asByteArray());
    }
}
