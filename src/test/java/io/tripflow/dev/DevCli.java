package io.tripflow.dev;

import io.tripflow.cli.BackfillAnalyticsCommand;
import io.tripflow.cli.CreateResourcesCommand;
import io.tripflow.cli.FilesCommand;
import io.tripflow.cli.KpiCommand;
import io.tripflow.cli.RedriveCommand;
import io.tripflow.cli.ReplayCommand;
import io.tripflow.cli.RunCommand;
import io.tripflow.cli.SimulateCommand;
import io.tripflow.cli.TripflowCli;
import picocli.CommandLine.Command;

/** The dev launcher: the production commands plus those that need the embedded local AWS stack. */
@Command(name = "tripflow", mixinStandardHelpOptions = true, version = "tripflow 0.1.0 (dev)",
        description = "tripflow with its embedded local AWS stack.",
        subcommands = {RunCommand.class, ReplayCommand.class, SimulateCommand.class, KpiCommand.class, RedriveCommand.class,
                BackfillAnalyticsCommand.class, CreateResourcesCommand.class, FilesCommand.class, StackCommand.class, DemoCommand.class, SamplesCommand.class})
public class DevCli {

    public static void main(String[] args) {
        System.exit(TripflowCli.commandLine(new DevCli()).execute(args));
    }
}
