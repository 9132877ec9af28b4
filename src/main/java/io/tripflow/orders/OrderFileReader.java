package io.tripflow.orders;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripflow.dynamodb.NumberBounds;
import io.tripflow.intake.CsvBatches;
import io.tripflow.intake.FileReport;
import io.tripflow.intake.Finding;

/**
 * Streams a shop file as batches of {@link OrderRow}s (see {@link CsvBatches}): the header tells its
 * kind (a missing or repeated column rejects the file as a whole), a row with more cells than the
 * header, or with a number beyond the {@link NumberBounds}, is rejected, and an order item repeating a product of its order is read with a warning.
 */
public final class OrderFileReader {

    /**
     * Orders whose products are remembered to spot a repeated product: items of an order come
     * together in shop exports, so a window of recent orders finds repeats without holding the file.
     */
    static final int RECENT_ORDERS = 10_000;
    /**
     * ... and at most this many products of each, by ids of at most {@value #TRACKED_ID_CHARS}
     * characters: the window's memory is bounded whatever a file holds (a repeat beyond it is
     * stored as usual, only not warned about).
     */
    static final int PRODUCTS_PER_ORDER = 1_000;
    static final int TRACKED_ID_CHARS = 256;

    private final NumberBounds numbers;

    public OrderFileReader(NumberBounds numbers) {
        this.numbers = numbers;
    }

    public Iterator<List<OrderRow>> batches(InputStream file, FileReport report) {
        return CsvBatches.of(file, report, (header, fileReport) -> {
            OrderFileKind.Recognised recognised = OrderFileKind.of(header);
            if (recognised.kind() == null) {
                fileReport.rejectFile(recognised.rejection());
                return null;
            }
            OrderFileKind kind = recognised.kind();
            fileReport.kind(kind.schemaName(), List.of());
            OrderRowReader reader = new OrderRowReader(header, numbers);
            Map<String, Set<String>> recentProducts = new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Set<String>> eldest) {
                    return size() > RECENT_ORDERS;
                }
            };
            return (record, batch) -> {
                if (record.fields().size() > header.size()) {
                    fileReport.rowRejected(record.line(), "field_count", "the row has " + record.fields().size() + " cells, the header " + header.size());
                    return;
                }
                ObjectNode json;
                try {
                    json = reader.read(record.fields());
                } catch (NumberBounds.OutOfBounds beyond) {
                    fileReport.rowRejected(record.line(), "number", beyond.getMessage());
                    return;
                }
                List<Finding> warnings = new ArrayList<>();
                if (kind == OrderFileKind.ORDER_ITEMS && repeatsAProduct(recentProducts, json)) {
                    warnings.add(new Finding("repeated_product", "order " + json.get("order_id").asText() + " holds product "
                            + json.get("product_id").asText() + " on another line too"));
                }
                batch.add(new OrderRow(kind, record.line(), json, warnings));
            };
        });
    }

    /** True when the item's order held its product on an earlier line of the file (within the bounded window). */
    private static boolean repeatsAProduct(Map<String, Set<String>> recentProducts, ObjectNode item) {
        String order = item.path("order_id").asText("");
        String product = item.path("product_id").asText("");
        if (order.isEmpty() || product.isEmpty() || order.length() > TRACKED_ID_CHARS || product.length() > TRACKED_ID_CHARS) {
            return false;
        }
        Set<String> products = recentProducts.computeIfAbsent(order, o -> new HashSet<>());
        if (products.contains(product)) {
            return true;
        }
        if (products.size() < PRODUCTS_PER_ORDER) {
            products.add(product);
        }
        return false;
    }
}
