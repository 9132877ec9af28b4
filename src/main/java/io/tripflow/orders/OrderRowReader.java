package io.tripflow.orders;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tripflow.dynamodb.NumberBounds;

/**
 * A shop file's row as the JSON object its schema validates: header column → cell, an empty cell
 * left out (an event that did not happen), a number column as a number where the cell is one.
 */
public final class OrderRowReader {

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private final List<String> header;
    private final NumberBounds numbers;

    public OrderRowReader(List<String> header, NumberBounds numbers) {
        this.header = header.stream().map(String::trim).toList();
        this.numbers = numbers;
    }

    /**
     * @param cells the row's cells; fewer than the header's are empty, more is the caller's rejection
     * @throws NumberBounds.OutOfBounds a number column holds a number beyond the bounds (the message names the column)
     */
    public ObjectNode read(List<String> cells) {
        ObjectNode row = NODES.objectNode();
        for (int i = 0; i < header.size() && i < cells.size(); i++) {
            String cell = cells.get(i).trim();
            if (cell.isEmpty()) {
                continue;
            }
            String column = header.get(i);
            BigDecimal number = OrderFileKind.NUMBER_COLUMNS.contains(column) ? decimal(column, cell) : null;
            if (number != null) {
                row.put(column, number);
            } else {
                row.put(column, cell);
            }
        }
        return row;
    }

    /** The cell's number; null when it is none, for its schema to reject as text where a number belongs. */
    private BigDecimal decimal(String column, String cell) {
        try {
            return numbers.parse(cell);
        } catch (NumberBounds.OutOfBounds beyond) {
            throw new NumberBounds.OutOfBounds(column + " " + beyond.getMessage());
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
