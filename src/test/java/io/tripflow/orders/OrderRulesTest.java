package io.tripflow.orders;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.tripflow.intake.Finding;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2025-04-01T00:00:00Z");

    @Test
    void aTimeOfTheRightFormThatIsNoCalendarTimeRejectsTheRow() throws Exception {
        var verdict = OrderRules.check(OrderFileKind.ORDERS, JSON.readTree("""
                {"order_id":"1","user_id":"2","status":"delivered","created_at":"2025-02-30T10:00:00","delivered_at":"2025-03-02T25:00:00"}"""), NOW);
        assertTrue(verdict.rejected());
        assertEquals(List.of(new Finding("real_time", "created_at '2025-02-30T10:00:00' is not a real date and time"),
                new Finding("real_time", "delivered_at '2025-03-02T25:00:00' is not a real date and time")), verdict.problems());
        assertFalse(OrderRules.check(OrderFileKind.ORDERS, JSON.readTree("""
                {"order_id":"1","user_id":"2","status":"shipped","created_at":"2025-03-30T16:14:26","shipped_at":"2025-03-31T08:00:00Z"}"""), NOW)
                .rejected(), "with or without a zone");
    }

    @Test
    void aProductWithoutBrandIsAWarningNotARejection() throws Exception {
        var verdict = OrderRules.check(OrderFileKind.PRODUCTS, JSON.readTree("""
                {"id":"1","sku":"S1","name":"Socks","category":"Socks"}"""), NOW);
        assertFalse(verdict.rejected());
        assertEquals(List.of(new Finding("brand", "no brand")), verdict.warnings());
        assertEquals(List.of(), OrderRules.check(OrderFileKind.PRODUCTS, JSON.readTree("""
                {"id":"1","sku":"S1","name":"Socks","category":"Socks","brand":"Acme"}"""), NOW).warnings());
    }

    @Test
    void timesBefore1970OrMoreThanADayAheadRejectTheRowSoDatesStayFew() throws Exception {
        var verdict = OrderRules.check(OrderFileKind.ORDERS, JSON.readTree("""
                {"order_id":"1","user_id":"2","status":"returned","created_at":"0001-01-01T00:00:00","returned_at":"9999-12-31T23:59:59"}"""), NOW);
        assertEquals(List.of(new Finding("time_range", "created_at '0001-01-01T00:00:00' is before 1970"),
                new Finding("time_range", "returned_at '9999-12-31T23:59:59' is in the future")), verdict.problems());
        assertFalse(OrderRules.check(OrderFileKind.ORDERS, JSON.readTree("""
                {"order_id":"1","user_id":"2","status":"shipped","created_at":"2025-04-01T23:59:59+00:00"}"""), NOW).rejected(),
                "within a day ahead");
    }
}
