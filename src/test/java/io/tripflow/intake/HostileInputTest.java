package io.tripflow.intake;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.tripflow.dynamodb.NumberBounds;
import io.tripflow.orders.OrderFileReader;
import io.tripflow.trip.InvalidTripEventException;
import io.tripflow.trip.TimestampFormats;
import io.tripflow.trip.TripEnd;
import io.tripflow.trip.TripEventReader;
import io.tripflow.trip.TripJson;
import io.tripflow.trip.files.TripEventRecord;
import io.tripflow.trip.files.TripFileReader;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Whatever a producer or a dropped file holds, the readers answer with a value within bounds or a
 * rejection with a short reason: never another exception, never an allocation that grows with a
 * number's exponent (the 12-character cell {@code 1e-999999999} once cost a gigabyte downstream).
 */
class HostileInputTest {

    /** What reading one hostile value or one small file may allocate, far below what one unbounded number costs. */
    private static final long MAX_ALLOCATED_BYTES = 32L << 20;
    private static final int MAX_REASON_CHARS = 300;

    private final TripEventReader events = TripEventReader.of(TripJson.strictReader(),
            Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC), NumberBounds.DEFAULT);

    @Property(tries = 500)
    void anyTextIsABoundedNumberOrANumberFormatExceptionWithAShortReason(@ForAll("numberLikeText") String text) {
        allocationBounded(() -> {
            try {
                BigDecimal number = NumberBounds.DEFAULT.parse(text);
                // what every store and report then does with it
                assertTrue(number.toPlainString().length() <= NumberBounds.DEFAULT.maxIntegerDigits() + NumberBounds.DEFAULT.maxFractionDigits() + 2,
                        number::toString);
            } catch (NumberFormatException rejected) {
                assertTrue(rejected.getMessage().length() <= MAX_REASON_CHARS, rejected::getMessage);
            }
            return null;
        });
    }

    @Property(tries = 300)
    void anyJsonNumberInAnEndEventIsStoredBoundedOrDeadLetteredWithAReason(@ForAll("numberLikeText") String number,
            @ForAll("endNumberFields") String field) {
        String event = "{\"event_type\":\"trip_end\",\"trip_id\":\"t1\",\"dropoff_datetime\":\"2024-05-25 10:00:00\","
                + "\"fare_amount\":12.5,\"" + field + "\":" + number + "}";
        allocationBounded(() -> {
            try {
                TripEnd end = events.end(event.getBytes(StandardCharsets.UTF_8));
                for (BigDecimal value : new BigDecimal[] {end.fareAmount(), end.tripDistance(), end.tipAmount(), end.totalAmount()}) {
                    assertTrue(value == null || value.toPlainString().length() <= 40, () -> field + "=" + value);
                }
            } catch (InvalidTripEventException rejected) {
                assertTrue(String.join("; ", rejected.reasons()).length() <= 4 * MAX_REASON_CHARS, rejected::getMessage);
            }
            return null;
        });
    }

    @Example
    void theHostileCorpusFilesAreRowsOrRejectionsWithLineAndReason() {
        anyBytesAfterATripHeaderAreRowsOrRejectionsWithLineAndReason(HostileCorpus.wholeTripFile("2024-06-11").getBytes(StandardCharsets.UTF_8));
        anyBytesAfterAShopHeaderAreRowsOrRejectionsWithLineAndReason(HostileCorpus.ordersFile().getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 300)
    void anyBytesAfterATripHeaderAreRowsOrRejectionsWithLineAndReason(@ForAll("tripFiles") byte[] file) {
        FileReport report = report();
        allocationBounded(() -> {
            new TripFileReader(TimestampFormats.BUILT_IN, NumberBounds.DEFAULT).batches(new ByteArrayInputStream(file), report)
                    .forEachRemaining(batch -> batch.forEach(HostileInputTest::boundedEvent));
            return null;
        });
        assertReasonsShort(report);
    }

    @Property(tries = 300)
    void anyBytesAfterAShopHeaderAreRowsOrRejectionsWithLineAndReason(@ForAll("shopFiles") byte[] file) {
        FileReport report = report();
        allocationBounded(() -> {
            new OrderFileReader(NumberBounds.DEFAULT).batches(new ByteArrayInputStream(file), report).forEachRemaining(batch -> { });
            return null;
        });
        assertReasonsShort(report);
    }

    /**
     * A trip file gzipped, then cut short or with a byte flipped, as a broken upload leaves it: its
     * rows up to the damage, then a rejection with the reason; never another exception.
     */
    @Property(tries = 200)
    void anyGzipFileCutOrFlippedIsRowsThenARejection(@ForAll("tripFiles") byte[] file, @ForAll double cutAt, @ForAll int flip)
            throws IOException {
        byte[] gzip = CompressionTest.gzip(file);
        byte[] damaged = Arrays.copyOf(gzip, Math.max(1, (int) (gzip.length * Math.abs(cutAt % 1.0))));
        damaged[Math.floorMod(flip, damaged.length)] ^= (byte) (flip >>> 24 | 1);
        readGzip(damaged);
    }

    /** 20 MB of one line in 20 KB of gzip: bounded by the record limit, never whole in memory. */
    @Example
    void aGzipBombIsReadWithinBoundedMemory() throws IOException {
        byte[] bomb = CompressionTest.gzip(("trip_id,dropoff_datetime,fare_amount\n" + "x".repeat(20 << 20) + "\n").getBytes(StandardCharsets.UTF_8));
        FileReport report = readGzip(bomb);
        assertTrue(report.rowsRejected() == 1 && report.toJson().get("rejected_rows").toString().contains("longer than"), report::summary);
    }

    private static FileReport readGzip(byte[] gzip) {
        FileReport report = report();
        allocationBounded(() -> {
            try {
                new TripFileReader(TimestampFormats.BUILT_IN, NumberBounds.DEFAULT)
                        .batches(Compression.open(new CountedStream(new ByteArrayInputStream(gzip), bytes -> { }), true), report)
                        .forEachRemaining(batch -> batch.forEach(HostileInputTest::boundedEvent));
            } catch (DamagedArchiveException notGzip) {
                report.rejectFile(notGzip.getMessage()); // as FileIntake.batches does
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return null;
        });
        assertReasonsShort(report);
        return report;
    }

    private static void boundedEvent(TripEventRecord event) {
        assertTrue(event.json().length() < 4_096, () -> "an event of " + event.json().length() + " characters");
    }

    private static FileReport report() {
        return new FileReport("b", "incoming/f.csv", "etag", "me", 1_000, Instant.EPOCH);
    }

    @SuppressWarnings("unchecked")
    private static void assertReasonsShort(FileReport report) {
        for (var row : (List<Map<String, Object>>) report.toJson().get("rejected_rows")) {
            assertTrue((int) row.get("line") >= 2 && row.get("reason").toString().length() <= MAX_REASON_CHARS, row::toString);
        }
        assertTrue(report.rowsRead() >= report.rowsRejected(), report::summary);
    }

    /** Runs the check and fails when it allocated more than {@link #MAX_ALLOCATED_BYTES} on this thread. */
    private static void allocationBounded(Supplier<Void> check) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        check.get();
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < MAX_ALLOCATED_BYTES, () -> "allocated " + allocated + " bytes");
    }

    /** Numbers as attackers write them: huge exponents and precisions, signs, points, and plain junk. */
    @Provide
    Arbitrary<String> numberLikeText() {
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(80);
        Arbitrary<String> exponent = Arbitraries.oneOf(Arbitraries.integers().between(-999_999_999, 999_999_999).map(Object::toString),
                Arbitraries.integers().between(-200, 200).map(Object::toString));
        Arbitrary<String> scientific = Combinators.combine(Arbitraries.of("", "-", "+"), digits, Arbitraries.of("", ".5", ".000"),
                Arbitraries.of("e", "E"), exponent).as((sign, d, point, e, x) -> sign + d + point + e + x);
        Arbitrary<String> plain = Combinators.combine(Arbitraries.of("", "-"), digits, Arbitraries.of("", "."), digits)
                .as((sign, whole, point, fraction) -> sign + whole + point + fraction);
        return Arbitraries.oneOf(scientific, plain, Arbitraries.strings().ofMaxLength(100), Arbitraries.of(HostileCorpus.NUMBERS));
    }

    @Provide
    Arbitrary<String> endNumberFields() {
        return Arbitraries.of("fare_amount", "trip_distance", "tip_amount", "total_amount", "passenger_count", "rate_code", "payment_type");
    }

    @Provide
    Arbitrary<byte[]> tripFiles() {
        return filesAfter("trip_id,dropoff_datetime,fare_amount,trip_distance,tip_amount\n",
                "t1,2024-05-25 10:00:00,%s,%s,1.5\n");
    }

    @Provide
    Arbitrary<byte[]> shopFiles() {
        return filesAfter("id,order_id,user_id,product_id,status,created_at,shipped_at,delivered_at,returned_at,sale_price\n",
                "1,2,3,4,Complete,2024-05-25 10:00:00,,,,%s%s\n");
    }

    /** A header, then rows whose numbers are hostile, then arbitrary bytes (not text, quotes, long lines). */
    private Arbitrary<byte[]> filesAfter(String header, String rowTemplate) {
        Arbitrary<String> rows = Combinators.combine(numberLikeText(), numberLikeText()).as(rowTemplate::formatted)
                .list().ofMaxSize(20).map(list -> String.join("", list));
        Arbitrary<byte[]> tail = Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000);
        return Combinators.combine(rows, tail).as((text, bytes) -> {
            byte[] head = (header + text).getBytes(StandardCharsets.UTF_8);
            byte[] file = new byte[head.length + bytes.length];
            System.arraycopy(head, 0, file, 0, head.length);
            System.arraycopy(bytes, 0, file, head.length, bytes.length);
            return file;
        });
    }
}
