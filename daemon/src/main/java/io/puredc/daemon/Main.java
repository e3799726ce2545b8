package io.puredc.daemon;

/** {@code java -jar daemon.jar}: see {@link Launcher} and {@code --help}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        Launcher.Outcome outcome = Launcher.start(args, System.out, System.err);
        if (outcome instanceof Launcher.Exit exit) {
            System.exit(exit.code());
            return;
        }
        Running running = ((Launcher.Started) outcome).running();
        // Ctrl-C (SIGINT) and SIGTERM run this hook; the JVM exits when it returns.
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "puredc-shutdown"));
        running.awaitClosed(); // the server's threads are daemon threads; this keeps the process up
    }
}
