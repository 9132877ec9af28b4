package io.tripflow.intake;

import java.util.List;

/**
 * Values as attackers and broken exporters write them, in one place: the property tests mix them into
 * what they generate, and the process test drops them, as files and stream records, on replicas
 * running with the container's heap.
 */
public final class HostileCorpus {

    /** Number cells: expanding exponents, DynamoDB's limits and beyond, lengths, and text that only looks like a number. */
    public static final List<String> NUMBERS = List.of("1e-999999999", "9e+999999999", "-1E-130", "1E-131", "9.99e125", "1e126",
            "0E-999999999", "0E+999999999", "1.0000000000000000000000000000000000000000", "1".repeat(60), "9".repeat(500_000),
            "NaN", "Infinity", "-0", "+-1", "12e", "0x1F", "1,5", "١٢", "1_000", ".", "-", "1e", "e1", "0.31015622513007157");

    private HostileCorpus() {
    }

    /** A whole-trip file, one row per corpus number as its fare, trip ids h-0, h-1, … dropped off on the given date. */
    public static String wholeTripFile(String date) {
        StringBuilder file = new StringBuilder("trip_id,pickup_datetime,dropoff_datetime,fare_amount,trip_distance\n");
        for (int i = 0; i < NUMBERS.size(); i++) {
            file.append("h-").append(i).append(',').append(date).append(" 10:00:00,").append(date).append(" 10:20:00,")
                    .append(NUMBERS.get(i)).append(",1\n");
        }
        // a trip id that no stream key or DynamoDB key may hold, and a row that is no text at its end
        file.append("x".repeat(300_000)).append(',').append(date).append(" 10:00:00,").append(date).append(" 10:20:00,3,1\n");
        return file.toString();
    }

    /** An orders file, one row per corpus number as its num_of_item, order ids h-0, h-1, …; and a key DynamoDB refuses. */
    public static String ordersFile() {
        StringBuilder file = new StringBuilder("order_id,user_id,status,created_at,returned_at,shipped_at,delivered_at,num_of_item\n");
        for (int i = 0; i < NUMBERS.size(); i++) {
            file.append("h-").append(i).append(",1,shipped,2025-03-30T10:00:00,,,,").append(NUMBERS.get(i)).append('\n');
        }
        file.append("8".repeat(3_000)).append(",1,shipped,2025-03-30T10:00:00,,,,1\n");
        file.append("h-dates,1,shipped,0001-01-01T00:00:00,,,,1\n");
        return file.toString();
    }
}
