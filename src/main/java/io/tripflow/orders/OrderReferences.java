package io.tripflow.orders;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The stored orders and products a batch of item rows refers to, read together (BatchGetItem, 100
 * keys a call, strongly consistent) instead of two reads per item. One that arrives after they were
 * read is not missed: its own put resolves the items waiting for it.
 */
public final class OrderReferences {

    /** For order and product rows, which refer to nothing. */
    public static final OrderReferences NONE = new OrderReferences(Map.of());

    private static final int KEYS_PER_CALL = 100;

    private final Map<String, Map<String, AttributeValue>> byKey;

    private OrderReferences(Map<String, Map<String, AttributeValue>> byKey) {
        this.byKey = byKey;
    }

    public static OrderReferences load(DynamoDbClient dynamoDb, String table, Collection<String> orderIds, Collection<String> productIds) {
        List<String> keys = new ArrayList<>();
        orderIds.stream().distinct().forEach(id -> keys.add(OrderStateTable.key(OrderFileKind.ORDERS, id)));
        productIds.stream().distinct().forEach(id -> keys.add(OrderStateTable.key(OrderFileKind.PRODUCTS, id)));
        Map<String, Map<String, AttributeValue>> found = new HashMap<>();
        for (int from = 0; from < keys.size(); from += KEYS_PER_CALL) {
            List<Map<String, AttributeValue>> chunk = keys.subList(from, Math.min(keys.size(), from + KEYS_PER_CALL)).stream()
                    .map(key -> Map.of(OrderStateTable.PK, AttributeValue.fromS(key))).toList();
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder().keys(chunk).consistentRead(true).build());
            while (!request.isEmpty()) {
                Map<String, KeysAndAttributes> asked = request;
                var response = dynamoDb.batchGetItem(b -> b.requestItems(asked));
                response.responses().getOrDefault(table, List.of()).forEach(item -> found.put(item.get(OrderStateTable.PK).s(), item));
                // what DynamoDB did not get to this time (throughput), asked for again
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }
        }
        return new OrderReferences(found);
    }

    public Map<String, AttributeValue> order(String orderId) {
        return byKey.get(OrderStateTable.key(OrderFileKind.ORDERS, orderId));
    }

    public Map<String, AttributeValue> product(String productId) {
        return byKey.get(OrderStateTable.key(OrderFileKind.PRODUCTS, productId));
    }
}
