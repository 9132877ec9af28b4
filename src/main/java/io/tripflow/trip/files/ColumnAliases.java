package io.tripflow.trip.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.tripflow.csv.CsvRecords;

/**
 * How a trip file's header names are matched to tripflow's columns: trimmed, whatever their case,
 * and through a table of aliases ({@value #FILE} in the schemas directory, editable without
 * recompiling; shipped with the names of the NYC TLC yellow and green taxi files). A name that is
 * neither one of tripflow's columns nor an alias stays as written, and the report lists it among the
 * ignored columns.
 */
public final class ColumnAliases {

    /** The alias table's file name, in tripflow.schemas-dir. */
    public static final String FILE = "trip-column-aliases.csv";
    /** No aliases: names are matched trimmed and whatever their case only. */
    public static final ColumnAliases NONE = new ColumnAliases(Map.of());

    /** Every column a trip file kind reads. */
    static final Set<String> COLUMNS = Arrays.stream(FileKind.values()).flatMap(kind -> kind.columns().stream())
            .collect(TreeSet::new, Set::add, Set::addAll);

    private final Map<String, String> columnByAlias;

    private ColumnAliases(Map<String, String> columnByAlias) {
        this.columnByAlias = Map.copyOf(columnByAlias);
    }

    /**
     * The table in this file ({@code alias,column} rows under that header); none when there is no
     * such file (a schemas directory of an older tripflow).
     *
     * @throws IllegalArgumentException naming the file and line of a row that maps to no column of
     *         tripflow's, or of an alias given twice
     */
    public static ColumnAliases load(Path file) {
        if (!Files.exists(file)) {
            return NONE;
        }
        Map<String, String> aliases = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            CsvRecords rows = new CsvRecords(reader, CsvRecords.MAX_RECORD_CHARS);
            if (!rows.hasNext() || !rows.next().fields().equals(List.of("alias", "column"))) {
                throw new IllegalArgumentException(file + ": the first line must be the header alias,column");
            }
            while (rows.hasNext()) {
                CsvRecords.Record row = rows.next();
                String where = file + " line " + row.line() + ": ";
                if (row.tooLong() || row.fields().size() != 2) {
                    throw new IllegalArgumentException(where + "expected two fields, alias and column");
                }
                String alias = row.fields().get(0).trim().toLowerCase(Locale.ROOT);
                String column = row.fields().get(1).trim();
                if (!COLUMNS.contains(column)) {
                    throw new IllegalArgumentException(where + "'" + column + "' is no column of tripflow's (" + String.join(", ", COLUMNS) + ")");
                }
                if (aliases.put(alias, column) != null) {
                    throw new IllegalArgumentException(where + "the alias '" + alias + "' is given twice");
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(file + ": cannot be read: " + e.getMessage(), e);
        }
        return new ColumnAliases(aliases);
    }

    /** The header with each name as tripflow's column it stands for, or as written (trimmed) when it stands for none. */
    public List<String> columns(List<String> header) {
        return header.stream().map(this::column).toList();
    }

    private String column(String name) {
        String trimmed = name.trim();
        String folded = trimmed.toLowerCase(Locale.ROOT);
        String aliased = columnByAlias.get(folded);
        if (aliased != null) {
            return aliased;
        }
        return COLUMNS.contains(folded) ? folded : trimmed;
    }
}
