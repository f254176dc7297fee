///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DESCRIPTION Times the training step of both programs: micrograd's default run and microGPT's
//SOURCES ../Micrograd.java
//SOURCES ../MicroGpt.java
//FILES data/names.txt=../data/names.txt
//DEPS info.picocli:picocli:4.7.7
//RUNTIME_OPTIONS -XX:+UseSerialGC -Xms48m -Xmn32m -XX:+AlwaysPreTouch

/*
 * The benchmark: how long a training step takes, step by step, in one process.
 *
 *   jbang bench/Bench.java [MICROGRAD_STEPS] [MICROGPT_STEPS]    (defaults 2000 and 1000; 0 skips one)
 *
 * micrograd: the default run (moons, MLP 2-16-16-1, 100 steps) repeated, one model trained on in runs of
 * 100 steps. microGPT: the default training (microgpt.py's model on the names), for its steps. For each, a
 * line: ms a step over the first 100 steps (the JIT still compiling), the steady state after them (median
 * and range), the Values of a step's graph, the young collections, and the peak heap. For numbers that do
 * not depend on what ran before, time one program a process: Bench.java 2000 0, then Bench.java 0 1000.
 */

package micrograd;

import java.lang.management.*;
import java.nio.charset.StandardCharsets;
import java.util.*;

import static micrograd.Micrograd.*;

public class Bench {

    public static void main(String[] args) throws Exception {
        int micrograd = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int microgpt = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        for (int steps : new int[] {micrograd, microgpt}) {
            if (steps != 0 && (steps < 200 || steps > 100_000)) {
                System.err.println("usage: Bench.java [MICROGRAD_STEPS] [MICROGPT_STEPS]: 0, or 200 to 100000 each");
                System.exit(2);
            }
        }
        System.out.printf("%-10s %14s %22s %10s %10s %10s%n", "", "first 100", "steady: median (range)", "values",
                "young GCs", "peak heap");
        if (micrograd > 0) micrograd(micrograd);
        if (microgpt > 0) microgpt(microgpt);
    }

    /** micrograd's default run, again and again on one model, in runs of 100 steps, as the default trains. */
    static void micrograd(int steps) {
        var numpy = NumpyRandom.seeded(1337);
        Dataset data = moons(100, 0.1, numpy);
        var model = new MLP(2, List.of(16, 16), Activation.RELU, PythonRandom.seeded(1337));
        var settings = new Settings(Loss.HINGE, 1e-4, 100, 1.0, 0, false);
        long values = TrainCommand.valuesPerStep(model, data, settings);
        double[] ms = new double[steps];
        var before = start();
        for (int done = 0; done < steps; done += 100) {
            int offset = done;
            long[] last = {System.nanoTime()};
            train(model, data, settings, numpy, step -> {
                long now = System.nanoTime();
                if (offset + step.step() < steps) ms[offset + step.step()] = (now - last[0]) / 1e6;
                last[0] = now;
            });
        }
        print("micrograd", ms, values, before);
    }

    /** microGPT's default training, its step lines timed as they come. */
    static void microgpt(int steps) throws Exception {
        List<String> lines;
        try (var in = Bench.class.getResourceAsStream("/data/names.txt")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        // microgpt.py's model and settings, without the sampling
        var config = new MicroGpt.Config(1, 16, 4, 16, steps, 0.01, 0.5, 0, 42);
        double[] ms = new double[steps];
        long[] values = {0}, last = {0};
        var before = start();
        MicroGpt.run(lines, config, new MicroGpt.Out() {
            public void println(String line) { last[0] = System.nanoTime(); } // the last is "num params"

            public void step(int step, String line, Value loss, double lr) {
                ms[step] = (System.nanoTime() - last[0]) / 1e6;
                if (step == 0) values[0] = loss.topologicalOrder().size(); // counted outside the time
                last[0] = System.nanoTime();
            }

            public void trained(long nanos) {}
        });
        print("microGPT", ms, values[0], before);
    }

    /** The young collections so far, after the heap's peak is set back to what is in use now. */
    static long start() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        return youngCollections();
    }

    static long youngCollections() {
        var collectors = ManagementFactory.getGarbageCollectorMXBeans(); // the young generation's first
        return collectors.isEmpty() ? 0 : Math.max(0, collectors.get(0).getCollectionCount());
    }

    static void print(String program, double[] ms, long values, long collectionsBefore) {
        double first = Arrays.stream(ms, 0, 100).sum() / 100;
        double[] steady = Arrays.copyOfRange(ms, 100, ms.length);
        Arrays.sort(steady);
        long peak = 0; // bytes, over the heap's pools
        for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) peak += pool.getPeakUsage().getUsed();
        }
        System.out.printf(Locale.ROOT, "%-10s %11.2f ms %8.2f (%.2f-%.2f) ms %10d %10d %7d MB%n", program, first,
                steady[steady.length / 2], steady[0], steady[steady.length - 1], values,
                youngCollections() - collectionsBefore, peak >> 20);
    }
}
