package dev.parallelrun.benchmarks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A benchmark command's arguments: {@code --name=value} options, bare {@code --flag}s of a known set (value
 * {@code "true"}), and the repeatable {@code --jvm=<option>} and {@code --service=<--property=value>} passed on to the
 * service processes. Anything else is refused.
 */
record CommandLine(Map<String, String> options, List<String> jvmArgs, List<String> serviceArgs) {

    static CommandLine parse(String[] argv, Set<String> flags) {
        Map<String, String> options = new HashMap<>();
        List<String> jvmArgs = new ArrayList<>();
        List<String> serviceArgs = new ArrayList<>();
        for (String arg : argv) {
            if (arg.startsWith("--jvm=")) {
                jvmArgs.add(arg.substring("--jvm=".length()));
            } else if (arg.startsWith("--service=")) {
                serviceArgs.add(arg.substring("--service=".length()));
            } else if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else if (arg.startsWith("--") && flags.contains(arg.substring(2))) {
                options.put(arg.substring(2), "true");
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        return new CommandLine(options, List.copyOf(jvmArgs), List.copyOf(serviceArgs));
    }
}
