package io.tripflow.pipeline;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripflow.deadletter.DeadLetter;
import io.tripflow.replay.Replay;
import io.tripflow.trip.TripHalf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole pipeline through Kinesis on the local stack: real data in, reference KPIs out; bad records dead-lettered. */
class PipelineIT {

    private static final LocalDate MAY_25 = LocalDate.of(2024, 5, 25);
    private static final LocalDate MAY_26 = LocalDate.of(2024, 5, 26);
    private static RunningTripflow tripflow;

    @BeforeAll
    static void start() throws Exception {
        tripflow = new RunningTripflow("pipeline", Map.of("tripflow.streams.trip-events.enabled", "true"));
    }

    @AfterAll
    static void stop() {
        tripflow.close();
    }

    @Test
    void replayingTheRealDataSetGivesKpisEqualToAReferenceComputedFromTheCsv() throws Exception {
        int replayed = NspDataSet.tripsUnderTest();
        Map<LocalDate, NspDataSet.DayFigures> reference = NspDataSet.reference(replayed);
        long trips = reference.values().stream().mapToLong(NspDataSet.DayFigures::count).sum();
        if (replayed == NspDataSet.ALL_TRIPS) {
            assertEquals(List.of(MAY_25, MAY_26), List.copyOf(reference.keySet()));
            assertEquals(NspDataSet.ALL_TRIPS, trips);
            tripflow.publish(Replay.readEvents(NspDataSet.START_CSV, NspDataSet.END_CSV));
        } else {
            tripflow.publish(NspDataSet.firstTrips(replayed));
        }
        tripflow.awaitCompletedTrips(trips, Duration.ofMinutes(6), MAY_25, MAY_26);

        NspDataSet.assertKpisEqual(reference, tripflow);
        NspKpiReference.of(replayed).assertKpisEqual(tripflow);
        assertCsvRowsEqualKpiFiles(List.copyOf(reference.keySet()));
        if (replayed == NspDataSet.ALL_TRIPS) {
            // Ids that a numeric reader would corrupt are stored as they are in the file.
            var items = tripflow.items();
            for (String id : List.of("0487037833", "2e37064969")) {
                assertNotNull(items.get(id), id);
                assertEquals("COMPLETED", items.get(id).get("trip_status").s(), id);
            }
        }
    }

    @Test
    void aDateWithoutTripsHasAKpiFileWithCountZero() throws Exception {
        JsonNode kpi = tripflow.kpi(LocalDate.of(2001, 1, 1));
        assertEquals(0, kpi.get("count_trips").asInt());
        assertTrue(kpi.get("total_fare").isNull());
    }

    /** daily_trip_kpis.csv has a row for each of these dates, each cell the figure of the date's KPI file. */
    private static void assertCsvRowsEqualKpiFiles(List<LocalDate> dates) throws Exception {
        List<String> lines = tripflow.kpiCsv().lines().toList();
        List<String> header = List.of(lines.get(0).split(",", -1));
        Map<String, List<String>> rows = lines.subList(1, lines.size()).stream()
                .collect(Collectors.toMap(line -> line.substring(0, line.indexOf(',')), line -> List.of(line.split(",", -1))));
        for (LocalDate date : dates) {
            JsonNode kpi = tripflow.kpiFile(date);
            List<String> row = rows.get(date.toString());
            assertNotNull(row, date + " has a row");
            for (int column = 0; column < header.size(); column++) {
                String name = header.get(column);
                assertEquals(byValue(expectedCell(kpi, name)), byValue(row.get(column)), date + " " + name);
            }
        }
    }

    /** Numbers by their value (80.10 as 80.1): the KPI file is read here by a reader that drops trailing zeros. */
    private static String byValue(String cell) {
        return java.util.regex.Pattern.compile("\\d+(\\.\\d+)?").matcher(cell)
                .replaceAll(number -> new BigDecimal(number.group()).stripTrailingZeros().toPlainString());
    }

    /** What a CSV column must say, read from the KPI file by the column's documented meaning. */
    private static String expectedCell(JsonNode kpi, String column) {
        if (column.startsWith("by_")) {
            List<String> groups = new ArrayList<>();
            kpi.get(column).fields().forEachRemaining(group -> groups.add(group.getKey() + "=" + group.getValue().get("count_trips").asText()
                    + "/" + group.getValue().get("total_fare").decimalValue().toPlainString()));
            return String.join(";", groups);
        }
        JsonNode value = column.matches("(short|medium|long)_trips") ? kpi.get("trips_by_duration_class").get(column.replace("_trips", ""))
                : kpi.get(column);
        assertNotNull(value, "the KPI file has " + column);
        return value.isNull() ? "" : value.isNumber() ? value.decimalValue().toPlainString() : value.asText();
    }

    private record Poison(String name, TripHalf.Side side, boolean mixedStream, byte[] record, String errorType, String reasonPart) {
        Poison(String name, TripHalf.Side side, String record, String errorType, String reasonPart) {
            this(name, side, false, record.getBytes(StandardCharsets.UTF_8), errorType, reasonPart);
        }
    }

    private static String end(String id, String fare) {
        return "{\"trip_id\":\"" + id + "\",\"dropoff_datetime\":\"2024-07-01 10:30:00\",\"fare_amount\":" + fare + ",\"tip_amount\":1.0,\"trip_distance\":2.5}";
    }

    private static String start(String id, String pickup) {
        return "{\"trip_id\":\"" + id + "\",\"pickup_datetime\":\"" + pickup + "\",\"estimated_dropoff_datetime\":\"2024-07-01 10:35:00\",\"estimated_fare_amount\":20}";
    }

    @Test
    void everyMalformedInputIsDeadLetteredWithItsReasonWhileTheValidEventsAroundItAreStored() throws Exception {
        List<Poison> poisons = List.of(
                new Poison("truncated JSON", TripHalf.Side.END, "{\"trip_id\":\"p1\",\"fare_amount\":", "MALFORMED_JSON", "Unexpected end-of-input"),
                new Poison("not JSON", TripHalf.Side.START, "trip_id=p2", "MALFORMED_JSON", "Unrecognized token"),
                new Poison("missing fare", TripHalf.Side.END, "{\"trip_id\":\"p3\",\"dropoff_datetime\":\"2024-07-01 10:30:00\"}", "SCHEMA_VIOLATION", "fare_amount"),
                new Poison("missing trip_id", TripHalf.Side.START, "{\"pickup_datetime\":\"2024-07-01 10:00:00\",\"estimated_dropoff_datetime\":\"2024-07-01 10:35:00\",\"estimated_fare_amount\":20}", "SCHEMA_VIOLATION", "trip_id"),
                new Poison("fare as text", TripHalf.Side.END, end("p5", "\"12.50\""), "SCHEMA_VIOLATION", "$.fare_amount"),
                new Poison("numeric trip_id", TripHalf.Side.END, end("p6", "10").replace("\"p6\"", "487037833"), "SCHEMA_VIOLATION", "$.trip_id"),
                new Poison("negative fare", TripHalf.Side.END, end("p7", "-3.5"), "SCHEMA_VIOLATION", "minimum value of 0"),
                new Poison("absurd fare", TripHalf.Side.END, end("p8", "1e400"), "SCHEMA_VIOLATION", "maximum value"),
                new Poison("impossible date", TripHalf.Side.START, start("p9", "2024-02-30 10:00:00"), "INVALID_FIELD", "2024-02-30"),
                new Poison("impossible time", TripHalf.Side.START, start("p10", "2024-07-01 25:61:00"), "INVALID_FIELD", "25:61"),
                new Poison("duplicate keys", TripHalf.Side.END, end("p11", "10").replace("}", ",\"fare_amount\":-1}"), "MALFORMED_JSON", "Duplicate field"),
                new Poison("array", TripHalf.Side.END, "[" + end("p12", "10") + "]", "SCHEMA_VIOLATION", "array"),
                new Poison("NaN", TripHalf.Side.END, end("p13", "NaN"), "MALFORMED_JSON", "NaN"),
                new Poison("control character in trip_id", TripHalf.Side.END, end("p\\u000114", "10"), "SCHEMA_VIOLATION", "$.trip_id"),
                new Poison("invalid UTF-8", TripHalf.Side.END, false, new byte[] {'{', '"', 't', (byte) 0xC3, (byte) 0x28, '"', ':', '1', '}'}, "MALFORMED_JSON", "UTF-8"),
                new Poison("unknown event type", null, true, "{\"event_type\":\"trip_pause\",\"trip_id\":\"p16\"}".getBytes(StandardCharsets.UTF_8), "UNKNOWN_EVENT_TYPE", "trip_pause"),
                new Poison("no event type", null, true, end("p17", "10").getBytes(StandardCharsets.UTF_8), "UNKNOWN_EVENT_TYPE", "neither"),
                new Poison("number instead of an object", TripHalf.Side.END, "42", "SCHEMA_VIOLATION", "object"),
                new Poison("string instead of an object", TripHalf.Side.START, "\"trip p19\"", "SCHEMA_VIOLATION", "object"),
                new Poison("null instead of an object", TripHalf.Side.END, "null", "SCHEMA_VIOLATION", "object"),
                new Poison("empty object", TripHalf.Side.START, "{}", "SCHEMA_VIOLATION", "required property 'trip_id'"),
                new Poison("empty trip_id", TripHalf.Side.END, end("", "10"), "SCHEMA_VIOLATION", "$.trip_id"),
                new Poison("empty fare", TripHalf.Side.END, end("p23", "\"\""), "SCHEMA_VIOLATION", "$.fare_amount"),
                new Poison("Infinity", TripHalf.Side.END, end("p24", "Infinity"), "MALFORMED_JSON", "Infinity"),
                new Poison("fare out of range", TripHalf.Side.END, end("p25", "50000"), "SCHEMA_VIOLATION", "maximum value"),
                new Poison("estimated drop-off before pick-up", TripHalf.Side.START, start("p26", "2024-07-01 11:00:00"), "INVALID_FIELD", "before pickup_datetime"),
                new Poison("far-future date", TripHalf.Side.START, start("p27", "2999-07-01 10:00:00").replace("2024-07-01 10:35:00", "2999-07-01 10:35:00"), "INVALID_FIELD", "in the future"),
                new Poison("date in another format", TripHalf.Side.END, end("p28", "10").replace("2024-07-01 10:30:00", "01/07/2024 10:30"), "SCHEMA_VIOLATION", "$.dropoff_datetime"),
                new Poison("10 KB trip_id", TripHalf.Side.END, end("p29" + "x".repeat(10_240), "10"), "SCHEMA_VIOLATION", "$.trip_id"),
                new Poison("10,000-deep nesting", TripHalf.Side.END, "[".repeat(10_000) + "]".repeat(10_000), "MALFORMED_JSON", "nesting depth"),
                new Poison("1 MB record", TripHalf.Side.END, end("p31" + "y".repeat(1_000_000), "10"), "SCHEMA_VIOLATION", "$.trip_id"),
                new Poison("trailing garbage", TripHalf.Side.END, end("p32", "10") + " {}", "MALFORMED_JSON", "Trailing token"),
                new Poison("null trip_id", TripHalf.Side.START, start("p33", "2024-07-01 10:00:00").replace("\"p33\"", "null"), "SCHEMA_VIOLATION", "$.trip_id"),
                new Poison("wrong half on a per-half stream", TripHalf.Side.START, start("p34", "2024-07-01 10:00:00").replace("{", "{\"event_type\":\"trip_end\","), "SCHEMA_VIOLATION", "$.event_type"),
                new Poison("no estimates, not from a whole trip", TripHalf.Side.START, "{\"trip_id\":\"p35\",\"pickup_datetime\":\"2024-07-01 10:00:00\"}", "SCHEMA_VIOLATION", "estimated_fare_amount"),
                new Poison("blank record", TripHalf.Side.END, "   ", "MALFORMED_JSON", "No content"));

        assertTrue(poisons.size() >= 30, "the issue asks for at least 30 kinds of poison");
        String events = tripflow.settings.get("tripflow.streams.trip-events");
        List<String> valid = new ArrayList<>();
        for (int i = 0; i < poisons.size(); i++) {
            Poison poison = poisons.get(i);
            String id = "ok-" + i;
            valid.add(id);
            // Valid halves before and after each poison record, on the same partition (and shard).
            tripflow.putRaw(tripflow.stream(TripHalf.Side.START), "p" + i, start(id, "2024-07-01 10:00:00"));
            tripflow.putRaw(poison.mixedStream() ? events : tripflow.stream(poison.side()), "p" + i, poison.record());
            tripflow.putRaw(tripflow.stream(TripHalf.Side.END), "p" + i, end(id, "15.25"));
        }
        // The mixed stream carries valid halves too.
        tripflow.putRaw(events, "mixed", start("ok-mixed", "2024-07-01 10:00:00").replace("{", "{\"event_type\":\"trip_start\","));
        tripflow.putRaw(events, "mixed", end("ok-mixed", "15.25").replace("{", "{\"event_type\":\"trip_end\","));
        valid.add("ok-mixed");

        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> tripflow.deadLetters().size() >= poisons.size() && tripflow.completedTrips(LocalDate.of(2024, 7, 1)) >= valid.size());

        List<Message> letters = tripflow.deadLetters();
        assertEquals(poisons.size(), letters.size(), "one dead letter per poison record, none for valid ones");
        Map<String, Message> byBody = letters.stream().collect(Collectors.toMap(m -> new String(
                tripflow.originalRecord(m), StandardCharsets.ISO_8859_1), m -> m));
        for (Poison poison : poisons) {
            Message letter = byBody.get(new String(poison.record(), StandardCharsets.ISO_8859_1));
            assertNotNull(letter, poison.name() + ": dead letter with the original record as its body");
            Map<String, String> attributes = attributes(letter);
            assertEquals(poison.errorType(), attributes.get("error_type"), poison.name() + ": " + attributes);
            assertTrue(attributes.get("reason").contains(poison.reasonPart()), poison.name() + ": " + attributes.get("reason"));
            String expectedStream = poison.mixedStream() ? events : tripflow.stream(poison.side());
            assertEquals(expectedStream, attributes.get("source_stream"), poison.name());
            assertTrue(attributes.get("shard_id").startsWith("shardId-"), poison.name());
            assertNotNull(attributes.get("sequence_number"), poison.name());
            assertNotNull(attributes.get("arrival_time"), poison.name());
        }
        Message invalidUtf8 = byBody.get(new String(poisons.get(14).record(), StandardCharsets.ISO_8859_1));
        assertEquals("base64", attributes(invalidUtf8).get("body_encoding"));
        assertArrayEquals(poisons.get(14).record(), DeadLetter.originalRecord(invalidUtf8.body(), attributes(invalidUtf8)));

        Poison oversized = poisons.stream().filter(p -> p.name().equals("1 MB record")).findFirst().orElseThrow();
        Message overflowed = byBody.get(new String(oversized.record(), StandardCharsets.ISO_8859_1));
        assertEquals("s3", attributes(overflowed).get("body_encoding"), "a record too big for SQS is kept in S3");
        assertTrue(overflowed.body().startsWith("s3://" + tripflow.settings.get("tripflow.kpi.bucket") + "/dead-letter-records/"), overflowed.body());

        // The counters carry each record's own stream and outcome (the mixed stream's records occur only here).
        long mixedPoisons = poisons.stream().filter(Poison::mixedStream).count();
        assertEquals(mixedPoisons, tripflow.eventCount(events, "DEAD_LETTERED"));
        assertEquals(2, tripflow.eventCount(events, "STORED"), "ok-mixed's start and end");

        var items = tripflow.items();
        for (String id : valid) {
            assertEquals("COMPLETED", items.get(id).get("trip_status").s(), id);
            assertEquals(new BigDecimal("15.25"), new BigDecimal(items.get(id).get("fare_amount").n()), id);
        }
    }

    /** Compared by value: JSON trees drop trailing zeros (5753.10 reads back as 5753.1). */
    private static Map<String, String> attributes(Message message) {
        return message.messageAttributes().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stringValue()));
    }
}
