package io.tripflow.cli;

import java.util.concurrent.Callable;

import io.tripflow.TripflowApplication;
import io.tripflow.intake.FileRequeue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code tripflow files retry|reprocess <key>}: puts a dropped file back to be taken in. */
@Command(name = "files", description = "Put a dropped file (trip or shop) back to be taken in.",
        subcommands = {FilesCommand.Retry.class, FilesCommand.Reprocess.class})
public class FilesCommand {

    /** Both subcommands: the file's key, from the folders the subcommand takes files from. */
    abstract static class Requeue implements Callable<Integer> {
        @Parameters(paramLabel = "KEY", description = "its key in the files bucket, e.g. failed/trips.csv")
        String key;

        abstract FileRequeue.From from();

        @Override
        public Integer call() throws Exception {
            try {
                String incoming = TripflowApplication.runOnce(TripflowApplication.Mode.NO_ROUTES,
                        camel -> camel.getRegistry().findSingleByType(FileRequeue.class).requeue(key, from()));
                System.out.println(key + " is back as " + incoming + ": the next poll takes it in");
                return 0;
            } catch (IllegalArgumentException e) {
                System.err.println(e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "retry", description = "A file given up in failed/ (once what failed it is fixed) back to incoming/, to be taken in again.")
    static class Retry extends Requeue {
        @Override
        FileRequeue.From from() {
            return FileRequeue.From.FAILED;
        }
    }

    @Command(name = "reprocess", description = "A file taken in before (processed/, rejected/, failed/ or still in incoming/) taken in again as new, "
            + "e.g. after a settings fix; its rows are duplicates where they were stored before.")
    static class Reprocess extends Requeue {
        @Override
        FileRequeue.From from() {
            return FileRequeue.From.ANY;
        }
    }
}
