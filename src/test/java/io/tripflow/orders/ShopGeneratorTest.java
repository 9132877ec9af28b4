package io.tripflow.orders;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.tripflow.csv.CsvRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The generated shop has the size and the quirks the orders line must cope with, and is the same every time. */
class ShopGeneratorTest {

    private static final ShopGenerator SHOP = new ShopGenerator(42, 5_000, 800, LocalDate.of(2025, 3, 1), 20);

    @Test
    void ordersSpreadOverTheDatesWithTheRealDatasQuirks() {
        Set<String> dates = new HashSet<>();
        int repeatedProductOrders = 0;
        int returnedItemsInDeliveredOrders = 0;
        for (int i = 0; i < 5_000; i++) {
            ShopGenerator.Order order = SHOP.order(i);
            String[] cells = order.row().split(",", -1);
            dates.add(cells[3].substring(0, 10));
            Set<String> products = new HashSet<>();
            for (String item : order.itemRows()) {
                String[] itemCells = item.split(",", -1);
                if (!products.add(itemCells[3])) {
                    repeatedProductOrders++;
                }
                if (cells[2].equals("delivered") && itemCells[4].equals("returned")) {
                    returnedItemsInDeliveredOrders++;
                }
            }
        }
        assertEquals(20, dates.size());
        assertTrue(repeatedProductOrders > 20, repeatedProductOrders + " orders hold a product twice");
        assertTrue(returnedItemsInDeliveredOrders > 20, returnedItemsInDeliveredOrders + " returned items in delivered orders");
        long withoutBrand = java.util.stream.IntStream.range(0, 800).filter(i -> brand(SHOP.product(i)).isEmpty()).count();
        assertTrue(withoutBrand >= 2 && withoutBrand <= 20, withoutBrand + " of 800 products without a brand (about 1%)");
    }

    /** The brand cell of a product row, read as CSV (its name is quoted and holds a comma). */
    private static String brand(String productRow) {
        return new CsvRecords(new StringReader(productRow + "\n"), 10_000).next().fields().get(5);
    }

    @Test
    void theSameSeedWritesTheSameFiles(@TempDir Path first, @TempDir Path second) throws Exception {
        List<Path> a = SHOP.write(first, 3);
        List<Path> b = SHOP.write(second, 3);
        assertEquals(9, a.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(Files.readString(a.get(i)), Files.readString(b.get(i)));
        }
        assertTrue(Files.readString(first.resolve("orders_1.csv")).startsWith(ShopGenerator.ORDERS_HEADER + "\n"));
    }
}
