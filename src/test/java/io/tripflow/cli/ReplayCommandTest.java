package io.tripflow.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplayCommandTest {

    @Test
    void aDatetimeFormatThatIsNoPatternIsAUsageErrorNamingIt() {
        var cli = TripflowCli.commandLine(new TripflowCli());
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("replay", "--start-csv", "s.csv", "--end-csv", "e.csv", "--datetime-format", "dd-MM-yyyy", "--datetime-format", "HH:mm{");
        assertEquals(2, exit);
        assertTrue(err.toString().startsWith("--datetime-format 'HH:mm{' is not a java.time pattern"), err.toString());
    }
}
