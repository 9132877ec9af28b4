package io.tripflow.replay;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small RFC 4180 reader: a header line, then rows of comma-separated fields, optionally quoted
 * with doubled quotes inside. Every field stays text, which is what keeps trip ids such as
 * 0487037833 or 2e37064969 intact.
 */
public final class CsvTable {

    private CsvTable() {
    }

    /** Rows as header → value maps; a row with the wrong number of fields is an error naming its line. */
    public static List<Map<String, String>> read(BufferedReader reader, String source) throws IOException {
        String headerLine = reader.readLine();
        if (headerLine == null) {
            throw new IOException(source + ": empty file, expected a header line");
        }
        List<String> header = fields(stripBom(headerLine));
        List<Map<String, String>> rows = new ArrayList<>();
        String line;
        int lineNumber = 1;
        while ((line = reader.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            List<String> values = fields(line);
            if (values.size() != header.size()) {
                throw new IOException(source + " line " + lineNumber + ": " + values.size() + " fields, header has " + header.size());
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                row.put(header.get(i), values.get(i));
            }
            rows.add(row);
        }
        return rows;
    }

    static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }
}
