package io.tripflow.intake;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A rule that a row of a file broke, or warns about: by name (a JSON Schema keyword such as
 * {@code required}, or one of tripflow's own rules such as {@code timestamp}), and what it says of
 * the row. The report counts the rows each rule caught.
 */
public record Finding(String rule, String text) {

    /** What the findings say, as the reason a report gives for the row. */
    public static String reason(List<Finding> findings) {
        return findings.stream().map(Finding::text).collect(Collectors.joining("; "));
    }
}
