package io.tripflow.trip;

import io.tripflow.dynamodb.NumberBounds;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TripEventParserTest {

    private static final ObjectMapper JSON = TripJson.strictReader();
    private final TripEventParser parser = new TripEventParser(
            Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC), Duration.ofDays(1), NumberBounds.DEFAULT);

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    private static final String END = """
            {"trip_id":"0487037833","dropoff_datetime":"2024-05-25 14:05:00","rate_code":5.0,"passenger_count":0.0,
             "trip_distance":0.1,"fare_amount":40.09620692463166,"tip_amount":0.0,"payment_type":3.0,"trip_type":2.0}""";

    @Test
    void parsesAnEndKeepingTheIdAsTextAndTheFareExact() throws Exception {
        TripEnd end = parser.parseEnd(json(END));
        assertEquals("0487037833", end.tripId());
        assertEquals(new BigDecimal("40.09620692463166"), end.fareAmount());
        assertEquals(Instant.parse("2024-05-25T14:05:00Z"), end.dropoffAt());
        assertEquals(end.dropoffAt(), end.eventTime());
    }

    @Test
    void anEndWithEmptyOrNullOptionalFieldsIsStillAValidTripEnd() throws Exception {
        TripEnd end = parser.parseEnd(json("""
                {"trip_id":"2e37064969","dropoff_datetime":"2024-05-25 14:05:00","rate_code":"","passenger_count":null,
                 "trip_distance":3.2,"fare_amount":12.5,"tip_amount":0.0,"payment_type":"","trip_type":""}"""));
        assertNull(end.rateCode());
        assertNull(end.passengerCount());
        assertNull(end.paymentType());
        assertEquals("2e37064969", end.tripId());
    }

    @Test
    void collectsEveryProblemOfAnEventIntoOneRejection() throws Exception {
        var rejected = assertThrows(InvalidTripEventException.class, () -> parser.parseStart(json("""
                {"trip_id":"t1","pickup_datetime":"2024-02-30 10:00:00","estimated_dropoff_datetime":"2030-01-01 00:00:00",
                 "estimated_fare_amount":-3}""")));
        assertEquals("INVALID_FIELD", rejected.errorType());
        assertEquals(3, rejected.reasons().size(), rejected.reasons().toString());
        assertTrue(rejected.reasons().get(0).contains("2024-02-30"));
        assertTrue(rejected.reasons().get(1).contains("in the future"));
        assertTrue(rejected.reasons().get(2).contains("negative"));
    }

    @Test
    void rejectsAnEstimatedDropoffBeforeThePickup() throws Exception {
        var rejected = assertThrows(InvalidTripEventException.class, () -> parser.parseStart(json("""
                {"trip_id":"t1","pickup_datetime":"2024-05-25 10:00:00","estimated_dropoff_datetime":"2024-05-25 09:00:00",
                 "estimated_fare_amount":3}""")));
        assertEquals("estimated_dropoff_datetime is before pickup_datetime", rejected.getMessage());
    }

    @Test
    void rejectsWrongTypesEvenWithoutTheSchema() throws Exception {
        assertThrows(InvalidTripEventException.class, () -> parser.parseEnd(json("""
                {"trip_id":123,"dropoff_datetime":"2024-05-25 14:05:00","fare_amount":"12"}""")));
        assertThrows(InvalidTripEventException.class, () -> parser.parseEnd(json("[1,2]")));
    }

    @Test
    void theSameEventHasTheSameVersionWhateverTheNumberSpelling() throws Exception {
        String respelled = END.replace("\"rate_code\":5.0", "\"rate_code\":5").replace("0.1,", "0.10,");
        assertEquals(parser.parseEnd(json(END)).version(), parser.parseEnd(json(respelled)).version());
    }

    @Test
    void aDifferentEventAtTheSameTimeHasADifferentVersionWithTheSameTimePrefix() throws Exception {
        TripEnd original = parser.parseEnd(json(END));
        TripEnd corrected = parser.parseEnd(json(END.replace("40.09620692463166", "41.5")));
        assertNotEquals(original.version(), corrected.version());
        assertEquals(original.version().substring(0, 31), corrected.version().substring(0, 31));
    }

    @Test
    void aLaterEventTimeGivesAGreaterVersion() throws Exception {
        TripEnd first = parser.parseEnd(json(END));
        TripEnd resent = parser.parseEnd(json(END.replace("{", "{\"event_time\":\"2024-05-25T14:06:00Z\",")));
        assertTrue(resent.version().compareTo(first.version()) > 0);
    }
    @Test
    void aStartFromAWholeTripRowNeedsNoEstimatesButAnyOtherStartDoes() throws Exception {
        TripStart whole = parser.parseStart(json("""
                {"trip_id":"wt-1","source":"whole_trip","pickup_datetime":"2024-05-25 08:00:00","vendor_id":2}"""));
        assertNull(whole.estimatedFareAmount());
        assertNull(whole.estimatedDropoffAt());
        var plain = assertThrows(InvalidTripEventException.class, () -> parser.parseStart(json("""
                {"trip_id":"t1","pickup_datetime":"2024-05-25 08:00:00","vendor_id":2}""")));
        assertEquals(2, plain.reasons().size(), plain.reasons().toString());
    }

    @Test
    void anEndKeepsItsTotalAmountAndATotalMakesANewVersion() throws Exception {
        TripEnd withTotal = parser.parseEnd(json(END.replace("\"tip_amount\":0.0", "\"tip_amount\":0.0,\"total_amount\":43.59")));
        assertEquals(new BigDecimal("43.59"), withTotal.totalAmount());
        assertNull(parser.parseEnd(json(END)).totalAmount());
        assertNotEquals(parser.parseEnd(json(END)).version(), withTotal.version());
        assertThrows(InvalidTripEventException.class,
                () -> parser.parseEnd(json(END.replace("\"tip_amount\":0.0", "\"tip_amount\":0.0,\"total_amount\":-1"))));
    }
}
