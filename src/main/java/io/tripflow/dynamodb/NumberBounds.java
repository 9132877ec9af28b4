package io.tripflow.dynamodb;

import java.math.BigDecimal;

/**
 * What a number read from outside (a CSV cell, a JSON number) may cost, checked before anything
 * expands it. {@code new BigDecimal("1e-999999999")} is cheap, but its {@code toPlainString()}
 * allocates a gigabyte, and DynamoDB refuses it anyway; so a number's text is bounded in
 * characters before it is parsed, and its digits after. The bounds are DynamoDB's own (38
 * significant digits, magnitude 1E-130 to below 1E+126) narrowed to a sane range of digits before
 * and after the point, so that any stored value and its plain text stay within what every store
 * and file takes (sums are exact in memory and rounded where they are written).
 *
 * @param maxIntegerDigits digits before the decimal point
 * @param maxFractionDigits digits after it, trailing zeros not counted ({@code 0E-9} is 0)
 */
public record NumberBounds(int maxIntegerDigits, int maxFractionDigits) {

    /**
     * 15 + 23 digits, DynamoDB's 38: amounts up to a thousand trillion, and the 16 to 21 decimals of
     * doubles written out in full (0.31015622513007157, 1.2345678901234567E-5), which real trip data has.
     */
    public static final NumberBounds DEFAULT = new NumberBounds(15, 23);

    /** DynamoDB's number precision. */
    static final int DYNAMODB_DIGITS = 38;
    /** A number's text longer than this is refused unread: 38 digits, a sign, a point and an exponent fit. */
    public static final int MAX_TEXT_LENGTH = 64;
    private static final int QUOTED_CHARS = 40;

    /** A number outside the bounds, with the reason; a NumberFormatException, as for text that is no number. */
    public static final class OutOfBounds extends NumberFormatException {
        public OutOfBounds(String reason) {
            super(reason);
        }
    }

    public NumberBounds {
        if (maxIntegerDigits < 1 || maxFractionDigits < 0 || maxIntegerDigits + maxFractionDigits > DYNAMODB_DIGITS) {
            throw new IllegalArgumentException("number bounds of " + maxIntegerDigits + " integer and " + maxFractionDigits
                    + " fraction digits: at least 1 and 0, together at most " + DYNAMODB_DIGITS + " (DynamoDB's precision)");
        }
    }

    /**
     * The number a text holds, within the bounds.
     *
     * @throws NumberFormatException the text is no number, or an {@link OutOfBounds} one, each with the reason
     */
    public BigDecimal parse(String text) {
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new OutOfBounds(quoted(text) + " has " + text.length() + " characters, more than a number may have (" + MAX_TEXT_LENGTH + ")");
        }
        BigDecimal number;
        try {
            // BigDecimal also reads other scripts' digits (١٢ is 12): a number cell is ASCII
            if (!text.chars().allMatch(c -> c < 128)) {
                throw new NumberFormatException();
            }
            number = new BigDecimal(text);
        } catch (NumberFormatException notANumber) {
            throw new NumberFormatException(quoted(text) + " is not a number");
        }
        return check(number);
    }

    /**
     * The number when it is within the bounds (a JSON number, already parsed: its text was bounded
     * by the JSON reader's own limit on characters), without trailing zeros beyond the fraction
     * digits allowed, so that its plain text is bounded too.
     *
     * @throws OutOfBounds with the reason
     */
    public BigDecimal check(BigDecimal number) {
        if (number.signum() == 0) {
            // 0E-999999999 is zero, but its plain text has a billion zeros
            return number.scale() <= maxFractionDigits ? number : BigDecimal.ZERO.setScale(maxFractionDigits);
        }
        // precision and scale are fields: nothing here expands the number
        long integerDigits = (long) number.precision() - number.scale();
        if (integerDigits > maxIntegerDigits) {
            throw new OutOfBounds(quoted(number.toString()) + " has " + integerDigits + " digits before the decimal point, more than " + maxIntegerDigits);
        }
        BigDecimal significant = number.stripTrailingZeros();
        if (significant.scale() > maxFractionDigits) {
            throw new OutOfBounds(quoted(number.toString()) + " has " + significant.scale() + " digits after the decimal point, more than "
                    + maxFractionDigits);
        }
        // 1.000…0 with a thousand zeros is 1, written without them
        return number.scale() <= maxFractionDigits ? number : significant;
    }

    /** At most {@value #QUOTED_CHARS} characters of the text, quoted: a reason must not echo a megabyte. */
    private static String quoted(String text) {
        return "'" + (text.length() <= QUOTED_CHARS ? text : text.substring(0, QUOTED_CHARS) + "…") + "'";
    }
}
