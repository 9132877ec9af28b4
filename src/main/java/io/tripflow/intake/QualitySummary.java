package io.tripflow.intake;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A file's data quality at a glance, in its report beside the rejected rows: per rule (a schema
 * keyword, or one of tripflow's rules) the rows it rejected or warned about, their share of the rows
 * read, and the first few as samples; and the share of rows no rule rejected as the file's score.
 * A row that breaks two rules counts for each. Guarded by its report's lock.
 */
public final class QualitySummary {

    /** A rule's rows: rejected by it, or warned about. */
    public record RuleRows(String rule, String outcome, long rows) {
    }

    static final String REJECTED = "rejected";
    static final String WARNED = "warned";
    /** The sample rows kept per rule. */
    static final int SAMPLES_PER_RULE = 3;

    private record RuleKey(String rule, String outcome) {
    }

    private static final class Tally {
        long rows;
        final List<FileReport.RejectedRow> samples = new ArrayList<>();
    }

    private final Map<RuleKey, Tally> rules = new HashMap<>();

    /** The row counted once for each rule it broke, and kept as one of the rule's samples while there is room. */
    void add(String outcome, int line, List<Finding> findings) {
        Map<String, List<String>> textsByRule = new TreeMap<>();
        findings.forEach(finding -> textsByRule.computeIfAbsent(finding.rule(), rule -> new ArrayList<>()).add(finding.text()));
        textsByRule.forEach((rule, texts) -> {
            Tally tally = rules.computeIfAbsent(new RuleKey(rule, outcome), key -> new Tally());
            tally.rows++;
            if (tally.samples.size() < SAMPLES_PER_RULE) {
                tally.samples.add(new FileReport.RejectedRow(line, String.join("; ", texts)));
            }
        });
    }

    /** The rules by the rows they caught, most first. */
    List<RuleRows> ruleRows() {
        return rules.entrySet().stream().map(e -> new RuleRows(e.getKey().rule(), e.getKey().outcome(), e.getValue().rows))
                .sorted(Comparator.comparing(RuleRows::rows).reversed().thenComparing(RuleRows::rule).thenComparing(RuleRows::outcome))
                .toList();
    }

    Map<String, Object> toJson(long rowsRead, long rowsRejected) {
        Map<String, Object> quality = new LinkedHashMap<>();
        quality.put("score", share(rowsRead - rowsRejected, rowsRead));
        List<Map<String, Object>> byRule = new ArrayList<>();
        for (RuleRows rule : ruleRows()) {
            Map<String, Object> each = new LinkedHashMap<>();
            each.put("rule", rule.rule());
            each.put("outcome", rule.outcome());
            each.put("rows", rule.rows());
            each.put("share", share(rule.rows(), rowsRead));
            each.put("samples", FileReport.listed(rules.get(new RuleKey(rule.rule(), rule.outcome())).samples));
            byRule.add(each);
        }
        quality.put("rules", byRule);
        return quality;
    }

    /** A count as a share of the rows read, rounded to four decimals only here, as it is written; none before any row. */
    private static BigDecimal share(long rows, long rowsRead) {
        return rowsRead == 0 ? null : BigDecimal.valueOf(rows).divide(BigDecimal.valueOf(rowsRead), 4, RoundingMode.HALF_UP);
    }
}
