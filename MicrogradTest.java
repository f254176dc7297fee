///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DESCRIPTION The tests of micrograd for Java (JUnit); selectors such as --select-method pass through
//SOURCES Micrograd.java
//SOURCES MicroGpt.java
//FILES data/names.txt=data/names.txt
//FILES reference/moons_seed1337.csv=reference/moons_seed1337.csv
//FILES reference/mlp_2_16_16_1_seed1337.txt=reference/mlp_2_16_16_1_seed1337.txt
//FILES reference/repr_cpython.txt=reference/repr_cpython.txt
//DEPS org.junit:junit-bom:6.1.3@pom
//DEPS org.junit.jupiter:junit-jupiter
//DEPS org.junit.platform:junit-platform-console

/*
 * The tests of Micrograd.java, in the file's own order: the lesson's sections 1-8, then the plumbing.
 * Run them with:   ./jbang MicrogradTest.java
 * main() runs JUnit's console launcher on this class, prints the test tree and ends with a line
 * "N passed, N failed" (exit code 1 on any failure, or when no test ran).
 */

package micrograd; // the package of the classes under test, to reach their package-private parts

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DisplayNameGeneration;
import org.junit.jupiter.api.DisplayNameGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.console.ConsoleLauncher;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

@TestClassOrder(ClassOrderer.OrderAnnotation.class)
@DisplayNameGeneration(MicrogradTest.Sentences.class)
public class MicrogradTest extends Micrograd { // extends it only to call its parts by their short names

    /**
     * Runs the whole class, or what the arguments select, with JUnit's console launcher options:
     * ./jbang MicrogradTest.java --select-method=MicrogradTest$Losses#l2IsAlphaTimesTheSumOfSquares
     * ./jbang MicrogradTest.java --select-class='MicrogradTest$MicroGptTests'
     * ./jbang MicrogradTest.java --select-class=MicrogradTest --include-methodname='.*[Tt]ape.*'
     */
    public static void main(String[] args) {
        var summary = launch(new PrintWriter(System.out, true), args);
        if (summary == null) {
            System.out.println("0 passed, 0 failed");
            System.exit(1);
        }
        long failed = summary.getTestsFailedCount();
        long skipped = summary.getTestsSkippedCount() + summary.getTestsAbortedCount();
        System.out.println(summary.getTestsSucceededCount() + " passed, " + failed + " failed"
                + (skipped > 0 ? ", " + skipped + " skipped" : ""));
        System.exit(failed > 0 || summary.getTestsFoundCount() == 0 ? 1 : 0);
    }

    /** JUnit's console launcher on this class, or on what the arguments select. */
    static TestExecutionSummary launch(PrintWriter out, String... args) {
        var colours = System.console() != null && System.getenv("NO_COLOR") == null;
        boolean selects = Arrays.stream(args).anyMatch(a -> a.startsWith("--select"));
        var launcherArgs = new ArrayList<>(List.of("execute", "--details=tree", "--disable-banner",
                "--fail-if-no-tests"));
        if (!selects) launcherArgs.add("--select-class=" + MicrogradTest.class.getName());
        for (String a : args) launcherArgs.add(inPackage(a));
        if (!colours) launcherArgs.add("--disable-ansi-colors");
        var result = ConsoleLauncher.run(out, new PrintWriter(System.err, true), launcherArgs.toArray(String[]::new));
        return (TestExecutionSummary) result.getValue().orElse(null);
    }

    /** A selector by the short name (--select-class=MicrogradTest$Losses) gets the package's name too. */
    static String inPackage(String arg) {
        return arg.replaceFirst("^(--select-(class|method)=)MicrogradTest\\b", "$1" + MicrogradTest.class.getName());
    }

    /** Test names as sentences: aValueUsedTwiceGetsBothParts reads "a value used twice gets both parts". */
    static final class Sentences extends DisplayNameGenerator.Simple {
        @Override
        public String generateDisplayNameForNestedClass(List<Class<?>> enclosing, Class<?> nested) {
            return words(nested.getSimpleName());
        }

        @Override
        public String generateDisplayNameForMethod(List<Class<?>> enclosing, Class<?> testClass, Method method) {
            return words(method.getName());
        }

        static String words(String camel) {
            String spaced = camel.replaceAll("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])", " ").toLowerCase();
            return spaced.replaceAll("\\bsgd\\b", "SGD").replaceAll("\\bsvg\\b", "SVG").replaceAll("\\bcsv\\b", "CSV")
                    .replaceAll("\\bmlp\\b", "MLP").replaceAll("\\bdot\\b", "DOT").replaceAll("\\bj shell\\b", "JShell")
                    .replaceAll("\\bj bang\\b", "JBang");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    record Run(int exit, String out, String err) {}

    /** Runs the command in-process, as `jbang Micrograd.java ARGS` would, capturing what it prints. */
    static Run run(String... args) { return run(Cli.commandLine(), args); }

    /** Runs a configured command in-process, capturing what it prints. */
    static Run run(picocli.CommandLine cmd, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int exit = cmd.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static void assertClose(double expected, double actual, double relative, String what) {
        double scale = Math.max(Math.abs(expected), 1e-300);
        assertTrue(Math.abs(expected - actual) / scale <= relative,
                what + ": expected " + expected + " but got " + actual);
    }

    /** A usage error: exit code 2, the first line names the option, no stack trace, nothing on stdout. */
    static void assertUsageError(Run run, String option, String args) {
        assertEquals(2, run.exit(), args + " -> " + run.err());
        var first = run.err().lines().findFirst().orElse("");
        assertTrue(first.contains(option), "the first line names " + option + ": " + first);
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
        assertEquals("", run.out(), args);
    }

    /** A file that the tests pack in with //FILES (see reference/README.md). */
    static List<String> reference(String name) throws Exception {
        try (var in = MicrogradTest.class.getResourceAsStream("/reference/" + name)) {
            assertNotNull(in, "reference/" + name + " is packed with the tests");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        }
    }

    static final double H = 1e-6;

    /** The Values one default step makes (100 moons through MLP(2, [16, 16, 1]), hinge loss, L2): the tape's count. */
    static final int DEFAULT_STEP_VALUES = 35_077;

    /** Central difference: (f(x+h) - f(x-h)) / 2h, computed with plain doubles, not with backward(). */
    static double numeric(Function<Double, Double> f, double x) {
        return (f.apply(x + H) - f.apply(x - H)) / (2 * H);
    }

    /** Checks d f(x)/dx from backward() against the central difference, for f built from Values. */
    static void checkUnary(String name, Function<Value, Value> f, double... points) {
        for (double x : points) {
            var v = new Value(x);
            f.apply(v).backward();
            double expected = numeric(t -> f.apply(new Value(t)).data, x);
            assertClose(expected, v.grad, 1e-6, name + " at " + x);
        }
    }

    static List<String> stepLines(Run run) { return run.out().lines().filter(l -> l.startsWith("step ")).toList(); }

    static double lossOf(String stepLine) { return Double.parseDouble(stepLine.split(" ")[3].replace(",", "")); }

    static MLP notebookModel() {
        return new MLP(2, List.of(16, 16), Activation.RELU, PythonRandom.seeded(1337));
    }

    static final Value LECTURE_NEURON =
            neuron(2, 0, -3, 1, 6.8813735870195432, Activation.TANH);

    // =============================================================================================
    // 1. Value
    // =============================================================================================

    @Nested
    @Order(1)
    @DisplayName("1. Value and backward()")
    class ValueAndBackward {

        /** micrograd's test_sanity_check; the expected values are what PyTorch computes for the same expression. */
        @Test
        void microgradsSanityCheckGivesPytorchsNumbers() {
            var x = new Value(-4.0);
            var z = x.mul(2).add(2).add(x);                   // z = 2 * x + 2 + x
            var q = z.relu().add(z.mul(x));                   // q = z.relu() + z * x
            var h = z.mul(z).relu();                          // h = (z * z).relu()
            var y = h.add(q).add(q.mul(x));                   // y = h + q + q * x
            y.backward();
            assertEquals(-20.0, y.data, 1e-12);
            assertEquals(46.0, x.grad, 1e-12);
        }

        /** micrograd's test_more_ops; expected values from PyTorch, as micrograd's test states them. */
        @Test
        void microgradsMoreOpsGivePytorchsNumbers() {
            var a = new Value(-4.0);
            var b = new Value(2.0);
            var c = a.add(b);                                           // c = a + b
            var d = a.mul(b).add(b.pow(3));                             // d = a * b + b**3
            c = c.add(c.add(1));                                        // c += c + 1
            c = c.add(c.add(1).add(a.neg()));                           // c += 1 + c + (-a)
            d = d.add(d.mul(2).add(b.add(a).relu()));                   // d += d * 2 + (b + a).relu()
            d = d.add(d.mul(3).add(b.sub(a).relu()));                   // d += 3 * d + (b - a).relu()
            var e = c.sub(d);                                           // e = c - d
            var f = e.pow(2);                                           // f = e**2
            var g = f.div(2.0);                                         // g = f / 2.0
            g = g.add(Value.div(10.0, f));                              // g += 10.0 / f
            g.backward();
            assertClose(24.70408163265306, g.data, 1e-12, "g");
            assertClose(138.83381924198252, a.grad, 1e-12, "a.grad");
            assertClose(645.5772594752186, b.grad, 1e-12, "b.grad");
        }

        @Test
        void everyOneInputOperationMatchesItsCentralDifference() {
            checkUnary("relu", Value::relu, -2.5, -0.3, 0.7, 3.0);
            checkUnary("tanh", Value::tanh, -2.0, -0.5, 0.0, 0.8, 1.5);
            checkUnary("exp", Value::exp, -3.0, 0.0, 0.5, 2.0);
            checkUnary("log", Value::log, 0.1, 1.0, 2.5, 10.0);
            checkUnary("neg", Value::neg, -1.5, 0.0, 2.0);
            checkUnary("pow 2", v -> v.pow(2), -1.5, 0.5, 3.0);
            checkUnary("pow 3", v -> v.pow(3), -2.0, 0.5, 1.7);
            checkUnary("pow -1", v -> v.pow(-1), -2.0, 0.5, 4.0);
            checkUnary("pow 0.5", v -> v.pow(0.5), 0.25, 1.0, 9.0);
            checkUnary("2 - v", v -> Value.sub(2, v), -1.0, 3.0);
            checkUnary("2 / v", v -> Value.div(2, v), -1.5, 0.5, 4.0);
        }

        @Test
        void everyTwoInputOperationMatchesItsCentralDifferenceInBothInputs() {
            record Op(String name, java.util.function.BinaryOperator<Value> f) {}
            var ops = List.of(new Op("add", Value::add), new Op("sub", Value::sub),
                    new Op("mul", Value::mul), new Op("div", Value::div));
            double[][] points = {{-1.5, 2.0}, {0.5, -3.0}, {2.0, 0.25}, {-0.7, -1.3}};
            for (var op : ops) {
                for (double[] p : points) {
                    var a = new Value(p[0]);
                    var b = new Value(p[1]);
                    op.f().apply(a, b).backward();
                    double da = numeric(t -> op.f().apply(new Value(t), new Value(p[1])).data, p[0]);
                    double db = numeric(t -> op.f().apply(new Value(p[0]), new Value(t)).data, p[1]);
                    assertClose(da, a.grad, 1e-6, op.name() + " d/da at " + p[0] + ", " + p[1]);
                    assertClose(db, b.grad, 1e-6, op.name() + " d/db at " + p[0] + ", " + p[1]);
                }
            }
        }

        @Test
        void aValueUsedTwiceGetsBothContributions() {
            var a = new Value(3.0);
            a.add(a).backward();               // b = a + a: db/da = 2
            assertEquals(2.0, a.grad);
            var c = new Value(3.0);
            c.mul(c).backward();               // c * c: d/dc = 2c = 6
            assertEquals(6.0, c.grad);
        }

        @Test
        void gradientsAccumulateUntilZeroed() {
            var model = new MLP(2, List.of(3), Activation.TANH, PythonRandom.seeded(1));
            model.apply(new double[] {0.5, -1.0}).backward();
            var first = model.parameters().stream().mapToDouble(p -> p.grad).toArray();
            assertTrue(Arrays.stream(first).anyMatch(g -> g != 0), "backward() set some gradients");
            model.apply(new double[] {0.5, -1.0}).backward();
            var params = model.parameters();
            for (int i = 0; i < params.size(); i++) assertEquals(2 * first[i], params.get(i).grad, 1e-15);
            model.zeroGrad();
            for (var p : model.parameters()) assertEquals(0.0, p.grad);
        }

        @Test
        void backwardWorksOnAMillionLongChainWithoutRecursion() {
            var x = new Value(0.5);
            var v = x;
            for (int i = 0; i < 1_000_000; i++) v = v.add(1);
            v.backward();
            assertEquals(1_000_000.5, v.data);
            assertEquals(1.0, x.grad);
        }

        @Test
        void arithmeticFollowsIeeeAsPytorchDoes() {
            assertEquals(Double.POSITIVE_INFINITY, new Value(1).div(0).data);
            assertEquals(Double.NEGATIVE_INFINITY, new Value(0).log().data);
            assertTrue(Double.isNaN(new Value(-1).log().data));
            var big = new Value(1000);
            var t = big.tanh();
            t.backward();
            assertEquals(1.0, t.data, "tanh(1000) is 1, not NaN");
            assertEquals(0.0, big.grad);
        }

        @Test
        void valuesPrintAsMicrogradPrintsThem() {
            var a = new Value(2.0);
            var b = a.mul(-3.0);
            b.backward();
            assertEquals("Value(data=-6.0, grad=1.0)", b.toString());
            assertEquals("Value(data=2.0, grad=-3.0)", a.toString());
            assertEquals("*", b.op);
            assertEquals(2, b.inputs().size());
            assertEquals("**2", a.pow(2).op, "a power is labelled as micrograd labels it");
        }
    }

    // =============================================================================================
    // 2. A neuron by hand
    // =============================================================================================

    @Nested
    @Order(2)
    @DisplayName("2. A neuron by hand")
    class ANeuronByHand {

        /** The lecture's neuron: o = tanh(2*-3 + 0*1 + 6.8813735870195432) = tanh(0.8814) = 1/sqrt(2). */
        @Test
        void theLecturesNeuronHasTheLecturesGradients() {
            var o = LECTURE_NEURON;
            assertEquals(Math.sqrt(0.5), o.data, 1e-9);
            var byLabel = new HashMap<String, Value>();
            for (var v : o.buildTopo()) byLabel.put(v.label, v);
            assertEquals(Set.of("x1", "x2", "w1", "w2", "b", "x1*w1", "x2*w2", "x1*w1 + x2*w2", "n", "o"),
                    byLabel.keySet());
            // d tanh/dn = 1 - o^2 = 0.5, and from there the chain rule through + and *
            assertEquals(0.5, byLabel.get("n").grad, 1e-9);
            assertEquals(0.5, byLabel.get("b").grad, 1e-9);
            assertEquals(-1.5, byLabel.get("x1").grad, 1e-9);  // w1 * 0.5
            assertEquals(1.0, byLabel.get("w1").grad, 1e-9);   // x1 * 0.5
            assertEquals(0.5, byLabel.get("x2").grad, 1e-9);   // w2 * 0.5
            assertEquals(0.0, byLabel.get("w2").grad, 1e-9);   // x2 * 0.5
            assertEquals(List.of(byLabel.get("x1"), byLabel.get("w1")), byLabel.get("x1*w1").inputs());
            assertEquals("tanh", o.op);
        }

        @Test
        void reluPassesNoGradientBelowZero() {
            var o = neuron(1, 1, 1, 1, -3, Activation.RELU); // n = -1, o = 0
            assertEquals(0.0, o.data);
            for (var v : o.buildTopo()) if (v != o) assertEquals(0.0, v.grad, v.label);
        }
    }

    // =============================================================================================
    // 3. Gradcheck
    // =============================================================================================

    @Nested
    @Order(3)
    @DisplayName("3. Gradcheck")
    class Gradcheck {

        @Test
        void checkInputAgreesWithBackwardForAProduct() {
            var c = checkInput("a * b", v -> v.get(0).mul(v.get(1)), new double[] {3, -2}, 0, 1e-6);
            assertEquals(-2.0, c.analytic());
            assertEquals(-2.0, c.numeric(), 1e-9);
            assertTrue(c.ok(1e-6));
        }

        @Test
        void checkParameterPutsTheParameterBack() {
            var p = new Value(1.5);
            p.pow(3).backward();                                  // d/dp p^3 = 3 p^2 = 6.75
            var c = checkParameter("p^3", p, () -> p.pow(3), 1e-5);
            assertEquals(6.75, c.analytic());
            assertEquals(6.75, c.numeric(), 1e-8);
            assertEquals(1.5, p.data, "the nudge is undone");
        }

        @Test
        void aWrongDerivativeIsCaught() {
            // a deliberate mistake: d/da sin(a) is cos(a), not sin(a)
            Function<List<Value>, Value> wrong = v -> v.get(0).unary(Math.sin(v.get(0).data), "sin", Math.sin(v.get(0).data));
            Function<List<Value>, Value> right = v -> v.get(0).unary(Math.sin(v.get(0).data), "sin", Math.cos(v.get(0).data));
            assertFalse(checkInput("wrong", wrong, new double[] {0.5}, 0, 1e-6).ok(1e-6));
            assertTrue(checkInput("right", right, new double[] {0.5}, 0, 1e-6).ok(1e-6));
        }

        @Test
        void theErrorIsRelativeAboveOneAndAbsoluteBelow() {
            assertEquals(0.01, new GradCheck("", 100, 101, null).relativeError(), 1e-3);
            assertEquals(0.01, new GradCheck("", 0.01, 0.02, null).relativeError(), 1e-12);
            var skipped = new GradCheck("relu(a) at 0", 1, 99, "relu has a kink at 0");
            var line = Gradchecks.table(List.of(skipped), 1e-9).get(1);
            assertTrue(line.matches("relu\\(a\\) at 0 +skipped: relu has a kink at 0"), "it says so: " + line);
            assertTrue(skipped.ok(1e-9), "and does not fail the run, whatever its numbers");
        }
    }

    // =============================================================================================
    // 4. The network
    // =============================================================================================

    @Nested
    @Order(4)
    @DisplayName("4. The network")
    class Network {

        @Test
        void modelsPrintAsMicrogradPrintsThem() {
            var model = new MLP(2, List.of(2), Activation.RELU, PythonRandom.seeded(0));
            assertEquals("MLP of [Layer of [ReLUNeuron(2), ReLUNeuron(2)], Layer of [LinearNeuron(2)]]",
                    model.toString());
            var tanh = new MLP(3, List.of(4, 4), Activation.TANH, PythonRandom.seeded(0));
            assertTrue(tanh.toString().startsWith("MLP of [Layer of [TanhNeuron(3), "), tanh.toString());
            assertEquals(4 * 4 + 4 * 5 + 5, tanh.parameters().size());
        }

        /**
         * All 337 initial parameters of micrograd's MLP(2, [16, 16, 1]) after Python's random.seed(1337),
         * bit for bit: reference/mlp_2_16_16_1_seed1337.txt, computed with CPython 3.11.
         */
        @Test
        void theInitialWeightsAreMicrogradsBitForBit() throws Exception {
            var expected = reference("mlp_2_16_16_1_seed1337.txt").stream().mapToDouble(Double::parseDouble).toArray();
            var p = notebookModel().parameters();
            assertEquals(337, expected.length);
            assertEquals(337, p.size());
            for (int i = 0; i < expected.length; i++) assertEquals(expected[i], p.get(i).data, "parameter " + i);
            assertEquals(0.23550571390294128, p.get(0).data, "the file's first line, as a literal");
        }

        /** In floating point the order of a sum shows: (0.1 + 0.2) + 0.3 is 0.6000000000000001, 0.1 + (0.2 + 0.3) is 0.6. */
        @Test
        void aNeuronAddsItsBiasThenItsWeightedInputs() {
            var n = new Neuron(2, Activation.LINEAR, (low, high) -> 1);
            n.b.data = 0.1;
            double out = n.apply(Value.listOf(0.2, 0.3)).data;
            assertEquals(0.6000000000000001, out, 0.0, "micrograd's order: sum((wi*xi ...), b) = (b + w0*x0) + w1*x1");
            assertNotEquals(0.1 + (0.2 + 0.3), out, "not the bias last");
            assertEquals(3, n.parameters().size());
        }
    }

    // =============================================================================================
    // 5. Losses
    // =============================================================================================

    @Nested
    @Order(5)
    @DisplayName("5. Losses")
    class Losses {

        @Test
        void hingeLossIsZeroOnceEveryMarginIsAtLeastOne() {
            var scores = List.of(new Value(2.0), new Value(-1.5), new Value(0.5));
            var loss = hingeLoss(scores, new double[] {1, -1, 1});
            assertEquals((0 + 0 + 0.5) / 3, loss.data, 1e-15);     // only the third misses its margin
            loss.backward();
            assertEquals(0.0, scores.get(0).grad);
            assertEquals(-1.0 / 3, scores.get(2).grad, 1e-15);
        }

        @Test
        void meanSquaredErrorAndItsGradient() {
            var scores = List.of(new Value(0.5), new Value(-2.0));
            var loss = meanSquaredError(scores, new double[] {1, -1});
            assertEquals((0.25 + 1.0) / 2, loss.data, 1e-15);
            loss.backward();
            assertEquals(2 * (0.5 - 1) / 2, scores.get(0).grad, 1e-15);
        }

        @Test
        void l2IsAlphaTimesTheSumOfSquares() {
            var params = Value.listOf(1, -2, 3);
            var penalty = l2(params, 0.5);
            assertEquals(0.5 * (1 + 4 + 9), penalty.data);
            penalty.backward();
            assertEquals(-2.0, params.get(1).grad, "d/dp alpha*p^2 = 2*alpha*p");
        }
    }

    // =============================================================================================
    // 6. Gradient descent
    // =============================================================================================

    @Nested
    @Order(6)
    @DisplayName("6. Gradient descent")
    class GradientDescent {

        @Test
        void sgdMovesAgainstTheGradientOnTheDemosSchedule() {
            var p = new Value(1.0);
            p.grad = 0.5;
            sgdStep(List.of(p), 0.1);
            assertEquals(0.95, p.data, 1e-15);
            assertEquals(1.0, learningRate(1.0, 0, 100));
            // micrograd's 1.0 - 0.9*99/100, as CPython 3.11 prints it
            assertEquals(0.10899999999999987, learningRate(1.0, 99, 100));
        }

        /** pred = w*x, loss = (pred - target)^2, w = 3, x = 2, target = 2, lr = 0.1: 16, 0.64, 0.0256. */
        @Test
        void oneWeightByHandGivesTheLessonsNumbers() {
            var steps = byHand(3, 2, 2, 0.1, 3);
            assertEquals(3, steps.size());
            assertClose(16, steps.get(0).loss(), 1e-12, "loss 1");
            assertClose(0.64, steps.get(1).loss(), 1e-12, "loss 2");
            assertClose(0.0256, steps.get(2).loss(), 1e-12, "loss 3");
            assertClose(16, steps.get(0).gradient(), 1e-12, "dL/dw = 2*(6 - 2)*2");
            assertClose(1.4, steps.get(0).newW(), 1e-12, "w <- 3 - 0.1*16");
        }
    }

    // =============================================================================================
    // 7. Data
    // =============================================================================================

    @Nested
    @Order(7)
    @DisplayName("7. Data")
    class Data {

        @Test
        void moonsHaveHalfTheirSamplesInEachClass() {
            var data = moons(101, 0.1, NumpyRandom.seeded(7));
            assertEquals(101, data.size());
            assertEquals(50, Arrays.stream(data.y()).filter(y -> y == -1).count(), "n/2 outer points labelled -1");
            assertEquals(51, Arrays.stream(data.y()).filter(y -> y == 1).count(), "the rest, inner, labelled +1");
            for (double[] x : data.x()) assertEquals(2, x.length);
        }

        @Test
        void theSameSeedGivesTheSameMoonsAndAnotherSeedOthers() {
            var a = moons(50, 0.2, NumpyRandom.seeded(3));
            var b = moons(50, 0.2, NumpyRandom.seeded(3));
            var c = moons(50, 0.2, NumpyRandom.seeded(4));
            assertArrayEquals(a.x(), b.x());
            assertArrayEquals(a.y(), b.y());
            assertFalse(Arrays.deepEquals(a.x(), c.x()));
        }

        @Test
        void withoutNoiseTheMoonsLieOnTheirHalfCircles() {
            var data = moons(40, 0.0, NumpyRandom.seeded(5));
            for (int i = 0; i < data.size(); i++) {
                double x = data.x()[i][0], y = data.x()[i][1];
                if (data.y()[i] < 0) {       // outer: the upper half of the unit circle
                    assertEquals(1.0, Math.hypot(x, y), 1e-12);
                    assertTrue(y >= -1e-12);
                } else {                     // inner: the lower half of the unit circle around (1, 0.5)
                    assertEquals(1.0, Math.hypot(x - 1, y - 0.5), 1e-12);
                    assertTrue(y <= 0.5 + 1e-12);
                }
            }
        }

        /**
         * The notebook's moons, reference/moons_seed1337.csv (NumPy 2.4's legacy RandomState): every
         * coordinate within one unit in the last place (ulp), and all but two exactly. NumPy takes sin
         * and cos from the C library (glibc), Java from its own Math; they round sin(22pi/49) differently
         * in the last bit, which one outer and one inner point share: the y of rows 81 and 90.
         */
        @Test
        void theNotebooksMoonsToTheLastBitButTwo() throws Exception {
            var rows = reference("moons_seed1337.csv").stream().filter(l -> !l.startsWith("x1")).toList();
            var data = moons(100, 0.1, NumpyRandom.seeded(1337));
            assertEquals(100, rows.size());
            assertEquals(100, data.size());
            int exact = 0;
            for (int i = 0; i < rows.size(); i++) {
                var f = rows.get(i).split(",");
                for (int j = 0; j < 2; j++) {
                    double expected = Double.parseDouble(f[j]), actual = data.x()[i][j];
                    assertEquals(expected, actual, Math.ulp(expected), "coordinate " + j + " of row " + i);
                    if (expected == actual) exact++;
                }
                assertEquals(Double.parseDouble(f[2]), data.y()[i], "y of row " + i);
            }
            assertEquals(198, exact, "all but the two coordinates named above are exactly NumPy's");
            assertArrayEquals(new double[] {1.1221146075409685, 0.08147717341718697}, data.x()[0], "row 0, literally");
        }

        /** circles(10, noise 0.1,
                factor 0.5) from seed 3: scikit-learn's make_circles algorithm run with NumPy 2.4.6. */
        @Test
        void circlesAreScikitLearnsCircles() {
            var data = circles(10, 0.1, 0.5, NumpyRandom.seeded(3));
            assertArrayEquals(new double[] {0.45399578793373163, -0.005792084059435568}, data.x()[0]);
            assertArrayEquals(new double[] {0.5167744080862301, -1.0111877639140665}, data.x()[1]);
            assertArrayEquals(new double[] {-0.45797151329892466, -0.4265815219300989}, data.x()[9]);
            assertArrayEquals(new double[] {1, -1, -1, -1, 1, 1, 1, -1, -1, 1}, data.y());
        }

        @Test
        void withoutNoiseCirclesLieOnTheirTwoCircles() {
            var data = circles(41, 0, 0.3, NumpyRandom.seeded(2));
            assertEquals(20, Arrays.stream(data.y()).filter(y -> y < 0).count());
            for (int i = 0; i < data.size(); i++) {
                assertEquals(data.y()[i] < 0 ? 1.0 : 0.3, Math.hypot(data.x()[i][0], data.x()[i][1]), 1e-12);
            }
        }

        @Test
        void withoutNoiseXorIsLabelledByTheSignOfXTimesY() {
            var data = xor(200, 0, NumpyRandom.seeded(2));
            assertEquals(200, data.size());
            for (int i = 0; i < data.size(); i++) {
                double x = data.x()[i][0], y = data.x()[i][1];
                assertTrue(Math.abs(x) <= 1 && Math.abs(y) <= 1);
                assertEquals(x * y > 0 ? 1.0 : -1.0, data.y()[i]);
            }
            long plus = Arrays.stream(data.y()).filter(y -> y > 0).count();
            assertTrue(plus > 70 && plus < 130, "about half of each: " + plus);
        }

        @Test
        void withoutNoiseTheSpiralArmsAreHalfATurnApart() {
            var data = spiral(60, 0, NumpyRandom.seeded(2));
            assertEquals(30, Arrays.stream(data.y()).filter(y -> y > 0).count());
            for (int i = 0; i < data.size(); i++) {
                double x = data.x()[i][0], y = data.x()[i][1], r = Math.hypot(x, y);
                assertTrue(r <= 1 + 1e-12);
                if (r < 1e-9) continue;
                double expected = 2 * Math.PI * SPIRAL_TURNS * r + (data.y()[i] > 0 ? Math.PI : 0);
                double difference = Math.IEEEremainder(Math.atan2(y, x) - expected, 2 * Math.PI);
                assertEquals(0, difference, 1e-9, "point " + i + " lies on its arm");
            }
        }

    }

    // =============================================================================================
    // 8. Training
    // =============================================================================================

    /**
     * Loss and accuracy (%) of all 100 steps of micrograd's demo.ipynb, two numbers per step.
     * Computed by running micrograd's own engine.py and nn.py on CPython 3.11.7 with NumPy 2.4.6 and
     * the notebook's seeds; steps 0, 1 and 96 to 99 are also the lines the published notebook prints.
     */
    static final String NOTEBOOK = """
            0.8958441028683222 50.0 1.7235905336972022 81.0 0.7429006313851131 77.0 0.7705641260584202 82.0
            0.3692793385976537 84.0 0.31354548191852205 86.0 0.2814234349772435 89.0 0.26888733313983904 91.0
            0.2567147286057417 91.0 0.2704862551637922 91.0 0.24507023853658047 91.0 0.2509905529791503 92.0
            0.2156095185192295 91.0 0.23090378446402726 93.0 0.20152151227899448 92.0 0.2257450627928223 93.0
            0.19447987596204103 92.0 0.21089496199246363 93.0 0.15983077356303607 94.0 0.1845374874688391 93.0
            0.18977522856087634 91.0 0.1907270404257964 93.0 0.11733695088756484 97.0 0.12173524408232456 95.0
            0.12615712612770455 95.0 0.16049097780801666 95.0 0.1874719770524581 92.0 0.16741837891059408 95.0
            0.09586583491455393 97.0 0.08778783707420916 96.0 0.11731297569011848 95.0 0.09340146460619835 97.0
            0.12454454903103451 95.0 0.07984002652777268 97.0 0.07727519232921672 97.0 0.07661250143094475 98.0
            0.10610492379198366 96.0 0.09062808429265974 99.0 0.1067188704303693 95.0 0.05225659921975849 98.0
            0.060160098952344615 100.0 0.0859672453333394 96.0 0.05112107943179595 99.0 0.052401424016428264 97.0
            0.045306841790015734 100.0 0.0721107337065509 97.0 0.03334238651310231 99.0 0.031432227957511244 100.0
            0.036585367471115016 99.0 0.04829139382390322 99.0 0.09875114765619616 96.0 0.05449063965875443 99.0
            0.033926794357083165 100.0 0.052615172635684354 97.0 0.03250295251424916 99.0 0.028883273872078292 100.0
            0.041391511040272326 98.0 0.01898740742612852 100.0 0.025238335238837353 100.0 0.020796565213419015 100.0
            0.032597111578102245 99.0 0.017863351693480314 100.0 0.023008717832211662 100.0 0.02207932546358156 100.0
            0.02943291785352961 99.0 0.016251514644091965 100.0 0.028468534483264377 99.0 0.013994365546208708 100.0
            0.015552344843651518 100.0 0.0338911994616016 99.0 0.014229870065926895 100.0 0.01325528158328548 100.0
            0.012300277590022037 100.0 0.012676052498356063 100.0 0.02059381195595468 100.0 0.011845398205364397 100.0
            0.016012697472883256 100.0 0.025458360239222037 100.0 0.014382930289661863 100.0 0.011698962425817944 100.0
            0.012318500800515837 100.0 0.014121117031464183 100.0 0.011664591962446179 100.0 0.011589314549188748 100.0
            0.010990299347735226 100.0 0.01098922672069161 100.0 0.010988193757655071 100.0 0.010987200447388705 100.0
            0.010986246779084925 100.0 0.010985332742365274 100.0 0.010984458327280176 100.0 0.010983623524308865 100.0
            0.010982828324359074 100.0 0.010982072718767005 100.0 0.010981356699297043 100.0 0.010980680258141723 100.0
            0.010980043387921506 100.0 0.010979446081684675 100.0 0.010978888332907229 100.0 0.010978370135492717 100.0
            """;

    @Nested
    @Order(8)
    @DisplayName("8. Training")
    class Training {

        @Test
        void theDefaultRunPrintsTheNotebooksLines() {
            var run = run("--no-plot");
            assertEquals(0, run.exit(), run.err());
            var lines = stepLines(run);
            assertEquals("step 0 loss 0.8958441028683222, accuracy 50.0%", lines.get(0));
            assertTrue(lines.get(99).matches("step 99 loss 0\\.01097837013549\\d*, accuracy 100\\.0%"), lines.get(99));
            var expected = NOTEBOOK.trim().split("\\s+");
            assertEquals(100, lines.size());
            for (int k = 0; k < 100; k++) {
                var parts = lines.get(k).split(" ");        // step K loss L, accuracy A%
                assertEquals(String.valueOf(k), parts[1]);
                assertClose(Double.parseDouble(expected[2 * k]), lossOf(lines.get(k)), 1e-12, "loss at step " + k);
                assertEquals(expected[2 * k + 1] + "%", parts[5], "accuracy at step " + k);
            }
        }

        /** The notebook prints the model and its size before training; so does the command. */
        @Test
        void theRunStartsWithTheModelAndItsParameterCount() {
            var out = run("--no-plot", "--steps", "1").out().lines().toList();
            assertEquals(notebookModel().toString(), out.get(0));
            assertEquals("number of parameters 337", out.get(1));
            assertTrue(out.get(2).startsWith("step 0 "), out.get(2));
        }

        @Test
        void trainingReachesFullAccuracyOnTheMoons() {
            var numpy = NumpyRandom.seeded(1337);
            var data = moons(100, 0.1, numpy);
            var model = notebookModel();
            var steps = new ArrayList<Step>();
            var settings = new Settings(Loss.HINGE, 1e-4, 100, 1.0, 0, false);
            assertTrue(train(model, data, settings, numpy, steps::add));
            assertEquals(100.0, steps.get(99).accuracy());
            assertTrue(steps.get(99).loss() < 0.02);
            // the accuracy reported is measured on the step's own forward pass; check the trained model too
            int right = 0;
            for (int i = 0; i < data.size(); i++) if ((model.apply(data.x()[i]).data > 0) == (data.y()[i] > 0)) right++;
            assertEquals(100, right);
        }

        @Test
        void theLectureNetworkLearnsTheFourExamples() {
            var model = new MLP(3, List.of(4, 4), Activation.TANH, PythonRandom.seeded(1337));
            var steps = new ArrayList<Step>();
            var settings = new Settings(Loss.MSE, 0, 100, 0.05, 0, false);
            train(model, tiny(), settings, NumpyRandom.seeded(1), steps::add);
            assertTrue(steps.get(99).loss() < 0.01, "MSE " + steps.get(99).loss());
            assertTrue(steps.get(99).loss() < steps.get(0).loss() / 10);
        }

        @Test
        void forgettingZeroGradBreaksTraining() {
            var normal = stepLines(run("--no-plot", "--every", "99"));
            var buggy = run("--no-plot", "--every", "99", "--forget-zero-grad");
            assertEquals(0, buggy.exit());
            assertTrue(buggy.out().lines().anyMatch(l -> l.startsWith("*** --forget-zero-grad")), buggy.out());
            var buggySteps = stepLines(buggy);
            assertEquals(normal.get(0), buggySteps.get(0), "the first step is the same: nothing has piled up yet");
            assertTrue(lossOf(buggySteps.get(1)) > 10 * lossOf(normal.get(1)),
                    normal.get(1) + " vs " + buggySteps.get(1));
            assertFalse(buggySteps.get(1).endsWith("accuracy 100.0%"), buggySteps.get(1));
        }

        /**
         * The tape gives every step the same numbers, to the last bit, as loss.backward()'s search: train()
         * against the same loop written out here with loss.backward() in place of the tape.
         */
        @ParameterizedTest
        @ValueSource(strings = {"moons relu hinge", "circles tanh mse", "xor linear hinge", "spiral relu mse",
            "tiny tanh mse", "moons tanh hinge"})
        void theTapeGivesTheSearchsNumbersBitForBit(String setting) {
            var w = setting.split(" ");
            var settings = new Settings(Loss.valueOf(w[2].toUpperCase()), 1e-4, 30, w[2].equals("mse") ? 0.1 : 1,
                    w[0].equals("tiny") ? 0 : 20, false);
            var activation = Activation.valueOf(w[1].toUpperCase());
            var onTape = new ArrayList<String>();
            var numpy = NumpyRandom.seeded(1337);
            var data = w[0].equals("tiny") ? tiny() : dataset(w[0], numpy);
            var model = new MLP(data.inputs(), List.of(8, 8), activation, PythonRandom.seeded(1337));
            assertTrue(train(model, data, settings, numpy, s -> onTape.add(s.loss() + " " + s.accuracy())));
            var searched = new ArrayList<String>();
            numpy = NumpyRandom.seeded(1337);
            data = w[0].equals("tiny") ? tiny() : dataset(w[0], numpy);
            model = new MLP(data.inputs(), List.of(8, 8), activation, PythonRandom.seeded(1337));
            for (int k = 0; k < settings.steps(); k++) {
                var batch = settings.batchSize() == 0 ? data : minibatch(data, settings.batchSize(), numpy);
                var scores = scores(model, batch);
                var loss = totalLoss(model, scores, batch.y(), settings);
                model.zeroGrad();
                loss.backward();
                sgdStep(model.parameters(), learningRate(settings.lr(), k, settings.steps()));
                searched.add(loss.data + " " + accuracy(scores, batch.y()));
            }
            assertEquals(searched, onTape);
        }

        static Dataset dataset(String name, Draws random) {
            return switch (name) {
                case "moons" -> moons(100, 0.1, random);
                case "circles" -> circles(100, 0.1, 0.5, random);
                case "xor" -> xor(100, 0.1, random);
                default -> spiral(100, 0.1, random);
            };
        }

        @Test
        void aDivergingRunStopsWithAHint() {
            var run = run("--lr", "1e300", "--no-plot");
            assertEquals(1, run.exit());
            assertTrue(run.err().contains("try a smaller --lr"), run.err());
            assertEquals(1, run.err().lines().count(), run.err());
        }
    }

    // #############################################################################################
    // The plumbing
    // #############################################################################################

    @Nested
    @Order(9)
    @DisplayName("Plumbing: the graph printer")
    class GraphPrinter {

        @Test
        void theTreeShowsEveryValueWithItsGradient() {
            var tree = GraphText.tree(LECTURE_NEURON);
            assertEquals(10, tree.size());
            assertEquals("o  [tanh]  data 0.7071  grad 1.0000", tree.get(0));
            assertTrue(tree.contains("    |   |   |-- x1  data 2.0000  grad -1.5000"), String.join("\n", tree));
        }

        @Test
        void aValueUsedTwiceIsDrawnInFullOnce() {
            var a = new Value(3, "a");
            var tree = GraphText.tree(a.mul(a));
            assertEquals(List.of("(unnamed)  [*]  data 9.0000  grad 0.0000", "|-- a  data 3.0000  grad 0.0000",
                    "`-- a  data 3.0000  grad 0.0000"), tree);
        }

        @Test
        void theDotOutputIsWellFormed() {
            String dot = GraphText.dot(LECTURE_NEURON);
            assertTrue(dot.startsWith("digraph micrograd {") && dot.trim().endsWith("}"));
            assertTrue(dot.contains("rankdir=LR"));
            assertEquals(dot.chars().filter(c -> c == '{').count(), dot.chars().filter(c -> c == '}').count());
            var declared = new HashSet<String>();
            var edges = new ArrayList<String[]>();
            for (var line : dot.lines().map(String::trim).toList()) {
                var edge = Pattern.compile("^(\\w+) -> (\\w+);$").matcher(line);
                var node = Pattern.compile("^(\\w+) \\[.*\\];$").matcher(line);
                if (edge.matches()) edges.add(new String[] {edge.group(1), edge.group(2)});
                else if (node.matches() && !line.startsWith("node ")) declared.add(node.group(1));
            }
            assertEquals(10 + 5, declared.size(), "ten values and five operations");
            for (var e : edges) assertTrue(declared.contains(e[0]) && declared.contains(e[1]), e[0] + " -> " + e[1]);
            assertEquals(2 + 2 + 2 + 2 + 1, edges.stream().filter(e -> e[1].endsWith("_op")).count(),
                    "one edge per input: four binary operations and tanh");
            assertEquals(5, edges.stream().filter(e -> e[0].endsWith("_op")).count(),
                    "each operation feeds its result");
            assertTrue(dot.contains("label=\"{ o | data 0.7071 | grad 1.0000 }\""), dot);
        }

        @Test
        void theGraphCommandWritesTheDotFileWhole(@TempDir Path dir) throws Exception {
            var file = dir.resolve("neuron.dot");
            var run = run("graph", "--dot", file.toString());
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().contains("o  [tanh]  data 0.7071  grad 1.0000"));
            assertEquals(GraphText.dot(LECTURE_NEURON), Files.readString(file));
            try (var files = Files.list(dir)) {
                assertEquals(List.of(file), files.toList(), "no temporary file left beside it");
            }
        }

        @Test
        void theGraphCommandTakesOtherInputs() {
            var run = run("graph", "--x1", "1", "--x2", "1", "--w1", "1", "--w2", "1", "--b", "-3", "--activation",
                    "relu");
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().startsWith("o = relu("), run.out());
            assertTrue(run.out().contains("o  [relu]  data 0.0000  grad 1.0000"), run.out());
            assertTrue(run.out().contains("`-- n  [+]  data -1.0000  grad 0.0000"), run.out());
        }
    }

    @Nested
    @Order(10)
    @DisplayName("Plumbing: your own expression, draw_dot's picture, and JShell")
    class PlayingWithTheEngine {

        /** The Values of a graph by label. */
        static Value byLabel(Value root, String label) {
            return GraphSvg.values(root).stream().filter(v -> v.label.equals(label)).findFirst().orElseThrow();
        }

        /** The lines after the tree: "result = ..." and "NAME.grad = ...", as a map from the left side. */
        static Map<String, String> results(Run run) {
            var results = new HashMap<String, String>();
            for (String line : run.out().lines().toList()) {
                var m = Pattern.compile("^(result|\\w+\\.grad) += (\\S+)$").matcher(line);
                if (m.matches()) results.put(m.group(1), m.group(2));
            }
            return results;
        }

        @Test
        void graphOfTheIssuesExampleGivesTheGradientsMinusThreeTwoAndOne() {
            var run = run("graph", "a*b + c", "a=2", "b=-3", "c=10");
            assertEquals(0, run.exit(), run.err());
            assertEquals(List.of("a*b + c at a = 2, b = -3, c = 10, after backward():", "",
                    "a*b + c  [+]  data 4.0000  grad 1.0000",
                    "|-- a*b  [*]  data -6.0000  grad 1.0000",
                    "|   |-- a  data 2.0000  grad -3.0000",
                    "|   `-- b  data -3.0000  grad 2.0000",
                    "`-- c  data 10.0000  grad 1.0000", "",
                    "result = 4.0", "a.grad = -3.0", "b.grad = 2.0", "c.grad = 1.0"), run.out().lines().toList());
        }

        @Test
        void withoutAnExpressionGraphPrintsTheLecturesNeuronAsBefore() {
            var run = run("graph");
            var expected = new ArrayList<>(List.of("o = tanh(x1*w1 + x2*w2 + b), after o.backward():", ""));
            expected.addAll(GraphText.tree(LECTURE_NEURON));
            assertEquals(expected, run.out().lines().toList());
        }

        /** Each operation of an expression, by hand in Java: a and b as in the command line a=1.5 b=-0.75. */
        static final Map<String, BinaryOperator<Value>> BY_HAND = Map.ofEntries(
                Map.entry("a + b", (a, b) -> a.add(b)), Map.entry("a - b", (a, b) -> a.sub(b)),
                Map.entry("a * b", (a, b) -> a.mul(b)), Map.entry("a / b", (a, b) -> a.div(b)),
                Map.entry("-a", (a, b) -> a.neg()), Map.entry("a ** 2", (a, b) -> a.pow(2)),
                Map.entry("a**-1.5", (a, b) -> a.pow(-1.5)), Map.entry("relu(a)", (a, b) -> a.relu()),
                Map.entry("relu(b)", (a, b) -> b.relu()), Map.entry("tanh(a)", (a, b) -> a.tanh()),
                Map.entry("exp(b)", (a, b) -> b.exp()), Map.entry("log(a)", (a, b) -> a.log()),
                Map.entry("2 - a", (a, b) -> Value.sub(2, a)), Map.entry("2 / a", (a, b) -> Value.div(2, a)),
                Map.entry("(a)*3", (a, b) -> a.mul(3)), Map.entry("+a", (a, b) -> a));

        /** The expression is built of the engine's own operations: the same numbers, bit for bit. */
        @ParameterizedTest
        @ValueSource(strings = {"a + b", "a - b", "a * b", "a / b", "-a", "a ** 2", "a**-1.5", "relu(a)", "relu(b)",
            "tanh(a)", "exp(b)", "log(a)", "2 - a", "2 / a", "(a)*3", "+a"})
        void eachOperationGivesWhatValueGivesByHand(String expression) {
            var a = new Value(1.5, "a");
            var b = new Value(-0.75, "b");
            var handA = new Value(1.5);
            var handB = new Value(-0.75);
            Value parsed = Expression.build(expression, name -> name.equals("a") ? a : b);
            Value hand = BY_HAND.get(expression).apply(handA, handB);
            parsed.backward();
            hand.backward();
            assertEquals(hand.data, parsed.data, "the value of " + expression);
            assertEquals(handA.grad, a.grad, "d/da of " + expression);
            assertEquals(handB.grad, b.grad, "d/db of " + expression);
            assertEquals(hand.op, parsed.op, "the last operation of " + expression);
        }

        @Test
        void theLecturesNeuronAsAnExpressionIsSectionTwosNeuronBitForBit() {
            var run = run("graph", "tanh(x1*w1 + x2*w2 + b)", "x1=2", "x2=0", "w1=-3", "w2=1", "b=6.8813735870195432");
            assertEquals(0, run.exit(), run.err());
            var results = results(run);
            assertEquals(Numbers.repr(LECTURE_NEURON.data), results.get("result"));
            for (String name : List.of("x1", "x2", "w1", "w2", "b")) {
                assertEquals(Numbers.repr(byLabel(LECTURE_NEURON, name).grad), results.get(name + ".grad"), name);
            }
            // CPython 3.11, micrograd's engine.py typed in with the lecture's tanh (as math.tanh), exp and log
            assertEquals("-1.4999999999999993", results.get("x1.grad"));
            assertEquals("0.9999999999999996", results.get("w1.grad"));
        }

        /**
         * Longer expressions against CPython 3.11 running micrograd's engine.py (typed in, with the lecture's
         * tanh, exp and log): the result and the gradients as Python's repr prints them. Where exp or log
         * is used, the C library's and Java's may differ in the last bit, so those agree to 1e-15.
         */
        @ParameterizedTest
        @ValueSource(strings = {
            "(a + b)*(a - b)/c + exp(a) - log(b) + relu(c - 2)**2|a=1.5 b=2 c=3"
                    + "|4.205208556444786 a=5.4816890703380645 b=-1.8333333333333333 c=2.1944444444444446",
            "1_000*a + .5 + 5. + 1e-3 + 2E+2|a=2|2205.501 a=1000.0",       // (Python's a.grad is the int 1000)
            "-a**2 + a**-1 + 2**3**2*a - -a|a=0.5|258.25 a=508.0"})
        void longerExpressionsGiveMicrogradsNumbers(String test) {
            String[] parts = test.split("\\|");
            var words = new ArrayList<>(List.of("graph", "--", parts[0]));
            words.addAll(List.of(parts[1].split(" ")));
            var run = run(words.toArray(String[]::new));
            assertEquals(0, run.exit(), run.err());
            var results = results(run);
            String[] expected = parts[2].split(" ");
            boolean exact = !parts[0].contains("exp") && !parts[0].contains("log");
            var actual = new ArrayList<String>(List.of(results.get("result")));
            for (int i = 1; i < expected.length; i++) actual.add(results.get(expected[i].split("=")[0] + ".grad"));
            for (int i = 0; i < expected.length; i++) {
                String want = expected[i].contains("=") ? expected[i].split("=")[1] : expected[i];
                if (exact) assertEquals(want, actual.get(i), test);
                else assertClose(Double.parseDouble(want), Double.parseDouble(actual.get(i)), 1e-15, test);
            }
        }

        @Test
        void aLongChainAndDeepNestingWorkAndTheTreeIsLeftOutPastTwoHundredValues() {
            String chain = "a" + " + a".repeat(2499);                       // 9,997 characters, 2,500 Values
            var run = run("graph", chain, "a=1");
            assertEquals(0, run.exit(), run.err());
            assertEquals("2500.0", results(run).get("a.grad"));
            assertTrue(run.out().contains("(2500 Values: the tree is printed for graphs of up to 200)"), run.out());
            // a polynomial by Horner's rule, 30 parentheses deep, against the same built by hand
            var expression = new StringBuilder("1");
            var x = new Value(0.9, "x");
            Value hand = new Value(1);
            for (int k = 2; k <= 31; k++) {
                expression.insert(0, k + " + x*(").append(")");
                hand = x.mul(hand).add(k);
            }
            var run2 = run("graph", expression.toString(), "x=0.9");
            hand.backward();
            assertEquals(Numbers.repr(hand.data), results(run2).get("result"), expression.toString());
            assertEquals(Numbers.repr(x.grad), results(run2).get("x.grad"));
            assertEquals(0, run("graph", "(".repeat(200) + "a" + ")".repeat(200), "a=1").exit());
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "graph|a*|EXPR: 'a*'; expected a number, a name or '(' at column 3",
            "graph|a*b|a=2|expected a value for each name, and b has none (add b=NUMBER)",
            "graph|a*b + c|expected a value for each name, and a, b and c have none (add a=NUMBER b=NUMBER c=NUMBER)",
            "graph|a|a=1|a=2|NAME=VALUE: 'a=2'; expected each name once (a=1 came first)",
            "graph|a|a=two|NAME=VALUE: 'a=two'; expected a number from -1000000 to 1000000",
            "graph|a|a=1e7|NAME=VALUE: 'a=1e7'; expected a number from -1000000 to 1000000",
            "graph|a|a=0x10|NAME=VALUE: 'a=0x10'; expected a number",
            "graph|a|a=|NAME=VALUE: 'a='; expected a number",
            "graph|a|b=1|NAME=VALUE: 'b=1'; expected a name of the expression (a)",
            "graph|a|3|NAME=VALUE: '3'; expected a name, '=' and a number",
            "graph|a=2|EXPR: 'a=2'; expected the expression first, then NAME=VALUE",
            "graph|sin(a)|a=1|expected a function (relu, tanh, exp or log) at column 1, found 'sin'",
            "graph|a**b|a=1|b=2|expected a number after '**' (pow takes a constant exponent) at column 4, found 'b'",
            "graph|(a|a=1|expected an operator (+ - * / **) or ')' at column 3",
            "graph|a b|a=1|expected an operator (+ - * / **) or the end at column 3, found 'b'",
            "graph|tanh + 1|expected '(' after tanh at column 6, found '+'",
            "graph|012|expected a whole number without leading zeros at column 1, found 012",
            "graph|2a|expected an operator (+ - * / **) or the end at column 2, found 'a'",
            "graph|a|a=1|--x1|3|Option '--x1' is for the lecture's neuron",
            "graph|a|a=1|--svg|Micrograd.java|--svg",
            "gradcheck|a*|EXPR: 'a*'; expected a number, a name or '(' at column 3",
            "gradcheck|a/b|b=1|expected a value for each name, and a has none",
            "gradcheck|-h|0.01|Unmatched argument '0.01': --help takes no words"})
        void aBadExpressionIsOneLineAndExitCodeTwo(String test) {
            var parts = List.of(test.split("\\|"));
            var words = parts.subList(0, parts.size() - 1).toArray(String[]::new);
            var run = run(words);
            assertUsageError(run, parts.get(parts.size() - 1), String.join(" ", words));
        }

        @Test
        void anExpressionOverTenThousandCharactersIsRefusedInOneLine() {
            String expression = "a" + "+a".repeat(5000);
            var run = run("graph", expression, "a=1");
            assertUsageError(run, "(10001 characters); expected at most 10000 characters", "a long expression");
            assertTrue(run.err().lines().findFirst().orElse("").length() < 200, "the expression is shortened");
            assertUsageError(run("graph", "(".repeat(201) + "a" + ")".repeat(201), "a=1"),
                    "expected at most 200 parentheses, functions, signs and powers inside each other at column 202",
                    "too deep");
        }

        @Test
        void gradcheckChecksEachInputOfAnExpression() {
            var run = run("gradcheck", "a*b + c", "a=2", "b=-3", "c=10");
            assertEquals(0, run.exit(), run.out() + run.err());
            var lines = run.out().lines().toList();
            assertEquals("a*b + c at a = 2, b = -3, c = 10:", lines.get(0));
            assertTrue(lines.get(2).startsWith("what "), lines.get(2));
            for (String name : List.of("a", "b", "c")) {
                assertTrue(lines.stream().anyMatch(l -> l.startsWith("d/d" + name + " ") && l.endsWith("  ok")),
                        run.out());
            }
            assertEquals("3 checks: 3 passed, 0 skipped (no derivative there), 0 failed", lines.get(lines.size() - 1));
        }

        @Test
        void gradcheckSkipsWhereThereIsNoDerivativeAndFailsWhereTheNudgeIsTooCoarse() {
            var kink = run("gradcheck", "relu(a)*b", "a=0", "b=2");
            assertEquals(0, kink.exit(), kink.out());
            assertTrue(kink.out().contains("d/da  skipped: relu has a kink at 0"), kink.out());
            assertTrue(kink.out().lines().anyMatch(l -> l.startsWith("d/db ") && l.endsWith("ok")), kink.out());
            var log = run("gradcheck", "log(a)", "a=-1");
            assertTrue(log.out().contains("d/da  skipped: not a finite number there"), log.out());
            assertTrue(log.out().contains("1 check: 0 passed, 1 skipped (no derivative there), 0 failed"), log.out());
            // (a+h)^3 - (a-h)^3 = 6a^2 h + 2h^3: with h = 0.1 the central difference is off by h^2 = 0.01
            var coarse = run("gradcheck", "a**3", "a=1000", "--nudge", "0.1", "--tolerance", "1e-9");
            assertEquals(1, coarse.exit());
            assertTrue(coarse.out().contains("FAILED: d/da: backward() gives 3000000.0"), coarse.out());
        }

        // --- the picture ------------------------------------------------------------------------------

        /** A box's rectangle, by the label in its title: x, y, width, height. */
        static Map<String, double[]> boxes(org.w3c.dom.Document doc) {
            var boxes = new HashMap<String, double[]>();
            for (var g : byClass(doc, "g", "value")) {
                var rect = (org.w3c.dom.Element) g.getElementsByTagName("rect").item(0);
                boxes.put(g.getElementsByTagName("title").item(0).getTextContent(), new double[] {
                    Double.parseDouble(rect.getAttribute("x")), Double.parseDouble(rect.getAttribute("y")),
                    Double.parseDouble(rect.getAttribute("width")), Double.parseDouble(rect.getAttribute("height"))});
            }
            return boxes;
        }

        @Test
        void graphSvgDrawsABoxPerValueAndACirclePerOperationLeftToRight(@TempDir Path dir) throws Exception {
            var file = dir.resolve("neuron.svg");
            var run = run("graph", "--svg", file.toString());
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().startsWith(run("graph").out()), "the same tree first");
            assertTrue(run.out().endsWith("wrote " + file + System.lineSeparator()), run.out());
            var doc = parseXml(file);
            assertEquals(10, byClass(doc, "g", "value").size(), "a box per Value");
            assertEquals(5, byClass(doc, "g", "op").size(), "a circle per operation");
            assertEquals(9 + 5, byClass(doc, "path", "edge").size(), "an edge per input, and one per operation");
            assertEquals(9 + 5, byClass(doc, "path", "arrow").size(), "each with its arrowhead");
            String svg = Files.readString(file);
            for (String field : List.of(">x1</text>", ">data 2.0000</text>", ">grad -1.5000</text>", ">tanh</text>",
                    ">data 0.7071</text>")) {
                assertTrue(svg.contains(field), field);
            }
            assertFalse(svg.contains("<script") || svg.contains("href") || svg.contains("url(")
                    || svg.contains("@import") || svg.contains("@font-face") || svg.contains("<image"),
                    "self-contained");
            var boxes = boxes(doc);
            double width = Double.parseDouble(doc.getDocumentElement().getAttribute("width"));
            double height = Double.parseDouble(doc.getDocumentElement().getAttribute("height"));
            for (var b : boxes.values()) {
                assertTrue(b[0] >= 0 && b[1] >= 0 && b[0] + b[2] <= width && b[1] + b[3] <= height, "inside");
                for (var c : boxes.values()) {
                    boolean apart = b == c || b[0] + b[2] <= c[0] || c[0] + c[2] <= b[0] || b[1] + b[3] <= c[1]
                            || c[1] + c[3] <= b[1];
                    assertTrue(apart, "boxes do not overlap");
                }
            }
            // from the inputs on the left to the result on the right, each box right of its inputs' boxes
            for (var path : List.of(List.of("x1", "x1*w1", "x1*w1 + x2*w2", "n", "o"), List.of("b", "n"),
                    List.of("w2", "x2*w2", "x1*w1 + x2*w2"))) {
                for (int i = 0; i + 1 < path.size(); i++) {
                    double[] from = boxes.get(path.get(i)), to = boxes.get(path.get(i + 1));
                    assertTrue(from[0] + from[2] < to[0], path.get(i) + " is left of " + path.get(i + 1));
                }
            }
            try (var files = Files.list(dir)) {
                assertEquals(List.of(file), files.toList(), "written whole: no temporary file left beside it");
            }
        }

        @Test
        void graphSvgIsCheckedBeforeAnyWorkAsTheOtherFileOptionsAre(@TempDir Path dir) {
            assertUsageError(run("graph", "--svg", "Micrograd.java"), "--svg", "a Java source");
            var same = dir.resolve("g.txt").toString();
            assertUsageError(run("graph", "--svg", same, "--dot", same), "--svg", "the --dot file");
            assertUsageError(run("graph", "--svg", dir.resolve("no/g.svg").toString()), "--svg", "no such folder");
            assertFalse(Files.exists(Path.of(same)));
        }

        /** A balanced tree over the leaves: pairs multiplied, then pairs of those added, and so on. */
        static Value balanced(List<Value> leaves, boolean multiply) {
            if (leaves.size() == 1) return leaves.get(0);
            int half = leaves.size() / 2;
            Value left = balanced(leaves.subList(0, half), !multiply);
            Value right = balanced(leaves.subList(half, leaves.size()), !multiply);
            return multiply ? left.mul(right) : left.add(right);
        }

        @Test
        void edgesDoNotCrossNeedlessly() {
            assertEquals(0, GraphSvg.crossings(LECTURE_NEURON));
            assertEquals(0, GraphSvg.crossings(balanced(Value.listOf(new double[16]), true)), "a tree");
            // a*b + c*a: in the first order (a, b, c) the edges b -> a*b and a -> c*a cross; b, a, c has none
            var a = new Value(1, "a");
            var b = new Value(2, "b");
            var c = new Value(3, "c");
            assertEquals(0, GraphSvg.crossings(a.mul(b).add(c.mul(a))), "a shared input");
        }

        @Test
        void aGraphTooBigToDrawIsRefusedBeforeAnythingIsPrinted(@TempDir Path dir) {
            var file = dir.resolve("big.svg");
            var run = run("graph", "a" + " + a".repeat(250), "a=1", "--svg", file.toString());
            assertUsageError(run, "--svg", "251 terms");
            assertTrue(run.err().contains("expected a graph of at most 200 Values to draw (this one has 251"),
                    run.err());
            assertFalse(Files.exists(file));
        }

        @Test
        void anExpressionsGraphIsDrawnAndWrittenForGraphvizToo(@TempDir Path dir) throws Exception {
            var svg = dir.resolve("e.svg");
            var dot = dir.resolve("e.dot");
            var run = run("graph", "a - b", "a=3", "b=1", "--svg", svg.toString(), "--dot", dot.toString());
            assertEquals(0, run.exit(), run.err());
            var boxes = boxes(parseXml(svg));
            // a - b is a + b*(-1): the engine's own Values are named after what they are
            assertEquals(Set.of("a - b", "a", "b * -1", "b", "-1"), boxes.keySet());
            assertTrue(Files.readString(dot).contains("label=\"{ b * -1 | data -1.0000 | grad 1.0000 }\""));
        }

        // --- JShell -----------------------------------------------------------------------------------

        /** The lecture's first cells, as a learner types them at the prompt. */
        static final String LECTURE_CELLS = String.join("\n",
                "var a = new Value(2.0, \"a\");",
                "var b = new Value(-3.0, \"b\");",
                "var c = new Value(10.0, \"c\");",
                "var e = a.mul(b); e.label = \"e\";",
                "var d = e.add(c); d.label = \"d\";",
                "var f = new Value(-2.0, \"f\");",
                "var L = d.mul(f); L.label = \"L\";",
                "L.backward();",
                "draw(L)",
                "a.grad",
                "draw(L, \"L.svg\")",
                "Module m = new MLP(2, List.of(16, 16), Activation.RELU, PythonRandom.seeded(1337));",
                "train((MLP) m, moons(100, 0.1, NumpyRandom.seeded(1337)), 1)",
                "/exit", "");

        /** Through ./jbang, as the README says: the lecture's cells give the lecture's numbers. */
        @Test
        void playOpensJShellWhereTheLecturesCellsGiveTheLecturesNumbers(@TempDir Path dir) throws Exception {
            var jbang = Path.of("jbang").toAbsolutePath().toString();
            var source = Path.of("Micrograd.java").toAbsolutePath().toString();
            var run = shellTyping(dir, Map.of(), LECTURE_CELLS, "bash", jbang, source, "play");
            assertEquals(0, run.exit(), run.out() + run.err());
            String out = run.out();
            assertTrue(out.startsWith("micrograd's engine in JShell."), out);
            assertTrue(out.contains("L ==> Value(data=-8.0, grad=0.0)"), out);
            var tree = List.of("L  [*]  data -8.0000  grad 1.0000", "|-- d  [+]  data 4.0000  grad -2.0000",
                    "|   |-- e  [*]  data -6.0000  grad -2.0000", "|   |   |-- a  data 2.0000  grad 6.0000",
                    "|   |   `-- b  data -3.0000  grad -4.0000", "|   `-- c  data 10.0000  grad -2.0000",
                    "`-- f  data -2.0000  grad 4.0000");
            int at = out.indexOf(tree.get(0));
            assertTrue(at > 0, out);
            assertEquals(tree, out.substring(at).lines().limit(7).toList());
            assertTrue(Pattern.compile("\\$\\d+ ==> 6\\.0\\b").matcher(out).find(), "a.grad is 6.0: " + out);
            assertTrue(out.contains("wrote L.svg"), out);
            assertEquals(7, byClass(parseXml(dir.resolve("L.svg")), "g", "value").size());
            assertTrue(out.contains("step 0 loss 0.8958441028683222, accuracy 50.0%"), "the notebook's first step");
            assertFalse(run.err().contains("Exception") || out.contains("Error:"), out + run.err());
        }

        /** <&-: Java opens its own lib/modules on descriptor 0, which JShell would read as typed lines. */
        @Test
        void playWithStandardInputClosedIsOneLineAndExitCodeTwo(@TempDir Path dir) throws Exception {
            var run = FilesAndTheLog.sh(dir, "eval \"$J play\" <&-", "Micrograd");
            assertEquals(2, run.exit(), run.out() + run.err());
            assertEquals("micrograd play: standard input is closed (<&-); play reads what you type from it",
                    run.err().trim());
            assertEquals("", run.out());
        }

        /** A hard link to a Java source, under another name: the content says what it is. */
        @Test
        void aHardLinkToAJavaSourceIsNotWrittenOver(@TempDir Path dir) throws Exception {
            var source = Files.writeString(dir.resolve("Foo.java"), "public class Foo { }\n");
            var link = Files.createLink(dir.resolve("hard.svg"), source);
            var run = run("graph", "--svg", link.toString());
            assertUsageError(run, "--svg", "--svg " + link);
            assertTrue(run.err().contains("not a Java source"), run.err());
            assertEquals("public class Foo { }\n", Files.readString(source));
            var csv = Files.writeString(dir.resolve("a.csv"), "x,y\n");         // a hard-linked log is written
            Files.createLink(dir.resolve("b.csv"), csv);
            assertEquals(0, run("--steps", "1", "--no-plot", "--log", dir.resolve("b.csv").toString()).exit());
            assertTrue(Files.readString(csv).startsWith("step,loss,accuracy,lr\n"));
        }

        @Test
        void gradcheckOfYourExpressionNudgesInProportionToALargeInput() {
            for (String[] c : List.of(new String[] {"a", "a=1e6"}, new String[] {"a*a", "a=1e5"},
                    new String[] {"a*b", "a=1e6", "b=3"})) {
                var args = new ArrayList<>(List.of("gradcheck"));
                args.addAll(List.of(c));
                var out = run(args.toArray(String[]::new));
                assertEquals(0, out.exit(), String.join(" ", c) + ": " + out.out());
            }
            var empty = run("gradcheck", "");
            assertUsageError(empty, "EXPR", "gradcheck ''");
            assertTrue(empty.err().contains("an expression (this one is empty), e.g. gradcheck 'a*b + c'"), empty.err());
        }

        @Test
        void playRunFromTheSourceFileSaysInOneLineToUseJBang() throws Exception {
            String picocli = Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                    .filter(p -> p.contains("picocli")).findFirst().orElseThrow();
            var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            var run = shell(Map.of(), java, "-cp", picocli, "Micrograd.java", "play");
            assertEquals(1, run.exit(), run.out() + run.err());
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().contains("run it with JBang: ./jbang Micrograd.java play"), run.err());
        }

        /** What draw and train print, in this process. */
        String printed(Runnable action) {
            var out = new java.io.ByteArrayOutputStream();
            var oldOut = System.out;
            var oldErr = System.err;
            try (var print = new java.io.PrintStream(out, true, StandardCharsets.UTF_8)) {
                System.setOut(print);
                System.setErr(print);
                action.run();
            } finally {
                System.setOut(oldOut);
                System.setErr(oldErr);
            }
            return out.toString(StandardCharsets.UTF_8);
        }

        @Test
        void drawAndTrainInJShellAreTheCommandsAndTheLessons(@TempDir Path dir) throws Exception {
            assertEquals(String.join(System.lineSeparator(), GraphText.tree(LECTURE_NEURON)) + System.lineSeparator(),
                    printed(() -> Play.draw(LECTURE_NEURON)));
            String refused = printed(() -> Play.draw(LECTURE_NEURON, dir.toString()));
            assertEquals("draw(v, file): '" + dir + "'; expected a file name; that is a directory", refused.trim());
            var big = Value.sum(Value.listOf(new double[300]));
            assertTrue(printed(() -> Play.draw(big)).startsWith("draw: this graph has 599 Values"));
            assertEquals("draw: v is null; give it a Value, as in draw(L)", printed(() -> Play.draw(null)).trim());
            var odd = dir.resolve("odd.svg");                          // a control character in a label
            printed(() -> Play.draw(new Value(1, "x\u0001"), odd.toString()));
            assertEquals(1, byClass(parseXml(odd), "g", "value").size(), "well-formed XML");
            assertTrue(printed(() -> Play.train(Play.mlp(2, 16), tiny(), 0)).startsWith("train: a model, data, at "
                    + "least 1 step"));
            assertEquals("Dataset(4 samples, 3 inputs each)", tiny().toString());
            assertEquals(new MLP(2, List.of(16, 16), Activation.RELU, PythonRandom.seeded(1337)).parameters().get(5).data,
                    Play.mlp(2, 16, 16).parameters().get(5).data, "the notebook's model");
            assertEquals("draw(v, file): file is null; as in draw(L, \"L.svg\")",
                    printed(() -> Play.draw(LECTURE_NEURON, null)).trim());
            // train() is the lesson's train(): the same losses for the same model and data
            var model = new MLP(3, List.of(4, 4), Activation.TANH, PythonRandom.seeded(1));
            var same = new MLP(3, List.of(4, 4), Activation.TANH, PythonRandom.seeded(1));
            double[] loss = new double[1];
            String lines = printed(() -> loss[0] = Play.train(model, tiny(), 5, 0.05, Loss.MSE));
            var steps = new ArrayList<Step>();
            train(same, tiny(), new Settings(Loss.MSE, 1e-4, 5, 0.05, 0, false), NumpyRandom.seeded(0), steps::add);
            assertEquals(steps.get(4).loss(), loss[0]);
            assertEquals(5, lines.lines().count(), lines);
            assertTrue(lines.startsWith(TrainCommand.stepLine(steps.get(0))), lines);
        }
    }

    @Nested
    @Order(11)
    @DisplayName("Plumbing: the gradcheck table")
    class GradcheckTable {

        @Test
        void everyOperationAndTheNetworkPass() {
            var checks = new ArrayList<>(Gradchecks.checkOperations(Gradchecks.operations(), 1e-6));
            checks.addAll(Gradchecks.checkNetwork(1e-6));
            for (var c : checks) assertTrue(c.ok(1e-6), c.what() + ": " + c.analytic() + " vs " + c.numeric());
            var names = checks.stream().map(c -> c.what().split(",| at ")[0]).distinct().toList();
            for (var op : List.of("a + b", "a - b", "a * b", "a / b", "-a", "a ** 2", "relu(a)", "tanh(a)", "exp(a)",
                    "log(a)", "2 - a", "2 / a")) {
                assertTrue(names.contains(op), "checks " + op);
            }
            assertEquals(2 * 3 + 3, checks.stream().filter(c -> c.what().startsWith("MLP loss")).count(),
                    "MLP(2, [2]): two neurons of 2 weights and a bias, then one of 2 weights and a bias");
            // where an operation has no derivative, the check is skipped, not failed
            assertTrue(checks.stream().anyMatch(c -> c.what().equals("relu(a) at 0") && c.skipped() != null));
            assertTrue(checks.stream().anyMatch(c -> c.what().equals("log(a) at -1.5") && c.skipped() != null));
        }

        @Test
        void theCommandPrintsATableAndExitsZero() {
            var run = run("gradcheck");
            assertEquals(0, run.exit(), run.out() + run.err());
            assertTrue(run.out().startsWith("what "), run.out());
            assertTrue(run.out().contains("relu(a) at 0") && run.out().contains("skipped: relu has a kink at 0"));
            assertTrue(run.out().lines().anyMatch(l -> l.equals(
                    "77 checks: 68 passed, 9 skipped (no derivative there), 0 failed")),
                    run.out());
        }

        @Test
        void theCommandFailsWhenTheToleranceCannotBeMet() {
            // with h = 0.1 the central difference is off by about h^2 = 1e-2, far beyond a 1e-9 tolerance
            var run = run("gradcheck", "--nudge", "0.1", "--tolerance", "1e-9");
            assertEquals(1, run.exit());
            assertTrue(run.out().contains("FAILED: "), run.out());
        }
    }

    /** The plot's grid: the lines between the borders, without the borders. */
    static List<String> grid(Run run) {
        return run.out().lines().filter(l -> l.startsWith("|")).map(l -> l.substring(1, l.length() - 1)).toList();
    }

    @Nested
    @Order(12)
    @DisplayName("Plumbing: the text plot")
    class TextPlot {

        /**
         * Each sample goes in the cell its coordinates fall in, over the data's box widened by a tenth. By
         * hand: the points (0, 0), (10, 10) and (5.5, 2.5) make the box -1 to 11 both ways; in an 8 x 8 plot
         * a cell is 1.5 wide, so (0, 0) is in column 0 (1/1.5), row 7 from the top (11/1.5); (10, 10) in
         * column 7, row 0; (5.5, 2.5) in column 4 (6.5/1.5), row 5 (8.5/1.5).
         */
        @Test
        void everySampleIsDrawnInItsCell() {
            var data = new Dataset(new double[][] {{0, 0}, {10, 10}, {5.5, 2.5}}, new double[] {-1, 1, 1});
            var lines = Micrograd.TextPlot.plot(notebookModel(), data, 8, 8, false);
            var rows = lines.subList(2, 10).stream().map(l -> l.substring(1, 9)).toList();
            var drawn = new HashMap<List<Integer>, Character>();
            for (int r = 0; r < 8; r++) {
                for (int c = 0; c < 8; c++) {
                    char ch = rows.get(r).charAt(c);
                    if (ch == 'o' || ch == 'x') drawn.put(List.of(r, c), ch);
                }
            }
            assertEquals(Map.of(List.of(7, 0), 'o', List.of(0, 7), 'x', List.of(5, 4), 'x'), drawn, String.join("\n", rows));
            assertEquals("decision boundary: y from -1.00 (bottom) to 11.00 (top)", lines.get(0));
            var run = run("--steps", "100", "--width", "40", "--height", "12");
            String all = String.join("", grid(run));
            assertTrue(all.contains(".") && all.contains(" "), "both predicted regions appear");
            assertTrue(run.out().contains("'o' sample of class -1"));
            assertFalse(run.out().contains("\u001b["), "no colour when the output is not a terminal");
        }

        @Test
        void dataWithThreeInputsGetsATableOfPredictions() {
            var run = run("--dataset", "tiny");
            assertEquals(0, run.exit(), run.err());
            var line = run.out().lines().filter(l -> l.startsWith("predictions (mean squared error "))
                    .findFirst().orElseThrow();
            assertTrue(Double.parseDouble(line.replaceAll(".*error ([^)]*)\\).*", "$1")) < 0.01, line);
            assertTrue(run.out().contains("  [2, 3, -1]               1"), run.out());
            assertFalse(run.out().contains("decision boundary"), "no 2-D plot for 3-D inputs");
        }
    }

    static org.w3c.dom.Document parseXml(Path file) throws Exception {
        var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    /** The elements of a name whose class attribute contains the given word. */
    static List<org.w3c.dom.Element> byClass(org.w3c.dom.Document doc, String tag, String word) {
        var found = new ArrayList<org.w3c.dom.Element>();
        var nodes = doc.getElementsByTagName(tag);
        for (int i = 0; i < nodes.getLength(); i++) {
            var e = (org.w3c.dom.Element) nodes.item(i);
            if (List.of(e.getAttribute("class").split(" ")).contains(word)) found.add(e);
        }
        return found;
    }

    static int vertices(org.w3c.dom.Element polyline) {
        return polyline.getAttribute("points").trim().split("\\s+").length;
    }

    static int markers(Path svg) throws Exception {
        var doc = parseXml(svg);
        return byClass(doc, "circle", "point").size() + byClass(doc, "rect", "point").size();
    }

    @Nested
    @Order(13)
    @DisplayName("Plumbing: the SVG picture")
    class Pictures {

        @Test
        void theSvgHasTheBoundaryThePointsAndACurveVertexPerStep(@TempDir Path dir) throws Exception {
            var file = dir.resolve("moons.svg");
            var run = run("--steps", "30", "--samples", "60", "--svg", file.toString(), "--no-plot");
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().contains("wrote " + file), run.out());
            var doc = parseXml(file);
            assertEquals("svg", doc.getDocumentElement().getTagName());
            assertEquals(60, markers(file), "a marker per sample");
            assertEquals(30, byClass(doc, "circle", "minus").size(), "class -1: circles");
            assertEquals(30, byClass(doc, "rect", "plus").size(), "class +1: squares");
            assertFalse(byClass(doc, "rect", "cell").isEmpty(), "the plane is filled by predicted class");
            var zero = byClass(doc, "path", "zero-line");
            assertEquals(1, zero.size());
            assertTrue(zero.get(0).getAttribute("d").startsWith("M"), "the zero-score line is drawn");
            assertEquals(30, vertices(byClass(doc, "polyline", "loss").get(0)));
            assertEquals(30, vertices(byClass(doc, "polyline", "accuracy").get(0)));
            assertTrue(byClass(doc, "line", "tick").size() >= 10, "axes with ticks");
            String svg = Files.readString(file);
            assertTrue(svg.contains("moons: MLP 2-16-16-1, relu, hinge loss, 30 steps") && svg.contains("seed 1337"),
                    "title with the settings");
            assertTrue(svg.contains("after step 29: loss "), "the final numbers");
            assertFalse(svg.contains("<script") || svg.contains("href") || svg.contains("@import")
                    || svg.contains("url("),
                    "self-contained");
        }

        @Test
        void theBoundaryCellsCoverThePlaneExactly(@TempDir Path dir) throws Exception {
            var file = dir.resolve("b.svg");
            assertEquals(0, run("--steps", "5", "--svg", file.toString(), "--no-plot").exit());
            double area = 0;
            for (var cell : byClass(parseXml(file), "rect", "cell")) {
                area += Double.parseDouble(cell.getAttribute("width"))
                        * Double.parseDouble(cell.getAttribute("height"));
            }
            assertEquals(380 * 380, area, 1.0, "100 x 100 cells merged into runs fill the 380 x 380 panel");
        }

        @Test
        void theTinyDatasetsPictureHasTheCurvesAndSaysWhyNoBoundary(@TempDir Path dir) throws Exception {
            var file = dir.resolve("tiny.svg");
            assertEquals(0, run("--dataset", "tiny", "--steps", "40", "--svg", file.toString()).exit());
            var doc = parseXml(file);
            assertEquals(40, vertices(byClass(doc, "polyline", "loss").get(0)));
            assertTrue(byClass(doc, "rect", "cell").isEmpty());
            assertTrue(Files.readString(file)
                    .contains("The decision boundary needs 2-D data; this dataset has 3 inputs."));
        }

        @ParameterizedTest
        @ValueSource(strings = {"moons", "circles", "xor", "spiral"})
        void everyDatasetIsSeededAndHonoursSamplesAndNoise(String name, @TempDir Path dir) throws Exception {
            String[] common = {"--dataset", name, "--steps", "2", "--seed", "5", "--no-plot", "--svg"};
            var a = run(concat(common, dir.resolve("a.svg").toString(), "--samples", "31", "--noise", "0.2"));
            var b = run(concat(common, dir.resolve("b.svg").toString(), "--samples", "31", "--noise", "0.2"));
            var c = run(concat(common, dir.resolve("c.svg").toString(), "--samples", "31", "--noise", "0.3"));
            var d = run(concat(common, dir.resolve("d.svg").toString(), "--samples", "20", "--noise", "0.2"));
            assertEquals(0, a.exit(), a.err());
            assertEquals(31, markers(dir.resolve("a.svg")));
            assertEquals(20, markers(dir.resolve("d.svg")));
            assertEquals(Files.readString(dir.resolve("a.svg")), Files.readString(dir.resolve("b.svg")), "same seed");
            assertNotEquals(Files.readString(dir.resolve("a.svg")), Files.readString(dir.resolve("c.svg")),
                    "more noise");
        }
    }

    static String[] concat(String[] first, String... more) {
        var all = new ArrayList<>(List.of(first));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers for the pages and the live plot: the pages' data, a browser, a terminal
    // ---------------------------------------------------------------------------------------------

    /** A JSON number, kept as it was written: the pages' numbers are compared with the step lines as printed. */
    record Num(String text) {
        double value() { return Double.parseDouble(text); }
    }

    /** The JSON block that a page's script draws from, as maps, lists, strings, booleans and Nums. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> pageData(Path page) throws Exception {
        String html = Files.readString(page);
        String open = "<script type=\"application/json\" id=\"data\">";
        int start = html.indexOf(open) + open.length();
        assertTrue(start >= open.length(), "the page has a data block");
        return (Map<String, Object>) new Json(html.substring(start, html.indexOf("</script>", start))).read();
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object json) { return (List<Object>) json; }

    @SuppressWarnings("unchecked")
    static Map<String, Object> object(Object json) { return (Map<String, Object>) json; }

    static List<String> texts(Object json) { return list(json).stream().map(n -> ((Num) n).text()).toList(); }

    /** Just enough of a JSON reader for the pages' data. */
    static final class Json {
        static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
        private final String text;
        private int at;

        Json(String text) { this.text = text; }

        Object read() {
            Object value = value();
            space();
            assertEquals(text.length(), at, "one JSON value, and nothing after it");
            return value;
        }

        private Object value() {
            space();
            char c = text.charAt(at);
            if (c == '{' || c == '[') {
                char end = c == '{' ? '}' : ']';
                var map = new java.util.LinkedHashMap<String, Object>();
                var list = new ArrayList<Object>();
                at++;
                space();
                while (text.charAt(at) != end) {
                    if (c == '{') {
                        String key = (String) value();
                        space();
                        assertEquals(':', text.charAt(at++), "a colon after a key, at " + at);
                        map.put(key, value());
                    } else {
                        list.add(value());
                    }
                    space();
                    if (text.charAt(at) == ',') at++;
                    else assertEquals(end, text.charAt(at), "a comma or the end, at " + at);
                }
                at++;
                return c == '{' ? map : list;
            }
            if (c == '"') {
                var out = new StringBuilder();
                for (at++; text.charAt(at) != '"'; at++) {
                    char d = text.charAt(at);
                    if (d != '\\') {
                        out.append(d);
                    } else if (text.charAt(++at) == 'u') {
                        out.append((char) Integer.parseInt(text.substring(at + 1, at + 5), 16));
                        at += 4;
                    } else {
                        out.append(text.charAt(at) == 'n' ? '\n' : text.charAt(at));
                    }
                }
                at++;
                return out.toString();
            }
            for (String word : List.of("true", "false", "null")) {
                if (text.startsWith(word, at)) {
                    at += word.length();
                    return word.equals("null") ? null : Boolean.valueOf(word);
                }
            }
            var number = NUMBER.matcher(text).region(at, text.length());
            assertTrue(number.lookingAt(), "a JSON value at " + at + ": " + text.substring(at, Math.min(text.length(),
                    at + 30)));
            at = number.end();
            return new Num(number.group());
        }

        private void space() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) at++;
        }
    }

    /** Chromium (or Chrome), to open the pages in; CHROMIUM names another. .ci/run installs Debian's chromium. */
    static String chromium() {
        var names = new ArrayList<String>();
        if (System.getenv("CHROMIUM") != null) names.add(System.getenv("CHROMIUM"));
        names.addAll(List.of("chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
                "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
                "/Applications/Chromium.app/Contents/MacOS/Chromium"));
        for (String name : names) {
            if (name.contains("/")) {
                if (Files.isExecutable(Path.of(name))) return name;
                continue;
            }
            for (String folder : System.getenv("PATH").split(java.io.File.pathSeparator)) {
                if (Files.isExecutable(Path.of(folder, name))) return Path.of(folder, name).toString();
            }
        }
        return fail("these tests open the pages in a browser, and none was found: install Chromium (Debian and "
                + "Ubuntu: apt-get install chromium; macOS: Google Chrome) or name one with CHROMIUM=/path/to/it");
    }

    /**
     * Opens a page headless from its file:// URL, offline (no host name resolves), and gives the attributes
     * that its script set on the body: data-drawn="1" once it has drawn, data-errors on a script error.
     * --dump-dom prints the page as it is once loaded; it shows no console, hence the attributes.
     */
    static Map<String, String> openInChromium(Path page, String fragment, Path profile) throws Exception {
        var run = shell(Map.of(), chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--host-resolver-rules=MAP * ~NOTFOUND", "--user-data-dir=" + profile, "--dump-dom",
                page.toUri() + fragment);
        assertEquals(0, run.exit(), run.err());
        var body = Pattern.compile("<body([^>]*)>").matcher(run.out());
        assertTrue(body.find(), "the page's DOM: " + run.out() + run.err());
        var attributes = new HashMap<String, String>();
        var attribute = Pattern.compile("([a-z-]+)=\"([^\"]*)\"").matcher(body.group(1));
        while (attribute.find()) attributes.put(attribute.group(1), attribute.group(2));
        attributes.put("dom", run.out());
        return attributes;
    }

    static void assertDrawnWithoutAnError(Path page, String fragment, Path profile) throws Exception {
        var body = openInChromium(page, fragment, profile);
        assertNull(body.get("data-errors"), page + fragment + ": a script error");
        assertEquals("1", body.get("data-drawn"), page + fragment + " was drawn");
    }

    /** Micrograd's main, run by the tests' own Java, as one line for a shell (script -c). */
    static String micrograd(String... args) {
        var words = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Micrograd.class.getName()));
        words.addAll(List.of(args));
        return String.join(" ", words.stream().map(w -> "'" + w.replace("'", "'\\''") + "'").toList());
    }

    /** A command line run in a pseudo-terminal, as on a terminal: script -qfec LINE /dev/null. */
    static Run onATerminal(String term, String line) throws Exception {
        return shell(Map.of("TERM", term), "script", "-qfec", line, "/dev/null");
    }

    /** Output with the time that training took, which differs from run to run, left out. */
    static String withoutTheTime(String out) {
        return out.replaceAll("trained (\\d+) (steps?) in [^\\r\\n]*", "trained $1 $2 in (time)");
    }

    static final Pattern ESCAPE = Pattern.compile("\u001b\\[([0-9;]*)([A-Za-z])");

    /** What a terminal shows, and keeps above, once it has been sent this: text, CR, LF, cursor up, erasing. */
    static String screen(String sent) {
        var lines = new ArrayList<StringBuilder>(List.of(new StringBuilder()));
        int row = 0, column = 0;
        for (int i = 0; i < sent.length(); i++) {
            char c = sent.charAt(i);
            var escape = ESCAPE.matcher(sent).region(i, sent.length());
            if (c == '\u001b' && escape.lookingAt()) {
                i = escape.end() - 1;
                int n = escape.group(1).isEmpty() ? 1 : Integer.parseInt(escape.group(1).split(";")[0]);
                var line = lines.get(row);
                switch (escape.group(2)) {
                    case "A" -> row = Math.max(0, row - n);
                    case "K" -> line.setLength(Math.min(line.length(), column));
                    case "J" -> {
                        line.setLength(Math.min(line.length(), column));
                        lines.subList(row + 1, lines.size()).clear();
                    }
                    case "m" -> { } // colour
                    default -> fail("an escape the live plot should not send: " + escape.group());
                }
            } else if (c == '\r') {
                column = 0;
            } else if (c == '\n') {
                if (++row == lines.size()) lines.add(new StringBuilder());
            } else {
                var line = lines.get(row);
                while (line.length() < column) line.append(' ');
                if (column < line.length()) line.setCharAt(column, c);
                else line.append(c);
                column++;
            }
        }
        return String.join("\n", lines);
    }

    @Nested
    @Order(14)
    @DisplayName("Plumbing: watching it learn (--html, --watch)")
    class WatchingItLearn {

        @ParameterizedTest
        @ValueSource(strings = {"RELU", "TANH", "LINEAR"})
        void theWeightsScoreEveryPointAsTheValuesDo(String activation) {
            var model = new MLP(2, List.of(5, 3), Activation.valueOf(activation), PythonRandom.seeded(3));
            var weights = Weights.of(model);
            assertEquals(List.of(2, 5, 3, 1), weights.sizes());
            assertEquals(model.parameters().size(), weights.parameters().length);
            for (double[] x : moons(50, 0.3, NumpyRandom.seeded(4)).x()) {
                assertEquals(model.apply(x).data, weights.score(x), "bit for bit at " + Arrays.toString(x));
            }
        }

        @Test
        void everyFrameIsItsStepLineAndTheModelThatStepsForwardPassUsed(@TempDir Path dir) throws Exception {
            var page = dir.resolve("run.html");
            var log = dir.resolve("run.csv");
            var run = run("--html", page.toString(), "--log", log.toString(), "--no-plot");
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().endsWith("\nwrote " + page + "\n"), run.out());
            assertTrue(Files.size(page) < 2_000_000, "the default run's page is at most 2 MB: " + Files.size(page));
            var data = pageData(page);
            assertEquals(List.of(2, 16, 16, 1), texts(data.get("sizes")).stream().map(Integer::valueOf).toList());
            assertEquals("relu", data.get("activation"));
            assertEquals(true, data.get("drawn"));
            var frames = list(data.get("frames"));
            assertEquals(100, frames.size(), "a frame per step");
            var steps = stepLines(run);
            var rows = Files.readAllLines(log);
            Dataset moons = moons(100, 0.1, NumpyRandom.seeded(1337));
            for (int k = 0; k < 100; k++) {
                var frame = object(frames.get(k));
                var line = steps.get(k).split(" ");                    // step K loss L, accuracy A%
                assertEquals(String.valueOf(k), ((Num) frame.get("step")).text());
                assertEquals(line[3].replace(",", ""), ((Num) frame.get("loss")).text(), "the loss of step " + k);
                assertEquals(line[5].replace("%", ""), ((Num) frame.get("accuracy")).text(), "accuracy, step " + k);
                assertEquals(rows.get(k + 1).split(",")[3], ((Num) frame.get("lr")).text(), "lr, step " + k);
                var parameters = texts(frame.get("parameters"));
                assertEquals(337, parameters.size());
                // the frame's parameters (to 6 digits) score the samples to that step's accuracy
                var weights = new Weights(List.of(2, 16, 16, 1), Activation.RELU,
                        parameters.stream().mapToDouble(Double::parseDouble).toArray());
                int right = 0;
                for (int i = 0; i < moons.size(); i++) {
                    if ((weights.score(moons.x()[i]) > 0) == (moons.y()[i] > 0)) right++;
                }
                assertEquals(((Num) frame.get("accuracy")).value(), right, "the model of step " + k);
            }
            var initial = notebookModel().parameters();
            var first = texts(object(frames.get(0)).get("parameters"));
            for (int i = 0; i < 337; i++) assertEquals(Numbers.shortNumber(initial.get(i).data), first.get(i));
            assertEquals(100, list(data.get("points")).size());
        }

        @Test
        void aLongRunHasAFewHundredEvenlySpacedFramesAndABigNetworkFewer(@TempDir Path dir) throws Exception {
            var page = dir.resolve("long.html");
            var run = run("--steps", "700", "--hidden", "4", "--samples", "20", "--no-plot", "--html", page.toString());
            assertEquals(0, run.exit(), run.err());
            var frames = list(pageData(page).get("frames"));
            assertEquals(HtmlReplay.MAX_FRAMES, frames.size());
            var steps = stepLines(run);
            int previous = -1;
            for (var f : frames) {
                var frame = object(f);
                int step = Integer.parseInt(((Num) frame.get("step")).text());
                assertTrue(step > previous && step - previous <= 3, "evenly spaced: " + previous + ", " + step);
                assertEquals(steps.get(step).split(" ")[3].replace(",", ""), ((Num) frame.get("loss")).text());
                previous = step;
            }
            assertEquals("0", ((Num) object(frames.get(0)).get("step")).text());
            assertEquals(699, previous, "the last step");

            var big = dir.resolve("big.html");
            assertEquals(0, run("--hidden", "64,64", "--samples", "10", "--no-plot", "--html", big.toString()).exit());
            var data = pageData(big);
            int parameters = 64 * 3 + 64 * 65 + 65;
            assertEquals(HtmlReplay.MAX_NUMBERS / parameters, list(data.get("frames")).size(), "fewer frames");
            assertEquals(parameters, list(object(list(data.get("frames")).get(0)).get("parameters")).size());

            var wide = dir.resolve("wide.html");
            assertEquals(0, run("--hidden", "65", "--samples", "10", "--steps", "20", "--no-plot", "--html",
                    wide.toString()).exit());
            var wideData = pageData(wide);
            assertEquals(false, wideData.get("drawn"));
            assertEquals(20, list(wideData.get("frames")).size());
            assertNull(object(list(wideData.get("frames")).get(0)).get("parameters"), "no network to draw");
            assertTrue(Files.readString(wide).contains("this page draws networks of up to 64 a layer"));
        }

        @Test
        void theTinyDatasetsPageHasTheCurvesTheNetworkAndThePredictionsButNoMaps(@TempDir Path dir) throws Exception {
            var page = dir.resolve("tiny.html");
            assertEquals(0, run("--dataset", "tiny", "--steps", "40", "--html", page.toString()).exit());
            var data = pageData(page);
            assertEquals(List.of("3", "4", "4", "1"), texts(data.get("sizes")));
            assertEquals("tanh", data.get("activation"));
            assertNull(data.get("box"), "no plane");
            assertEquals(List.of("2", "3", "-1", "1"), texts(list(data.get("points")).get(0)), "inputs, then target");
            assertEquals(40, list(data.get("frames")).size());
            assertTrue(Files.readString(page).contains("map need 2-D data; this dataset has 3 inputs."));
        }

        @Test
        void thePageIsSelfContainedAndPlainAscii(@TempDir Path dir) throws Exception {
            var page = dir.resolve("run.html");
            assertEquals(0, run("--steps", "5", "--no-plot", "--html", page.toString()).exit());
            byte[] bytes = Files.readAllBytes(page);
            for (int i = 0; i < bytes.length; i++) assertTrue(bytes[i] > 0, "a plain ASCII byte at " + i);
            String html = new String(bytes, StandardCharsets.US_ASCII);
            for (String outside : List.of("http:", "https:", "src=", "href", "@import", "url(", "<link", "@font")) {
                assertFalse(html.contains(outside), "nothing from outside the page: " + outside);
            }
            assertTrue(html.contains("content=\"default-src 'none'; script-src 'unsafe-inline'; style-src "
                    + "'unsafe-inline'\""), "a policy that forbids every fetch");
        }

        @Test
        void anHtmlFileIsCheckedBeforeTrainingAndNeverOneOfTheOtherFiles(@TempDir Path dir) throws Exception {
            var same = dir.resolve("same").toString();
            for (String args : List.of("--html " + dir + "/", "--html " + dir.resolve("no/such/folder/a.html"),
                    "--html Micrograd.java", "--html " + same + " --svg " + same,
                    "--html " + same + " --log " + same)) {
                assertUsageError(run(args.split(" ")), "--html", args);
            }
            try (var files = Files.list(dir)) {
                assertEquals(0, files.count(), "nothing written");
            }
        }

        @Test
        void chromiumDrawsEachPageWithoutAScriptError(@TempDir Path dir) throws Exception {
            var profile = Files.createDirectory(dir.resolve("profile"));
            var moons = dir.resolve("moons.html");
            var tiny = dir.resolve("tiny.html");
            var none = dir.resolve("none.html");
            assertEquals(0, run("--no-plot", "--html", moons.toString()).exit());
            var tinyRun = run("--dataset", "tiny", "--alpha", "0", "--steps", "300", "--html", tiny.toString());
            assertEquals(0, tinyRun.exit());
            assertEquals(0, run("--steps", "0", "--no-plot", "--html", none.toString()).exit());
            assertDrawnWithoutAnError(moons, "", profile);
            var tinyBody = openInChromium(tiny, "", profile);
            assertEquals("1", tinyBody.get("data-drawn"));
            assertNull(tinyBody.get("data-errors"));
            var last = stepLines(tinyRun).get(299).split(" ");   // a loss that Python prints as 2.8...e-08
            assertTrue(tinyBody.get("dom").contains("step 299 (of 0 to 299): loss " + last[3] + " accuracy " + last[5]),
                    "the page prints the numbers as the step line does: " + String.join(" ", last));
            assertDrawnWithoutAnError(none, "", profile);
            var step40 = openInChromium(moons, "#step=40", profile);
            assertEquals("1", step40.get("data-drawn"));
            assertNull(step40.get("data-errors"));
            assertTrue(step40.get("dom").contains("step 40 (of 0 to 99): loss 0.06016009895234467, accuracy 100.0%"),
                    "the address chose step 40");
            // and a script error is seen: the page says so, and does not say it was drawn
            var broken = Files.writeString(dir.resolve("broken.html"),
                    Page.html("broken", "", "", "{}", "noSuchThing();"));
            var body = openInChromium(broken, "", profile);
            assertTrue(body.getOrDefault("data-errors", "").contains("noSuchThing"), body.toString());
            assertNull(body.get("data-drawn"));
        }

        @Test
        void onATerminalTheCursorGoesBackUpAndTheScreenEndsAsTheRunPrints() throws Exception {
            for (String args : List.of("--steps 30 --samples 40", "--dataset tiny --steps 30")) {
                var watched = onATerminal("xterm", micrograd(("--watch " + args).split(" ")));
                assertEquals(0, watched.exit(), watched.err());
                long ups = ESCAPE.matcher(watched.out()).results().filter(m -> m.group(2).equals("A")).count();
                assertTrue(ups >= 14, args + ": 15 frames, each but the first over the last: " + ups);
                assertTrue(watched.out().contains("after step 28: loss "), args + ": the frame of step 28");
                for (String clear : List.of("\u001b[2J", "\u001b[3J", "\u001bc")) {
                    assertFalse(watched.out().contains(clear), "neither the screen nor the scrollback is cleared");
                }
                var plain = run(args.split(" "));
                assertEquals(withoutTheTime(plain.out().replaceAll("\u001b\\[[0-9;]*m", "")).strip(),
                        withoutTheTime(screen(watched.out())).strip(), args + ": the screen ends as today's run");
            }
        }

        @Test
        void onASmallTerminalTheFramesFitAndTheFinalPlotIsAsAsked() throws Exception {
            var watched = onATerminal("xterm", "stty rows 24 cols 80; " + micrograd("--watch", "--steps", "20"));
            assertEquals(0, watched.exit(), watched.err());
            var ups = ESCAPE.matcher(watched.out()).results().filter(m -> m.group(2).equals("A"))
                    .map(m -> Integer.parseInt(m.group(1))).toList();
            assertFalse(ups.isEmpty());
            assertTrue(ups.stream().allMatch(n -> n <= 24 - 3), "a frame and a step line fit 24 rows: " + ups);
            assertEquals(withoutTheTime(run("--steps", "20").out().replaceAll("\u001b\\[[0-9;]*m", "")).strip(),
                    withoutTheTime(screen(watched.out())).strip());
        }

        @Test
        void inAPipeOrWithTermDumbWatchChangesNothing() throws Exception {
            var java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            var cp = System.getProperty("java.class.path");
            var piped = shell(Map.of(), java, "-cp", cp, Micrograd.class.getName(), "--watch", "--steps", "30");
            var plain = shell(Map.of(), java, "-cp", cp, Micrograd.class.getName(), "--steps", "30");
            assertEquals(0, piped.exit(), piped.err());
            assertFalse(piped.out().contains("\u001b"), "no escapes in a pipe");
            assertEquals(withoutTheTime(plain.out()), withoutTheTime(piped.out()), "in a pipe: byte for byte");
            var dumb = onATerminal("dumb", micrograd("--watch", "--steps", "30"));
            var dumbPlain = onATerminal("dumb", micrograd("--steps", "30"));
            assertEquals(0, dumb.exit(), dumb.err());
            assertEquals(withoutTheTime(dumbPlain.out()), withoutTheTime(dumb.out()), "TERM=dumb: byte for byte");
        }
    }

    @Nested
    @Order(15)
    @DisplayName("Plumbing: files and the log")
    class FilesAndTheLog {

        @Test
        void anUnwritableSvgPathExitsTwoBeforeTrainingAndWritesNothing(@TempDir Path dir) throws Exception {
            var missing = dir.resolve("nowhere").resolve("x.svg");
            var run = run("--svg", missing.toString());
            assertUsageError(run, "--svg", "--svg " + missing);
            assertTrue(run.err().lines().findFirst().orElse("").contains(missing.toString()), run.err());
            assertFalse(Files.exists(missing));
            assertEquals(2, run("--svg", dir.toString()).exit(), "a folder is not a file");
            try (var files = Files.list(dir)) {
                assertEquals(0, files.count(), "nothing left behind");
            }
        }

        @Test
        void anUnwritableDotPathIsAUsageErrorAndLeavesNothing(@TempDir Path dir) throws Exception {
            var missing = dir.resolve("no-such-folder").resolve("g.dot");
            var run = run("graph", "--dot", missing.toString());
            assertUsageError(run, "--dot", "graph --dot " + missing);
            assertTrue(run.err().lines().findFirst().orElse("").contains("no such folder"), run.err());
            assertFalse(Files.exists(missing));
            var run2 = run("graph", "--dot", dir.toString());
            assertEquals(2, run2.exit());
            assertTrue(run2.err().contains("that is a directory"), run2.err());
        }

        @Test
        void aFailedRunDoesNotOverwriteAnExistingPicture(@TempDir Path dir) throws Exception {
            var file = dir.resolve("keep.svg");
            Files.writeString(file, "<svg/>");
            var run = run("--lr", "1e300", "--svg", file.toString(), "--no-plot");
            assertEquals(1, run.exit());
            assertEquals("<svg/>", Files.readString(file));
        }

        @Test
        void theLogHasAHeaderAndARowPerStep(@TempDir Path dir) throws Exception {
            var file = dir.resolve("log.csv");
            var run = run("--steps", "12", "--log", file.toString(), "--no-plot");
            assertEquals(0, run.exit(), run.err());
            var lines = Files.readAllLines(file);
            assertEquals(12 + 1, lines.size());
            assertEquals("step,loss,accuracy,lr", lines.get(0));
            assertEquals("0,0.8958441028683222,50.0,1.0", lines.get(1));
            // the schedule 1.0 - 0.9*k/12 for k = 0..11, as CPython 3.11 prints it
            var rates = List.of("1.0", "0.925", "0.85", "0.775", "0.7", "0.625", "0.55", "0.475", "0.4",
                    "0.32500000000000007", "0.25", "0.17499999999999993");
            var steps = stepLines(run);
            for (int k = 0; k < 12; k++) {
                var f = lines.get(k + 1).split(",");
                assertEquals(4, f.length);
                assertEquals(String.valueOf(k), f[0]);
                assertEquals("step " + k + " loss " + f[1] + ", accuracy " + f[2] + "%", steps.get(k));
                assertEquals(rates.get(k), f[3], "lr at step " + k);
            }
        }

        @Test
        void aSymbolicLinkIsFollowedAndStaysALink(@TempDir Path dir) throws Exception {
            var target = Files.writeString(dir.resolve("real.svg"), "old");
            var link = Files.createSymbolicLink(dir.resolve("link.svg"), target.getFileName());
            assertEquals(0, run("--steps", "2", "--no-plot", "--svg", link.toString()).exit());
            assertTrue(Files.isSymbolicLink(link), "the link is still a link");
            assertTrue(Files.readString(target).startsWith("<?xml"), "its target has the picture");
        }

        /** A link that leads back to itself names no file: refused, and the links stay as they were. */
        @Test
        void linksInALoopAreRefusedAndStayLinks(@TempDir Path dir) throws Exception {
            var one = Files.createSymbolicLink(dir.resolve("one.svg"), Path.of("two.svg"));
            var two = Files.createSymbolicLink(dir.resolve("two.svg"), Path.of("one.svg"));
            var run = run("--steps", "2", "--no-plot", "--svg", one.toString());
            assertUsageError(run, "--svg", "a loop of links");
            assertTrue(run.err().contains("its links go round in a loop"), run.err());
            assertTrue(Files.isSymbolicLink(one) && Files.isSymbolicLink(two), "both are still links");
            assertEquals(Path.of("two.svg"), Files.readSymbolicLink(one));
        }

        @Test
        void aReplacedFileKeepsItsPermissions(@TempDir Path dir) throws Exception {
            var file = Files.writeString(dir.resolve("private.dot"), "old");
            var mode = java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
            Files.setPosixFilePermissions(file, mode);
            assertEquals(0, run("graph", "--dot", file.toString()).exit());
            assertEquals(mode, Files.getPosixFilePermissions(file));
            assertTrue(Files.readString(file).startsWith("digraph"));
        }

        /** A pipe stands in for a device: it is written in place, never replaced by an ordinary file. */
        @Test
        void aPipeIsWrittenNotReplaced(@TempDir Path dir) throws Exception {
            var fifo = dir.resolve("pipe.svg");
            assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
            var read = new java.util.concurrent.CompletableFuture<String>();
            var reader = new Thread(() -> {
                try {
                    read.complete(new String(Files.readAllBytes(fifo), StandardCharsets.UTF_8));
                } catch (Exception e) {
                    read.completeExceptionally(e);
                }
            });
            reader.start();
            var run = run("--steps", "2", "--no-plot", "--svg", fifo.toString());
            assertEquals(0, run.exit(), run.err());
            assertTrue(read.get(30, java.util.concurrent.TimeUnit.SECONDS).startsWith("<?xml"));
            assertFalse(Files.isRegularFile(fifo), "still a pipe");
            try (var files = Files.list(dir)) {
                assertEquals(List.of(fifo), files.toList(), "no temporary file beside it");
            }
        }

        @Test
        void aNameTooLongForTheTemporaryFileIsRefusedBeforeTraining(@TempDir Path dir) {
            var run = run("--svg", dir.resolve("a".repeat(245)).toString());
            assertUsageError(run, "--svg", "a long name");
            assertTrue(run.err().contains("at most 24"), run.err());
        }

        /** /dev/full (Linux) takes no byte: a failure after training is one line and exit code 1. */
        /** Stands in for a run stopped while it writes: a temporary file beside the target, then a wait. */
        static final class StoppedWhileWriting {
            public static void main(String[] args) throws Exception {
                Path temporary = Output.temporaryFor(Path.of(args[0]).toAbsolutePath());
                Output.PENDING.add(temporary);
                Files.writeString(temporary, "<svg half");
                System.out.println("writing");
                Thread.sleep(60_000);
            }
        }

        /** Ctrl-C (here SIGTERM, which runs the same shutdown hooks) leaves no temporary file behind. */
        @Test
        void aStoppedRunLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
            var target = dir.resolve("picture.svg");
            var javaCommand = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            var process = new ProcessBuilder(javaCommand, "-cp", System.getProperty("java.class.path"),
                    StoppedWhileWriting.class.getName(), target.toString()).redirectErrorStream(true).start();
            var line = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream())).readLine();
            assertEquals("writing", line);
            assertTrue(Files.exists(dir.resolve(".picture.svg." + process.pid() + ".part")), "it was writing");
            process.destroy();
            assertTrue(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
            try (var files = Files.list(dir)) {
                assertEquals(List.of(), files.toList(), "the temporary file is gone, and no picture was made");
            }
        }

        @Test
        void aWriteThatFailsAfterTrainingIsOneLineAndExitCodeOne() {
            var run = run("--steps", "2", "--no-plot", "--log", "/dev/full");
            assertEquals(1, run.exit(), run.err());
            assertEquals("micrograd: cannot write --log '/dev/full': No space left on device", run.err().trim());
        }

        @Test
        void standardOutputThatCannotBeWrittenIsOneLineAndExitCodeOne() {
            var cmd = Cli.commandLine();
            var err = new StringWriter();
            cmd.setOut(new PrintWriter(new java.io.Writer() {
                @Override public void write(char[] c, int off, int len) throws java.io.IOException {
                    throw new java.io.IOException("No space left on device");
                }
                @Override public void flush() {}
                @Override public void close() {}
            }));
            cmd.setErr(new PrintWriter(err, true));
            assertEquals(1, cmd.execute("--steps", "1", "--no-plot"));
            assertEquals("micrograd: cannot write to standard output", err.toString().trim());
        }

        @Test
        void aRunThatWouldTakeMinutesSaysSoFirst() {
            assertNull(Estimate.slowRunNote(DEFAULT_STEP_VALUES, 100));
            var note = Estimate.slowRunNote(Estimate.valuesPerStep(2, List.of(16, 16), 100_000), 100);
            assertTrue(note.startsWith("micrograd: about 34,400,678 Values a step; 100 steps will take about "), note);
            // the estimate against the count the trainer reports for the default run
            assertEquals(DEFAULT_STEP_VALUES, Estimate.valuesPerStep(2, List.of(16, 16), 100), 5);
        }

        @Test
        void theDivergenceHintNamesTheLikelyOption() {
            var alpha = run("--alpha", "1e308", "--no-plot");
            assertEquals(1, alpha.exit());
            assertTrue(alpha.err().contains("try a smaller --alpha (it is 1e+308)"), alpha.err());
            var byHand = run("by-hand", "--lr", "10", "--x", "1000", "--steps", "50");
            assertEquals(1, byHand.exit());
            assertEquals(1, byHand.err().lines().count(), byHand.err());
            assertTrue(byHand.err().startsWith("micrograd by-hand: the numbers overflowed at step "), byHand.err());
            assertTrue(byHand.err().contains("try a smaller --lr"), byHand.err());
            assertFalse(byHand.out().contains("nan") || byHand.out().contains("inf"), "stops before the overflow");
            assertTrue(byHand.out().lines().allMatch(l -> l.length() < 200), "no 300-digit numbers");
        }

        @Test
        void aRunStoppedMidwayLeavesEveryRowComplete(@TempDir Path dir) throws Exception {
            var file = dir.resolve("log.csv");
            var run = run("--lr", "1e300", "--log", file.toString(), "--no-plot");
            assertEquals(1, run.exit());
            var lines = Files.readAllLines(file);
            assertTrue(lines.size() >= 2 && lines.size() < 101, lines.size() + " lines");
            for (var line : lines.subList(1, lines.size())) assertEquals(4, line.split(",").length, line);
            assertTrue(Files.readString(file).endsWith("\n"));
        }

        // --- round 2: a file is known by what it is, never by the name typed ------------------------

        /** A stand-in for one of the program's sources: its first line is the one the project's scripts start with. */
        static Path standInSource(Path dir) throws Exception {
            Files.createDirectories(dir.resolve("copy"));
            return Files.writeString(dir.resolve("copy/Micrograd.java"),
                    "///usr/bin/env jbang \"$0\" \"$@\" ; exit $?\npublic class Micrograd {}\n");
        }

        @ParameterizedTest
        @ValueSource(strings = {"--log o.csv", "--svg o.svg", "graph --dot o.dot"})
        void aSymbolicOrHardLinkToASourceIsRefusedAndTheSourceKept(String option, @TempDir Path dir) throws Exception {
            var source = standInSource(dir);
            String before = Files.readString(source);
            var words = option.split(" ");
            var name = dir.resolve(words[words.length - 1]);
            for (boolean hard : new boolean[] {false, true}) {
                Files.deleteIfExists(name);
                if (hard) Files.createLink(name, source); else Files.createSymbolicLink(name, source);
                var args = new ArrayList<>(List.of(words));
                args.set(args.size() - 1, name.toString());
                if (!words[0].equals("graph")) args.addAll(List.of("--steps", "2", "--no-plot"));
                var run = run(args.toArray(String[]::new));
                assertUsageError(run, words[words.length - 2], option + (hard ? " (hard link)" : " (symbolic link)"));
                assertTrue(run.err().contains("not a Java source"), run.err());
                assertEquals(before, Files.readString(source));
            }
        }

        /** As > does: the content changes and the names stay linked; the same for every file option. */
        @ParameterizedTest
        @ValueSource(strings = {"--log", "--svg", "graph --dot"})
        void aHardLinkedFileIsWrittenInPlaceAndStaysLinked(String option, @TempDir Path dir) throws Exception {
            var file = Files.writeString(dir.resolve("out.txt"), "old");
            var twin = Files.createLink(dir.resolve("twin.txt"), file);
            var args = new ArrayList<>(List.of(option.split(" ")));
            args.add(file.toString());
            if (!option.startsWith("graph")) args.addAll(List.of("--steps", "2", "--no-plot"));
            var run = run(args.toArray(String[]::new));
            assertEquals(0, run.exit(), run.err());
            assertNotEquals("old", Files.readString(twin), "the other name sees the new content");
            assertEquals(Files.readString(file), Files.readString(twin));
            assertEquals(2, Files.getAttribute(file, "unix:nlink"));
            assertTrue(Files.isSameFile(file, twin));
        }

        @Test
        void twoOutputsThatAreOneFileThroughALinkedFolderAreRefused(@TempDir Path dir) throws Exception {
            var real = Files.createDirectory(dir.resolve("real"));
            var linked = Files.createSymbolicLink(dir.resolve("ld"), real);
            Files.writeString(real.resolve("r.out"), "mine");
            var run = run("--steps", "2", "--no-plot", "--svg", real.resolve("r.out").toString(),
                    "--log", linked.resolve("r.out").toString());
            assertUsageError(run, "--log", "--svg real/r.out --log ld/r.out");
            assertEquals("mine", Files.readString(real.resolve("r.out")));
            var hard = Files.createLink(dir.resolve("h.out"), real.resolve("r.out"));
            assertEquals(2, run("--steps", "2", "--no-plot", "--svg", real.resolve("r.out").toString(),
                    "--log", hard.toString()).exit());
        }

        @Test
        void aDeviceMayBeNamedByEveryOption() {
            var run = run("--steps", "2", "--no-plot", "--svg", "/dev/null", "--log", "/dev/null");
            assertEquals(0, run.exit(), run.err());
        }

        /** /proc/self/fd/N for N > 2 may be a file Java itself opened: refused when it is a regular file. */
        @Test
        void aDescriptorOfARegularFileIsRefused(@TempDir Path dir) throws Exception {
            var file = Files.writeString(dir.resolve("open.txt"), "keep");
            try (var in = Files.newInputStream(file)) {
                String fd = null;
                try (var fds = Files.list(Path.of("/proc/self/fd"))) {
                    for (Path p : fds.toList()) {
                        try {
                            if (Files.isSameFile(p, file)) fd = p.getFileName().toString();
                        } catch (java.io.IOException e) {
                            // a descriptor closed meanwhile
                        }
                    }
                }
                assertNotNull(fd, "the open file has a descriptor");
                var run = run("--steps", "2", "--no-plot", "--svg", "/proc/self/fd/" + fd);
                assertUsageError(run, "--svg", "/proc/self/fd/" + fd);
                assertEquals("keep", Files.readString(file));
            }
        }

        /** The program run as a child, as a shell would run it: java -cp (the tests' class path) Micrograd ... */
        static List<String> javaCommand(String main, String... args) {
            var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    Micrograd.class.getPackageName() + "." + main));
            command.addAll(List.of(args));
            return command;
        }

        /** Runs a shell line with $J set to the program's java command, in a folder. */
        static Run sh(Path dir, String line, String main) throws Exception {
            var env = Map.of("J", String.join(" ", javaCommand(main).stream().map(s -> "'" + s + "'").toList()));
            return shell(dir, env, "bash", "-c", line);
        }

        @Test
        void standardOutputByNameIsWrittenThroughTheShellsRedirection(@TempDir Path dir) throws Exception {
            var svg = sh(dir, "printf 'old\\n' > h.txt; eval \"$J --steps 3 --no-plot --svg /dev/stdout\" >> h.txt",
                    "Micrograd");
            assertEquals(0, svg.exit(), svg.err());
            String h = Files.readString(dir.resolve("h.txt"));
            assertTrue(h.startsWith("old\nMLP of ["), "the old line stays, then the run's output: " + h);
            assertTrue(h.contains("step 2 loss ") && h.contains("<svg ") && h.endsWith("wrote /dev/stdout\n"), h);
            var log = sh(dir, "printf 'old\\n' > l.txt; eval \"$J --steps 3 --no-plot --log /dev/fd/1\" >> l.txt",
                    "Micrograd");
            assertEquals(0, log.exit(), log.err());
            var lines = Files.readAllLines(dir.resolve("l.txt"));
            assertEquals("old", lines.get(0));
            assertEquals(List.of("step,loss,accuracy,lr", "0,0.8958441028683222,50.0,1.0",
                    "step 0 loss 0.8958441028683222, accuracy 50.0%"), lines.subList(3, 6), "rows and lines in turn");
            try (var files = Files.list(dir)) {
                assertEquals(2, files.count(), "no file made beside them");
            }
        }

        /**
         * With descriptor 1 closed, the first file Java opens takes it (its own lib/modules, read only).
         * A decoy opened read only on descriptor 1 stands in for it: nothing may be written to it.
         */
        @Test
        void aClosedStandardOutputIsOneLineAndExitCodeTwoAndTheDecoyIsKept(@TempDir Path dir) throws Exception {
            Files.writeString(dir.resolve("decoy"), "the JDK");
            for (String main : List.of("Micrograd", "MicroGpt")) {
                var run = sh(dir, "eval \"$J --steps 1 --no-plot --svg /dev/stdout\" 1<decoy", main);
                assertEquals(2, run.exit(), run.err());
                assertEquals(1, run.err().lines().count(), run.err());
                assertTrue(run.err().contains("standard output is closed"), run.err());
                assertEquals("the JDK", Files.readString(dir.resolve("decoy")));
            }
        }

        /** | head -1: the run stops at the next line it prints, quietly, with 141 as a shell reports SIGPIPE. */
        @ParameterizedTest
        @ValueSource(strings = {"Micrograd --steps 300000 --every 1", "MicroGpt --steps 1000000 --every 1"})
        void aReaderThatGoesAwayStopsTheRunQuietly(String command) throws Exception {
            var words = command.split(" ");
            var process = new ProcessBuilder(javaCommand(words[0], Arrays.copyOfRange(words, 1, words.length)))
                    .redirectError(ProcessBuilder.Redirect.PIPE).start();
            var first = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream())).readLine();
            assertNotNull(first);
            process.getInputStream().close();               // as head does after its line
            assertTrue(process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the run stopped");
            assertEquals(141, process.exitValue());
            // quietly: at most the note a long run prints before its first step (whether it comes before the
            // reader goes is a race), never an error
            String err = read(process.getErrorStream()).replaceFirst("^micrograd: about [0-9,]+ Values a step; .*\\R", "");
            assertEquals("", err, "quietly");
        }

        /** In a sticky folder (/tmp) only the file's owner, the folder's owner or root may rename over a file. */
        @Test
        void inAStickyFolderOnlyItsOwnersMayReplaceAFile(@TempDir Path dir) throws Exception {
            var file = Files.writeString(dir.resolve("shared.svg"), "old");
            int owner = (Integer) Files.getAttribute(file, "unix:uid"), other = owner + 4242;
            assertTrue(Output.canReplace(file, other), "no sticky bit: a writable folder is enough");
            assertEquals(0, new ProcessBuilder("chmod", "1777", dir.toString()).start().waitFor());
            assertTrue(Output.canReplace(file, owner), "its owner");
            assertTrue(Output.canReplace(file, 0), "root");
            assertFalse(Output.canReplace(file, other), "another user: target() then writes it in place");
        }
    }

    @Nested
    @Order(16)
    @DisplayName("Plumbing: the command line")
    class CommandLine {

        @Test
        void helpGroupsTheOptionsUnderHeadingsWithTheirDefaults() {
            var run = run("--help");
            assertEquals(0, run.exit());
            String out = run.out();
            assertTrue(out.startsWith("Usage: micrograd [OPTIONS] [COMMAND]"), out);
            int data = out.indexOf("\nData:"), model = out.indexOf("\nModel:"), training = out.indexOf("\nTraining:");
            int output = out.indexOf("\nOutput:"), commands = out.indexOf("\nCommands:"),
                    exits = out.indexOf("\nExit codes:");
            assertTrue(0 < data && data < model && model < training && training < output && output < commands
                    && commands < exits, out);
            assertTrue(out.indexOf("--samples=") > data && out.indexOf("--samples=") < model);
            assertTrue(out.indexOf("--hidden=") > model && out.indexOf("--hidden=") < training);
            assertTrue(out.indexOf("--lr=") > training && out.indexOf("--lr=") < output);
            assertTrue(out.indexOf("--svg=") > output && out.indexOf("--svg=") < commands);
            String help = out.replaceAll("\\s+", " "); // the help wraps lines to the terminal's width
            assertTrue(help.contains("default 16,16") && help.contains("default relu"), help);
            assertTrue(help.contains("2 a usage error"), help);
        }

        @Test
        void everyOptionHasItsOwnLabel() {
            var labels = new ArrayList<String>();
            for (var option : Cli.commandLine().getCommandSpec().options()) {
                if (option.arity().max() > 0) labels.add(option.paramLabel());
            }
            assertEquals(new HashSet<>(labels).size(), labels.size(), "no label serves two options: " + labels);
        }

        @Test
        void theSubcommandsAreListedInTheCoursesOrderOnALineEach() {
            var out = run("--help").out();
            var commands = out.substring(out.indexOf("Commands:")).lines().skip(1)
                    .takeWhile(l -> !l.isBlank()).toList();
            assertEquals(List.of("play", "graph", "gradcheck", "by-hand", "bench", "generate-completion", "help"),
                    commands.stream().map(l -> l.trim().split(" ")[0]).toList(), String.join("\n", commands));
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "--samples 1", "--samples 1000000", "--noise -0.1", "--noise NaN", "--noise Infinity", "--seed -1",
            "--seed 4294967296", "--hidden 0", "--hidden 16,x", "--hidden 16,-2", "--steps -1", "--lr 0", "--lr -1",
            "--lr Infinity", "--alpha -1", "--alpha NaN", "--batch-size -1", "--batch-size 101", "--every 0",
            "--width 3", "--width 100000", "--height 0", "--activation sigmoid", "--loss cross-entropy",
            "--factor 0", "--factor 1", "--factor NaN", "--dataset rings", "--log /no/such/folder/log.csv",
            "--stepz 10", "--steps", "--steps ten", "extra",
            "gradcheck --nudge 0", "gradcheck --nudge 1", "gradcheck --tolerance 0", "gradcheck --tolerance 2",
            "graph --x1 NaN", "graph --b Infinity", "graph --activation cube", "by-hand --steps 0", "by-hand --lr -1",
            "by-hand --w NaN", "by-hand --target x", "gradcheck --h 1e-3", "gradcheck -h 0.01", "--steps 5 graph",
            "--svg Micrograd.java", "--log MicrogradTest.java", "--log run.csv --svg run.csv",
            "graph --dot Micrograd.java", "--svg folder/", "--log /", "--noise 1e308", "--hidden ,",
            "--hidden 1000,1000", "--samples 100000 --hidden 100,100", "gradcheck --nudge 4.9e-324",
            "graph --x1 1e308", "graph --w1 -2e6", "by-hand --lr 1e300", "by-hand --x 1e7", "bench --steps 10"})
        void badInputIsOneLineThenTheSynopsisAndExitCodeTwo(String args) {
            var words = args.split(" ");
            boolean sub = List.of("gradcheck", "graph", "by-hand", "bench").contains(words[0]);
            String named = sub ? words[1].equals("-h") ? "0.01" : words[1] : words[0];
            var run = run(words);
            assertUsageError(run, named, args);
            var err = run.err().lines().toList();
            String command = "micrograd" + (sub ? " " + words[0] : "");
            assertTrue(err.stream().anyMatch(l -> l.startsWith("Usage: " + command)), run.err());
            assertEquals("Try '" + command + " --help' for more information.", err.get(err.size() - 1));
            assertTrue(err.size() <= 6, "not the whole help: " + run.err());
        }

        @Test
        void theCompletionScriptNamesTheSubcommandsAndTheLowerCaseChoices() {
            var run = run("generate-completion");
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().contains(
                    "local commands=\"play graph gradcheck by-hand bench generate-completion help\""),
                    run.out());
            assertTrue(run.out().contains("(\"moons\" \"circles\" \"xor\" \"spiral\" \"tiny\")"), run.out());
            assertTrue(run.out().contains("(\"relu\" \"tanh\" \"linear\")"), run.out());
            assertTrue(run.out().contains("(\"hinge\" \"mse\")"), run.out());
            assertFalse(run.out().contains("\"MOONS\""));
            var err = run("--loss", "CROSS").err();
            assertTrue(err.startsWith("Invalid value for option '--loss': 'CROSS'; expected one of hinge, mse"), err);
        }

        /** One handler for every type error: the option, the value as typed, and what the option allows. */
        @ParameterizedTest
        @ValueSource(strings = {
            "--samples NaN|a whole number from 2 to 100000",
            "--seed 1.5|a whole number from 0 to 4294967295",
            "--lr abc|a finite number > 0",
            "--lr -0|a finite number > 0",
            "--noise 1e308|a number from 0 to 10",
            "--width \u0663|a whole number from 10 to 400",
            "--steps 1d|a whole number >= 0",
            "--alpha 0x1p3|a finite number >= 0",
            "--hidden 16,x|layer sizes from 1 to 1000, comma-separated, e.g. 16,16",
            "--hidden 16,|layer sizes from 1 to 1000, comma-separated, e.g. 16,16",
            "--hidden 4 --hidden 16,,,|layer sizes from 1 to 1000, comma-separated, e.g. 16,16",
            "graph --activation nope|one of relu, tanh, linear",
            "by-hand --steps 2.5|a whole number from 1 to 1000",
            "graph --x1 two|a number from -1000000 to 1000000",
            "gradcheck --nudge tiny|a number from 1e-10 to 0.1",
            "bench --steps many|a whole number from 200 to 100000"})
        void aValueOfTheWrongTypeNamesTheOptionTheValueAsTypedAndWhatIsAllowed(String caseText) {
            var parts = caseText.split("\\|");
            var words = parts[0].split(" ");
            var run = run(words);
            String option = words[words.length - 2], value = words[words.length - 1];
            assertUsageError(run, option, parts[0]);
            assertEquals("Invalid value for option '" + option + "': '" + value + "'; expected " + parts[1],
                    run.err().lines().findFirst().orElse(""));
        }

        /**
         * --batch-size's range depends on --samples and --dataset: a value that is not a number is told the
         * range the whole command line gives (picocli stops reading at the bad value, before the options after
         * it and before the defaults; the range said was "(0)" samples).
         */
        @ParameterizedTest
        @ValueSource(strings = {"--batch-size abc|abc|100", "--batch-size abc --samples 50|abc|50",
            "--batch-size=abc --samples=50|abc|50", "--samples 7 --batch-size abc|abc|7",
            "--batch-size abc --dataset tiny|abc|4", "--batch-size abc --samples x|abc|100",
            "--batch-size= --batch-size 5|''|100", "--batch-size a --batch-size abc|a|100",
            "extra --batch-size x --samples 50|x|50", "--batch-size x --samples 50 --nope|x|50",
            "--batch-size x --samples 10 --log folder/|x|10", "--batch-size x --samples 50 graph|x|50",
            "--batch-size x --samples 50 --hidden|x|50", "--batch-size x --samples 50 graph --x1 1 --x1|x|50",
            "--batch-size --foo=x --samples 50|--foo=x|50"})
        void aTypeErrorIsToldTheRangeTheWholeCommandLineGives(String caseText) {
            var parts = caseText.split("\\|");
            var run = run(parts[0].split(" "));
            assertUsageError(run, "--batch-size", parts[0]);
            assertEquals("Invalid value for option '--batch-size': '" + parts[1].replace("''", "") + "'; expected 0 "
                    + "(all samples) up to the number of samples (" + parts[2] + ")",
                    run.err().lines().findFirst().orElse(""));
        }

        @Test
        void aTypeErrorInAnAtFileIsToldTheRangeTheWholeFileGives(@TempDir Path dir) throws Exception {
            var words = Files.writeString(dir.resolve("words"), "--batch-size x\n--samples 50\n");
            var run = run("@" + words);
            assertEquals("Invalid value for option '--batch-size': 'x'; expected 0 (all samples) up to the number of "
                    + "samples (50)", run.err().lines().findFirst().orElse(""));
        }

        /**
         * picocli starts a new copy of an option group when one of its options comes again, with the group's
         * other options at their defaults; every option given must keep its value all the same.
         */
        @Test
        void anOptionGivenAgainLeavesTheOtherOptionsOfItsGroupAsTheyWereGiven(@TempDir Path dir) throws Exception {
            var log = dir.resolve("log.csv");
            var run = run("--lr", "0.5", "--steps", "2", "--steps", "1", "--no-plot", "--log", log.toString());
            assertEquals(0, run.exit(), run.err());
            var rows = Files.readAllLines(log);
            assertEquals(2, rows.size(), "the header and one step: " + rows);
            assertTrue(rows.get(1).endsWith(",0.5"), "lr 0.5, not the default 1.0: " + rows);
            var tiny = run("--dataset", "tiny", "--samples", "5", "--samples", "6", "--steps", "0");
            assertTrue(tiny.out().startsWith("MLP of [Layer of [TanhNeuron(3)"), "still tiny: " + tiny.out());
            var model = run("--hidden", "4", "--activation", "tanh", "--activation", "relu", "--steps", "0",
                    "--no-plot");
            assertTrue(model.out().startsWith("MLP of [Layer of [ReLUNeuron(2), ReLUNeuron(2), ReLUNeuron(2), "
                    + "ReLUNeuron(2)], Layer of [LinearNeuron(4)]]"), "still --hidden 4: " + model.out());
            var graph = run("graph", "--x1", "1", "--x1", "5"); // a subcommand's option too: its last value
            assertEquals(0, graph.exit(), graph.err());
            assertTrue(graph.out().contains("x1  data 5.0000"), graph.out());
        }

        @Test
        void aRepeatedHiddenTakesItsLastValueAsEveryRepeatedOptionDoes() {
            var run = run("--hidden", "16", "--hidden", "8", "--steps", "0", "--no-plot");
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().startsWith("MLP of [Layer of [ReLUNeuron(2)"), run.out());
            assertEquals(8, run.out().lines().findFirst().orElse("").split("ReLUNeuron\\(2\\)", -1).length - 1);
            assertTrue(run.out().contains("], Layer of [LinearNeuron(8)]]"), "2-8-1: " + run.out());
            assertEquals(run("--steps", "7", "--steps", "3", "--no-plot").out().lines().filter(l -> l.startsWith("step ")).count(), 3);
        }

        @Test
        void aPathTooLongSaysSo(@TempDir Path dir) {
            var path = dir + "/" + "abcdefgh/".repeat(456) + "x.svg"; // more than 4,095 bytes
            var run = run("--svg", path);
            assertUsageError(run, "--svg", "a 4,114-character path");
            assertTrue(run.err().contains("a path of at most 4095 bytes"), run.err());
            var name = run("--log", dir.resolve("n".repeat(300) + ".csv").toString());
            assertTrue(name.err().contains("names of at most 255 bytes"), name.err());
        }

        /** In the C locale Java reads every non-ASCII letter of an argument as '?': refused, with why. */
        @Test
        void aNameThatTheLocaleCannotSpellIsRefusedNotWrittenUnderAnotherName(@TempDir Path dir) throws Exception {
            var env = Map.of("LC_ALL", "C", "J", String.join(" ",
                    FilesAndTheLog.javaCommand("Micrograd").stream().map(s -> "'" + s + "'").toList()));
            // the name's UTF-8 bytes spelled out for bash, so that no Java on the way reads them first
            var run = shell(dir, env, "bash", "-c", "eval \"$J --steps 1 --no-plot --log \" $'\\xd0\\xb6.csv'");
            assertEquals(2, run.exit(), run.err());
            assertTrue(run.err().lines().findFirst().orElse("").contains("use a UTF-8 locale, e.g. LC_ALL=C.UTF-8"),
                    run.err());
            try (var files = Files.list(dir)) {
                assertEquals(0, files.count(), "no file under a name of '?'s");
            }
        }

        @Test
        void aLossThatGrowsAThousandfoldStopsTheRunWithAHint() {
            var run = run("--activation", "tanh", "--loss", "mse", "--no-plot");  // lr 1 is too big for mse
            assertEquals(1, run.exit());
            var last = stepLines(run).get(stepLines(run).size() - 1);
            assertTrue(lossOf(last) > 1000 * lossOf(stepLines(run).get(0)), last);
            assertTrue(stepLines(run).size() < 100, "it stopped early");
            assertTrue(run.err().matches("micrograd: the loss became \\S+ at step \\d+, over 1000 times its first "
                    + "value; try a smaller --lr \\(it is 1.0\\)\\s*"), run.err());
            assertEquals(0, run("--forget-zero-grad", "--no-plot").exit(), "a loss that climbs 24-fold runs on");
            var bug = run("--forget-zero-grad", "--loss", "mse", "--no-plot", "--every", "50");
            assertEquals(0, bug.exit(), "the bug on purpose runs on, however far its loss climbs: " + bug.err());
        }

        /** The README's "Things to try", each run as written, and each does what the README says. */
        @Test
        void everyThingToTryInTheReadmeRunsAsItSays() throws Exception {
            var readme = Files.readString(Path.of("README.md"));
            var block = readme.substring(readme.indexOf("Things to try:"));
            block = block.substring(0, block.indexOf("\n## "));
            var commands = block.lines().filter(l -> l.startsWith("    ./jbang Micrograd.java ")).toList();
            assertTrue(commands.size() >= 5, block);
            for (var line : commands) {
                var args = line.substring("    ./jbang Micrograd.java ".length()).split("#")[0].trim().split("\\s+");
                var run = run(args);
                assertEquals(0, run.exit(), line + ": " + run.err());
                var steps = stepLines(run);
                String said = line.substring(line.indexOf('#') + 1).trim();
                double accuracy = Double.parseDouble(steps.get(steps.size() - 1).replaceAll(".*accuracy |%", ""));
                if (said.contains("lecture's choices")) assertTrue(accuracy >= 90, line + " -> " + accuracy);
                if (said.contains("too large")) assertTrue(accuracy < 90, "too large a rate learns badly: " + accuracy);
            }
        }

        /** What main(args) runs: a selector hands JUnit's launcher exactly the selected test. */
        @Test
        void aSelectorRunsOnlyWhatItSelects() {
            var out = new StringWriter();
            var summary = launch(new PrintWriter(out, true), "--details=none",
                    "--select-method=MicrogradTest$Losses#l2IsAlphaTimesTheSumOfSquares");
            assertEquals(1, summary.getTestsFoundCount(), out.toString());
            assertEquals(1, summary.getTestsSucceededCount());
            var two = launch(new PrintWriter(new StringWriter(), true), "--details=none",
                    "--select-class=MicrogradTest",
                    "--include-methodname=.*(l2IsAlpha|meanSquaredErrorAndItsGradient).*");
            assertEquals(2, two.getTestsFoundCount());
        }

        @Test
        void aTrainingOptionBeforeASubcommandNamesBoth() {
            var run = run("--steps", "5", "graph");
            assertUsageError(run, "--steps", "--steps 5 graph");
            assertTrue(run.err().lines().findFirst().orElseThrow().contains("'graph'"), run.err());
        }

        /**
         * The collision that --h had with -h: every option of every subcommand that takes a value accepts
         * the default that --help shows, and rejects a word with a line that names that option.
         */
        @Test
        void everySubcommandOptionAcceptsItsDefaultAndRejectsAWord(@TempDir Path dir) {
            var top = Cli.commandLine();
            int checked = 0;
            for (var sub : List.of("graph", "gradcheck", "by-hand")) {
                for (var option : top.getSubcommands().get(sub).getCommandSpec().options()) {
                    if (option.arity().max() == 0) continue;
                    String name = option.longestName();
                    String value = option.defaultValue() != null ? option.defaultValue()
                            : dir.resolve("g.dot").toString();
                    var ok = run(sub, name, value);
                    assertEquals(0, ok.exit(), sub + " " + name + " " + value + ": " + ok.err());
                    if (option.type() == Path.class) continue;
                    assertUsageError(run(sub, name, "word"), name, sub + " " + name + " word");
                    checked++;
                }
            }
            assertEquals(7 + 2 + 5 - 1, checked, "graph's 6 numbers and activation, gradcheck's 2, by-hand's 5");
        }

        @Test
        void sameFlagsGiveTheSameOutputExceptTheTimingLine() {
            var a = run("--steps", "20", "--batch-size", "30", "--hidden", "8", "--seed", "42");
            var b = run("--steps", "20", "--batch-size", "30", "--hidden", "8", "--seed", "42");
            var c = run("--steps", "20", "--batch-size", "30", "--hidden", "8", "--seed", "43");
            assertEquals(0, a.exit());
            assertEquals(withoutTiming(a.out()), withoutTiming(b.out()));
            assertNotEquals(withoutTiming(a.out()), withoutTiming(c.out()));
        }

        String withoutTiming(String out) { return out.replaceAll("(?m)^trained .*$", "trained"); }

        @Test
        void minibatchesAndEveryNthStep() {
            var run = run("--steps", "10", "--batch-size", "10", "--every", "4", "--no-plot");
            assertEquals(0, run.exit(), run.err());
            assertEquals(List.of("0", "4", "8", "9"), stepLines(run).stream().map(l -> l.split(" ")[1]).toList());
        }

        @Test
        void theTimingLineCountsTheValuesOfAStep() {
            var run = run("--no-plot", "--steps", "3");
            var line = run.out().lines().filter(l -> l.startsWith("trained")).findFirst().orElseThrow();
            assertTrue(line.matches(
                    "trained 3 steps in \\d+\\.\\d\\d s \\(\\d+\\.\\d\\d ms/step, " + DEFAULT_STEP_VALUES + " values per step\\)"),
                    line);
        }

        @Test
        void theTinyDatasetTakesTheLecturesSettingsAndItsBatchSizeIsBoundedByFour() {
            var out = run("--dataset", "tiny", "--steps", "1").out();
            assertTrue(out.startsWith("MLP of [Layer of [TanhNeuron(3), TanhNeuron(3), TanhNeuron(3), TanhNeuron(3)], "
                    + "Layer of [TanhNeuron(4), "), out);
            var run = run("--dataset", "tiny", "--batch-size", "5");
            assertUsageError(run, "--batch-size", "--dataset tiny --batch-size 5");
            assertTrue(run.err().contains("(4)"), run.err());
        }

        @Test
        void benchPrintsItsTableWithTheValuesOfADefaultStep() {
            var run = run("bench", "--steps", "200");
            assertEquals(0, run.exit(), run.err());
            var lines = run.out().lines().toList();
            assertEquals(2, lines.size(), run.out());
            assertTrue(lines.get(0).contains("first 100") && lines.get(0).contains("peak heap"), lines.get(0));
            assertTrue(lines.get(1).matches("\\s+\\d+\\.\\d\\d ms +\\d+\\.\\d\\d \\(.*\\) ms +" + DEFAULT_STEP_VALUES + " +\\d+ +\\d+ MB"),
                    lines.get(1));
        }

        @Test
        void byHandWritesOutEveryStep() {
            var out = run("by-hand").out();
            assertTrue(out.contains("  loss  = (pred - t)^2 = (6 - 2)^2 = 16"), out);
            assertTrue(out.contains("  dL/dw = 2*(pred - t)*x = 2*(6 - 2)*2 = 16"), out);
            assertTrue(out.contains("  w <- w - lr*dL/dw = 3 - 0.1*16 = 1.4"), out);
            assertTrue(out.contains("= 0.64") && out.contains("= 0.0256"), out);
            var other = run("by-hand", "--w", "1", "--x", "3", "--target", "0", "--lr", "0.01", "--steps", "1");
            assertEquals(0, other.exit(), other.err());
            // pred 3, loss 9, dL/dw = 2*3*3 = 18, w <- 1 - 0.01*18 = 0.82
            assertTrue(other.out().contains("= 9\n") && other.out().contains("= 18\n")
                    && other.out().contains("= 0.82"),
                    other.out());
        }
    }

    @Nested
    @Order(17)
    @DisplayName("Plumbing: Python's numbers")
    class RandomNumbersAndPythonsNumbers {

        /** Python's repr() of the same doubles, as CPython 3.11 prints them. */
        @Test
        void numbersPrintAsPythonPrintsThem() {
            assertEquals("0.1", Numbers.repr(0.1));
            assertEquals("50.0", Numbers.repr(50.0));
            assertEquals("100.0", Numbers.repr(0.5 * 200));
            assertEquals("56.99999999999999", Numbers.repr(0.57 * 100));
            assertEquals("0.0001", Numbers.repr(0.0001));
            assertEquals("1e-05", Numbers.repr(0.00001));
            assertEquals("1.5e-07", Numbers.repr(1.5e-7));
            assertEquals("1234567890123456.0", Numbers.repr(1234567890123456.0));
            assertEquals("1e+16", Numbers.repr(1e16));
            assertEquals("-2.5", Numbers.repr(-2.5));
            assertEquals("0.30000000000000004", Numbers.repr(0.1 + 0.2));
            assertEquals("nan", Numbers.repr(Double.NaN));
            assertEquals("-inf", Numbers.repr(Double.NEGATIVE_INFINITY));
            assertEquals("-0.0", Numbers.repr(-0.0));
        }

        /**
         * 7,396 doubles and CPython 3.11's repr of each (reference/repr_cpython.txt): any bits, powers of two
         * and decimals; then numbers as a run prints them (1e-9 to 2^53, where repr takes its quick path),
         * numbers midway between two 15- or 16-digit ones, and 20 that an earlier repr got wrong.
         */
        @Test
        void reprGivesCpythonsDigitsForThousandsOfNumbers() throws Exception {
            var lines = reference("repr_cpython.txt");
            assertEquals(7396, lines.size());
            for (var line : lines) {
                var f = line.split(" ");
                assertEquals(f[1], Numbers.repr(Double.parseDouble(f[0])), f[0]);
            }
        }

        /**
         * Plain ASCII sources compile and print the same under every locale: a Java 17 started without a
         * UTF-8 locale (Windows, a bare CI shell) reads the source and writes its output as ASCII.
         */
        @Test
        void theSourcesArePlainAscii() throws Exception {
            for (var name : List.of("Micrograd.java", "MicroGpt.java", "MicrogradTest.java")) {
                var file = Path.of(name);
                assertTrue(Files.exists(file), "run the tests from the project folder, as the README says: " + name);
                var bytes = Files.readAllBytes(file);
                for (int i = 0; i < bytes.length; i++) assertTrue(bytes[i] >= 0, name + ": a non-ASCII byte at " + i);
            }
        }
    }

    // #############################################################################################
    // MicroGpt.java: the same Value engine trains a GPT
    // #############################################################################################

    /**
     * microgpt.py (Karpathy's gist, February 2026) run with CPython 3.11.7 on data/names.txt for 20 steps
     * (num_steps = 20, everything else as published): the full-precision loss of each step, then the
     * 20 sampled names.
     */
    static final double[] MICROGPT_20_LOSSES = {3.3659669475848504, 3.4242727838717717, 3.1775778689839966,
        3.0694754014077628, 3.225968038718591, 2.9733895136754294, 3.3074609142446727, 3.3192663081782916,
        2.945580229236262, 3.232530084610307, 2.8715936605420196, 2.980526762535983, 3.156808246740958,
        3.1426685752278076, 3.052233593843084, 2.9392696962771527, 3.1566600619775564, 2.8603380014451334,
        2.924187166940908, 2.77493140263598};
    static final List<String> MICROGPT_20_NAMES = List.of("orhx", "pdi", "zoqnadn", "kdri", "zueiia", "oas",
            "hry", "qdi", "clyl", "hyin", "xqle", "g", "o", "hren", "w", "pilm", "uqai", "ael", "sn", "jare");

    static Run runGpt(String... args) { return run(MicroGpt.Command.commandLine(), args); }

    /** The names, the tokenizer and the model as MicroGpt.run() makes them with microgpt.py's defaults. */
    record DefaultGpt(List<String> docs, MicroGpt.Tokenizer tokenizer, MicroGpt.Gpt model) {}

    static DefaultGpt defaultGpt() throws Exception {
        var random = PythonRandom.seeded(42);
        var docs = new ArrayList<>(new MicroGpt.Command().readData(null));
        random.shuffle(docs);                             // names.txt has no blank lines and nothing to strip
        var tokenizer = new MicroGpt.Tokenizer(docs);
        return new DefaultGpt(docs, tokenizer, new MicroGpt.Gpt(MicroGpt.Config.MICROGPT_PY, tokenizer.vocabSize(), random));
    }

    @Nested
    @Order(18)
    @DisplayName("microGPT")
    class MicroGptTests {

        @Test
        void theDataFileIsRefusedAsTheLogThroughALinkedFolderOrASecondName(@TempDir Path dir) throws Exception {
            var real = Files.createDirectory(dir.resolve("real"));
            var names = Files.writeString(real.resolve("names.txt"), "anna\nbob\n");
            var linked = Files.createSymbolicLink(dir.resolve("ld"), real);
            var hard = Files.createLink(dir.resolve("h.txt"), names);
            for (var log : List.of(linked.resolve("names.txt"), hard)) {
                var run = runGpt("--steps", "3", "--data", names.toString(), "--log", log.toString());
                assertUsageError(run, "--log", "--log " + log);
                assertTrue(run.err().contains("another file than --data's"), run.err());
                assertEquals("anna\nbob\n", Files.readString(names));
            }
        }

        @Test
        void dataIsBoundedAndReadAsStrictUtf8(@TempDir Path dir) throws Exception {
            var big = dir.resolve("big.txt");
            try (var f = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE)) {
                f.truncate(0).position(60_000_000L).write(java.nio.ByteBuffer.wrap(new byte[] {'\n'})); // sparse
            }
            var cases = new java.util.LinkedHashMap<String, String>();
            cases.put("/dev/zero", "a text file of at most 50,000,000 bytes (it goes on)");
            cases.put(big.toString(), "a text file of at most 50,000,000 bytes (it has 60,000,001)");
            cases.put(write(dir, "bad.txt", "anna\nbob\n\u00ff\n", StandardCharsets.ISO_8859_1), "line 3 is not");
            cases.put(write(dir, "u16.txt", "anna\n", StandardCharsets.UTF_16LE), "line 1 has a NUL byte");
            cases.put(write(dir, "long.txt", "a".repeat(10_001) + "\n", StandardCharsets.UTF_8),
                    "lines of at most 10,000 characters (line 1 has 10,001)");
            for (var c : cases.entrySet()) {
                var run = runGpt("--steps", "1", "--data", c.getKey());
                assertUsageError(run, "--data", c.getKey());
                assertTrue(run.err().lines().findFirst().orElse("").contains(c.getValue()), run.err());
            }
        }

        static String write(Path dir, String name, String text, java.nio.charset.Charset charset) throws Exception {
            return Files.write(dir.resolve(name), text.getBytes(charset)).toString();
        }

        /** A token per code point, as Python's str has them; a byte-order mark is not a letter. */
        @Test
        void anEmojiIsOneTokenAndAByteOrderMarkIsDropped(@TempDir Path dir) throws Exception {
            var file = Files.writeString(dir.resolve("e.txt"), "\ufeffanna\nb\ud83d\ude00b\n");
            var run = runGpt("--steps", "3", "--samples", "0", "--data", file.toString());
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().startsWith("num docs: 2\nvocab size: 5\n"), "a, b, n, the emoji and BOS: " + run.out());
        }

        @Test
        void aRunWhoseLossIsNoLongerANumberStopsWithAHint() {
            var run = runGpt("--steps", "20", "--lr", "1e308", "--samples", "3", "--every", "1");
            assertEquals(1, run.exit(), run.out());
            assertTrue(run.err().startsWith("microgpt: the loss became nan at step 2; try a smaller --lr (it is "
                    + "1e+308)"), run.err());
            assertFalse(run.out().contains("sample "), "no names from a broken model");
            var cold = runGpt("--temperature", "1e-320");
            assertUsageError(cold, "--temperature", "--temperature 1e-320");
            assertTrue(cold.err().contains("a number from 0.001 to 1000"), cold.err());
        }

        @Test
        void theTokenizerRoundTripsEveryName() throws Exception {
            var gpt = defaultGpt();
            var tokenizer = gpt.tokenizer();
            assertEquals(32033, gpt.docs().size());
            assertEquals("abcdefghijklmnopqrstuvwxyz", new String(tokenizer.uchars(), 0, tokenizer.uchars().length));
            assertEquals(26, tokenizer.bos());
            for (String doc : gpt.docs()) {
                int[] tokens = tokenizer.encode(doc);
                assertEquals(tokenizer.bos(), tokens[0]);
                assertEquals(tokenizer.bos(), tokens[tokens.length - 1]);
                var middle = new ArrayList<Integer>();
                for (int i = 1; i < tokens.length - 1; i++) middle.add(tokens[i]);
                assertEquals(doc, tokenizer.decode(middle));
            }
        }

        /** The values CPython 3.11.7's random module gives for the same seeds and calls. */
        @Test
        void pythonsRandomFunctionsGivePythonsNumbers() {
            var r = PythonRandom.seeded(42);
            double[] gauss = {-0.011527226366234268, -0.013832288026521545, -0.008905268925412997,
                0.05615869800790905, -0.010207062702630967};                   // random.gauss(0, 0.08) x 5
            for (double g : gauss) assertEquals(g, r.gauss(0, 0.08));
            var list = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
            PythonRandom.seeded(7).shuffle(list);                               // random.shuffle
            assertEquals(List.of(8, 3, 1, 4, 7, 0, 9, 6, 2, 5), list);
            var c = PythonRandom.seeded(3);                                     // random.choices(range(4), w)[0]
            var drawn = new ArrayList<Integer>();
            for (int i = 0; i < 12; i++) drawn.add(c.choice(new double[] {0.1, 0.2, 0.3, 0.4}));
            assertEquals(List.of(1, 2, 2, 3, 3, 0, 0, 3, 1, 1, 3, 2), drawn);
            var b = PythonRandom.seeded(5);                                     // random.getrandbits(k)
            assertEquals(List.of(1, 8, 97227, 1539898300),
                    List.of(b.getrandbits(1), b.getrandbits(5), b.getrandbits(17), b.getrandbits(32)));
        }

        @Test
        void theLossesGradientMatchesNudgesInEveryMatrix() throws Exception {
            var gpt = defaultGpt();
            int[] doc = gpt.tokenizer().encode(gpt.docs().get(0));
            gpt.model().loss(doc).backward();
            for (var entry : gpt.model().stateDict.entrySet()) {
                var m = entry.getValue();
                for (int[] at : List.of(new int[] {0, 0}, new int[] {m.length - 1, m[0].length - 1},
                        new int[] {m.length / 2, m[0].length / 3})) {
                    var p = m[at[0]][at[1]];
                    var c = checkParameter(entry.getKey(), p, () -> gpt.model().loss(doc), 1e-5);
                    assertTrue(c.ok(1e-6),
                            entry.getKey() + Arrays.toString(at) + ": " + c.analytic() + " vs " + c.numeric());
                }
            }
        }

        /** bench prints micrograd's table for microGPT; its Values a step are the trained line's, step for step. */
        @Test
        void benchTimesTheDefaultTrainingAndCountsAsTheTrainedLineDoes() {
            var bench = runGpt("bench", "--steps", "200");
            assertEquals(0, bench.exit(), bench.err());
            var lines = bench.out().lines().toList();
            assertEquals(2, lines.size(), bench.out());
            var trained = runGpt("--steps", "200", "--samples", "0").out().lines()
                    .filter(l -> l.startsWith("trained ")).findFirst().orElseThrow();
            String values = trained.replaceAll(".*, (\\d+) values per step\\)", "$1");
            assertTrue(lines.get(1).matches("\\s+\\d+\\.\\d\\d ms +\\d+\\.\\d\\d \\(.*\\) ms +" + values
                    + " +\\d+ +\\d+ MB"), lines.get(1) + " against " + trained);
            assertUsageError(runGpt("bench", "--steps", "199"), "--steps", "bench --steps 199");
        }

        @Test
        void theDefaultsTrainAsMicrogptPyForTwentySteps() {
            var run = runGpt("--steps", "20", "--every", "1");
            assertEquals(0, run.exit(), run.err());
            var lines = run.out().lines().toList();
            assertEquals(List.of("num docs: 32033", "vocab size: 27", "num params: 4192",
                    "step    1 /   20 | loss 3.3660"), lines.subList(0, 4));
            assertEquals("step   20 /   20 | loss 2.7749", lines.get(22));
            var names = lines.stream().filter(l -> l.startsWith("sample ")).map(l -> l.substring(11)).toList();
            assertEquals(MICROGPT_20_NAMES, names);
            assertTrue(lines.contains("--- inference (new, hallucinated names) ---"));
        }

        @Test
        void everyStepsLossAgreesWithMicrogptPy(@TempDir Path dir) throws Exception {
            var log = dir.resolve("gpt.csv");
            assertEquals(0, runGpt("--steps", "20", "--samples", "0", "--log", log.toString()).exit());
            var rows = Files.readAllLines(log);
            assertEquals("step,loss,lr", rows.get(0));
            assertEquals("1,3.3659669475848504,0.01", rows.get(1), "step 1, exactly microgpt.py's");
            for (int k = 0; k < 20; k++) {
                assertClose(MICROGPT_20_LOSSES[k], Double.parseDouble(rows.get(k + 1).split(",")[1]), 1e-9,
                        "loss at step " + (k + 1));
            }
        }

        @Test
        void inAPipeItPrintsTheFirstEveryKthAndTheLastStep() {
            var run = runGpt("--steps", "250", "--samples", "1", "--every", "100", "--n-embd", "4", "--n-head", "1");
            assertEquals(0, run.exit(), run.err());
            var steps = run.out().lines().filter(l -> l.startsWith("step "))
                    .map(l -> l.substring(5, 9).trim()).toList();
            assertEquals(List.of("1", "100", "200", "250"), steps);
            assertTrue(run.out().contains("trained 250 steps in "), run.out());
        }

        @ParameterizedTest
        @ValueSource(strings = {"--n-head 3", "--n-head 0", "--n-embd 0", "--n-layer 0", "--block-size 0",
            "--temperature 0", "--temperature -1", "--lr 0", "--lr NaN", "--steps -1", "--samples -1", "--every 0",
            "--seed -1", "--stepz 5", "--data /no/such/file.txt", "--n-embd 256 --n-layer 8", "--log MicroGpt.java",
            "--log /tmp/", "--log x.csv --data x.csv"})
        void badOptionsAreOneLineAndExitCodeTwo(String args) {
            assertUsageError(runGpt(args.split(" ")), args.split(" ")[0], args);
        }

        @ParameterizedTest
        @ValueSource(strings = {"--n-head x --n-embd 8", "--n-head x --n-embd=8 --n-head 2",
            "--n-head x --n-embd 8 --nope", "--n-head x --n-embd 8 --n-layer y"})
        void aTypeErrorInTheHeadsIsToldTheEmbeddingSizeTypedAfterIt(String args) {
            var run = runGpt(args.split(" "));
            assertUsageError(run, "--n-head", args);
            assertEquals("Invalid value for option '--n-head': 'x'; expected a number of heads that divides --n-embd "
                    + "(8)", run.err().lines().findFirst().orElse(""));
        }

        @Test
        void anOptionGivenAgainLeavesTheOtherOptionsOfItsGroupAsTheyWereGiven() {
            var run = runGpt("--n-embd", "6", "--n-head", "4", "--n-head", "3", "--steps", "0", "--samples", "0");
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().contains("num params: 852"), "n_embd 6 with 3 heads: " + run.out());
        }

        @Test
        void aDataFileThatCannotBeReadIsOneLineAndExitCodeTwo(@TempDir Path dir) throws Exception {
            var empty = Files.writeString(dir.resolve("empty.txt"), "\n  \n");
            assertTrue(runGpt("--data", empty.toString()).err().contains("at least one line of text"));
            assertUsageError(runGpt("--data", empty.toString()), "--data", "empty");
            assertUsageError(runGpt("--data", dir.toString()), "--data", "a folder");
            var binary = Files.write(dir.resolve("bin.txt"), new byte[] {(byte) 0xff, (byte) 0xfe, 10});
            assertUsageError(runGpt("--data", binary.toString()), "--data", "not UTF-8");
        }

        @Test
        void aLearnersOwnWordsTrainAndLongOnesAreCut(@TempDir Path dir) throws Exception {
            var words = Files.writeString(dir.resolve("words.txt"), "hello\nworld\n\nsupercalifragilistic\n");
            var run = runGpt("--data", words.toString(), "--steps", "3", "--samples", "2", "--block-size", "8");
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().startsWith("num docs: 3\nvocab size: 17\n"), run.out());
            assertEquals(2, run.out().lines().filter(l -> l.startsWith("sample ")).count());
        }
    }

    @Nested
    @Order(19)
    @DisplayName("microGPT: the page (--html)")
    class MicroGptPage {

        @Test
        void thePagesLossesAreTheLogsAndItsNamesTheFirstSampled(@TempDir Path dir) throws Exception {
            var page = dir.resolve("gpt.html");
            var log = dir.resolve("gpt.csv");
            var run = runGpt("--steps", "40", "--samples", "5", "--log", log.toString(), "--html", page.toString());
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().endsWith("\nwrote " + page + "\n"), run.out());
            var data = pageData(page);
            var rows = Files.readAllLines(log);
            var losses = list(data.get("losses"));
            assertEquals(40, losses.size());
            for (int k = 0; k < 40; k++) {
                var row = rows.get(k + 1).split(",");
                assertEquals(List.of(row[0], row[1]), texts(losses.get(k)), "step " + (k + 1) + " as the log has it");
            }
            assertEquals(Math.log(27), ((Num) data.get("uniform")).value());
            var vocab = list(data.get("vocab"));
            assertEquals(27, vocab.size());
            assertEquals(List.of("a", "."), List.of(vocab.get(0), vocab.get(26)));
            String html = Files.readString(page).replaceAll("\\s+", " ");
            assertTrue(html.contains("The dashed line is ln 27 = 3.30, the loss of a model that gives each of the 27 "
                    + "tokens the same probability, 1/27: what guessing a letter uniformly would score. Step 1's loss, "
                    + "3.3660, is about that"), "the caption says what the line is");

            var printed = run.out().lines().filter(l -> l.startsWith("sample ")).map(l -> l.substring(11)).toList();
            var names = list(data.get("names"));
            assertEquals(MicroGpt.GptPage.NAMES, names.size());
            for (int i = 0; i < names.size(); i++) {
                var name = object(names.get(i));
                String text = (String) name.get("name");
                assertEquals(printed.get(i), text);
                var tokens = texts(name.get("tokens")).stream().map(Integer::valueOf).toList();
                assertEquals(text.length() + 2, tokens.size(), "BOS, the letters, BOS");
                assertEquals(26, tokens.get(0));
                assertEquals(26, tokens.get(tokens.size() - 1));
                var layers = list(name.get("attention"));
                assertEquals(1, layers.size());
                var heads = list(layers.get(0));
                assertEquals(4, heads.size());
                for (var head : heads) {
                    var positions = list(head);
                    assertEquals(text.length() + 1, positions.size(), "a row per position");
                    for (int p = 0; p < positions.size(); p++) {
                        var weights = texts(positions.get(p));
                        assertEquals(p + 1, weights.size(), "this position and the ones before it");
                        assertEquals(1, weights.stream().mapToDouble(Double::parseDouble).sum(), 1e-4, "sum to 1");
                    }
                }
                var probabilities = list(name.get("probabilities"));
                assertEquals(text.length() + 1, probabilities.size());
                for (int p = 0; p < probabilities.size(); p++) {
                    var row = texts(probabilities.get(p)).stream().mapToDouble(Double::parseDouble).toArray();
                    assertEquals(27, row.length);
                    assertEquals(1, Arrays.stream(row).sum(), 1e-4);
                    assertTrue(row[tokens.get(p + 1)] > 0, "the token drawn had a chance");
                }
            }
        }

        @Test
        void theNamesAreTheSameWithAndWithoutThePage(@TempDir Path dir) throws Exception {
            var page = dir.resolve("gpt.html");
            var plain = runGpt("--steps", "20", "--every", "1");
            var paged = runGpt("--steps", "20", "--every", "1", "--html", page.toString());
            assertEquals(0, paged.exit(), paged.err());
            assertEquals(withoutTheTime(plain.out()) + "\nwrote " + page + "\n", withoutTheTime(paged.out()));
            assertTrue(plain.out().contains("sample 20: " + MICROGPT_20_NAMES.get(19)), "microgpt.py's names");
        }

        @Test
        void aLongRunsCurveIsEvenlySpacedAndAPageFileIsCheckedFirst(@TempDir Path dir) throws Exception {
            var page = dir.resolve("long.html");
            var run = runGpt("--steps", "2500", "--n-embd", "4", "--n-head", "1", "--samples", "1", "--html",
                    page.toString());
            assertEquals(0, run.exit(), run.err());
            var losses = list(pageData(page).get("losses"));
            assertEquals(MicroGpt.GptPage.MAX_POINTS, losses.size());
            assertEquals("1", texts(losses.get(0)).get(0));
            assertEquals("2500", texts(losses.get(losses.size() - 1)).get(0));
            var same = dir.resolve("same.txt").toString();
            for (String args : List.of("--html " + dir + "/", "--html MicroGpt.java",
                    "--html " + same + " --log " + same,
                    "--html " + same + " --data " + same)) {
                assertUsageError(runGpt(args.split(" ")), "--html", args);
            }
        }

        @Test
        void chromiumDrawsThePageWithoutAScriptError(@TempDir Path dir) throws Exception {
            var page = dir.resolve("gpt.html");
            var none = dir.resolve("none.html");
            assertEquals(0, runGpt("--steps", "30", "--samples", "3", "--html", page.toString()).exit());
            assertEquals(0, runGpt("--steps", "0", "--samples", "0", "--html", none.toString()).exit());
            var profile = Files.createDirectory(dir.resolve("profile"));
            assertDrawnWithoutAnError(page, "", profile);
            assertDrawnWithoutAnError(none, "", profile);
        }
    }

    // #############################################################################################
    // The ./jbang launcher (bash; each test installs into a folder of its own, from the local Maven
    // repository that the first install filled, so nothing is downloaded twice)
    // #############################################################################################

    /** Runs a command in the project folder with the given environment, as a user's shell would. */
    static Run shell(Map<String, String> env, String... command) throws Exception {
        return shell(Path.of("").toAbsolutePath(), env, command);
    }

    /**
     * Runs a command in a folder. By default no other jbang is on the PATH (these tests are about the
     * one ./jbang installs) and JBANG_JAVA_OPTIONS is unset; what env gives replaces those defaults.
     */
    static Run shell(Path dir, Map<String, String> env, String... command) throws Exception {
        return shellTyping(dir, env, "", command);
    }

    /** The same, with the given input typed on standard input (which then ends). */
    static Run shellTyping(Path dir, Map<String, String> env, String input, String... command) throws Exception {
        var builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("PATH", Arrays.stream(System.getenv("PATH").split(":"))
                .filter(d -> !Files.isExecutable(Path.of(d, "jbang"))).reduce((a, b) -> a + ":" + b).orElse(""));
        builder.environment().remove("JBANG_JAVA_OPTIONS");
        builder.environment().putAll(env);
        var process = builder.start();
        try (var in = process.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.UTF_8));
        }
        var out = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        assertTrue(process.waitFor(5, java.util.concurrent.TimeUnit.MINUTES), String.join(" ", command));
        return new Run(process.exitValue(), out.get(), err.get());
    }

    static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    @Nested
    @Order(20)
    @DisplayName("Plumbing: the ./jbang launcher")
    class Launcher {

        @Test
        void itInstallsJBangOnceAndLeavesNoTemporaryFiles(@TempDir Path dir) throws Exception {
            var tmp = Files.createDirectory(dir.resolve("tmp"));
            var env = Map.of("JBANG_DIR", dir.resolve("jb").toString(), "TMPDIR", tmp.toString());
            var first = shell(env, "bash", "jbang", "version");
            assertEquals(0, first.exit(), first.err());
            assertEquals("0.132.1", first.out().trim());
            assertTrue(first.err().contains("installing JBang 0.132.1"), first.err());
            assertTrue(Files.isExecutable(dir.resolve("jb/bin/jbang")), "a jbang command, as JBang's installer makes");
            var again = shell(env, "bash", "jbang", "version");
            assertEquals("0.132.1", again.out().trim());
            assertFalse(again.err().contains("installing"), "once: " + again.err());
            var mistake = shell(env, "bash", "jbang", "Micrograd.java", "--steps", "x");  // the program's stderr
            assertEquals(2, mistake.exit());
            assertTrue(mistake.err().contains("Invalid value for option '--steps': 'x'; expected a whole number >= 0"),
                    mistake.err());
            // set but empty means unset: the JBang in $HOME/.jbang, and no cache/ in the current folder
            var home = Files.createDirectory(dir.resolve("home"));
            Files.createSymbolicLink(home.resolve(".jbang"), dir.resolve("jb"));
            var empty = shell(tmp, Map.of("JBANG_DIR", "", "HOME", home.toString()), "bash",
                    Path.of("jbang").toAbsolutePath().toString(), "version");
            assertEquals("0.132.1", empty.out().trim(), empty.err());
            // in the C locale, a name in another script is written under that name, not as '?'s
            var c = shell(tmp, Map.of("JBANG_DIR", dir.resolve("jb").toString(), "LC_ALL", "C"), "bash", "-c",
                    "'" + Path.of("jbang").toAbsolutePath() + "' " + Path.of("Micrograd.java").toAbsolutePath()
                    + " --steps 1 --no-plot --log $'\\xd0\\xb6.csv' && [ -f $'\\xd0\\xb6.csv' ] && rm $'\\xd0\\xb6.csv'");
            assertEquals(0, c.exit(), "written under the name as typed: " + c.err());
            try (var left = Files.list(tmp); var cli = Files.list(dir.resolve("jb/cli"))) {
                assertEquals(0, left.count(), "nothing left in TMPDIR");
                assertTrue(cli.noneMatch(p -> p.getFileName().toString().startsWith(".install")),
                        "no install folder left");
            }
        }

        @Test
        void theInstalledCommandSaysInOneLineThatJavaIsMissingAndAnOlderOneIsWrittenAnew(@TempDir Path dir)
                throws Exception {
            var env = Map.of("JBANG_DIR", dir.toString());
            assertEquals(0, shell(env, "bash", "jbang", "version").exit());
            var bin = dir.resolve("bin/jbang");
            var noJava = shell(Map.of("PATH", dir.resolve("nothing").toString()), "/bin/bash", bin.toString(), "version");
            assertEquals(1, noJava.exit());
            assertEquals("jbang: needs Java 17 or newer: 'java' is not on the PATH", noJava.err().trim());
            Files.writeString(bin, Files.readString(bin).replace("# launcher ", "# an older launcher "));
            var run = shell(env, "bash", "jbang", "version");
            assertEquals("0.132.1", run.out().trim(), run.err());
            assertTrue(Files.readString(bin).contains("\n# launcher "), "written anew");
        }

        /**
         * A script run again unchanged starts without JBang, from the java command JBang printed for it; a
         * change to a file its //SOURCES names, or a jar gone from JBang's cache, goes through JBang again.
         */
        @Test
        void anUnchangedScriptRunsWithoutJBangAndAChangedOneIsBuiltAgain(@TempDir Path dir) throws Exception {
            var env = Map.of("JBANG_DIR", dir.resolve("jb").toString());
            var src = Files.createDirectory(dir.resolve("src"));
            var hello = Files.writeString(src.resolve("Hello.java"), "//SOURCES Greeting.java\npublic class Hello {\n"
                    + "  public static void main(String[] a) { System.out.println(Greeting.TEXT + String.join(\"|\", a)); }\n}\n");
            var greeting = Files.writeString(src.resolve("Greeting.java"), "class Greeting { static String TEXT = \"one \"; }\n");
            var first = shell(env, "bash", "jbang", hello.toString(), "a b", "c");
            assertEquals("one a b|c", first.out().trim(), first.err());
            Path runs = dir.resolve("jb/cache/micrograd-runs");
            List<Path> kept;
            try (var files = Files.list(runs)) {
                kept = files.toList();
            }
            assertEquals(1, kept.size(), "the command JBang printed, kept");
            assertTrue(Files.readString(kept.get(0)).contains(" Hello"), Files.readString(kept.get(0)));
            String command = Files.readString(kept.get(0));
            Files.writeString(kept.get(0), "/usr/bin/printf '[%s]'");   // what runs now, if JBang does not
            var again = shell(env, "bash", "jbang", hello.toString(), "a b", "c");
            assertEquals("[a b][c]", again.out(), "the kept command, with the arguments as given: " + again.err());
            Files.writeString(kept.get(0), command);
            Files.writeString(greeting, "class Greeting { static String TEXT = \"two \"; }\n");
            var edited = shell(env, "bash", "jbang", hello.toString(), "a b", "c");
            assertEquals("two a b|c", edited.out().trim(), "a source changed: JBang builds it again " + edited.err());
            try (var jars = Files.walk(dir.resolve("jb/cache/jars"))) {
                for (var f : jars.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(f);
            }
            var cleared = shell(env, "bash", "jbang", hello.toString(), "x");
            assertEquals("two x", cleared.out().trim(), "the jar is gone: JBang builds it again " + cleared.err());
        }

        @Test
        void aBrokenInstallIsInstalledAgainWithANotice(@TempDir Path dir) throws Exception {
            var env = Map.of("JBANG_DIR", dir.toString());
            assertEquals(0, shell(env, "bash", "jbang", "version").exit());
            Files.write(dir.resolve("cli/0.132.1/lib/jbang-cli-0.132.1.jar"), new byte[0]);  // as a cut-off copy
            var run = shell(env, "bash", "jbang", "version");
            assertEquals(0, run.exit(), run.err());
            assertEquals("0.132.1", run.out().trim());
            assertTrue(run.err().contains("is not whole") && run.err().contains("installing it again"), run.err());
            Files.write(dir.resolve("bin/jbang"), new byte[0]);
            var second = shell(env, "bash", "jbang", "version");
            assertEquals("0.132.1", second.out().trim(), second.err());
            assertTrue(second.err().contains("is empty or cannot run"), second.err());
        }

        @Test
        void aJBangDirThatCannotBeWrittenIsOneLineBeforeAnyDownload(@TempDir Path dir) throws Exception {
            var file = Files.writeString(dir.resolve("a-file"), "");
            var run = shell(Map.of("JBANG_DIR", file.resolve("jb").toString()), "bash", "jbang", "version");
            assertEquals(1, run.exit());
            assertEquals(1, run.err().lines().count(), run.err());
            assertTrue(run.err().startsWith("jbang: cannot write to " + file.resolve("jb") + " (JBANG_DIR)"),
                    run.err());
        }

        @Test
        void twoFirstRunsAtOnceBothWork(@TempDir Path dir) throws Exception {
            var env = Map.of("JBANG_DIR", dir.toString());
            var a = java.util.concurrent.CompletableFuture.supplyAsync(() -> shellOrFail(env));
            var b = java.util.concurrent.CompletableFuture.supplyAsync(() -> shellOrFail(env));
            for (var run : List.of(a.get(), b.get())) {
                assertEquals(0, run.exit(), run.err());
                assertTrue(run.out().contains("step 0 loss 0.8958441028683222"), run.out());
            }
        }

        Run shellOrFail(Map<String, String> env) {
            try {
                return shell(env, "bash", "jbang", "Micrograd.java", "--steps", "1", "--no-plot");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        /** user.home (and HOME) point at a temporary folder: app install edits the shell's rc files there. */
        @Test
        void appInstallMakesACommandThatRunsFromAnyFolder(@TempDir Path dir) throws Exception {
            var home = Files.createDirectory(dir.resolve("home"));
            var jb = dir.resolve("jb");
            var env = new HashMap<String, String>();
            env.put("JBANG_DIR", jb.toString());
            var installed = shell(env, "bash", "jbang", "version");   // installs bin/jbang, Maven as usual
            assertEquals(0, installed.exit(), installed.err());
            env.put("HOME", home.toString());
            env.put("JBANG_JAVA_OPTIONS", "-Duser.home=" + home);
            env.put("JBANG_REPO", Path.of(System.getProperty("user.home"), ".m2", "repository").toString());
            var app = shell(env, jb.resolve("bin/jbang").toString(), "app", "install", "--name", "mg",
                    Path.of("Micrograd.java").toAbsolutePath().toString());
            assertEquals(0, app.exit(), app.err());
            assertTrue(Files.readString(home.resolve(".bashrc")).contains(jb.resolve("bin").toString()),
                    "app install set up the temporary home's shell, not the user's");
            env.remove("JBANG_JAVA_OPTIONS");
            env.put("PATH", jb.resolve("bin") + ":" + System.getenv("PATH"));
            var mg = shell(home, env, jb.resolve("bin/mg").toString(), "--steps", "1", "--no-plot"); // another folder
            assertEquals(0, mg.exit(), mg.err());
            assertTrue(mg.out().contains("step 0 loss 0.8958441028683222"), mg.out() + mg.err());
        }
    }
}
