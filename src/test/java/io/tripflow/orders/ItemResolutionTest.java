package io.tripflow.orders;

import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ItemResolutionTest {

    private static final Map<String, AttributeValue> ORDER = Map.of("user_id", s("3"), OrderStateTable.ORDER_DAY, s("2025-03-30"));
    private static final Map<String, AttributeValue> PRODUCT = Map.of("category", s("Socks"));

    @Test
    void anItemCountsOnItsOrdersDateInItsProductsCategoryOnceBothHaveArrived() {
        assertEquals(new ItemResolution("2025-03-30", "Socks", null, null), ItemResolution.of("3", ORDER, PRODUCT));
        assertEquals("order and product", ItemResolution.of("3", null, null).waitingFor());
        assertEquals("order", ItemResolution.of("3", null, PRODUCT).waitingFor());
        assertEquals("product", ItemResolution.of("3", ORDER, null).waitingFor());
        assertEquals("user_id 4 differs from its order's 3", ItemResolution.of("4", ORDER, PRODUCT).rejection());
    }

    @Test
    void aResolutionRemovesWhatAnOlderOneSetAndOnlyAWaitingItemIsInTheWaitingIndex() {
        Map<String, AttributeValue> counted = ItemResolution.of("3", ORDER, PRODUCT).attributes();
        assertNull(counted.get(ItemResolution.WAITING_PARTITION));
        assertTrue(counted.containsKey(ItemResolution.WAITING_SINCE), "removed");
        assertTrue(counted.containsKey(ItemResolution.REJECTED), "removed");
        Map<String, AttributeValue> waiting = ItemResolution.of("3", null, PRODUCT).attributes();
        assertEquals(s(ItemResolution.WAITING), waiting.get(ItemResolution.WAITING_PARTITION));
        assertNull(waiting.get(ItemResolution.ITEM_DAY));
        assertFalse(waiting.containsKey(ItemResolution.WAITING_SINCE), "kept from when it started waiting");
    }

    @Test
    void onlyItemsWhoseResolutionAnArrivingOrderOrProductChangesAreResolvedAgain() {
        Map<String, AttributeValue> counted = Map.of("user_id", s("3"), ItemResolution.ITEM_DAY, s("2025-03-30"), "category", s("Socks"));
        assertFalse(ItemResolution.affectedByOrder(counted, ORDER));
        assertTrue(ItemResolution.affectedByOrder(counted, Map.of("user_id", s("3"), OrderStateTable.ORDER_DAY, s("2025-03-31"))));
        assertTrue(ItemResolution.affectedByOrder(counted, Map.of("user_id", s("9"), OrderStateTable.ORDER_DAY, s("2025-03-30"))));
        assertTrue(ItemResolution.affectedByOrder(Map.of("user_id", s("3")), ORDER), "waiting");
        assertFalse(ItemResolution.affectedByOrder(Map.of("user_id", s("4"), ItemResolution.REJECTED, s("differs")), ORDER), "still rejected");
        assertFalse(ItemResolution.affectedByProduct(counted, PRODUCT));
        assertTrue(ItemResolution.affectedByProduct(counted, Map.of("category", s("Swim"))));
        assertTrue(ItemResolution.affectedByProduct(Map.of("user_id", s("3")), PRODUCT), "waiting");
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
