///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//SOURCES Micrograd.java
//DEPS org.junit.jupiter:junit-jupiter:6.1.3
//DEPS org.junit.platform:junit-platform-console:6.1.3

/*
 * The tests of Micrograd.java. Run them with:   ./jbang MicrogradTest.java
 * main() runs JUnit's console launcher on this class, prints the test tree and ends with a line
 * "N passed, N failed" (exit code 1 on any failure, or when no test ran).
 */

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.console.ConsoleLauncher;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

public class MicrogradTest {

    public static void main(String[] args) {
        var out = new PrintWriter(System.out, true);
        var colours = System.console() != null && System.getenv("NO_COLOR") == null;
        var launcherArgs = new ArrayList<>(List.of("execute", "--select-class=MicrogradTest", "--details=tree",
                "--disable-banner", "--fail-if-no-tests"));
        if (!colours) launcherArgs.add("--disable-ansi-colors");
        var result = ConsoleLauncher.run(out, new PrintWriter(System.err, true), launcherArgs.toArray(String[]::new));
        var summary = (TestExecutionSummary) result.getValue().orElse(null);
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

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    record Run(int exit, String out, String err) {}

    /** Runs the command in-process, as `jbang Micrograd.java ARGS` would, capturing what it prints. */
    static Run run(String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        var cmd = Micrograd.commandLine();
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

    static final double H = 1e-6;

    /** Central difference: (f(x+h) - f(x-h)) / 2h, computed with plain doubles, not with backward(). */
    static double numeric(Function<Double, Double> f, double x) {
        return (f.apply(x + H) - f.apply(x - H)) / (2 * H);
    }

    /** Checks d f(x)/dx from backward() against the central difference, for f built from Values. */
    static void checkUnary(String name, Function<Micrograd.Value, Micrograd.Value> f, double... points) {
        for (double x : points) {
            var v = new Micrograd.Value(x);
            f.apply(v).backward();
            double expected = numeric(t -> f.apply(new Micrograd.Value(t)).data, x);
            assertClose(expected, v.grad, 1e-6, name + " at " + x);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // 1. The engine
    // ---------------------------------------------------------------------------------------------

    @Nested
    class Engine {

        /** micrograd's test_sanity_check; the expected values are what PyTorch computes for the same expression. */
        @Test
        void microgradSanityCheck() {
            var x = new Micrograd.Value(-4.0);
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
        void microgradMoreOps() {
            var a = new Micrograd.Value(-4.0);
            var b = new Micrograd.Value(2.0);
            var c = a.add(b);                                           // c = a + b
            var d = a.mul(b).add(b.pow(3));                             // d = a * b + b**3
            c = c.add(c.add(1));                                        // c += c + 1
            c = c.add(c.add(1).add(a.neg()));                           // c += 1 + c + (-a)
            d = d.add(d.mul(2).add(b.add(a).relu()));                   // d += d * 2 + (b + a).relu()
            d = d.add(d.mul(3).add(b.sub(a).relu()));                   // d += 3 * d + (b - a).relu()
            var e = c.sub(d);                                           // e = c - d
            var f = e.pow(2);                                           // f = e**2
            var g = f.div(2.0);                                         // g = f / 2.0
            g = g.add(Micrograd.Value.div(10.0, f));                    // g += 10.0 / f
            g.backward();
            assertClose(24.70408163265306, g.data, 1e-12, "g");
            assertClose(138.83381924198252, a.grad, 1e-12, "a.grad");
            assertClose(645.5772594752186, b.grad, 1e-12, "b.grad");
        }

        @Test
        void everyUnaryOperationMatchesItsCentralDifference() {
            checkUnary("relu", Micrograd.Value::relu, -2.5, -0.3, 0.7, 3.0);
            checkUnary("tanh", Micrograd.Value::tanh, -2.0, -0.5, 0.0, 0.8, 1.5);
            checkUnary("exp", Micrograd.Value::exp, -3.0, 0.0, 0.5, 2.0);
            checkUnary("log", Micrograd.Value::log, 0.1, 1.0, 2.5, 10.0);
            checkUnary("neg", Micrograd.Value::neg, -1.5, 0.0, 2.0);
            checkUnary("pow 2", v -> v.pow(2), -1.5, 0.5, 3.0);
            checkUnary("pow 3", v -> v.pow(3), -2.0, 0.5, 1.7);
            checkUnary("pow -1", v -> v.pow(-1), -2.0, 0.5, 4.0);
            checkUnary("pow 0.5", v -> v.pow(0.5), 0.25, 1.0, 9.0);
            checkUnary("2 - v", v -> Micrograd.Value.sub(2, v), -1.0, 3.0);
            checkUnary("2 / v", v -> Micrograd.Value.div(2, v), -1.5, 0.5, 4.0);
        }

        @Test
        void everyBinaryOperationMatchesItsCentralDifferenceInBothInputs() {
            record Op(String name, java.util.function.BinaryOperator<Micrograd.Value> f) {}
            var ops = List.of(new Op("add", Micrograd.Value::add), new Op("sub", Micrograd.Value::sub),
                    new Op("mul", Micrograd.Value::mul), new Op("div", Micrograd.Value::div));
            double[][] points = {{-1.5, 2.0}, {0.5, -3.0}, {2.0, 0.25}, {-0.7, -1.3}};
            for (var op : ops) {
                for (double[] p : points) {
                    var a = new Micrograd.Value(p[0]);
                    var b = new Micrograd.Value(p[1]);
                    op.f().apply(a, b).backward();
                    double da = numeric(t -> op.f().apply(new Micrograd.Value(t), new Micrograd.Value(p[1])).data, p[0]);
                    double db = numeric(t -> op.f().apply(new Micrograd.Value(p[0]), new Micrograd.Value(t)).data, p[1]);
                    assertClose(da, a.grad, 1e-6, op.name() + " d/da at " + p[0] + ", " + p[1]);
                    assertClose(db, b.grad, 1e-6, op.name() + " d/db at " + p[0] + ", " + p[1]);
                }
            }
        }

        @Test
        void aValueUsedTwiceGetsBothContributions() {
            var a = new Micrograd.Value(3.0);
            a.add(a).backward();               // b = a + a: db/da = 2
            assertEquals(2.0, a.grad);
            var c = new Micrograd.Value(3.0);
            c.mul(c).backward();               // c * c: d/dc = 2c = 6
            assertEquals(6.0, c.grad);
        }

        @Test
        void gradientsAccumulateUntilZeroed() {
            var model = new Micrograd.MLP(2, List.of(3), Micrograd.Activation.TANH, Micrograd.PythonRandom.seeded(1));
            model.apply(new double[] {0.5, -1.0}).backward();
            var first = model.parameters().stream().mapToDouble(p -> p.grad).toArray();
            assertTrue(java.util.Arrays.stream(first).anyMatch(g -> g != 0), "backward() set some gradients");
            model.apply(new double[] {0.5, -1.0}).backward();
            var params = model.parameters();
            for (int i = 0; i < params.size(); i++) assertEquals(2 * first[i], params.get(i).grad, 1e-15);
            model.zeroGrad();
            for (var p : model.parameters()) assertEquals(0.0, p.grad);
        }

        @Test
        void backwardWorksOnAMillionLongChainWithoutRecursion() {
            var x = new Micrograd.Value(0.5);
            var v = x;
            for (int i = 0; i < 1_000_000; i++) v = v.add(1);
            v.backward();
            assertEquals(1_000_000.5, v.data);
            assertEquals(1.0, x.grad);
        }

        @Test
        void arithmeticFollowsIeeeLikePytorch() {
            assertEquals(Double.POSITIVE_INFINITY, new Micrograd.Value(1).div(0).data);
            assertEquals(Double.NEGATIVE_INFINITY, new Micrograd.Value(0).log().data);
            assertTrue(Double.isNaN(new Micrograd.Value(-1).log().data));
            var big = new Micrograd.Value(1000);
            var t = big.tanh();
            t.backward();
            assertEquals(1.0, t.data, "tanh(1000) is 1, not NaN");
            assertEquals(0.0, big.grad);
        }

        @Test
        void valuesPrintLikeMicrograd() {
            var a = new Micrograd.Value(2.0);
            var b = a.mul(-3.0);
            b.backward();
            assertEquals("Value(data=-6.0, grad=1.0)", b.toString());
            assertEquals("Value(data=2.0, grad=-3.0)", a.toString());
            assertEquals("*", b.op());
            assertEquals(2, b.inputs().size());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // 2. Network, losses, SGD
    // ---------------------------------------------------------------------------------------------

    @Nested
    class Network {

        @Test
        void modelsPrintLikeMicrograd() {
            var model = new Micrograd.MLP(2, List.of(2), Micrograd.Activation.RELU, Micrograd.PythonRandom.seeded(0));
            assertEquals("MLP of [Layer of [ReLUNeuron(2), ReLUNeuron(2)], Layer of [LinearNeuron(2)]]", model.toString());
            var tanh = new Micrograd.MLP(3, List.of(4, 4), Micrograd.Activation.TANH, Micrograd.PythonRandom.seeded(0));
            assertTrue(tanh.toString().startsWith("MLP of [Layer of [TanhNeuron(3), "), tanh.toString());
            assertEquals(4 * 4 + 4 * 5 + 5, tanh.parameters().size());
        }

        /**
         * The first and last initial parameters of micrograd's MLP(2, [16, 16, 1]) after Python's
         * random.seed(1337), copied from shared/reference/mlp_2_16_16_1_seed1337.txt (CPython 3.11).
         */
        @Test
        void initialWeightsAreMicrogradsForTheSameSeed() {
            var model = new Micrograd.MLP(2, List.of(16, 16), Micrograd.Activation.RELU, Micrograd.PythonRandom.seeded(1337));
            var p = model.parameters();
            assertEquals(337, p.size());
            assertEquals(0.23550571390294128, p.get(0).data);
            assertEquals(0.06653114721000164, p.get(1).data);
            assertEquals(0.0, p.get(2).data);
            assertEquals(-0.26830328150124894, p.get(3).data);
            assertEquals(-0.2532524374373504, p.get(335).data);
            assertEquals(0.0, p.get(336).data);
        }

        @Test
        void allInitialWeightsMatchTheSharedReferenceWhenPresent() throws Exception {
            var file = Path.of("..", "shared", "reference", "mlp_2_16_16_1_seed1337.txt");
            Assumptions.assumeTrue(Files.exists(file), "../shared/reference is not beside this clone; the embedded values are checked above");
            var expected = Files.readAllLines(file).stream().filter(l -> !l.startsWith("#") && !l.isBlank())
                    .mapToDouble(Double::parseDouble).toArray();
            var p = new Micrograd.MLP(2, List.of(16, 16), Micrograd.Activation.RELU, Micrograd.PythonRandom.seeded(1337)).parameters();
            assertEquals(expected.length, p.size());
            for (int i = 0; i < expected.length; i++) assertEquals(expected[i], p.get(i).data, "parameter " + i);
        }

        @Test
        void oneGradientDescentStepByHand() {
            // pred = w*x, loss = (pred - target)^2, w = 3, x = 2, target = 2, lr = 0.1:
            // loss 16, dL/dw = 2*(6 - 2)*2 = 16, w <- 3 - 0.1*16 = 1.4; loss 0.64, ...; loss 0.0256
            var w = new Micrograd.Value(3.0);
            double[] expected = {16, 0.64, 0.0256};
            for (double want : expected) {
                var loss = w.mul(2.0).sub(2.0).pow(2);
                assertClose(want, loss.data, 1e-12, "loss");
                w.grad = 0;
                loss.backward();
                w.data -= 0.1 * w.grad;
            }
        }

        @Test
        void hingeLossIsZeroOnceEveryMarginIsAtLeastOne() {
            var scores = List.of(new Micrograd.Value(2.0), new Micrograd.Value(-1.5), new Micrograd.Value(0.5));
            var loss = Micrograd.hingeLoss(scores, new double[] {1, -1, 1});
            assertEquals((0 + 0 + 0.5) / 3, loss.data, 1e-15);     // only the third misses its margin
            loss.backward();
            assertEquals(0.0, scores.get(0).grad);
            assertEquals(-1.0 / 3, scores.get(2).grad, 1e-15);
        }

        @Test
        void meanSquaredErrorAndItsGradient() {
            var scores = List.of(new Micrograd.Value(0.5), new Micrograd.Value(-2.0));
            var loss = Micrograd.meanSquaredError(scores, new double[] {1, -1});
            assertEquals((0.25 + 1.0) / 2, loss.data, 1e-15);
            loss.backward();
            assertEquals(2 * (0.5 - 1) / 2, scores.get(0).grad, 1e-15);
        }

        @Test
        void sgdMovesAgainstTheGradientWithTheDemosSchedule() {
            var p = new Micrograd.Value(1.0);
            p.grad = 0.5;
            Micrograd.sgdStep(List.of(p), 0.1);
            assertEquals(0.95, p.data, 1e-15);
            assertEquals(1.0, Micrograd.learningRate(1.0, 0, 100));
            assertEquals(1.0 - 0.9 * 99 / 100, Micrograd.learningRate(1.0, 99, 100));
        }
    }

    // ---------------------------------------------------------------------------------------------
    // 3. Data
    // ---------------------------------------------------------------------------------------------

    @Nested
    class Moons {

        @Test
        void shapeAndLabels() {
            var data = Micrograd.moons(101, 0.1, Micrograd.NumpyRandom.seeded(7));
            assertEquals(101, data.size());
            long minus = java.util.Arrays.stream(data.y()).filter(y -> y == -1).count();
            long plus = java.util.Arrays.stream(data.y()).filter(y -> y == 1).count();
            assertEquals(50, minus, "n/2 outer points labelled -1");
            assertEquals(51, plus, "the rest, inner, labelled +1");
            for (double[] x : data.x()) assertEquals(2, x.length);
        }

        @Test
        void theSameSeedGivesTheSameMoonsAndAnotherSeedOthers() {
            var a = Micrograd.moons(50, 0.2, Micrograd.NumpyRandom.seeded(3));
            var b = Micrograd.moons(50, 0.2, Micrograd.NumpyRandom.seeded(3));
            var c = Micrograd.moons(50, 0.2, Micrograd.NumpyRandom.seeded(4));
            assertArrayEquals(a.x(), b.x());
            assertArrayEquals(a.y(), b.y());
            assertFalse(java.util.Arrays.deepEquals(a.x(), c.x()));
        }

        @Test
        void withoutNoiseThePointsLieOnTheTwoHalfCircles() {
            var data = Micrograd.moons(40, 0.0, Micrograd.NumpyRandom.seeded(5));
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
         * The notebook's moons: make_moons(100, noise=0.1) after np.random.seed(1337), rows copied from
         * shared/reference/moons_seed1337.csv (computed with NumPy 2.4's legacy RandomState).
         */
        @Test
        void theNotebooksMoonsBitForBit() {
            var data = Micrograd.moons(100, 0.1, Micrograd.NumpyRandom.seeded(1337));
            assertArrayEquals(new double[] {1.1221146075409685, 0.08147717341718697}, data.x()[0]);
            assertArrayEquals(new double[] {-0.8188294130836691, 0.058790063907949996}, data.x()[1]);
            assertArrayEquals(new double[] {0.8079146318191945, 0.33653832558974994}, data.x()[49]);
            assertArrayEquals(new double[] {-0.9416269141193683, 0.16801857627931402}, data.x()[50]);
            assertArrayEquals(new double[] {0.12108297264758441, 1.0655522522437006}, data.x()[99]);
            assertEquals(-1, data.y()[0]);
            assertEquals(-1, data.y()[99]);
        }

        /**
         * Every coordinate within one unit in the last place (ulp) of NumPy's, and all but two exactly.
         * NumPy takes sin and cos from the C library (glibc), Java from its own Math; they round a few
         * angles differently in the last bit. Here that is sin(22pi/49), which one outer and one inner
         * point share: the y of rows 81 and 90 differ by one ulp. The losses still agree to 1e-14.
         */
        @Test
        void allMoonsMatchTheSharedReferenceWhenPresent() throws Exception {
            var file = Path.of("..", "shared", "reference", "moons_seed1337.csv");
            Assumptions.assumeTrue(Files.exists(file), "../shared/reference is not beside this clone; the embedded rows are checked above");
            var rows = Files.readAllLines(file).stream().filter(l -> !l.startsWith("#") && !l.startsWith("x1")).toList();
            var data = Micrograd.moons(100, 0.1, Micrograd.NumpyRandom.seeded(1337));
            assertEquals(rows.size(), data.size());
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
            assertTrue(exact >= 198, exact + " of 200 coordinates are exactly NumPy's");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // 4. Training: the notebook's numbers
    // ---------------------------------------------------------------------------------------------

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
    class Training {

        @Test
        void theDefaultRunPrintsTheNotebooksLines() {
            var run = run("--no-plot");
            assertEquals(0, run.exit(), run.err());
            var lines = run.out().lines().filter(l -> l.startsWith("step ")).toList();
            assertEquals("step 0 loss 0.8958441028683222, accuracy 50.0%", lines.get(0));
            assertTrue(lines.get(99).matches("step 99 loss 0\\.01097837013549\\d*, accuracy 100\\.0%"), lines.get(99));

            var expected = NOTEBOOK.trim().split("\\s+");
            assertEquals(100, lines.size());
            for (int k = 0; k < 100; k++) {
                var parts = lines.get(k).split(" ");        // step K loss L, accuracy A%
                assertEquals(String.valueOf(k), parts[1]);
                assertClose(Double.parseDouble(expected[2 * k]), Double.parseDouble(parts[3].replace(",", "")), 1e-12, "loss at step " + k);
                assertEquals(expected[2 * k + 1] + "%", parts[5], "accuracy at step " + k);
            }
            assertTrue(run.out().contains("trained 100 steps in "), run.out());
        }

        @Test
        void trainingReachesFullAccuracyOnTheMoons() {
            var numpy = Micrograd.NumpyRandom.seeded(1337);
            var data = Micrograd.moons(100, 0.1, numpy);
            var model = new Micrograd.MLP(2, List.of(16, 16), Micrograd.Activation.RELU, Micrograd.PythonRandom.seeded(1337));
            var steps = new ArrayList<Micrograd.Step>();
            assertTrue(Micrograd.train(model, data, new Micrograd.Settings(Micrograd.Loss.HINGE, 1e-4, 100, 1.0, 0, false), numpy, steps::add));
            assertEquals(100.0, steps.get(99).accuracy());
            assertTrue(steps.get(99).loss() < 0.02);
            // the accuracy reported is measured on the step's own forward pass; check the trained model too
            int right = 0;
            for (int i = 0; i < data.size(); i++) if ((model.apply(data.x()[i]).data > 0) == (data.y()[i] > 0)) right++;
            assertEquals(100, right);
        }

        @Test
        void sameFlagsSameOutputExceptTheTimingLine() {
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
            var steps = run.out().lines().filter(l -> l.startsWith("step ")).map(l -> l.split(" ")[1]).toList();
            assertEquals(List.of("0", "4", "8", "9"), steps);
        }

        @Test
        void theTimingLineCountsTheValuesOfAStep() {
            var run = run("--no-plot", "--steps", "3");
            var line = run.out().lines().filter(l -> l.startsWith("trained")).findFirst().orElseThrow();
            assertTrue(line.matches("trained 3 steps in \\d+\\.\\d\\d s \\(\\d+\\.\\d\\d ms/step, 65477 values per step\\)"), line);
        }

        @Test
        void thePlotShowsBothClassesAndEveryPoint() {
            var run = run("--steps", "100", "--width", "40", "--height", "12");
            var grid = run.out().lines().filter(l -> l.startsWith("|")).toList();
            assertEquals(12, grid.size());
            for (var row : grid) assertEquals(42, row.length());
            String all = String.join("", grid);
            assertTrue(all.contains(".") && all.contains(" "), "both predicted regions appear");
            assertTrue(all.contains("o") && all.contains("x"), "both kinds of points appear");
            assertTrue(run.out().contains("'o' sample of class -1"));
            assertFalse(run.out().contains("\u001b["), "no colour when the output is not a terminal");
        }

        @Test
        void aDivergingRunStopsWithAHint() {
            var run = run("--lr", "1e300", "--no-plot");
            assertEquals(1, run.exit());
            assertTrue(run.err().contains("try a smaller --lr"), run.err());
            assertEquals(1, run.err().lines().count(), run.err());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // 5. The command line
    // ---------------------------------------------------------------------------------------------

    @Nested
    class CommandLine {

        @Test
        void helpListsTheOptionsWithTheirDefaults() {
            var run = run("--help");
            assertEquals(0, run.exit());
            for (var option : List.of("--samples", "--noise", "--seed", "--hidden", "--activation", "--loss", "--alpha",
                    "--steps", "--lr", "--batch-size", "--every", "--no-plot", "--width", "--height")) {
                assertTrue(run.out().contains(option), option);
            }
            String help = run.out().replaceAll("\\s+", " "); // the help wraps lines to the terminal's width
            assertTrue(help.contains("default 16,16"), help);
            assertTrue(help.contains("default relu"), help);
        }

        @ParameterizedTest
        @ValueSource(strings = {
            "--samples 1", "--samples 1000000", "--noise -0.1", "--noise NaN", "--noise Infinity", "--seed -1",
            "--seed 4294967296", "--hidden 0", "--hidden 16,x", "--hidden 16,-2", "--steps -1", "--lr 0", "--lr -1",
            "--lr Infinity", "--alpha -1", "--alpha NaN", "--batch-size -1", "--batch-size 101", "--every 0",
            "--width 3", "--width 100000", "--height 0", "--activation sigmoid", "--loss cross-entropy",
            "--stepz 10", "--steps", "--steps ten", "extra"})
        void badInputIsOneLineAndExitCodeTwo(String args) {
            var run = run(args.split(" "));
            assertEquals(2, run.exit(), args + " -> " + run.err());
            var first = run.err().lines().findFirst().orElse("");
            String option = args.split(" ")[0];
            assertTrue(first.contains(option), "the first line names " + option + ": " + first);
            assertFalse(run.err().contains("Exception"), run.err());
            assertFalse(run.err().contains("\tat "), run.err());
            assertTrue(run.err().contains("Usage: micrograd"), "the usage follows");
            assertEquals("", run.out());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // 6. The course's subcommands: gradcheck, graph, by-hand; the zero-grad bug; the tiny dataset
    // ---------------------------------------------------------------------------------------------

    @Nested
    class Course {

        @Test
        void gradcheckPassesForEveryOperationAndTheNetwork() {
            var checks = new ArrayList<>(Micrograd.checkOperations(Micrograd.operations(), 1e-6));
            checks.addAll(Micrograd.checkNetwork(1e-6));
            for (var c : checks) assertTrue(c.ok(1e-6), c.what() + ": " + c.analytic() + " vs " + c.numeric());
            var names = checks.stream().map(c -> c.what().split(",| at ")[0]).distinct().toList();
            for (var op : List.of("a + b", "a - b", "a * b", "a / b", "-a", "a ** 2", "relu(a)", "tanh(a)", "exp(a)", "log(a)", "2 - a", "2 / a")) {
                assertTrue(names.contains(op), "checks " + op);
            }
            assertTrue(checks.stream().anyMatch(c -> c.what().startsWith("MLP loss")));
            // where an operation has no derivative, the check is skipped, not failed
            assertTrue(checks.stream().anyMatch(c -> c.what().equals("relu(a) at 0") && c.skipped() != null));
            assertTrue(checks.stream().anyMatch(c -> c.what().equals("log(a) at -1.5") && c.skipped() != null));
        }

        @Test
        void gradcheckCatchesAWrongDerivative() {
            // sin with the derivative of -cos ... that is, a deliberate mistake: d/da sin(a) is cos(a), not sin(a)
            var wrong = new Micrograd.Operation("sin(a), wrong", 1,
                    v -> Micrograd.Value.unary(Math.sin(v.get(0).data), "sin", v.get(0), Math.sin(v.get(0).data)),
                    x -> false, "");
            var right = new Micrograd.Operation("sin(a), right", 1,
                    v -> Micrograd.Value.unary(Math.sin(v.get(0).data), "sin", v.get(0), Math.cos(v.get(0).data)),
                    x -> false, "");
            var checks = Micrograd.checkOperations(List.of(wrong, right), 1e-6);
            assertTrue(checks.stream().filter(c -> c.what().startsWith("sin(a), wrong")).anyMatch(c -> !c.ok(1e-6)));
            assertTrue(checks.stream().filter(c -> c.what().startsWith("sin(a), right")).allMatch(c -> c.ok(1e-6)));
        }

        @Test
        void gradcheckCommandPrintsATableAndExitsZero() {
            var run = run("gradcheck");
            assertEquals(0, run.exit(), run.out() + run.err());
            assertTrue(run.out().startsWith("what "), run.out());
            assertTrue(run.out().contains("relu(a) at 0") && run.out().contains("skipped: relu has a kink at 0"));
            assertTrue(run.out().lines().anyMatch(l -> l.matches("\\d+ checks: \\d+ passed, \\d+ skipped \\(no derivative there\\), 0 failed")), run.out());
        }

        @Test
        void gradcheckFailsWhenTheToleranceCannotBeMet() {
            // with h = 0.1 the central difference is off by about h^2 = 1e-2, far beyond a 1e-9 tolerance
            var run = run("gradcheck", "--h", "0.1", "--tolerance", "1e-9");
            assertEquals(1, run.exit());
            assertTrue(run.out().contains("FAILED: "), run.out());
        }

        /** The lecture's neuron: o = tanh(2*-3 + 0*1 + 6.8813735870195432) = tanh(0.8814) = 1/sqrt(2). */
        @Test
        void theGraphOfTheDefaultNeuron() {
            var o = Micrograd.neuron(2, 0, -3, 1, 6.8813735870195432, Micrograd.Activation.TANH);
            assertEquals(Math.sqrt(0.5), o.data, 1e-9);
            var byLabel = new java.util.HashMap<String, Micrograd.Value>();
            for (var v : o.topologicalOrder()) byLabel.put(v.label, v);
            assertEquals(java.util.Set.of("x1", "x2", "w1", "w2", "b", "x1*w1", "x2*w2", "x1*w1 + x2*w2", "n", "o"), byLabel.keySet());
            // d tanh/dn = 1 - o^2 = 0.5, and from there the chain rule through + and *
            assertEquals(0.5, byLabel.get("n").grad, 1e-9);
            assertEquals(0.5, byLabel.get("b").grad, 1e-9);
            assertEquals(-1.5, byLabel.get("x1").grad, 1e-9);  // w1 * 0.5
            assertEquals(1.0, byLabel.get("w1").grad, 1e-9);   // x1 * 0.5
            assertEquals(0.5, byLabel.get("x2").grad, 1e-9);   // w2 * 0.5
            assertEquals(0.0, byLabel.get("w2").grad, 1e-9);   // x2 * 0.5
            assertEquals(List.of(byLabel.get("x1"), byLabel.get("w1")), byLabel.get("x1*w1").inputs());
            assertEquals("tanh", o.op());

            var tree = Micrograd.tree(o);
            assertEquals(10, tree.size());
            assertEquals("o  [tanh]  data 0.7071  grad 1.0000", tree.get(0));
            assertTrue(tree.contains("    |   |   |-- x1  data 2.0000  grad -1.5000"), String.join("\n", tree));
        }

        @Test
        void theDotOutputIsWellFormed() {
            var o = Micrograd.neuron(2, 0, -3, 1, 6.8813735870195432, Micrograd.Activation.TANH);
            String dot = Micrograd.dot(o);
            assertTrue(dot.startsWith("digraph micrograd {") && dot.trim().endsWith("}"));
            assertTrue(dot.contains("rankdir=LR"));
            assertEquals(dot.chars().filter(c -> c == '{').count(), dot.chars().filter(c -> c == '}').count(), "balanced braces");
            var declared = new java.util.HashSet<String>();
            var edges = new ArrayList<String[]>();
            for (var line : dot.lines().map(String::trim).toList()) {
                var edge = java.util.regex.Pattern.compile("^(\\w+) -> (\\w+);$").matcher(line);
                var node = java.util.regex.Pattern.compile("^(\\w+) \\[.*\\];$").matcher(line);
                if (edge.matches()) edges.add(new String[] {edge.group(1), edge.group(2)});
                else if (node.matches() && !line.startsWith("node ")) declared.add(node.group(1));
            }
            assertEquals(10 + 5, declared.size(), "ten values and five operations");
            for (var e : edges) {
                assertTrue(declared.contains(e[0]) && declared.contains(e[1]), "edge " + e[0] + " -> " + e[1] + " joins declared nodes");
            }
            long inputEdges = edges.stream().filter(e -> e[1].endsWith("_op")).count();
            long resultEdges = edges.stream().filter(e -> e[0].endsWith("_op")).count();
            assertEquals(2 + 2 + 2 + 2 + 1, inputEdges, "one edge per input: four binary operations and tanh");
            assertEquals(5, resultEdges, "each operation feeds its result");
            assertTrue(dot.contains("label=\"{ o | data 0.7071 | grad 1.0000 }\""), dot);
        }

        @Test
        void graphCommandWritesTheDotFileWhole(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
            var file = dir.resolve("neuron.dot");
            var run = run("graph", "--dot", file.toString());
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().contains("o  [tanh]  data 0.7071  grad 1.0000"));
            assertEquals(Micrograd.dot(Micrograd.neuron(2, 0, -3, 1, 6.8813735870195432, Micrograd.Activation.TANH)), Files.readString(file));
            try (var files = Files.list(dir)) {
                assertEquals(List.of(file), files.toList(), "no temporary file left beside it");
            }
        }

        @Test
        void graphCommandTakesOtherInputs() {
            var run = run("graph", "--x1", "1", "--x2", "1", "--w1", "1", "--w2", "1", "--b", "-3", "--activation", "relu");
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().startsWith("o = relu("), run.out());
            assertTrue(run.out().contains("o  [relu]  data 0.0000  grad 1.0000"), run.out());
            assertTrue(run.out().contains("`-- n  [+]  data -1.0000  grad 0.0000"), run.out());
        }

        @Test
        void anUnwritableDotPathIsAUsageErrorAndLeavesNothing(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
            var missing = dir.resolve("no-such-folder").resolve("g.dot");
            var run = run("graph", "--dot", missing.toString());
            assertEquals(2, run.exit());
            var first = run.err().lines().findFirst().orElse("");
            assertTrue(first.contains("--dot") && first.contains(missing.toString()) && first.contains("no such folder"), first);
            assertFalse(run.err().contains("Exception"), run.err());
            assertEquals("", run.out(), "nothing is printed before the error");
            assertFalse(Files.exists(missing));
            var run2 = run("graph", "--dot", dir.toString());
            assertEquals(2, run2.exit());
            assertTrue(run2.err().contains("that is a directory"), run2.err());
        }

        @Test
        void byHandGivesTheLessonsNumbers() {
            var steps = Micrograd.byHand(3, 2, 2, 0.1, 3);
            assertEquals(3, steps.size());
            assertClose(16, steps.get(0).loss(), 1e-12, "loss 1");
            assertClose(0.64, steps.get(1).loss(), 1e-12, "loss 2");
            assertClose(0.0256, steps.get(2).loss(), 1e-12, "loss 3");
            assertClose(16, steps.get(0).gradient(), 1e-12, "dL/dw = 2*(6 - 2)*2");
            assertClose(1.4, steps.get(0).newW(), 1e-12, "w <- 3 - 0.1*16");
            var run = run("by-hand");
            assertEquals(0, run.exit());
            assertTrue(run.out().contains("  loss  = (pred - t)^2 = (6 - 2)^2 = 16"), run.out());
            assertTrue(run.out().contains("  dL/dw = 2*(pred - t)*x = 2*(6 - 2)*2 = 16"), run.out());
            assertTrue(run.out().contains("  w <- w - lr*dL/dw = 3 - 0.1*16 = 1.4"), run.out());
            assertTrue(run.out().contains("= 0.64") && run.out().contains("= 0.0256"), run.out());
        }

        @Test
        void byHandTakesItsNumbersAsOptions() {
            var run = run("by-hand", "--w", "1", "--x", "3", "--target", "0", "--lr", "0.01", "--steps", "1");
            assertEquals(0, run.exit(), run.err());
            // pred 3, loss 9, dL/dw = 2*3*3 = 18, w <- 1 - 0.01*18 = 0.82
            assertTrue(run.out().contains("= 9\n") && run.out().contains("= 18\n") && run.out().contains("= 0.82"), run.out());
        }

        @ParameterizedTest
        @ValueSource(strings = {"gradcheck --h 0", "gradcheck --h 1", "gradcheck --tolerance 0", "gradcheck --tolerance 2",
            "graph --x1 NaN", "graph --b Infinity", "graph --activation cube", "by-hand --steps 0", "by-hand --lr -1",
            "by-hand --w NaN", "by-hand --target x", "gradcheck --nudge 1"})
        void badSubcommandInputIsOneLineAndExitCodeTwo(String args) {
            var run = run(args.split(" "));
            assertEquals(2, run.exit(), args + " -> " + run.err());
            String option = args.split(" ")[1];
            assertTrue(run.err().lines().findFirst().orElse("").contains(option), run.err());
            assertTrue(run.err().contains("Usage: micrograd " + args.split(" ")[0]), run.err());
            assertFalse(run.err().contains("Exception"), run.err());
        }

        @Test
        void helpListsTheSubcommands() {
            var run = run("--help");
            var commands = run.out().substring(run.out().indexOf("Commands:")).lines().skip(1).toList();
            for (var name : List.of("gradcheck", "graph", "by-hand")) {
                int at = commands.indexOf(commands.stream().filter(l -> l.trim().startsWith(name + " ")).findFirst().orElseThrow());
                assertTrue(at + 1 == commands.size() || !commands.get(at + 1).startsWith("     "), name + " is described in one line");
            }
        }

        @Test
        void forgettingZeroGradBreaksTraining() {
            var normal = run("--no-plot", "--every", "99");
            var buggy = run("--no-plot", "--every", "99", "--forget-zero-grad");
            assertEquals(0, buggy.exit());
            assertTrue(buggy.out().startsWith("*** --forget-zero-grad"), buggy.out());
            var normalSteps = normal.out().lines().filter(l -> l.startsWith("step ")).toList();
            var buggySteps = buggy.out().lines().filter(l -> l.startsWith("step ")).toList();
            assertEquals(normalSteps.get(0), buggySteps.get(0), "the first step is the same: nothing has piled up yet");
            double normalLoss = Double.parseDouble(normalSteps.get(1).split(" ")[3].replace(",", ""));
            double buggyLoss = Double.parseDouble(buggySteps.get(1).split(" ")[3].replace(",", ""));
            assertTrue(buggyLoss > 10 * normalLoss, normalLoss + " vs " + buggyLoss);
            assertFalse(buggySteps.get(1).endsWith("accuracy 100.0%"), buggySteps.get(1));
        }

        @Test
        void theLectureNetworkLearnsTheFourExamples() {
            var run = run("--dataset", "tiny");
            assertEquals(0, run.exit(), run.err());
            var line = run.out().lines().filter(l -> l.startsWith("predictions (mean squared error ")).findFirst().orElseThrow();
            double mse = Double.parseDouble(line.replaceAll(".*error ([^)]*)\\).*", "$1"));
            assertTrue(mse < 0.01, line);
            assertTrue(run.out().contains("[2, 3, -1]"), run.out());
            assertFalse(run.out().contains("decision boundary"), "no 2-D plot for 3-D inputs");
            // and directly: MLP(3, [4, 4, 1]) with tanh and MSE at the lecture's lr
            var data = Micrograd.tiny();
            var model = new Micrograd.MLP(3, List.of(4, 4), Micrograd.Activation.TANH, Micrograd.PythonRandom.seeded(1337));
            var steps = new ArrayList<Micrograd.Step>();
            Micrograd.train(model, data, new Micrograd.Settings(Micrograd.Loss.MSE, 0, 100, 0.05, 0, false), Micrograd.NumpyRandom.seeded(1), steps::add);
            assertTrue(steps.get(99).loss() < 0.01, "MSE " + steps.get(99).loss());
            assertTrue(steps.get(99).loss() < steps.get(0).loss() / 10);
        }

        @Test
        void theTinyDatasetsBatchSizeIsBoundedByItsFourExamples() {
            var run = run("--dataset", "tiny", "--batch-size", "5");
            assertEquals(2, run.exit());
            assertTrue(run.err().contains("--batch-size") && run.err().contains("(4)"), run.err());
        }
    }

    // ---------------------------------------------------------------------------------------------
    // 7. Pictures, datasets and the training log
    // ---------------------------------------------------------------------------------------------

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

    @Nested
    class Pictures {

        @Test
        void theSvgHasTheBoundaryThePointsAndACurveVertexPerStep(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
            var file = dir.resolve("moons.svg");
            var run = run("--steps", "30", "--samples", "60", "--svg", file.toString(), "--no-plot");
            assertEquals(0, run.exit(), run.err());
            assertTrue(run.out().contains("wrote " + file), run.out());
            var doc = parseXml(file);
            assertEquals("svg", doc.getDocumentElement().getTagName());
            assertEquals(60, byClass(doc, "circle", "point").size() + byClass(doc, "rect", "point").size(), "a marker per sample");
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
            assertTrue(svg.contains("moons: MLP 2-16-16-1, relu, hinge loss, 30 steps") && svg.contains("seed 1337"), "title with the settings");
            assertTrue(svg.contains("after step 29: loss "), "the final numbers");
            assertFalse(svg.contains("<script") || svg.contains("href") || svg.contains("@import") || svg.contains("url("), "self-contained");
        }

        @Test
        void theBoundaryCellsCoverThePlaneExactly(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
            var file = dir.resolve("b.svg");
            assertEquals(0, run("--steps", "5", "--svg", file.toString(), "--no-plot").exit());
            double area = 0;
            for (var cell : byClass(parseXml(file), "rect", "cell")) {
                area += Double.parseDouble(cell.getAttribute("width")) * Double.parseDouble(cell.getAttribute("height"));
            }
            assertEquals(380 * 380, area, 1.0, "100 x 100 cells merged into runs fill the 380 x 380 panel");
        }

        @Test
        void theTinyDatasetsPictureHasTheCurvesAndSaysWhyNoBoundary(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
            var file = dir.resolve("tiny.svg");
            assertEquals(0, run("--dataset", "tiny", "--steps", "40", "--svg", file.toString()).exit());
            var doc = parseXml(file);
            assertEquals(40, vertices(byClass(doc, "polyline", "loss").get(0)));
            assertTrue(byClass(doc, "rect", "cell").isEmpty());
            assertTrue(Files.readString(file).contains("The decision boundary needs 2-D data; this dataset has 3 inputs."));
        }

        @Test
        void anUnwritableSvgPathExitsTwoAndWritesNothing(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
            var missing = dir.resolve("nowhere").resolve("x.svg");
            var run = run("--svg", missing.toString());
            assertEquals(2, run.exit());
            var first = run.err().lines().findFirst().orElse("");
            assertTrue(first.contains("--svg") && first.contains(missing.toString()), first);
            assertEquals("", run.out(), "it fails before training, not after");
            assertFalse(Files.exists(missing));
            assertEquals(2, run("--svg", dir.toString()).exit(), "a folder is not a file");
            try (var files = Files.list(dir)) {
                assertEquals(0, files.count(), "nothing left behind");
            }
        }

        @Test
        void aFailedRunDoesNotOverwriteAnExistingPicture(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
            var file = dir.resolve("keep.svg");
            Files.writeString(file, "<svg/>");
            var run = run("--lr", "1e300", "--svg", file.toString(), "--no-plot");
            assertEquals(1, run.exit());
            assertEquals("<svg/>", Files.readString(file));
        }

        @Test
        void theLogHasAHeaderAndARowPerStep(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
            var file = dir.resolve("log.csv");
            var run = run("--steps", "12", "--log", file.toString(), "--no-plot");
            assertEquals(0, run.exit(), run.err());
            var lines = Files.readAllLines(file);
            assertEquals(12 + 1, lines.size());
            assertEquals("step,loss,accuracy,lr", lines.get(0));
            assertTrue(lines.get(1).matches("0,0\\.8958441028683222,50\\.0,1\\.0"), lines.get(1));
            var stepLines = run.out().lines().filter(l -> l.startsWith("step ")).toList();
            for (int k = 0; k < 12; k++) {
                var f = lines.get(k + 1).split(",");
                assertEquals(4, f.length);
                assertEquals(String.valueOf(k), f[0]);
                assertEquals("step " + k + " loss " + f[1] + ", accuracy " + f[2] + "%", stepLines.get(k));
                assertEquals(Micrograd.learningRate(1.0, k, 12), Double.parseDouble(f[3]));
            }
        }

        @Test
        void aRunStoppedMidwayLeavesEveryRowComplete(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
            var file = dir.resolve("log.csv");
            var run = run("--lr", "1e300", "--log", file.toString(), "--no-plot");
            assertEquals(1, run.exit());
            var lines = Files.readAllLines(file);
            assertTrue(lines.size() >= 2 && lines.size() < 101, lines.size() + " lines");
            for (var line : lines.subList(1, lines.size())) assertEquals(4, line.split(",").length, line);
            assertTrue(Files.readString(file).endsWith("\n"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"--factor 0", "--factor 1", "--factor NaN", "--dataset rings", "--log /no/such/folder/log.csv"})
        void badPictureAndDataOptionsAreUsageErrors(String args) {
            var run = run(args.split(" "));
            assertEquals(2, run.exit(), run.err());
            assertTrue(run.err().lines().findFirst().orElse("").contains(args.split(" ")[0]), run.err());
            assertFalse(run.err().contains("Exception"), run.err());
        }
    }

    @Nested
    class MoreDatasets {

        /** circles(10, noise 0.1, factor 0.5) from seed 3: scikit-learn's make_circles algorithm run with NumPy 2.4.6. */
        @Test
        void circlesAreScikitLearnsCircles() {
            var data = Micrograd.circles(10, 0.1, 0.5, Micrograd.NumpyRandom.seeded(3));
            assertArrayEquals(new double[] {0.45399578793373163, -0.005792084059435568}, data.x()[0]);
            assertArrayEquals(new double[] {0.5167744080862301, -1.0111877639140665}, data.x()[1]);
            assertArrayEquals(new double[] {-0.45797151329892466, -0.4265815219300989}, data.x()[9]);
            assertArrayEquals(new double[] {1, -1, -1, -1, 1, 1, 1, -1, -1, 1}, data.y());
        }

        @Test
        void withoutNoiseCirclesLieOnTheirTwoCircles() {
            var data = Micrograd.circles(41, 0, 0.3, Micrograd.NumpyRandom.seeded(2));
            assertEquals(20, java.util.Arrays.stream(data.y()).filter(y -> y < 0).count());
            for (int i = 0; i < data.size(); i++) {
                assertEquals(data.y()[i] < 0 ? 1.0 : 0.3, Math.hypot(data.x()[i][0], data.x()[i][1]), 1e-12);
            }
        }

        @Test
        void withoutNoiseXorIsLabelledByTheSignOfXTimesY() {
            var data = Micrograd.xor(200, 0, Micrograd.NumpyRandom.seeded(2));
            assertEquals(200, data.size());
            for (int i = 0; i < data.size(); i++) {
                double x = data.x()[i][0], y = data.x()[i][1];
                assertTrue(Math.abs(x) <= 1 && Math.abs(y) <= 1);
                assertEquals(x * y > 0 ? 1.0 : -1.0, data.y()[i]);
            }
            long plus = java.util.Arrays.stream(data.y()).filter(y -> y > 0).count();
            assertTrue(plus > 70 && plus < 130, "about half of each: " + plus);
        }

        @Test
        void withoutNoiseTheSpiralArmsAreHalfATurnApart() {
            var data = Micrograd.spiral(60, 0, Micrograd.NumpyRandom.seeded(2));
            assertEquals(30, java.util.Arrays.stream(data.y()).filter(y -> y > 0).count());
            for (int i = 0; i < data.size(); i++) {
                double x = data.x()[i][0], y = data.x()[i][1], r = Math.hypot(x, y);
                assertTrue(r <= 1 + 1e-12);
                if (r < 1e-9) continue;
                double expected = 2 * Math.PI * Micrograd.SPIRAL_TURNS * r + (data.y()[i] > 0 ? Math.PI : 0);
                double difference = Math.IEEEremainder(Math.atan2(y, x) - expected, 2 * Math.PI);
                assertEquals(0, difference, 1e-9, "point " + i + " lies on its arm");
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"moons", "circles", "xor", "spiral"})
        void everyDatasetIsSeededAndHonoursSamplesAndNoise(String name) {
            var a = run("--dataset", name, "--samples", "31", "--noise", "0.2", "--steps", "2", "--seed", "5");
            var b = run("--dataset", name, "--samples", "31", "--noise", "0.2", "--steps", "2", "--seed", "5");
            var c = run("--dataset", name, "--samples", "31", "--noise", "0.3", "--steps", "2", "--seed", "5");
            assertEquals(0, a.exit(), a.err());
            String plotA = a.out().substring(a.out().indexOf("decision boundary"));
            assertEquals(plotA, b.out().substring(b.out().indexOf("decision boundary")));
            assertNotEquals(plotA, c.out().substring(c.out().indexOf("decision boundary")), "the noise changes the points");
            long points = plotA.lines().filter(l -> l.startsWith("|"))
                    .mapToLong(l -> l.chars().filter(ch -> ch == 'o' || ch == 'x').count()).sum();
            assertTrue(points > 10 && points <= 31, "the samples are drawn (a few may share a cell): " + points);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // 8. Python's float formatting, which the step lines use
    // ---------------------------------------------------------------------------------------------

    /**
     * Plain ASCII sources compile and print the same under every locale: a Java 17 started without a
     * UTF-8 locale (Windows, a bare CI shell) reads the source and writes its output as ASCII.
     */
    @Test
    void theSourcesArePlainAscii() throws Exception {
        for (var name : List.of("Micrograd.java", "MicrogradTest.java")) {
            var file = Path.of(name);
            Assumptions.assumeTrue(Files.exists(file), "run from the project folder to check " + name);
            var bytes = Files.readAllBytes(file);
            for (int i = 0; i < bytes.length; i++) {
                assertTrue(bytes[i] >= 0, name + " has a non-ASCII byte at offset " + i);
            }
        }
    }

    /** Python's repr() of the same doubles, as CPython 3.11 prints them. */
    @Test
    void numbersPrintAsPythonPrintsThem() {
        assertEquals("0.1", Micrograd.repr(0.1));
        assertEquals("50.0", Micrograd.repr(50.0));
        assertEquals("100.0", Micrograd.repr(0.5 * 200));
        assertEquals("56.99999999999999", Micrograd.repr(0.57 * 100));
        assertEquals("0.0001", Micrograd.repr(0.0001));
        assertEquals("1e-05", Micrograd.repr(0.00001));
        assertEquals("1.5e-07", Micrograd.repr(1.5e-7));
        assertEquals("1234567890123456.0", Micrograd.repr(1234567890123456.0));
        assertEquals("1e+16", Micrograd.repr(1e16));
        assertEquals("-2.5", Micrograd.repr(-2.5));
        assertEquals("0.30000000000000004", Micrograd.repr(0.1 + 0.2));
        assertEquals("nan", Micrograd.repr(Double.NaN));
        assertEquals("-inf", Micrograd.repr(Double.NEGATIVE_INFINITY));
        assertEquals("-0.0", Micrograd.repr(-0.0));
    }
}
