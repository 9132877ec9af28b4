package io.tripflow.routes;

/** Trip events as they arrive on the streams, for the route tests. */
final class TripEvents {

    private TripEvents() {
    }

    static String start(String tripId, String pickup, String fare) {
        return """
                {"event_type":"trip_start","trip_id":"%s","pickup_location_id":93,"dropoff_location_id":93,"vendor_id":1,\
                "pickup_datetime":"%s","estimated_dropoff_datetime":"%s","estimated_fare_amount":%s}"""
                .formatted(tripId, pickup, pickup, fare);
    }

    static String end(String tripId, String dropoff, String fare) {
        return """
                {"event_type":"trip_end","trip_id":"%s","dropoff_datetime":"%s","rate_code":5.0,"passenger_count":1.0,\
                "trip_distance":2.5,"fare_amount":%s,"tip_amount":1.5,"payment_type":3.0,"trip_type":2.0}"""
                .formatted(tripId, dropoff, fare);
    }
}
