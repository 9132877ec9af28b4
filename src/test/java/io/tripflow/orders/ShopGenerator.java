package io.tripflow.orders;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A made-up shop in the shape and with the quirks of real shop exports: orders, order_items and
 * products as CSV, several files per kind. Deterministic: each order, line and product is drawn
 * from its own generator of (seed, index), so a shop is the same however it is written out.
 *
 * <p>Quirks: about 1% of products without a brand; orders holding the same product on two lines;
 * returned items in delivered orders; empty fields for events that did not happen; sale prices
 * with two decimals; timestamps like 2025-03-30T16:14:26 (no zone).
 */
public record ShopGenerator(long seed, int orders, int products, LocalDate firstDate, int dates) {

    public static final String ORDERS_HEADER = "order_id,user_id,status,created_at,returned_at,shipped_at,delivered_at,num_of_item";
    public static final String ITEMS_HEADER = "id,order_id,user_id,product_id,status,created_at,shipped_at,delivered_at,returned_at,sale_price";
    public static final String PRODUCTS_HEADER = "id,sku,cost,category,name,brand,retail_price,department";
    public static final List<String> CATEGORIES = List.of("Jeans", "Tops & Tees", "Sweaters", "Shorts", "Swim", "Accessories",
            "Outerwear & Coats", "Socks", "Dresses", "Active", "Sleep & Lounge", "Underwear");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    private static final String[] STATUSES = {"pending", "processing", "shipped", "delivered", "cancelled", "returned"};
    private static final int MAX_LINES = 4;

    /** One order and its lines, as the files hold them. */
    public record Order(String row, List<String> itemRows) {
    }

    /** A product: its row, with brand empty for about 1 in 100. */
    public String product(int index) {
        SplittableRandom random = random(3, index);
        BigDecimal retail = money(5 + random.nextDouble() * 195);
        BigDecimal cost = retail.multiply(BigDecimal.valueOf(0.3 + random.nextDouble() * 0.4)).setScale(2, RoundingMode.HALF_UP);
        String brand = random.nextInt(100) == 0 ? "" : "Brand " + random.nextInt(40);
        String category = CATEGORIES.get(random.nextInt(CATEGORIES.size()));
        return String.join(",", String.valueOf(index + 1), "SKU" + Long.toHexString(seed).toUpperCase() + index, cost.toPlainString(),
                quoted(category), "\"Item " + index + ", " + category.toLowerCase() + "\"", brand, retail.toPlainString(),
                random.nextBoolean() ? "Women" : "Men");
    }

    public Order order(int index) {
        SplittableRandom random = random(1, index);
        String orderId = String.valueOf(index + 1);
        String userId = String.valueOf(1 + random.nextInt(Math.max(1, orders / 3)));
        LocalDateTime created = firstDate.plusDays(random.nextInt(dates)).atStartOfDay().plusSeconds(random.nextInt(86_400));
        String status = STATUSES[weighted(random)];
        LocalDateTime shipped = created.plusHours(2 + random.nextInt(48));
        LocalDateTime delivered = shipped.plusHours(12 + random.nextInt(96));
        LocalDateTime returned = delivered.plusDays(1 + random.nextInt(10));
        boolean wasShipped = !List.of("pending", "processing", "cancelled").contains(status);
        boolean wasDelivered = status.equals("delivered") || status.equals("returned");
        int lines = 1 + random.nextInt(MAX_LINES);
        List<String> items = new ArrayList<>();
        int previousProduct = -1;
        for (int line = 0; line < lines; line++) {
            SplittableRandom lineRandom = random(2, index * MAX_LINES + line);
            // about one order in twenty holds the product of its previous line again
            int product = previousProduct >= 0 && lineRandom.nextInt(20) == 0 ? previousProduct : lineRandom.nextInt(products);
            previousProduct = product;
            // an item of a delivered order returned on its own, now and then
            String itemStatus = status.equals("delivered") && lineRandom.nextInt(15) == 0 ? "returned" : status;
            boolean itemReturned = itemStatus.equals("returned");
            items.add(String.join(",", String.valueOf(index * MAX_LINES + line + 1), orderId, userId, String.valueOf(product + 1), itemStatus,
                    time(created), wasShipped ? time(shipped) : "", wasDelivered ? time(delivered) : "", itemReturned ? time(returned) : "",
                    money(3 + lineRandom.nextDouble() * 150).toPlainString()));
        }
        String row = String.join(",", orderId, userId, status, time(created), status.equals("returned") ? time(returned) : "",
                wasShipped ? time(shipped) : "", wasDelivered ? time(delivered) : "", String.valueOf(lines));
        return new Order(row, items);
    }

    /** Writes the shop as {@code files} files per kind: orders_1.csv, order_items_1.csv, products_1.csv, ... */
    public List<Path> write(Path dir, int files) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (int file = 0; file < files; file++) {
            Path ordersFile = dir.resolve("orders_" + (file + 1) + ".csv");
            Path itemsFile = dir.resolve("order_items_" + (file + 1) + ".csv");
            try (Writer o = Files.newBufferedWriter(ordersFile, StandardCharsets.UTF_8);
                 Writer i = Files.newBufferedWriter(itemsFile, StandardCharsets.UTF_8)) {
                o.write(ORDERS_HEADER + "\n");
                i.write(ITEMS_HEADER + "\n");
                for (int index = file; index < orders; index += files) {
                    Order order = order(index);
                    o.write(order.row() + "\n");
                    for (String item : order.itemRows()) {
                        i.write(item + "\n");
                    }
                }
            }
            Path productsFile = dir.resolve("products_" + (file + 1) + ".csv");
            try (Writer p = Files.newBufferedWriter(productsFile, StandardCharsets.UTF_8)) {
                p.write(PRODUCTS_HEADER + "\n");
                for (int index = file; index < products; index += files) {
                    p.write(product(index) + "\n");
                }
            }
            written.addAll(List.of(ordersFile, itemsFile, productsFile));
        }
        return written;
    }

    /** Mostly delivered and shipped, some of every other status. */
    private static int weighted(SplittableRandom random) {
        int roll = random.nextInt(100);
        return roll < 10 ? 0 : roll < 20 ? 1 : roll < 45 ? 2 : roll < 80 ? 3 : roll < 90 ? 4 : 5;
    }

    private SplittableRandom random(int stream, long index) {
        return new SplittableRandom(new SplittableRandom(seed * 31 + stream).split().nextLong() ^ (index * 0x9E3779B97F4A7C15L));
    }

    private static BigDecimal money(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
    }

    private static String time(LocalDateTime time) {
        return time.format(TIME);
    }

    /** A CSV cell, quoted when it holds a comma. */
    private static String quoted(String cell) {
        return cell.contains(",") ? "\"" + cell + "\"" : cell;
    }
}
