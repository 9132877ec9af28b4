package io.tripflow.dynamodb;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NumberBoundsTest {

    private final NumberBounds bounds = new NumberBounds(15, 15);

    @Test
    void numbersWithinTheBoundsAreReadExactly() {
        assertEquals(new BigDecimal("40.09620692463166"), bounds.parse("40.09620692463166"));
        assertEquals(new BigDecimal("999999999999999.999999999999999"), bounds.parse("999999999999999.999999999999999"));
        assertEquals(new BigDecimal("0E-9"), bounds.parse("0E-9"), "a zero keeps its form while its digits are within bounds");
        assertEquals(new BigDecimal("1E+14"), bounds.parse("1e14"));
    }

    @Test
    void theBoundsAreDigitsBeforeAndAfterThePointWithTrailingZerosNotCounted() {
        assertTrue(assertThrows(NumberBounds.OutOfBounds.class, () -> bounds.parse("1e15")).getMessage()
                .endsWith("has 16 digits before the decimal point, more than 15"));
        assertTrue(assertThrows(NumberBounds.OutOfBounds.class, () -> bounds.parse("0.0000000000000001")).getMessage()
                .endsWith("has 16 digits after the decimal point, more than 15"));
        assertEquals(BigDecimal.ONE, bounds.parse("1.0000000000000000000000000000000000000000000"), "written without the zeros beyond the bounds");
    }

    @Test
    void aHugeExponentIsRefusedFromItsFieldsWithoutExpandingIt() {
        var refused = assertThrows(NumberBounds.OutOfBounds.class, () -> bounds.parse("1e-999999999"));
        assertEquals("'1E-999999999' has 999999999 digits after the decimal point, more than 15", refused.getMessage());
        assertThrows(NumberBounds.OutOfBounds.class, () -> bounds.parse("-9e+999999999"));
        assertEquals(0, bounds.check(new BigDecimal("0E-999999999")).toPlainString().length() - 17,
                "zero with a billion decimals is zero with the 15 allowed");
    }

    @Test
    void aLongTextIsRefusedUnreadAndQuotedShort() {
        var refused = assertThrows(NumberBounds.OutOfBounds.class, () -> bounds.parse("1".repeat(1_000_000)));
        assertTrue(refused.getMessage().length() < 120, refused.getMessage());
        assertTrue(refused.getMessage().endsWith("has 1000000 characters, more than a number may have (64)"));
        assertEquals("'n/a' is not a number", assertThrows(NumberFormatException.class, () -> bounds.parse("n/a")).getMessage());
        assertEquals("'١٢' is not a number", assertThrows(NumberFormatException.class, () -> bounds.parse("١٢")).getMessage(),
                "BigDecimal would read other scripts' digits");
    }

    @Test
    void doublesWrittenOutInFullAsRealTripDataHasThemAreWithinTheDefaults() {
        for (String real : new String[] {"0.31015622513007157", "40.09620692463166", "1.2345678901234567E-5", "0E-9"}) {
            assertEquals(new BigDecimal(real), NumberBounds.DEFAULT.parse(real), real);
        }
    }

    @Test
    void boundsBeyondDynamoDbsPrecisionAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new NumberBounds(20, 19));
        assertThrows(IllegalArgumentException.class, () -> new NumberBounds(0, 10));
    }
}
