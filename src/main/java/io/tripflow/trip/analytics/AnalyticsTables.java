package io.tripflow.trip.analytics;

import java.util.List;

import io.tripflow.dynamodb.TableShapes;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;

/**
 * The three analytics tables, each keyed by {@code trip_id}: high-value trips, the duration of
 * every classified trip, and the fare per distance of every trip with a distance.
 */
public record AnalyticsTables(String highValue, String duration, String farePerDistance) {

    public static final String TRIP_ID = "trip_id";

    public List<String> all() {
        return List.of(highValue, duration, farePerDistance);
    }

    /** Each of them: keyed by trip_id. */
    public static CreateTableRequest request(String table) {
        return TableShapes.keyed(table, TRIP_ID);
    }
}
