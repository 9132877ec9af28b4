package io.tripflow.orders;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where an order item stands against its order and product, which may arrive after it: counted on
 * its order's date in its product's category, waiting for what has not arrived yet, or rejected
 * because its user is not its order's.
 *
 * @param day the order's date, when the item counts
 * @param waitingFor "order", "product" or "order and product"; null when nothing is missing
 */
public record ItemResolution(String day, String category, String waitingFor, String rejection) {

    /** Item attributes that hold the resolution; the waiting index is keyed by the last two. */
    static final String ITEM_DAY = "item_day";
    static final String CATEGORY = "category";
    static final String WAITING_FOR = "waiting_for";
    static final String REJECTED = "rejected_reason";
    static final String WAITING_PARTITION = "waiting_partition";
    static final String WAITING_SINCE = "waiting_since";
    /** The one partition of the waiting index: waiting items are few, and listed oldest first. */
    static final String WAITING = "waiting";

    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** A waiting_since value: fixed width, so that the index's string order is time order. */
    static String since(Instant at) {
        return SINCE.format(at);
    }

    /** @param order the stored order, null if it has not arrived; likewise the product */
    static ItemResolution of(String itemUser, Map<String, AttributeValue> order, Map<String, AttributeValue> product) {
        if (order == null || product == null) {
            String missing = order == null && product == null ? "order and product" : order == null ? "order" : "product";
            return new ItemResolution(null, null, missing, null);
        }
        String orderUser = order.get("user_id").s();
        if (!orderUser.equals(itemUser)) {
            return new ItemResolution(null, null, null, "user_id " + itemUser + " differs from its order's " + orderUser);
        }
        return new ItemResolution(order.get(OrderStateTable.ORDER_DAY).s(), product.get(CATEGORY).s(), null, null);
    }

    public boolean waits() {
        return waitingFor != null;
    }

    /** The item's resolution attributes; null removes one (a newer resolution leaves nothing of an older behind). */
    Map<String, AttributeValue> attributes() {
        Map<String, AttributeValue> attributes = new HashMap<>();
        attributes.put(ITEM_DAY, text(day));
        attributes.put(CATEGORY, text(category));
        attributes.put(WAITING_FOR, text(waitingFor));
        attributes.put(REJECTED, text(rejection));
        attributes.put(WAITING_PARTITION, waits() ? AttributeValue.fromS(WAITING) : null);
        if (!waits()) {
            attributes.put(WAITING_SINCE, null);
        }
        return attributes;
    }

    /**
     * Whether an item as an index shows it may be resolved differently now that this order has
     * arrived (or changed): it waits for it, counts on another date, or its rejection no longer fits.
     */
    static boolean affectedByOrder(Map<String, AttributeValue> item, Map<String, AttributeValue> order) {
        boolean userMatches = order.get("user_id").s().equals(item.get("user_id").s());
        if (item.containsKey(REJECTED)) {
            return userMatches;
        }
        return !userMatches || !item.containsKey(ITEM_DAY) || !item.get(ITEM_DAY).s().equals(order.get(OrderStateTable.ORDER_DAY).s());
    }

    /** Likewise for a product: the item waits for it, or counts in another category. */
    static boolean affectedByProduct(Map<String, AttributeValue> item, Map<String, AttributeValue> product) {
        if (item.containsKey(REJECTED)) {
            return false;
        }
        return !item.containsKey(CATEGORY) || !item.get(CATEGORY).s().equals(product.get(CATEGORY).s());
    }

    private static AttributeValue text(String value) {
        return value == null ? null : AttributeValue.fromS(value);
    }
}
