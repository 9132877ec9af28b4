package io.tripflow.trip.files;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import io.tripflow.digest.Sha256;

/**
 * The trip_id of a whole-trip row that has none: {@code wt-} and 32 hex digits of a SHA-256 over the
 * fields that say which ride it was, in their normalised form (timestamps as ISO-8601 UTC, numbers
 * without trailing zeros), so the same row gives the same id whatever its column order, spacing or
 * number format. The charges (fare, tip, total, payment) are left out on purpose: a row re-sent with
 * corrected charges is the same trip, stored as a newer version, not a second trip.
 */
public final class WholeTripId {

    /** The fields that identify a ride, in the order they are digested. */
    public static final List<String> IDENTITY = List.of("vendor_id", "pickup_datetime", "dropoff_datetime",
            "pickup_location_id", "dropoff_location_id", "passenger_count", "trip_distance");

    private WholeTripId() {
    }

    /** @param cells a row's read cells by column: text, {@link java.time.Instant}, {@link BigDecimal} or null */
    public static String of(Map<String, Object> cells) {
        String canonical = IDENTITY.stream()
                .map(column -> cells.get(column) instanceof BigDecimal number
                        ? number.stripTrailingZeros().toPlainString()
                        : Objects.toString(cells.get(column), ""))
                .collect(Collectors.joining("|"));
        return "wt-" + Sha256.hex(canonical, 16);
    }
}
