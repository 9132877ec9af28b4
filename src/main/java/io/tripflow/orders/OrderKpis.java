package io.tripflow.orders;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.tripflow.dynamodb.TableShapes;
import io.tripflow.engine.RouteVariables;
import io.tripflow.trip.kpi.KpiRuns;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/**
 * The steps of an order date's KPI run (order-kpi.yaml) that are tripflow's own: the date folded from
 * the state, its rows written to the order- and category-level tables (a category no longer sold on
 * the date loses its row), and the run recorded.
 */
public class OrderKpis {

    /** The order table's key; the category table's sort key. */
    public static final String ORDER_DATE = "order_date";
    public static final String CATEGORY = "category";
    /** The category table's index by date: the categories a date has rows for. */
    public static final String CATEGORIES_BY_DATE_INDEX = "categories-by-date";

    private final OrderKpiCalculator calculator;
    private final DynamoDbClient dynamoDb;
    private final String orderKpisTable;
    private final String categoryKpisTable;
    private final OrderKpiRuns runs;

    public OrderKpis(OrderKpiCalculator calculator, DynamoDbClient dynamoDb, String orderKpisTable, String categoryKpisTable,
            OrderKpiRuns runs) {
        this.calculator = calculator;
        this.dynamoDb = dynamoDb;
        this.orderKpisTable = orderKpisTable;
        this.categoryKpisTable = categoryKpisTable;
        this.runs = runs;
    }

    public OrderDayFold compute(@Header(RouteVariables.KPI_DATE) LocalDate date) {
        return calculator.compute(date);
    }

    /** Writes the date's rows; a date left without orders or items loses its row. */
    public void write(@Header(RouteVariables.KPI_DATE) LocalDate date, @ExchangeProperty(RouteVariables.ORDER_KPIS) OrderDayFold day) {
        Map<String, AttributeValue> orderKey = Map.of(ORDER_DATE, AttributeValue.fromS(date.toString()));
        if (day.isEmpty()) {
            dynamoDb.deleteItem(d -> d.tableName(orderKpisTable).key(orderKey));
        } else {
            dynamoDb.putItem(p -> p.tableName(orderKpisTable).item(attributes(day.orderKpis(date))));
        }
        Map<String, Map<String, Object>> categories = day.categoryKpis(date);
        categories.values().forEach(row -> dynamoDb.putItem(p -> p.tableName(categoryKpisTable).item(attributes(row))));
        dynamoDb.queryPaginator(q -> q.tableName(categoryKpisTable).indexName(CATEGORIES_BY_DATE_INDEX)
                        .keyConditionExpression(ORDER_DATE + " = :d").expressionAttributeValues(Map.of(":d", AttributeValue.fromS(date.toString()))))
                .items().stream().map(row -> row.get(CATEGORY).s()).filter(category -> !categories.containsKey(category))
                .forEach(gone -> dynamoDb.deleteItem(d -> d.tableName(categoryKpisTable).key(Map.of(
                        CATEGORY, AttributeValue.fromS(gone), ORDER_DATE, AttributeValue.fromS(date.toString())))));
    }

    /** Records the run and clears the touch it answered (unless the date was touched again meanwhile). */
    public void succeeded(@ExchangeProperty(RouteVariables.KPI_RUN) KpiRuns.Run run, @ExchangeProperty(RouteVariables.ORDER_KPIS) OrderDayFold day,
            @Header(RouteVariables.ORDER_TOUCH) String touchId) {
        Map<String, Object> figures = day.orderKpis(run.date());
        runs.recordSuccess(run, (Long) figures.get("total_orders"), Integer.toHexString(figures.hashCode()), true);
        runs.clearTouch(run.date(), touchId);
    }

    /** Keyed by category and order date, with an index by date (keys only). */
    /** One row per order date. */
    public static CreateTableRequest orderTableRequest(String table) {
        return TableShapes.keyed(table, ORDER_DATE);
    }

    /** One row per (category, order date); the index lists a date's categories. */
    public static CreateTableRequest categoryTableRequest(String table) {
        return TableShapes.onDemand(table)
                .attributeDefinitions(TableShapes.string(CATEGORY), TableShapes.string(ORDER_DATE))
                .keySchema(TableShapes.key(CATEGORY, KeyType.HASH), TableShapes.key(ORDER_DATE, KeyType.RANGE))
                .globalSecondaryIndexes(TableShapes.index(CATEGORIES_BY_DATE_INDEX, ORDER_DATE, CATEGORY, List.of()))
                .build();
    }

    /** A KPI row as DynamoDB attributes: text as S, figures as N (written exactly as rounded). */
    static Map<String, AttributeValue> attributes(Map<String, Object> row) {
        Map<String, AttributeValue> item = new HashMap<>();
        row.forEach((name, value) -> item.put(name, value instanceof BigDecimal decimal ? AttributeValue.fromN(decimal.toPlainString())
                : value instanceof Number number ? AttributeValue.fromN(number.toString()) : AttributeValue.fromS(value.toString())));
        return item;
    }
}
