package io.tripflow.dev;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;

import io.tripflow.orders.ShopGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Writes samples/trip_start.csv and samples/trip_end.csv: generated trips in the real data set's
 * format and with its quirks (numeric-looking ids, empty optional fields, midnight crossings,
 * distance outliers, full-precision fares), plus two rows that the pipeline must reject; and
 * samples/orders/, a generated shop (see {@link ShopGenerator}) in two files per kind.
 */
@Command(name = "samples", description = "Generate the sample trip CSV pair in the real data's format and the sample shop files (deterministic).")
public class SamplesCommand implements Callable<Integer> {

    static final String START_HEADER = "trip_id,pickup_location_id,dropoff_location_id,vendor_id,pickup_datetime,estimated_dropoff_datetime,estimated_fare_amount";
    static final String END_HEADER = "dropoff_datetime,rate_code,passenger_count,trip_distance,fare_amount,tip_amount,payment_type,trip_type,trip_id";
    private static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Option(names = "--trips", defaultValue = "300")
    int trips;

    @Option(names = "--seed", defaultValue = "20240525")
    long seed;

    @Option(names = "--dir", defaultValue = "samples")
    Path dir;

    /** The sample shop: its size, and its files per kind (files arrive in any order and several per kind). */
    static final ShopGenerator SAMPLE_SHOP = new ShopGenerator(20250301, 1_000, 150, LocalDate.of(2025, 3, 1), 10);
    static final int SAMPLE_SHOP_FILES = 2;

    @Override
    public Integer call() throws IOException {
        write(dir, trips, seed);
        System.out.println("wrote " + trips + " trips to " + dir.resolve("trip_start.csv") + " and " + dir.resolve("trip_end.csv"));
        List<Path> shop = SAMPLE_SHOP.write(dir.resolve("orders"), SAMPLE_SHOP_FILES);
        System.out.println("wrote a shop of " + SAMPLE_SHOP.orders() + " orders to " + shop.size() + " files in " + dir.resolve("orders"));
        return 0;
    }

    static void write(Path dir, int trips, long seed) throws IOException {
        Random random = new Random(seed);
        List<String> starts = new ArrayList<>();
        List<String> ends = new ArrayList<>();
        LocalDateTime day = LocalDateTime.of(2024, 5, 25, 0, 0);
        for (int i = 0; i < trips; i++) {
            String id = tripId(random, i);
            // Most trips in the day; every 20th starts late enough to end after midnight.
            LocalDateTime pickup = i % 20 == 0
                    ? day.plusHours(23).plusMinutes(20 + random.nextInt(39))
                    : day.plusMinutes(random.nextInt(22 * 60));
            int minutes = 5 + random.nextInt(56);
            LocalDateTime dropoff = pickup.plusMinutes(minutes);
            double estimatedFare = 8 + random.nextDouble() * 92;
            double fare = i % 3 == 0 ? estimatedFare : 10 + random.nextDouble() * 90;
            String pickupText = CSV_TIME.format(pickup);
            if (i == 7) {
                pickupText = "2024-02-30 10:00:00"; // impossible date: dead-lettered, never stored
            }
            starts.add(String.join(",", id, String.valueOf(1 + random.nextInt(265)), String.valueOf(1 + random.nextInt(265)),
                    String.valueOf(1 + random.nextInt(2)), pickupText,
                    CSV_TIME.format(pickup.plusMinutes(minutes + random.nextInt(7) - 3)), String.valueOf(estimatedFare)));
            boolean sparse = i % 9 == 4; // like the 531 real ends without rate code, passengers, payment, trip type
            double distance = i % 97 == 50 ? 28_000 + random.nextDouble() * 60_000 : Math.round(random.nextDouble() * 2000) / 100.0;
            String fareText = i == 11 ? "-" + fare : String.valueOf(fare); // negative fare: dead-lettered
            ends.add(String.join(",", CSV_TIME.format(dropoff),
                    sparse ? "" : (1 + random.nextInt(5)) + ".0",
                    sparse ? "" : random.nextInt(7) + ".0",
                    String.valueOf(distance), fareText,
                    random.nextInt(3) == 0 ? String.valueOf(random.nextDouble() * 5) : "0.0",
                    sparse ? "" : (1 + random.nextInt(4)) + ".0",
                    sparse ? "" : (1 + random.nextInt(2)) + ".0",
                    id));
        }
        Collections.shuffle(ends, random);
        Files.createDirectories(dir);
        writeCsv(dir.resolve("trip_start.csv"), START_HEADER, starts);
        writeCsv(dir.resolve("trip_end.csv"), END_HEADER, ends);
    }

    /** Hex ids like the real data, and the numeric-looking ones that break naive readers. */
    private static String tripId(Random random, int i) {
        if (i % 25 == 3) {
            return String.format("0%09d", random.nextInt(1_000_000_000));
        }
        if (i % 40 == 5) {
            return random.nextInt(10) + "e" + String.format("%08d", random.nextInt(100_000_000));
        }
        return String.format("%010x", random.nextLong() & 0xFF_FFFF_FFFFL);
    }

    private static void writeCsv(Path file, String header, List<String> rows) throws IOException {
        try (PrintWriter writer = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8))) {
            writer.print(header + "\n");
            rows.forEach(row -> writer.print(row + "\n"));
        }
    }
}
