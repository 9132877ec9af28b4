package io.tripflow.pipeline;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.tripflow.localstack.TestStack;
import io.tripflow.orders.ShopReference;
import io.tripflow.trip.TripJson;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** README's demo commands: `bin/tripflow demo` (and `demo --orders`) run the samples end to end on their own stack and exit 0. */
class DemoIT {

    private static final Path HOME = Path.of("").toAbsolutePath();

    /** Runs bin/tripflow with these arguments to its end; its output. */
    private static String run(String logName, String... arguments) throws Exception {
        Path log = HOME.resolve("target/it-logs/" + logName + ".log");
        Files.createDirectories(log.getParent());
        List<String> command = new ArrayList<>(List.of(HOME.resolve("bin/tripflow").toString()));
        command.addAll(List.of(arguments));
        Process demo = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            assertTrue(demo.waitFor(5, TimeUnit.MINUTES), "demo did not finish in 5 minutes, see " + log);
        } finally {
            demo.destroyForcibly();
        }
        String output = Files.readString(log);
        assertEquals(0, demo.exitValue(), output);
        return output;
    }

    @Test
    void theDemoReplaysTheSamplesAndWritesTheKpiOfEveryDate() throws Exception {
        Path out = HOME.resolve("target/demo-out");
        String output = run("demo", "demo", "--out", out.toString());

        // samples/: 300 trips, one with an impossible pick-up date and one with a negative fare.
        long trips = 0;
        for (String day : List.of("25", "26")) {
            String key = TestStack.kpiSchedule(Map.of()).objectKey(LocalDate.parse("2024-05-" + day));
            JsonNode kpi = TripJson.strictReader().readTree(out.resolve(key).toFile());
            assertEquals("2024-05-" + day, kpi.get("date").asText());
            trips += kpi.get("count_trips").asLong();
        }
        assertEquals(298, trips);
        assertTrue(output.contains("tripflow-dead-letters: 2 rejected event(s)"), output);
        assertTrue(output.contains("processed 600/600 events"), output);
    }

    @Test
    void theOrdersDemoGivesTheSampleShopsKpisAsTheyFollowFromItsFiles() throws Exception {
        Path out = HOME.resolve("target/demo-orders-out");
        String output = run("demo-orders", "demo", "--orders", "--out", out.toString());
        List<Path> files;
        try (var listed = Files.list(HOME.resolve("samples/orders"))) {
            files = listed.sorted().toList();
        }
        ShopReference reference = ShopReference.of(files);
        Map<String, Map<String, BigDecimal>> expected = new TreeMap<>();
        reference.orderKpis.forEach((date, row) -> expected.put(date.toString(), figures(row)));
        assertEquals(expected, csv(out.resolve("orders/order_kpis.csv"), 1));
        expected.clear();
        reference.categoryKpis.forEach((category, byDate) -> byDate.forEach((date, row) -> expected.put(category + "," + date, figures(row))));
        assertEquals(expected, csv(out.resolve("orders/category_kpis.csv"), 2));
        assertTrue(output.contains("order_items_1.csv      order_items"), output);
    }

    /** A KPI CSV's rows by their first key columns, each figure by column name, compared by value. */
    private static Map<String, Map<String, BigDecimal>> csv(Path file, int keyColumns) throws Exception {
        List<String> lines = Files.readAllLines(file);
        List<String> header = List.of(lines.get(0).split(","));
        Map<String, Map<String, BigDecimal>> rows = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            // the category "Outerwear & Coats" has no comma; a quoted cell would be a category with one
            List<String> cells = List.of(line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)"));
            Map<String, BigDecimal> figures = new TreeMap<>();
            for (int i = keyColumns; i < header.size(); i++) {
                figures.put(header.get(i), new BigDecimal(cells.get(i)).stripTrailingZeros());
            }
            rows.put(String.join(",", cells.subList(0, keyColumns)).replace("\"", ""), figures);
        }
        return rows;
    }

    private static Map<String, BigDecimal> figures(Map<String, Object> row) {
        Map<String, BigDecimal> figures = new TreeMap<>();
        row.forEach((name, value) -> figures.put(name, new BigDecimal(value.toString()).stripTrailingZeros()));
        return figures;
    }
}
