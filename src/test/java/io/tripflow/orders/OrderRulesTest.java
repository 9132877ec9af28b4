package io.tripflow.orders;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OrderRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aTimeOfTheRightFormThatIsNoCalendarTimeRejectsTheRow() throws Exception {
        var verdict = OrderRules.check(OrderFileKind.ORDERS, JSON.readTree("""
                {"order_id":"1","user_id":"2","status":"delivered","created_at":"2025-02-30T10:00:00","delivered_at":"2025-03-02T25:00:00"}"""));
        assertTrue(verdict.rejected());
        assertEquals(List.of("created_at '2025-02-30T10:00:00' is not a real date and time",
                "delivered_at '2025-03-02T25:00:00' is not a real date and time"), verdict.problems());
        assertFalse(OrderRules.check(OrderFileKind.ORDERS, JSON.readTree("""
                {"order_id":"1","user_id":"2","status":"shipped","created_at":"2025-03-30T16:14:26","shipped_at":"2025-03-31T08:00:00Z"}"""))
                .rejected(), "with or without a zone");
    }

    @Test
    void aProductWithoutBrandIsAWarningNotARejection() throws Exception {
        var verdict = OrderRules.check(OrderFileKind.PRODUCTS, JSON.readTree("""
                {"id":"1","sku":"S1","name":"Socks","category":"Socks"}"""));
        assertFalse(verdict.rejected());
        assertEquals(List.of("no brand"), verdict.warnings());
        assertEquals(List.of(), OrderRules.check(OrderFileKind.PRODUCTS, JSON.readTree("""
                {"id":"1","sku":"S1","name":"Socks","category":"Socks","brand":"Acme"}""")).warnings());
    }
}
