package io.tripflow.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Options the user got wrong are usage errors (exit 2) naming the option, before anything connects to AWS. */
class UsageErrorsTest {

    private static String err(int expectedExit, String... args) {
        var cli = TripflowCli.commandLine(new TripflowCli());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        assertEquals(expectedExit, cli.execute(args));
        return err.toString();
    }


    @Test
    void aDatetimeFormatThatIsNoPatternIsNamed() {
        String err = err(2, "replay", "--start-csv", "s.csv", "--end-csv", "e.csv", "--datetime-format", "dd-MM-yyyy", "--datetime-format", "HH:mm{");
        assertTrue(err.startsWith("--datetime-format 'HH:mm{' is not a java.time pattern"), err);
    }

    @Test
    void aSimulationProbabilityOutsideZeroToOneIsNamed() {
        String err = err(2, "simulate", "--trips", "10", "--late", "2");
        assertTrue(err.startsWith("--late is a probability between 0 and 1, not 2.0"), err);
    }
}
