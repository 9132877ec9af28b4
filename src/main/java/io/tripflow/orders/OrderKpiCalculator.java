package io.tripflow.orders;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** One order date's KPIs from the state's by-day indexes, folded page by page as they come. */
public class OrderKpiCalculator {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public OrderKpiCalculator(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    public OrderDayFold compute(LocalDate date) {
        OrderDayFold day = new OrderDayFold();
        for (Map<String, AttributeValue> order : byDay(OrderStateTable.ORDERS_BY_DAY_INDEX, OrderStateTable.ORDER_DAY, date)) {
            day.add(new OrderDayFold.Order(order.get("order_id").s(), order.get("user_id").s(), order.get("status").s()));
        }
        for (Map<String, AttributeValue> item : byDay(OrderStateTable.ITEMS_BY_DAY_INDEX, ItemResolution.ITEM_DAY, date)) {
            day.add(new OrderDayFold.Item(item.get("order_id").s(), item.get(ItemResolution.CATEGORY).s(), item.get("status").s(),
                    new BigDecimal(item.get("sale_price").n())));
        }
        return day;
    }

    private Iterable<Map<String, AttributeValue>> byDay(String index, String attribute, LocalDate date) {
        return dynamoDb.queryPaginator(q -> q.tableName(table).indexName(index).keyConditionExpression("#d = :d")
                .expressionAttributeNames(Map.of("#d", attribute))
                .expressionAttributeValues(Map.of(":d", AttributeValue.fromS(date.toString())))).items();
    }
}
