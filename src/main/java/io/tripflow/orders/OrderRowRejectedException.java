package io.tripflow.orders;

/** A shop row that a rule its schema cannot express rejects; the message is the reason in the file's report. */
public class OrderRowRejectedException extends Exception {
    public OrderRowRejectedException(String reason) {
        super(reason);
    }
}
