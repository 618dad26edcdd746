package io.privastream.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code privastream} command. */
@Command(name = "privastream",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Private, peer-assisted live and on-demand streaming over HTTP.",
        subcommands = {
            OriginCommand.class,
            AgentCommand.class,
            TrackerCommand.class,
            RelayCommand.class,
            TokensCommand.class,
            PlayCommand.class,
            DemoCommand.class,
            BenchCommand.class,
            ExperimentCommand.class,
            SimulateCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main {

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (for tests). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Main());
        Converters.register(cl);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // A failure the user can act on gets one line, not a stack trace.
            commandLine.getErr().println("privastream: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            if (Boolean.getBoolean("privastream.trace")) {
                e.printStackTrace(commandLine.getErr());
            }
            return 1;
        });
        return cl.execute(args);
    }

    /** The version from the jar's manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"privastream " + (v == null ? "(development build)" : v) + " on Java " + Runtime.version()};
        }
    }
}
