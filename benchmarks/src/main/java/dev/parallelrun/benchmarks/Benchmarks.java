package dev.parallelrun.benchmarks;

import java.util.Arrays;

/**
 * The benchmark commands (README, "Performance"); each prints numbers, none is a test.
 *
 * <pre>
 *   java -jar benchmarks/target/benchmarks.jar reconciliation [--pairs=100000,1000000] [--partitions=3] [--heap=1g]
 *       [--warmup=20000] [--rate=R] [--instances=1] [--one-sided] [--service=--a.property=value] [--jvm=-Xflag]
 *   java -jar benchmarks/target/benchmarks.jar ingress [--connections=16,64] [--warmup=120s] [--duration=20s] [--heap=512m]
 *   java -jar benchmarks/target/benchmarks.jar comparison [JMH options, e.g. -f 1 -wi 2 -i 3]
 * </pre>
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "reconciliation" -> ReconciliationBenchmark.main(rest);
            case "ingress" -> IngressBenchmark.main(rest);
            case "comparison" -> org.openjdk.jmh.Main.main(withDefaultInclude(rest, ComparisonBenchmark.class.getName()));
            default -> {
                usage();
                System.exit(2);
            }
        }
        System.exit(0);
    }

    /** JMH runs every benchmark on the class path unless told which: here, the comparison's. */
    private static String[] withDefaultInclude(String[] args, String include) {
        for (String arg : args) {
            if (!arg.startsWith("-")) {
                return args;
            }
        }
        String[] with = Arrays.copyOf(args, args.length + 1);
        with[args.length] = include;
        return with;
    }

    private static void usage() {
        System.err.println("""
                usage: java -jar benchmarks/target/benchmarks.jar <benchmark> [options]
                  reconciliation [--pairs=100000,1000000] [--partitions=3] [--heap=1g] [--jar=<reconciliation exec jar>]
                                 [--warmup=20000] [--rate=R] [--instances=1] [--one-sided] [--service=..] [--jvm=..]
                      floods N outcome pairs onto outcomes.legacy.v1 / outcomes.shadow.v1, waits until every verdict is
                      committed in PostgreSQL, then measures the raw limit on the same broker and database (produce the
                      same outcomes, read them back once, COPY the same rows); prints both and their ratio
                      --rate=R        sends the pairs at R pairs/s and prints the verdict latency (p50/p95/p99/max)
                      --instances=K   runs K reconciliation-service processes that share the partitions
                      --one-sided     floods N first sides only (none answered): time, RSS growth, state on disk
                  ingress [--connections=16,64] [--warmup=120s] [--duration=20s] [--heap=512m] [--jar=<ingress exec jar>]
                          [--service=..] [--jvm=..]
                      posts ClaimSubmitted intents (each with its own Idempotency-Key) to ingress-service and to a bare
                      Spring MVC endpoint, each its own process, with the same closed-loop load per number of
                      connections; prints both request rates and their ratio, and checks one intent on the topic per 202
                  comparison [JMH options]
                      JMH benchmarks of the comparison hot path (decode, compare, encode a verdict)""");
    }
}
