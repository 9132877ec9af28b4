package io.tripflow.orders;

import java.util.List;

import io.tripflow.intake.Finding;

/** A shop row that a rule its schema cannot express rejects, or a value DynamoDB refuses; the findings are what the file's report says of it. */
public class OrderRowRejectedException extends Exception {

    private final transient List<Finding> findings;

    public OrderRowRejectedException(List<Finding> findings) {
        super(Finding.reason(findings));
        this.findings = List.copyOf(findings);
    }

    public List<Finding> findings() {
        return findings;
    }
}
