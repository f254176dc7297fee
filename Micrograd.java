///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
// The serial garbage collector suits a one-thread program that makes 65,000 short-lived Values a step:
// cheaper to run than the default G1 here (about 7.3 against 8.4 ms a step on a 2-core machine).
//JAVA_OPTIONS -XX:+UseSerialGC

/*
 * micrograd for Java: a tiny autograd engine and a neural network that learns, in one file.
 *
 * This is Andrej Karpathy's micrograd (github.com/karpathy/micrograd) rebuilt in Java. Read it from
 * top to bottom, in the order a course teaches it:
 *
 *   1. Value        a number that remembers how it was computed, so it can compute its gradient
 *   2. Module       Neuron, Layer and MLP: a neural network built out of Values
 *   3. Losses       how wrong the network is, as a single Value (SVM hinge, mean squared error)
 *   4. SGD          nudging every parameter a little against its gradient
 *   5. Data         the two moons, a small 2-D dataset the network learns to separate
 *   6. Training     the loop: forward, zero the gradients, backward, update
 *   7. Plot         the learned decision boundary, drawn with characters
 *   8. Command      the command line: options, validation and the report
 *   9. Reproducing the notebook: random numbers exactly as NumPy and Python make them
 *
 * Run it:  jbang Micrograd.java          (trains on the moons, prints loss and accuracy, draws the boundary)
 *          jbang Micrograd.java --help   (every option)
 */

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

@Command(name = "micrograd", mixinStandardHelpOptions = true, version = "micrograd for Java 1.0",
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Trains a small neural network with a scalar autograd engine, as Karpathy's micrograd does, "
                + "and prints the loss and accuracy of every step and the learned decision boundary. "
                + "The defaults reproduce micrograd's demo notebook number for number.")
public class Micrograd implements Callable<Integer> {

    // =============================================================================================
    // 1. The engine: Value
    // =============================================================================================

    /**
     * A number that remembers how it was made. Every operation on Values returns a new Value that
     * records its inputs, the operation's symbol and the local derivative of the result with respect
     * to each input. {@link #backward()} then walks the graph from the end back to the start and
     * applies the chain rule: each input's gradient grows by (local derivative × gradient of the result).
     *
     * Like PyTorch, arithmetic follows IEEE 754: division by zero gives ±Infinity, log of 0 gives
     * -Infinity, log of a negative number gives NaN. Nothing throws.
     */
    public static final class Value {
        public double data;          // the number itself
        public double grad;          // d(final output)/d(this), filled in by backward()
        public String label;         // an optional name, for printing graphs
        final String op;             // how this Value was made: "+", "*", "relu", ... ("" for inputs)
        final Value a, b;            // the inputs of that operation (null where there are fewer)
        final double localA, localB; // the local derivatives d(this)/d(a) and d(this)/d(b)
        private int visitMark;       // used by topologicalOrder(); see there

        private static long created; // how many Values have been made, for the training report

        public Value(double data) { this(data, ""); }

        public Value(double data, String label) { this(data, "", null, 0, null, 0); this.label = label; }

        private Value(double data, String op, Value a, double localA, Value b, double localB) {
            this.data = data;
            this.label = "";
            this.op = op;
            this.a = a;
            this.localA = localA;
            this.b = b;
            this.localB = localB;
            created++;
        }

        private static Value unary(double data, String op, Value input, double localDerivative) {
            return new Value(data, op, input, localDerivative, null, 0);
        }

        // --- the operations: forward formula and local derivative side by side ---------------

        /** a + b.  d/da = 1, d/db = 1 */
        public Value add(Value other) { return new Value(data + other.data, "+", this, 1, other, 1); }

        /** a * b.  d/da = b, d/db = a */
        public Value mul(Value other) { return new Value(data * other.data, "*", this, other.data, other, data); }

        /** a ** k for a constant k.  d/da = k * a^(k-1) */
        public Value pow(double k) {
            return unary(Math.pow(data, k), "**" + number(k), this, k * Math.pow(data, k - 1));
        }

        /** max(0, a).  d/da = 1 where a > 0, else 0 (at exactly 0 we pick 0, as micrograd does) */
        public Value relu() {
            double out = data < 0 ? 0 : data;
            return unary(out, "relu", this, out > 0 ? 1 : 0);
        }

        /** tanh(a).  d/da = 1 - tanh(a)^2. Math.tanh stays exact where exp(2a) would overflow. */
        public Value tanh() {
            double t = Math.tanh(data);
            return unary(t, "tanh", this, 1 - t * t);
        }

        /** e^a.  d/da = e^a */
        public Value exp() {
            double e = Math.exp(data);
            return unary(e, "exp", this, e);
        }

        /** ln(a).  d/da = 1/a.  ln(0) = -Infinity and ln(negative) = NaN, as in IEEE 754. */
        public Value log() { return unary(Math.log(data), "log", this, 1 / data); }

        // --- built from the ones above, exactly as micrograd builds them ------------------------

        public Value neg() { return mul(-1); }                       // -a = a * -1
        public Value sub(Value other) { return add(other.neg()); }   // a - b = a + (-b)
        public Value div(Value other) { return mul(other.pow(-1)); } // a / b = a * b^-1 (b = 0 gives ±Infinity)

        public Value add(double other) { return add(new Value(other)); }
        public Value mul(double other) { return mul(new Value(other)); }
        public Value sub(double other) { return sub(new Value(other)); }
        public Value div(double other) { return div(new Value(other)); }

        /** c - v, for a plain number c: {@code Value.sub(2, v)}. */
        public static Value sub(double c, Value v) { return v.neg().add(c); }

        /** c / v, for a plain number c: {@code Value.div(2, v)}. */
        public static Value div(double c, Value v) { return v.pow(-1).mul(c); }

        /** v0 + v1 + ... + vn, added left to right, as Python's sum() does. */
        public static Value sum(List<Value> values) {
            Value total = values.get(0);
            for (int i = 1; i < values.size(); i++) total = total.add(values.get(i));
            return total;
        }

        // --- backpropagation --------------------------------------------------------------------

        /**
         * Fills in {@code grad} for every Value this one was computed from: d(this)/d(that Value).
         * Gradients add up (+=), so a Value used twice receives both contributions; call zeroGrad()
         * on the model's parameters before the next backward().
         */
        public void backward() {
            List<Value> order = topologicalOrder();
            grad = 1; // d(this)/d(this)
            for (int i = order.size() - 1; i >= 0; i--) { // from the output back to the inputs
                order.get(i).propagate();
            }
        }

        /** The chain rule, one node at a time: pass this node's gradient to its inputs. */
        private void propagate() {
            if (a != null) a.grad += localA * grad;
            if (b != null) b.grad += localB * grad;
        }

        /**
         * Every Value this one depends on (and itself), each listed after all of its inputs.
         * A depth-first search with an explicit stack rather than recursion, so that a chain of a
         * million operations does not overflow Java's call stack. Instead of a visited-set, each
         * search marks the nodes it has seen with its own number: much faster than hashing 65,000
         * nodes a step, and nothing to clear afterwards.
         */
        List<Value> topologicalOrder() {
            int mark = ++searches;
            var order = new ArrayList<Value>();
            var stack = new ArrayDeque<Value>();
            visitMark = mark;
            stack.push(this);
            while (!stack.isEmpty()) {
                Value node = stack.peek();
                Value next = node.unvisitedInput(mark);
                if (next != null) {            // go deeper first ...
                    next.visitMark = mark;
                    stack.push(next);
                } else {                       // ... and list a node once all its inputs are listed
                    order.add(stack.pop());
                }
            }
            return order;
        }

        private static int searches; // numbers the searches, see topologicalOrder()

        private Value unvisitedInput(int mark) {
            if (a != null && a.visitMark != mark) return a;
            if (b != null && b.visitMark != mark) return b;
            return null;
        }

        /** The Values this one was computed from (none for an input). */
        public List<Value> inputs() {
            if (a == null) return List.of();
            return b == null ? List.of(a) : List.of(a, b);
        }

        public String op() { return op; }

        /** How many Values have been created so far; the trainer reports how many one step makes. */
        public static long created() { return created; }

        @Override
        public String toString() { return "Value(data=" + repr(data) + ", grad=" + repr(grad) + ")"; }
    }

    // =============================================================================================
    // 2. The network: Module, Neuron, Layer, MLP
    // =============================================================================================

    /** Anything with parameters to learn. */
    public abstract static class Module {
        public abstract List<Value> parameters();

        /** Sets every parameter's gradient back to 0 (gradients add up across backward() calls). */
        public void zeroGrad() {
            for (Value p : parameters()) p.grad = 0;
        }
    }

    /** What a neuron does with its weighted sum. */
    public enum Activation {
        RELU("ReLU"), TANH("Tanh"), LINEAR("Linear");

        final String title;

        Activation(String title) { this.title = title; }

        Value apply(Value x) {
            return switch (this) {
                case RELU -> x.relu();
                case TANH -> x.tanh();
                case LINEAR -> x;
            };
        }
    }

    /** One neuron: activation(b + w0·x0 + w1·x1 + ...), weights uniform in [-1, 1], bias 0. */
    public static final class Neuron extends Module {
        final List<Value> w = new ArrayList<>();
        final Value b = new Value(0);
        final Activation activation;

        public Neuron(int inputs, Activation activation, PythonRandom random) {
            for (int i = 0; i < inputs; i++) w.add(new Value(random.uniform(-1, 1)));
            this.activation = activation;
        }

        public Value apply(List<Value> x) {
            Value sum = b; // b + w0·x0 + w1·x1 + ..., in micrograd's order
            for (int i = 0; i < w.size(); i++) sum = sum.add(w.get(i).mul(x.get(i)));
            return activation.apply(sum);
        }

        @Override
        public List<Value> parameters() {
            var all = new ArrayList<>(w);
            all.add(b);
            return all;
        }

        @Override
        public String toString() { return activation.title + "Neuron(" + w.size() + ")"; }
    }

    /** Several neurons side by side, each seeing the same inputs. */
    public static final class Layer extends Module {
        final List<Neuron> neurons = new ArrayList<>();

        public Layer(int inputs, int outputs, Activation activation, PythonRandom random) {
            for (int i = 0; i < outputs; i++) neurons.add(new Neuron(inputs, activation, random));
        }

        public List<Value> apply(List<Value> x) {
            var out = new ArrayList<Value>(neurons.size());
            for (Neuron n : neurons) out.add(n.apply(x));
            return out;
        }

        @Override
        public List<Value> parameters() {
            var all = new ArrayList<Value>();
            for (Neuron n : neurons) all.addAll(n.parameters());
            return all;
        }

        @Override
        public String toString() { return "Layer of " + neurons; }
    }

    /**
     * A multi-layer perceptron that maps an input to one score: hidden layers with the chosen
     * activation, then one linear neuron, as micrograd's MLP(nin, [16, 16, 1]).
     */
    public static final class MLP extends Module {
        final List<Layer> layers = new ArrayList<>();

        public MLP(int inputs, List<Integer> hidden, Activation activation, PythonRandom random) {
            int in = inputs;
            for (int size : hidden) {
                layers.add(new Layer(in, size, activation, random));
                in = size;
            }
            layers.add(new Layer(in, 1, Activation.LINEAR, random));
        }

        /** The score for one input: positive means class +1, negative class -1. */
        public Value apply(List<Value> x) {
            for (Layer layer : layers) x = layer.apply(x);
            return x.get(0);
        }

        public Value apply(double[] x) {
            var inputs = new ArrayList<Value>(x.length);
            for (double xi : x) inputs.add(new Value(xi));
            return apply(inputs);
        }

        @Override
        public List<Value> parameters() {
            var all = new ArrayList<Value>();
            for (Layer layer : layers) all.addAll(layer.parameters());
            return all;
        }

        @Override
        public String toString() { return "MLP of " + layers; }
    }

    // =============================================================================================
    // 3. Losses: how wrong is the network, as one Value
    // =============================================================================================

    public enum Loss { HINGE, MSE }

    /** SVM max-margin loss: mean over samples of relu(1 - y·score). Zero once every y·score ≥ 1. */
    static Value hingeLoss(List<Value> scores, double[] labels) {
        var losses = new ArrayList<Value>(scores.size());
        for (int i = 0; i < scores.size(); i++) {
            losses.add(scores.get(i).mul(-labels[i]).add(1).relu()); // relu(1 + -y·score)
        }
        return Value.sum(losses).mul(1.0 / losses.size()); // the mean, as the notebook computes it
    }

    /** Mean squared error: mean over samples of (score - y)². */
    static Value meanSquaredError(List<Value> scores, double[] labels) {
        var losses = new ArrayList<Value>(scores.size());
        for (int i = 0; i < scores.size(); i++) losses.add(scores.get(i).sub(labels[i]).pow(2));
        return Value.sum(losses).mul(1.0 / losses.size());
    }

    /** L2 regularisation: alpha · Σ p². Keeps the weights small, and so the boundary smooth. */
    static Value l2(List<Value> parameters, double alpha) {
        var squares = new ArrayList<Value>(parameters.size());
        for (Value p : parameters) squares.add(p.mul(p));
        return Value.sum(squares).mul(alpha);
    }

    // =============================================================================================
    // 4. SGD: stochastic gradient descent
    // =============================================================================================

    /** One step downhill: every parameter moves against its gradient, scaled by the learning rate. */
    static void sgdStep(List<Value> parameters, double learningRate) {
        for (Value p : parameters) p.data -= learningRate * p.grad;
    }

    /** The demo's schedule: start at lr and fall linearly to a tenth of it. */
    static double learningRate(double lr, int step, int steps) {
        return lr * (1.0 - 0.9 * step / steps);
    }

    // =============================================================================================
    // 5. Data: the two moons
    // =============================================================================================

    /** Points x (one row per sample) with labels y of -1 or +1. */
    public record Dataset(double[][] x, double[] y) {
        public int size() { return y.length; }

        /** The samples at the given positions. */
        Dataset select(int[] rows) {
            var xs = new double[rows.length][];
            var ys = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                xs[i] = x[rows[i]];
                ys[i] = y[rows[i]];
            }
            return new Dataset(xs, ys);
        }
    }

    /**
     * Two interleaving half circles, as scikit-learn's make_moons builds them: n/2 "outer" points
     * (cos t, sin t) labelled -1 and the rest "inner" points (1 - cos t, 1 - sin t - 0.5) labelled +1,
     * t evenly spaced over [0, π]; then the samples are shuffled and Gaussian noise is added.
     */
    public static Dataset moons(int samples, double noise, NumpyRandom random) {
        int outer = samples / 2, inner = samples - outer;
        var x = new double[samples][];
        var y = new double[samples];
        for (int i = 0; i < outer; i++) {
            double t = linspaceToPi(i, outer);
            x[i] = new double[] {Math.cos(t), Math.sin(t)};
            y[i] = -1;
        }
        for (int i = 0; i < inner; i++) {
            double t = linspaceToPi(i, inner);
            x[outer + i] = new double[] {1 - Math.cos(t), 1 - Math.sin(t) - 0.5};
            y[outer + i] = +1;
        }
        return shuffleAndAddNoise(new Dataset(x, y), noise, random);
    }

    /** The i-th of n numbers evenly spaced from 0 to π, as NumPy's linspace: i·(π/(n-1)), the last exactly π. */
    static double linspaceToPi(int i, int n) {
        if (n == 1) return 0;
        return i == n - 1 ? Math.PI : i * (Math.PI / (n - 1));
    }

    /** Shuffles the samples, then adds noise to each coordinate: sample by sample, x then y. */
    static Dataset shuffleAndAddNoise(Dataset data, double noise, NumpyRandom random) {
        Dataset shuffled = data.select(random.permutation(data.size()));
        var x = new double[data.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = shuffled.x()[i].clone();
            for (int j = 0; j < x[i].length; j++) x[i][j] += noise * random.gaussian();
        }
        return new Dataset(x, shuffled.y());
    }

    // =============================================================================================
    // 6. Training: forward, zero the gradients, backward, update
    // =============================================================================================

    /** What the trainer needs to know besides the model and the data. */
    record Settings(Loss loss, double alpha, int steps, double lr, int batchSize) {}

    /** The report of one step: the loss and accuracy of its forward pass, before its update. */
    record Step(int step, double loss, double accuracy, double learningRate, long valuesCreated) {}

    /**
     * Trains the model and reports every step to {@code onStep}. Stops early, returning false, if the
     * loss stops being a finite number (the last step reported is the one where that happened).
     */
    static boolean train(MLP model, Dataset data, Settings settings, NumpyRandom random, Consumer<Step> onStep) {
        for (int k = 0; k < settings.steps(); k++) {
            long before = Value.created();
            Dataset batch = settings.batchSize() == 0 ? data : minibatch(data, settings.batchSize(), random);

            // 1. forward: score every sample and measure the loss
            var scores = new ArrayList<Value>(batch.size());
            for (double[] x : batch.x()) scores.add(model.apply(x));
            Value loss = totalLoss(model, scores, batch.y(), settings);

            // 2. zero the gradients: they add up, and the last step's are stale
            model.zeroGrad();

            // 3. backward: d(loss)/d(p) for every parameter p
            loss.backward();

            // 4. update: step each parameter against its gradient
            double lr = learningRate(settings.lr(), k, settings.steps());
            sgdStep(model.parameters(), lr);

            onStep.accept(new Step(k, loss.data, accuracy(scores, batch.y()), lr, Value.created() - before));
            if (!Double.isFinite(loss.data)) return false;
        }
        return true;
    }

    /** The data loss of the chosen kind plus the L2 penalty on the weights. */
    static Value totalLoss(MLP model, List<Value> scores, double[] labels, Settings settings) {
        Value dataLoss = switch (settings.loss()) {
            case HINGE -> hingeLoss(scores, labels);
            case MSE -> meanSquaredError(scores, labels);
        };
        return dataLoss.add(l2(model.parameters(), settings.alpha()));
    }

    /** A random batch of samples, as the notebook draws one: the first few of a random permutation. */
    static Dataset minibatch(Dataset data, int size, NumpyRandom random) {
        int[] rows = Arrays.copyOf(random.permutation(data.size()), size);
        return data.select(rows);
    }

    /** The share of samples on the right side of zero (a score of exactly 0 counts as class -1). */
    static double accuracy(List<Value> scores, double[] labels) {
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            if ((labels[i] > 0) == (scores.get(i).data > 0)) right++;
        }
        return (double) right / labels.length;
    }

    // =============================================================================================
    // 7. Plot: the decision boundary in characters
    // =============================================================================================

    static final char REGION_MINUS = ' ', REGION_PLUS = '.', POINT_MINUS = 'o', POINT_PLUS = 'x';

    /** The plane the plot covers: the data's bounding box plus a margin of a tenth of its size. */
    record Box(double xMin, double xMax, double yMin, double yMax) {
        static Box around(double[][] points) {
            double x0 = Double.POSITIVE_INFINITY, x1 = Double.NEGATIVE_INFINITY;
            double y0 = Double.POSITIVE_INFINITY, y1 = Double.NEGATIVE_INFINITY;
            for (double[] p : points) {
                x0 = Math.min(x0, p[0]);
                x1 = Math.max(x1, p[0]);
                y0 = Math.min(y0, p[1]);
                y1 = Math.max(y1, p[1]);
            }
            double mx = margin(x1 - x0), my = margin(y1 - y0);
            return new Box(x0 - mx, x1 + mx, y0 - my, y1 + my);
        }

        private static double margin(double span) { return span > 0 ? span / 10 : 0.5; }
    }

    /**
     * Draws the predicted class of every cell (the centre of the cell decides), then the training
     * points on top. Rows run from the top (largest y) down. With colour, the regions are tinted.
     */
    static List<String> plot(MLP model, Dataset data, int width, int height, boolean colour) {
        Box box = Box.around(data.x());
        double cellW = (box.xMax() - box.xMin()) / width, cellH = (box.yMax() - box.yMin()) / height;
        var grid = new char[height][width];
        for (int row = 0; row < height; row++) {
            for (int col = 0; col < width; col++) {
                double x = box.xMin() + (col + 0.5) * cellW, y = box.yMax() - (row + 0.5) * cellH;
                grid[row][col] = model.apply(new double[] {x, y}).data > 0 ? REGION_PLUS : REGION_MINUS;
            }
        }
        for (int i = 0; i < data.size(); i++) {
            int col = (int) Math.min(width - 1, (data.x()[i][0] - box.xMin()) / cellW);
            int row = (int) Math.min(height - 1, (box.yMax() - data.x()[i][1]) / cellH);
            grid[row][col] = data.y()[i] > 0 ? POINT_PLUS : POINT_MINUS;
        }
        var lines = new ArrayList<String>();
        lines.add(String.format(Locale.ROOT, "decision boundary: y from %.2f (bottom) to %.2f (top)", box.yMin(), box.yMax()));
        String border = "+" + "-".repeat(width) + "+";
        lines.add(border);
        for (char[] row : grid) lines.add("|" + (colour ? tint(row) : new String(row)) + "|");
        lines.add(border);
        lines.add(String.format(Locale.ROOT, "x from %.2f (left) to %.2f (right)", box.xMin(), box.xMax()));
        lines.add("'" + POINT_MINUS + "' sample of class -1   '" + POINT_PLUS + "' sample of class +1   '"
                + REGION_MINUS + "' predicted -1   '" + REGION_PLUS + "' predicted +1");
        return lines;
    }

    /** ANSI colours: blue for class -1, orange for class +1 (told apart by colour-blind eyes too). */
    static String tint(char[] row) {
        var out = new StringBuilder();
        for (char c : row) {
            String colour = switch (c) {
                case REGION_MINUS -> "\u001b[48;5;153m";                 // light blue background
                case REGION_PLUS -> "\u001b[48;5;223m";                  // light orange background
                case POINT_MINUS -> "\u001b[48;5;153;38;5;19;1m";       // dark blue on light blue
                default -> "\u001b[48;5;223;38;5;130;1m";               // dark orange on light orange
            };
            out.append(colour).append(c);
        }
        return out.append("\u001b[0m").toString();
    }

    /** Colour only on a terminal that wants it: see no-color.org. */
    static boolean terminalWantsColour() {
        String noColour = System.getenv("NO_COLOR");
        String term = System.getenv("TERM");
        return System.console() != null && (noColour == null || noColour.isEmpty())
                && term != null && !term.equals("dumb");
    }

    // =============================================================================================
    // 8. The command line
    // =============================================================================================

    @Spec CommandSpec spec;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "100", description = "Number of samples (at least 2; default ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--noise", paramLabel = "SD", defaultValue = "0.1", description = "Standard deviation of the noise added to the points (default ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1337", description = "Seeds the data and the initial weights, 0 to 4294967295 (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--hidden", paramLabel = "SIZES", split = ",", defaultValue = "16,16", description = "Hidden layer sizes, comma-separated (default ${DEFAULT-VALUE}).")
    List<Integer> hidden;

    @Option(names = "--activation", paramLabel = "A", defaultValue = "relu", description = "Hidden activation: relu, tanh or linear (default ${DEFAULT-VALUE}).")
    Activation activation;

    @Option(names = "--loss", paramLabel = "L", defaultValue = "hinge", description = "Loss: hinge (SVM max-margin) or mse (mean squared error) (default ${DEFAULT-VALUE}).")
    Loss loss;

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "1e-4", description = "Weight of the L2 penalty alpha·Σp² (default ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "100", description = "Training steps (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "1.0", description = "Initial learning rate; it falls linearly to a tenth (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "0", description = "Samples per step, 0 for all of them (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--every", paramLabel = "N", defaultValue = "1", description = "Print every N-th step, and always the last (default ${DEFAULT-VALUE}).")
    int every;

    @Option(names = "--no-plot", description = "Do not draw the decision boundary.")
    boolean noPlot;

    @Option(names = "--width", paramLabel = "W", defaultValue = "60", description = "Plot width in characters, 10 to 400 (default ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", paramLabel = "H", defaultValue = "20", description = "Plot height in lines, 5 to 200 (default ${DEFAULT-VALUE}).")
    int height;

    static final int MAX_SAMPLES = 100_000;

    @Override
    public Integer call() {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        NumpyRandom numpy = NumpyRandom.seeded(seed); // draws the moons, then any minibatches
        Dataset data = moons(samples, noise, numpy);
        MLP model = new MLP(2, hidden, activation, PythonRandom.seeded(seed));
        var settings = new Settings(loss, alpha, steps, lr, batchSize);

        long start = System.nanoTime();
        long[] values = {0};
        Step[] last = {null};
        boolean finished = train(model, data, settings, numpy, step -> {
            values[0] += step.valuesCreated();
            last[0] = step;
            if (step.step() % every == 0 || step.step() == steps - 1 || !Double.isFinite(step.loss())) {
                out.println(stepLine(step));
            }
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!finished) {
            spec.commandLine().getErr().printf(Locale.ROOT,
                    "micrograd: the loss became %s at step %d; try a smaller --lr (it is %s)%n",
                    repr(last[0].loss()), last[0].step(), repr(lr));
            return 1;
        }
        int done = steps;
        out.printf(Locale.ROOT, "trained %d steps in %.2f s (%.2f ms/step, %d values per step)%n",
                done, seconds, done == 0 ? 0 : 1000 * seconds / done, done == 0 ? 0 : values[0] / done);
        if (!noPlot) {
            out.println();
            plot(model, data, width, height, terminalWantsColour()).forEach(out::println);
        }
        out.flush();
        return 0;
    }

    /** One line per step, as the notebook prints it (Python's float formatting, so it reads the same). */
    static String stepLine(Step step) {
        return "step " + step.step() + " loss " + repr(step.loss()) + ", accuracy " + repr(step.accuracy() * 100) + "%";
    }

    /** Every option within its bounds, or a one-line error naming it (picocli adds the usage, exit code 2). */
    void validate() {
        require(samples >= 2 && samples <= MAX_SAMPLES, "--samples", samples, "a whole number from 2 to " + MAX_SAMPLES);
        require(Double.isFinite(noise) && noise >= 0, "--noise", noise, "a finite number ≥ 0");
        require(seed >= 0 && seed <= 0xFFFF_FFFFL, "--seed", seed, "a whole number from 0 to 4294967295");
        for (int size : hidden) require(size >= 1 && size <= 1000, "--hidden", hidden, "layer sizes from 1 to 1000, e.g. 16,16");
        require(steps >= 0, "--steps", steps, "a whole number ≥ 0");
        require(Double.isFinite(lr) && lr > 0, "--lr", lr, "a finite number > 0");
        require(Double.isFinite(alpha) && alpha >= 0, "--alpha", alpha, "a finite number ≥ 0");
        require(batchSize >= 0 && batchSize <= samples, "--batch-size", batchSize, "0 (all samples) up to --samples (" + samples + ")");
        require(every >= 1, "--every", every, "a whole number ≥ 1");
        require(width >= 10 && width <= 400, "--width", width, "a whole number from 10 to 400");
        require(height >= 5 && height <= 200, "--height", height, "a whole number from 5 to 200");
    }

    void require(boolean ok, String option, Object value, String allowed) {
        if (!ok) {
            String shown = value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(value);
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '" + option + "': '" + shown + "'; expected " + allowed);
        }
    }

    /** The command, configured as the program and the tests use it. */
    static CommandLine commandLine() {
        var cmd = new CommandLine(new Micrograd());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        // A usage error: one line saying what is wrong (and, for a typo, what was meant), then the usage.
        cmd.setParameterExceptionHandler((e, args) -> {
            var err = e.getCommandLine().getErr();
            err.println(e.getMessage());
            UnmatchedArgumentException.printSuggestions(e, err);
            e.getCommandLine().usage(err);
            return e.getCommandLine().getCommandSpec().exitCodeOnInvalidInput();
        });
        // Anything unexpected becomes one line on stderr, never a stack trace.
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("micrograd: " + e);
            return 1;
        });
        return cmd;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    // =============================================================================================
    // 9. Reproducing the notebook: random numbers exactly as NumPy and Python make them
    // =============================================================================================
    //
    // micrograd's demo draws its moons with NumPy (np.random.seed(1337)) and its initial weights with
    // Python's random module (random.seed(1337)). Both use the Mersenne Twister MT19937; they seed it
    // differently and turn its 32-bit words into numbers in their own ways. Following them exactly
    // gives us the notebook's data and weights bit for bit, and so the notebook's losses.

    /** MT19937 (Matsumoto and Nishimura, 1998): 624 words of state, 32 random bits per call. */
    static final class MersenneTwister {
        private static final int N = 624, M = 397;
        private final int[] mt = new int[N];
        private int index = N;

        /** init_genrand: how NumPy's RandomState(seed) seeds it. */
        static MersenneTwister seeded(int seed) {
            var twister = new MersenneTwister();
            twister.mt[0] = seed;
            for (int i = 1; i < N; i++) {
                int prev = twister.mt[i - 1];
                twister.mt[i] = 1812433253 * (prev ^ (prev >>> 30)) + i;
            }
            return twister;
        }

        /** init_by_array: how Python's random.seed(n) seeds it, with the 32-bit words of n. */
        static MersenneTwister seededByArray(int[] key) {
            var twister = seeded(19650218);
            int[] mt = twister.mt;
            int i = 1, j = 0;
            for (int k = Math.max(N, key.length); k > 0; k--) {
                mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
                i++;
                j++;
                if (i >= N) { mt[0] = mt[N - 1]; i = 1; }
                if (j >= key.length) j = 0;
            }
            for (int k = N - 1; k > 0; k--) {
                mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
                i++;
                if (i >= N) { mt[0] = mt[N - 1]; i = 1; }
            }
            mt[0] = 0x80000000;
            return twister;
        }

        /** The next 32 random bits (as an int; use {@code & 0xFFFFFFFFL} for the unsigned value). */
        int nextInt() {
            if (index >= N) twist();
            int y = mt[index++];
            y ^= y >>> 11;
            y ^= (y << 7) & 0x9d2c5680;
            y ^= (y << 15) & 0xefc60000;
            y ^= y >>> 18;
            return y;
        }

        private void twist() {
            for (int k = 0; k < N; k++) {
                int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
                mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : 0x9908b0df);
            }
            index = 0;
        }

        /** A double in [0, 1) from 53 random bits: the same formula in NumPy and Python. */
        double nextDouble() {
            long a = (nextInt() >>> 5), b = (nextInt() >>> 6);
            return (a * 67108864.0 + b) / 9007199254740992.0;
        }
    }

    /** The parts of NumPy's legacy RandomState that make_moons and the notebook use. */
    public static final class NumpyRandom {
        private final MersenneTwister twister;
        private boolean hasSpareGaussian;
        private double spareGaussian;

        private NumpyRandom(MersenneTwister twister) { this.twister = twister; }

        /** np.random.seed(seed), for 0 ≤ seed < 2^32. */
        public static NumpyRandom seeded(long seed) { return new NumpyRandom(MersenneTwister.seeded((int) seed)); }

        public double random() { return twister.nextDouble(); }

        /** A standard normal number by the polar (Marsaglia) method, which makes two at a time. */
        public double gaussian() {
            if (hasSpareGaussian) {
                hasSpareGaussian = false;
                return spareGaussian;
            }
            double x1, x2, r2;
            do {
                x1 = 2.0 * random() - 1.0;
                x2 = 2.0 * random() - 1.0;
                r2 = x1 * x1 + x2 * x2;
            } while (r2 >= 1.0 || r2 == 0.0);
            double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
            spareGaussian = f * x1;
            hasSpareGaussian = true;
            return f * x2;
        }

        /** A whole number in [0, max]: random bits masked to max's width, drawn again while too big. */
        long interval(long max) {
            if (max == 0) return 0;
            long mask = Long.highestOneBit(max) * 2 - 1;
            long value;
            do {
                value = (twister.nextInt() & 0xFFFFFFFFL) & mask;
            } while (value > max);
            return value;
        }

        /** np.random.permutation(n): 0..n-1 shuffled by Fisher–Yates from the last position down. */
        public int[] permutation(int n) {
            int[] order = new int[n];
            for (int i = 0; i < n; i++) order[i] = i;
            for (int i = n - 1; i > 0; i--) {
                int j = (int) interval(i);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            return order;
        }
    }

    /** The parts of Python's random module that micrograd's Neuron uses. */
    public static final class PythonRandom {
        private final MersenneTwister twister;

        private PythonRandom(MersenneTwister twister) { this.twister = twister; }

        /** random.seed(seed) for a whole number seed ≥ 0: the seed's 32-bit words, low word first. */
        public static PythonRandom seeded(long seed) {
            int[] key = seed >>> 32 == 0 ? new int[] {(int) seed} : new int[] {(int) seed, (int) (seed >>> 32)};
            return new PythonRandom(MersenneTwister.seededByArray(key));
        }

        public double random() { return twister.nextDouble(); }

        /** random.uniform(a, b) = a + (b - a) * random() */
        public double uniform(double a, double b) { return a + (b - a) * random(); }
    }

    /** Formats a double as Python's repr() does: the shortest digits that read back as the same number. */
    static String repr(double x) {
        if (Double.isNaN(x)) return "nan";
        if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
        if (x == 0) return (1 / x < 0) ? "-0.0" : "0.0";
        if (x < 0) return "-" + repr(-x);
        BigDecimal exact = new BigDecimal(x), shortest = exact;
        for (int digits = 1; digits <= 17; digits++) {
            shortest = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
            if (shortest.doubleValue() == x) break;
        }
        shortest = shortest.stripTrailingZeros();
        String d = shortest.unscaledValue().toString();
        int point = d.length() - shortest.scale(); // x = 0.d × 10^point
        if (point <= -4 || point > 16) { // scientific, as 1e-05 or 1.5e+16
            String mantissa = d.length() == 1 ? d : d.charAt(0) + "." + d.substring(1);
            int exponent = point - 1;
            return mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
        }
        if (point <= 0) return "0." + "0".repeat(-point) + d;
        if (point >= d.length()) return d + "0".repeat(point - d.length()) + ".0";
        return d.substring(0, point) + "." + d.substring(point);
    }

    /** A number as it reads best in a label: 2 rather than 2.0. */
    static String number(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? String.valueOf((long) x) : repr(x);
    }
}
