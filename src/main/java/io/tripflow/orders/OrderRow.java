package io.tripflow.orders;

import java.nio.charset.StandardCharsets;
import java.util.List;

import io.tripflow.intake.Finding;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A shop file's row on its way to the state: its kind, its line in the file (for the report), the
 * JSON object its schema validates, and what the reader noticed without rejecting it.
 */
public record OrderRow(OrderFileKind kind, int line, ObjectNode json, List<Finding> warnings) {

    /** The row as its schema's validator reads it. */
    public byte[] jsonBytes() {
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The name of its kind's schema, schemas/orders/&lt;name&gt;.schema.json. */
    public String schema() {
        return kind.schemaName();
    }
}
