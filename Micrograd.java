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
 *    1. Value       a number that remembers how it was computed, so it can compute its gradient
 *    2. Graph       seeing a computation: every Value with its operation, data and gradient
 *    3. Gradcheck   checking backward() against the slope measured with a small nudge
 *    4. Module      Neuron, Layer and MLP: a neural network built out of Values
 *    5. Losses      how wrong the network is, as a single Value (SVM hinge, mean squared error)
 *    6. SGD         nudging every parameter a little against its gradient, and one step by hand
 *    7. Data        the two moons (and circles, xor, spiral): 2-D points the network learns to separate
 *    8. Training    the loop: forward, zero the gradients, backward, update
 *    9. Plot        the learned decision boundary, drawn with characters or as an SVG picture
 *   10. Command     the command line: options, validation, the report and the course's subcommands
 *   11. Reproducing the notebook: random numbers exactly as NumPy and Python make them
 *
 * Run it:  jbang Micrograd.java            (trains on the moons, prints loss and accuracy, draws the boundary)
 *          jbang Micrograd.java --help     (every option, and the subcommands gradcheck, graph and by-hand)
 */

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

@Command(name = "micrograd", mixinStandardHelpOptions = true, version = "micrograd for Java 1.0",
        subcommands = CommandLine.HelpCommand.class,
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
     * applies the chain rule: each input's gradient grows by (local derivative * gradient of the result).
     *
     * Like PyTorch, arithmetic follows IEEE 754: division by zero gives +/-Infinity, log of 0 gives
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

        /** A Value made by a one-input operation; the tests also use it to build a deliberately wrong one. */
        static Value unary(double data, String op, Value input, double localDerivative) {
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
        public Value div(Value other) { return mul(other.pow(-1)); } // a / b = a * b^-1 (b = 0 gives +/-Infinity)

        public Value add(double other) { return add(new Value(other)); }
        public Value mul(double other) { return mul(new Value(other)); }
        public Value sub(double other) { return sub(new Value(other)); }
        public Value div(double other) { return div(new Value(other)); }

        /** c - v, for a plain number c: {@code Value.sub(2, v)}. */
        public static Value sub(double c, Value v) { return v.neg().add(c); }

        /** c / v, for a plain number c: {@code Value.div(2, v)}. */
        public static Value div(double c, Value v) { return v.pow(-1).mul(c); }

        /** Plain numbers as input Values: {@code Value.listOf(2, 3)} is [Value(2), Value(3)]. */
        public static List<Value> listOf(double... numbers) {
            var values = new ArrayList<Value>(numbers.length);
            for (double x : numbers) values.add(new Value(x));
            return values;
        }

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
    // 2. Seeing the graph: every Value with its operation, data and gradient
    // =============================================================================================

    /**
     * The lecture's neuron: o = activation(x1*w1 + x2*w2 + b), every Value labelled, forward and
     * backward already run. The defaults (see the graph command) give o = tanh(0.8814) = 0.7071.
     */
    static Value neuron(double x1, double x2, double w1, double w2, double b, Activation activation) {
        var vx1 = new Value(x1, "x1");
        var vx2 = new Value(x2, "x2");
        var vw1 = new Value(w1, "w1");
        var vw2 = new Value(w2, "w2");
        var vb = new Value(b, "b");
        var x1w1 = named(vx1.mul(vw1), "x1*w1");
        var x2w2 = named(vx2.mul(vw2), "x2*w2");
        var sum = named(x1w1.add(x2w2), "x1*w1 + x2*w2");
        var n = named(sum.add(vb), "n");
        var o = named(activation.apply(n), "o");
        o.backward();
        return o;
    }

    private static Value named(Value v, String label) {
        v.label = label;
        return v;
    }

    /** The graph as an indented tree, the result at the top and each Value's inputs below it. */
    static List<String> tree(Value root) {
        var lines = new ArrayList<String>();
        addToTree(root, "", "", lines, new HashSet<>());
        return lines;
    }

    // Recursion is the plain way to draw a tree, and safe here: the graph command draws a handful of
    // Values. backward() avoids it because a training graph can be a million Values deep.
    private static void addToTree(Value v, String firstIndent, String indent, List<String> lines, Set<Value> shown) {
        boolean again = !shown.add(v);
        lines.add(firstIndent + describe(v) + (again && !v.inputs().isEmpty() ? "  (inputs shown above)" : ""));
        if (again) return; // a Value used twice is drawn in full once
        List<Value> inputs = v.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            boolean last = i == inputs.size() - 1;
            addToTree(inputs.get(i), indent + (last ? "`-- " : "|-- "), indent + (last ? "    " : "|   "), lines, shown);
        }
    }

    /** One node, as micrograd's draw_dot labels it: name, operation, data and grad to 4 decimals. */
    static String describe(Value v) {
        String name = v.label.isEmpty() ? "(unnamed)" : v.label;
        String op = v.op().isEmpty() ? "" : "  [" + v.op() + "]";
        return String.format(Locale.ROOT, "%s%s  data %.4f  grad %.4f", name, op, v.data, v.grad);
    }

    /**
     * The graph in Graphviz's DOT language, drawn left to right as micrograd's draw_dot does: a record
     * per Value (label | data | grad), and a small node per operation between its inputs and its result.
     * Render it with:  dot -Tsvg graph.dot -o graph.svg
     */
    static String dot(Value root) {
        List<Value> order = root.topologicalOrder();
        var id = new IdentityHashMap<Value, String>();
        for (Value v : order) id.put(v, "v" + id.size());
        var out = new StringBuilder("digraph micrograd {\n  rankdir=LR;\n  node [fontname=\"Helvetica\"];\n");
        for (Value v : order) {
            String name = id.get(v);
            out.append(String.format(Locale.ROOT, "  %s [shape=record, label=\"{ %s | data %.4f | grad %.4f }\"];%n",
                    name, dotEscape(v.label), v.data, v.grad));
            if (!v.op().isEmpty()) {
                out.append(String.format("  %s_op [shape=circle, label=\"%s\"];%n", name, dotEscape(v.op())));
                out.append(String.format("  %s_op -> %s;%n", name, name));
                for (Value input : v.inputs()) out.append(String.format("  %s -> %s_op;%n", id.get(input), name));
            }
        }
        return out.append("}\n").toString();
    }

    /** Characters that mean something inside a DOT record label get a backslash. */
    static String dotEscape(String text) {
        return text.replaceAll("([\\\\\"{}|<>])", "\\\\$1");
    }

    // =============================================================================================
    // 3. Checking gradients: backward() against a central difference
    // =============================================================================================
    //
    // The derivative is the slope: (f(x + h) - f(x - h)) / 2h for a small h comes within about h^2 of
    // it. If backward() is right, the two agree to many digits, for every operation at every point
    // where the operation has a derivative at all.

    /** An operation of Value, with where it has no derivative (and why), for the check. */
    record Operation(String name, int inputs, Function<List<Value>, Value> f, Predicate<double[]> undefinedAt, String why) {
        static Operation of(String name, int inputs, Function<List<Value>, Value> f) {
            return new Operation(name, inputs, f, x -> false, "");
        }
    }

    /** One comparison: the gradient from backward() next to the central difference. */
    record GradCheck(String what, double analytic, double numeric, String skipped) {
        /**
         * The difference relative to the larger of the two; for gradients smaller than 1, the plain
         * difference (near a zero gradient the central difference's own error, about h^2, dominates).
         */
        double relativeError() {
            double scale = Math.max(1, Math.max(Math.abs(analytic), Math.abs(numeric)));
            return Math.abs(analytic - numeric) / scale;
        }

        boolean ok(double tolerance) { return skipped != null || relativeError() <= tolerance; }
    }

    /** Every operation of Value, and where it has no derivative. */
    static List<Operation> operations() {
        return List.of(
                Operation.of("a + b", 2, v -> v.get(0).add(v.get(1))),
                Operation.of("a - b", 2, v -> v.get(0).sub(v.get(1))),
                Operation.of("a * b", 2, v -> v.get(0).mul(v.get(1))),
                new Operation("a / b", 2, v -> v.get(0).div(v.get(1)), x -> x[1] == 0, "division by zero"),
                Operation.of("-a", 1, v -> v.get(0).neg()),
                Operation.of("a ** 2", 1, v -> v.get(0).pow(2)),
                Operation.of("a ** 3", 1, v -> v.get(0).pow(3)),
                new Operation("a ** -1", 1, v -> v.get(0).pow(-1), x -> x[0] == 0, "1/0 has no derivative"),
                new Operation("a ** 0.5", 1, v -> v.get(0).pow(0.5), x -> x[0] <= 0, "square root needs a > 0"),
                new Operation("relu(a)", 1, v -> v.get(0).relu(), x -> x[0] == 0, "relu has a kink at 0"),
                Operation.of("tanh(a)", 1, v -> v.get(0).tanh()),
                Operation.of("exp(a)", 1, v -> v.get(0).exp()),
                new Operation("log(a)", 1, v -> v.get(0).log(), x -> x[0] <= 0, "log needs a > 0"),
                Operation.of("2 - a", 1, v -> Value.sub(2, v.get(0))),
                new Operation("2 / a", 1, v -> Value.div(2, v.get(0)), x -> x[0] == 0, "division by zero"));
    }

    static final double[][] ONE_INPUT_POINTS = {{-1.5}, {0.0}, {0.5}, {2.0}};
    static final double[][] TWO_INPUT_POINTS = {{-1.5, 2.0}, {0.5, -3.0}, {2.0, 0.0}};

    /** Checks each operation at each point, for each of its inputs. */
    static List<GradCheck> checkOperations(List<Operation> operations, double h) {
        var checks = new ArrayList<GradCheck>();
        for (Operation op : operations) {
            for (double[] at : op.inputs() == 1 ? ONE_INPUT_POINTS : TWO_INPUT_POINTS) {
                for (int i = 0; i < op.inputs(); i++) {
                    String what = op.name() + (op.inputs() == 2 ? ", d/d" + "ab".charAt(i) : "") + " at " + pointText(at);
                    checks.add(op.undefinedAt().test(at) ? new GradCheck(what, 0, 0, op.why())
                            : checkInput(what, op.f(), at, i, h));
                }
            }
        }
        return checks;
    }

    /** d f / d x_i by backward() and by central difference. */
    static GradCheck checkInput(String what, Function<List<Value>, Value> f, double[] at, int i, double h) {
        List<Value> inputs = Value.listOf(at);
        f.apply(inputs).backward();
        double[] plus = at.clone(), minus = at.clone();
        plus[i] += h;
        minus[i] -= h;
        double numeric = (evaluate(f, plus) - evaluate(f, minus)) / (2 * h);
        return new GradCheck(what, inputs.get(i).grad, numeric, null);
    }

    private static double evaluate(Function<List<Value>, Value> f, double[] at) {
        return f.apply(Value.listOf(at)).data;
    }

    /**
     * The whole network at once: the hinge loss of a small seeded MLP(2, [2]) on five moons, its
     * gradient with respect to every parameter, against nudging that parameter by +/-h.
     */
    static List<GradCheck> checkNetwork(double h) {
        var model = new MLP(2, List.of(2), Activation.TANH, PythonRandom.seeded(1));
        Dataset data = moons(5, 0.1, NumpyRandom.seeded(1));
        var settings = new Settings(Loss.HINGE, 1e-4, 1, 1, 0, false);
        Supplier<Value> loss = () -> totalLoss(model, scores(model, data), data.y(), settings);
        loss.get().backward();
        var checks = new ArrayList<GradCheck>();
        for (int l = 0; l < model.layers.size(); l++) {
            List<Neuron> neurons = model.layers.get(l).neurons;
            for (int n = 0; n < neurons.size(); n++) {
                List<Value> parameters = neurons.get(n).parameters();
                for (int i = 0; i < parameters.size(); i++) {
                    String name = i < parameters.size() - 1 ? "w" + (i + 1) : "b";
                    String what = "MLP loss, d/d layer " + (l + 1) + " neuron " + (n + 1) + " " + name;
                    checks.add(checkParameter(what, parameters.get(i), loss, h));
                }
            }
        }
        return checks;
    }

    /** Nudges one parameter by +/-h, measures the loss each way, and puts it back. */
    private static GradCheck checkParameter(String what, Value p, Supplier<Value> loss, double h) {
        double original = p.data;
        p.data = original + h;
        double up = loss.get().data;
        p.data = original - h;
        double down = loss.get().data;
        p.data = original;
        return new GradCheck(what, p.grad, (up - down) / (2 * h), null);
    }

    private static String pointText(double[] at) {
        var parts = new ArrayList<String>();
        for (double x : at) parts.add(number(x));
        return at.length == 1 ? parts.get(0) : "(" + String.join(", ", parts) + ")";
    }

    // =============================================================================================
    // 4. The network: Module, Neuron, Layer, MLP
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

    /** One neuron: activation(b + w0*x0 + w1*x1 + ...), weights uniform in [-1, 1], bias 0. */
    public static final class Neuron extends Module {
        final List<Value> w = new ArrayList<>();
        final Value b = new Value(0);
        final Activation activation;

        public Neuron(int inputs, Activation activation, PythonRandom random) {
            for (int i = 0; i < inputs; i++) w.add(new Value(random.uniform(-1, 1)));
            this.activation = activation;
        }

        public Value apply(List<Value> x) {
            Value sum = b; // b + w0*x0 + w1*x1 + ..., in micrograd's order
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

        public Value apply(double[] x) { return apply(Value.listOf(x)); }

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
    // 5. Losses: how wrong is the network, as one Value
    // =============================================================================================

    public enum Loss { HINGE, MSE }

    /** SVM max-margin loss: mean over samples of relu(1 - y*score). Zero once every y*score >= 1. */
    static Value hingeLoss(List<Value> scores, double[] labels) {
        var losses = new ArrayList<Value>(scores.size());
        for (int i = 0; i < scores.size(); i++) {
            losses.add(scores.get(i).mul(-labels[i]).add(1).relu()); // relu(1 + -y*score)
        }
        return Value.sum(losses).mul(1.0 / losses.size()); // the mean, as the notebook computes it
    }

    /** Mean squared error: mean over samples of (score - y)^2. */
    static Value meanSquaredError(List<Value> scores, double[] labels) {
        var losses = new ArrayList<Value>(scores.size());
        for (int i = 0; i < scores.size(); i++) losses.add(scores.get(i).sub(labels[i]).pow(2));
        return Value.sum(losses).mul(1.0 / losses.size());
    }

    /** L2 regularisation: alpha * sum(p^2). Keeps the weights small, and so the boundary smooth. */
    static Value l2(List<Value> parameters, double alpha) {
        var squares = new ArrayList<Value>(parameters.size());
        for (Value p : parameters) squares.add(p.mul(p));
        return Value.sum(squares).mul(alpha);
    }

    // =============================================================================================
    // 6. SGD: stochastic gradient descent, and one step by hand
    // =============================================================================================

    /** One step downhill: every parameter moves against its gradient, scaled by the learning rate. */
    static void sgdStep(List<Value> parameters, double learningRate) {
        for (Value p : parameters) p.data -= learningRate * p.grad;
    }

    /** The demo's schedule: start at lr and fall linearly to a tenth of it. */
    static double learningRate(double lr, int step, int steps) {
        return lr * (1.0 - 0.9 * step / steps);
    }

    /** One step of gradient descent on one weight, every number in it: see the by-hand command. */
    record HandStep(int step, double w, double prediction, double loss, double gradient, double newW) {}

    /**
     * The smallest model there is: pred = w*x, loss = (pred - target)^2. The engine computes the loss
     * and dL/dw; by the chain rule dL/dw = 2*(pred - target)*x, which the report writes out.
     */
    static List<HandStep> byHand(double w, double x, double target, double lr, int steps) {
        var result = new ArrayList<HandStep>();
        var weight = new Value(w, "w");
        for (int k = 1; k <= steps; k++) {
            Value prediction = weight.mul(x);
            Value loss = prediction.sub(target).pow(2);
            weight.grad = 0;
            loss.backward();
            double before = weight.data;
            weight.data -= lr * weight.grad;
            result.add(new HandStep(k, before, prediction.data, loss.data, weight.grad, weight.data));
        }
        return result;
    }

    /** The steps as a learner would write them on paper (numbers to 6 significant digits). */
    static List<String> byHandReport(List<HandStep> steps, double x, double target, double lr) {
        var lines = new ArrayList<String>();
        lines.add("pred = w*x,  loss = (pred - t)^2,  x = " + shortNumber(x) + ",  t = " + shortNumber(target) + ",  lr = " + shortNumber(lr));
        for (HandStep s : steps) {
            String w = shortNumber(s.w()), pred = shortNumber(s.prediction()), t = shortNumber(target), grad = shortNumber(s.gradient());
            lines.add("");
            lines.add("step " + s.step() + ": w = " + w);
            lines.add("  pred  = w*x = " + w + "*" + shortNumber(x) + " = " + pred);
            lines.add("  loss  = (pred - t)^2 = (" + pred + " - " + t + ")^2 = " + shortNumber(s.loss()));
            lines.add("  dL/dw = 2*(pred - t)*x = 2*(" + pred + " - " + t + ")*" + shortNumber(x) + " = " + grad);
            lines.add("  w <- w - lr*dL/dw = " + w + " - " + shortNumber(lr) + "*" + grad + " = " + shortNumber(s.newW()));
        }
        return lines;
    }

    // =============================================================================================
    // 7. Data: the two moons, circles, xor, spirals, and the lecture's four examples
    // =============================================================================================

    /** Points x (one row per sample) with labels y of -1 or +1. */
    public record Dataset(double[][] x, double[] y) {
        public int size() { return y.length; }

        public int inputs() { return x[0].length; }

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
     * t evenly spaced over [0, pi]; then the samples are shuffled and Gaussian noise is added.
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

    /** The i-th of n numbers evenly spaced from 0 to pi, as NumPy's linspace: i*(pi/(n-1)), the last exactly pi. */
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

    /**
     * Two circles, one inside the other, as scikit-learn's make_circles builds them: n/2 points on the
     * unit circle labelled -1 and the rest on a circle of radius {@code factor} labelled +1, at angles
     * evenly spaced over [0, 2pi); then shuffled, then noise, as for the moons.
     */
    public static Dataset circles(int samples, double noise, double factor, NumpyRandom random) {
        int outer = samples / 2, inner = samples - outer;
        var x = new double[samples][];
        var y = new double[samples];
        for (int i = 0; i < outer; i++) {
            double t = i * (2 * Math.PI / outer);
            x[i] = new double[] {Math.cos(t), Math.sin(t)};
            y[i] = -1;
        }
        for (int i = 0; i < inner; i++) {
            double t = i * (2 * Math.PI / inner);
            x[outer + i] = new double[] {Math.cos(t) * factor, Math.sin(t) * factor};
            y[outer + i] = +1;
        }
        return shuffleAndAddNoise(new Dataset(x, y), noise, random);
    }

    /**
     * XOR: points uniform in the square [-1, 1]^2, labelled +1 where x and y have the same sign and -1
     * where they differ; then noise. No straight line separates the classes: a network must bend.
     */
    public static Dataset xor(int samples, double noise, NumpyRandom random) {
        var x = new double[samples][];
        var y = new double[samples];
        for (int i = 0; i < samples; i++) {
            x[i] = new double[] {2 * random.random() - 1, 2 * random.random() - 1};
            y[i] = x[i][0] * x[i][1] > 0 ? +1 : -1;
        }
        return shuffleAndAddNoise(new Dataset(x, y), noise, random);
    }

    static final double SPIRAL_TURNS = 1.0;

    /**
     * Two spiral arms wound into each other: along each arm the radius grows from 0 to 1 while the
     * angle turns {@value #SPIRAL_TURNS} times round; the second arm is the first turned by half a turn.
     * The first n/2 points form the arm labelled -1, the rest the arm labelled +1; then shuffled, then noise.
     */
    public static Dataset spiral(int samples, double noise, NumpyRandom random) {
        int first = samples / 2;
        var x = new double[samples][];
        var y = new double[samples];
        for (int i = 0; i < samples; i++) {
            boolean second = i >= first;
            int along = second ? i - first : i, count = second ? samples - first : first;
            double r = count == 1 ? 1 : (double) along / (count - 1);
            double angle = 2 * Math.PI * SPIRAL_TURNS * r + (second ? Math.PI : 0);
            x[i] = new double[] {r * Math.cos(angle), r * Math.sin(angle)};
            y[i] = second ? +1 : -1;
        }
        return shuffleAndAddNoise(new Dataset(x, y), noise, random);
    }

    /** The lecture's four examples: three inputs each, and the target for each. */
    public static Dataset tiny() {
        double[][] xs = {{2, 3, -1}, {3, -1, 0.5}, {0.5, 1, 1}, {1, 1, -1}};
        double[] ys = {1, -1, -1, 1};
        return new Dataset(xs, ys);
    }

    // =============================================================================================
    // 8. Training: forward, zero the gradients, backward, update
    // =============================================================================================

    /** What the trainer needs to know besides the model and the data. */
    record Settings(Loss loss, double alpha, int steps, double lr, int batchSize, boolean forgetZeroGrad) {}

    /** The report of one step: the loss and accuracy (in %) of its forward pass, before its update. */
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
            List<Value> scores = scores(model, batch);
            Value loss = totalLoss(model, scores, batch.y(), settings);

            // 2. zero the gradients: backward() adds to them, and the last step's are stale
            if (!settings.forgetZeroGrad()) model.zeroGrad();

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

    /** The model's score for every sample. */
    static List<Value> scores(MLP model, Dataset data) {
        var scores = new ArrayList<Value>(data.size());
        for (double[] x : data.x()) scores.add(model.apply(x));
        return scores;
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

    /** The percentage of samples on the right side of zero (a score of exactly 0 counts as class -1). */
    static double accuracy(List<Value> scores, double[] labels) {
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            if ((labels[i] > 0) == (scores.get(i).data > 0)) right++;
        }
        return 100.0 * right / labels.length;
    }

    // =============================================================================================
    // 9. Plot: the decision boundary in characters, and as an SVG picture
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

    // --- The picture: an SVG file with the decision boundary and the training curves -------------

    static final String BLUE = "#0072B2", ORANGE = "#E69F00";             // told apart by colour-blind eyes too
    static final String LIGHT_BLUE = "#d3e6f5", LIGHT_ORANGE = "#fbe6c2";
    static final int GRID = 100;                                          // boundary cells per side

    /** A rectangle on the page, and the data range it shows: maps data coordinates to pixels. */
    record Frame(double left, double top, double width, double height, double xMin, double xMax, double yMin, double yMax) {
        double px(double x) { return left + (x - xMin) / (xMax - xMin) * width; }
        double py(double y) { return top + height - (y - yMin) / (yMax - yMin) * height; }
    }

    /**
     * The whole picture: a title with the settings and the final numbers; on the left the plane
     * coloured by the model's decision, the zero-score line and the training points; on the right
     * the loss and the accuracy of every step.
     */
    static String svgPicture(MLP model, Dataset data, List<Step> history, String title) {
        var svg = new StringBuilder();
        svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
           .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"980\" height=\"540\" viewBox=\"0 0 980 540\" ")
           .append("font-family=\"sans-serif\" font-size=\"12\">\n")
           .append("  <rect width=\"980\" height=\"540\" fill=\"white\"/>\n");
        text(svg, 490, 28, "middle", 16, title);
        if (!history.isEmpty()) {
            Step last = history.get(history.size() - 1);
            text(svg, 490, 50, "middle", 13, "after step " + last.step() + ": loss " + shortNumber(last.loss())
                    + ", accuracy " + repr(last.accuracy()) + "%");
        }
        if (data.inputs() == 2) {
            boundaryPanel(svg, model, data, 60, 80, 380, 380);
        } else {
            text(svg, 250, 270, "middle", 13, "The decision boundary needs 2-D data; this dataset has " + data.inputs() + " inputs.");
        }
        if (history.isEmpty()) {
            text(svg, 740, 270, "middle", 13, "No training steps were run.");
        } else {
            curve(svg, history, "loss", "loss", Step::loss, 0, 540, 80, 400, 150, BLUE);
            curve(svg, history, "accuracy", "accuracy (%)", Step::accuracy, 100, 540, 310, 400, 150, ORANGE);
        }
        return svg.append("</svg>\n").toString();
    }

    /** The plane, coloured cell by cell by the predicted class, with the zero-score line and the points. */
    static void boundaryPanel(StringBuilder svg, MLP model, Dataset data, double left, double top, double width, double height) {
        Box box = Box.around(data.x());
        var frame = new Frame(left, top, width, height, box.xMin(), box.xMax(), box.yMin(), box.yMax());
        double[][] score = new double[GRID][GRID]; // [row][column], row 0 at the top
        for (int row = 0; row < GRID; row++) {
            for (int col = 0; col < GRID; col++) {
                double x = box.xMin() + (col + 0.5) * (box.xMax() - box.xMin()) / GRID;
                double y = box.yMax() - (row + 0.5) * (box.yMax() - box.yMin()) / GRID;
                score[row][col] = model.apply(new double[] {x, y}).data;
            }
        }
        double cellW = width / GRID, cellH = height / GRID;
        svg.append("  <g class=\"boundary\" shape-rendering=\"crispEdges\">\n");
        for (int row = 0; row < GRID; row++) { // neighbouring cells of one class become one rectangle
            int start = 0;
            for (int col = 1; col <= GRID; col++) {
                if (col == GRID || (score[row][col] > 0) != (score[row][start] > 0)) {
                    svg.append(String.format(Locale.ROOT,
                            "    <rect class=\"cell\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"%s\"/>%n",
                            left + start * cellW, top + row * cellH, (col - start) * cellW, cellH,
                            score[row][start] > 0 ? LIGHT_ORANGE : LIGHT_BLUE));
                    start = col;
                }
            }
        }
        svg.append("  </g>\n");
        svg.append("  <path class=\"zero-line\" fill=\"none\" stroke=\"#333\" stroke-width=\"1.5\" d=\"")
           .append(zeroLine(score, left + cellW / 2, top + cellH / 2, cellW, cellH)).append("\"/>\n");
        axes(svg, frame, "x1", "x2");
        for (int i = 0; i < data.size(); i++) {
            double px = frame.px(data.x()[i][0]), py = frame.py(data.x()[i][1]);
            svg.append(data.y()[i] > 0
                    ? String.format(Locale.ROOT, "  <rect class=\"point plus\" x=\"%.2f\" y=\"%.2f\" width=\"7\" height=\"7\" fill=\"%s\" stroke=\"#222\" stroke-width=\"0.6\"/>%n", px - 3.5, py - 3.5, ORANGE)
                    : String.format(Locale.ROOT, "  <circle class=\"point minus\" cx=\"%.2f\" cy=\"%.2f\" r=\"4\" fill=\"%s\" stroke=\"#222\" stroke-width=\"0.6\"/>%n", px, py, BLUE));
        }
        legend(svg, left, top + height + 60);
    }

    /**
     * Where the score crosses zero, by marching squares: in each square of four neighbouring cell
     * centres, find the edges whose ends have different signs, put a point on each at the linearly
     * interpolated zero, and join the points.
     */
    static String zeroLine(double[][] score, double x0, double y0, double cellW, double cellH) {
        var path = new StringBuilder();
        for (int row = 0; row + 1 < score.length; row++) {
            for (int col = 0; col + 1 < score[row].length; col++) {
                // the square's corners, clockwise from the top left, and its edges between them
                double[][] corners = {{col, row}, {col + 1, row}, {col + 1, row + 1}, {col, row + 1}};
                var crossings = new ArrayList<double[]>();
                for (int e = 0; e < 4; e++) {
                    double[] p = corners[e], q = corners[(e + 1) % 4];
                    double a = score[(int) p[1]][(int) p[0]], b = score[(int) q[1]][(int) q[0]];
                    if ((a > 0) != (b > 0)) {
                        double t = a / (a - b);
                        crossings.add(new double[] {p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])});
                    }
                }
                for (int k = 0; k + 1 < crossings.size(); k += 2) {
                    double[] p = crossings.get(k), q = crossings.get(k + 1);
                    path.append(String.format(Locale.ROOT, "M%.2f %.2f L%.2f %.2f ",
                            x0 + p[0] * cellW, y0 + p[1] * cellH, x0 + q[0] * cellW, y0 + q[1] * cellH));
                }
            }
        }
        return path.toString().trim();
    }

    /**
     * One small chart: a value per step as a polyline, with its axes. The y axis runs from 0 to the
     * largest finite value, or to {@code yAtLeast} if that is larger (100 for a percentage).
     */
    static void curve(StringBuilder svg, List<Step> history, String name, String yLabel, ToDoubleFunction<Step> value,
                      double yAtLeast, double left, double top, double width, double height, String colour) {
        double yMax = yAtLeast;
        for (Step s : history) {
            double v = value.applyAsDouble(s);
            if (Double.isFinite(v)) yMax = Math.max(yMax, v);
        }
        var frame = new Frame(left, top, width, height, 0, Math.max(1, history.get(history.size() - 1).step()), 0, yMax > 0 ? yMax : 1);
        axes(svg, frame, "step", yLabel);
        svg.append("  <polyline class=\"").append(name).append("\" fill=\"none\" stroke=\"").append(colour)
           .append("\" stroke-width=\"2\" points=\"");
        for (Step s : history) {
            double v = Math.min(value.applyAsDouble(s), yMax); // a NaN or infinite loss is drawn at the top
            svg.append(String.format(Locale.ROOT, "%.2f,%.2f ", frame.px(s.step()), frame.py(Double.isNaN(v) ? yMax : v)));
        }
        svg.setLength(svg.length() - 1);
        svg.append("\"/>\n");
    }

    /** A frame with round-numbered ticks on the bottom and left edges, and the axis names. */
    static void axes(StringBuilder svg, Frame f, String xName, String yName) {
        svg.append(String.format(Locale.ROOT, "  <rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"none\" stroke=\"#444\"/>%n",
                f.left(), f.top(), f.width(), f.height()));
        double bottom = f.top() + f.height();
        for (double t : ticks(f.xMin(), f.xMax())) {
            svg.append(String.format(Locale.ROOT, "  <line class=\"tick\" x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"#444\"/>%n",
                    f.px(t), bottom, f.px(t), bottom + 5));
            text(svg, f.px(t), bottom + 18, "middle", 11, shortNumber(t));
        }
        for (double t : ticks(f.yMin(), f.yMax())) {
            svg.append(String.format(Locale.ROOT, "  <line class=\"tick\" x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"#444\"/>%n",
                    f.left() - 5, f.py(t), f.left(), f.py(t)));
            text(svg, f.left() - 8, f.py(t) + 4, "end", 11, shortNumber(t));
        }
        text(svg, f.left() + f.width() / 2, bottom + 34, "middle", 12, xName);
        text(svg, f.left() + 4, f.top() - 6, "start", 12, yName);
    }

    /** About five round numbers (1, 2 or 5 times a power of ten apart) from min to max. */
    static List<Double> ticks(double min, double max) {
        double raw = (max - min) / 5, power = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / power < 1.5 ? power : raw / power < 3.5 ? 2 * power : raw / power < 7.5 ? 5 * power : 10 * power;
        var ticks = new ArrayList<Double>();
        for (long i = (long) Math.ceil(min / step); i * step <= max + step * 1e-9; i++) ticks.add(i * step);
        return ticks;
    }

    static void legend(StringBuilder svg, double left, double y) {
        svg.append(String.format(Locale.ROOT, "  <circle cx=\"%.2f\" cy=\"%.2f\" r=\"4\" fill=\"%s\" stroke=\"#222\" stroke-width=\"0.6\"/>%n", left + 5, y - 4, BLUE));
        text(svg, left + 14, y, "start", 11, "class -1");
        svg.append(String.format(Locale.ROOT, "  <rect x=\"%.2f\" y=\"%.2f\" width=\"7\" height=\"7\" fill=\"%s\" stroke=\"#222\" stroke-width=\"0.6\"/>%n", left + 80, y - 8, ORANGE));
        text(svg, left + 92, y, "start", 11, "class +1");
        text(svg, left + 160, y, "start", 11, "background: the predicted class; line: score 0");
    }

    static void text(StringBuilder svg, double x, double y, String anchor, int size, String content) {
        svg.append(String.format(Locale.ROOT, "  <text x=\"%.2f\" y=\"%.2f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
                x, y, anchor, size, xml(content)));
    }

    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    // =============================================================================================
    // 10. The command line
    // =============================================================================================

    @Spec CommandSpec spec;

    public enum DatasetName { MOONS, CIRCLES, XOR, SPIRAL, TINY }

    @Option(names = "--dataset", paramLabel = "D", defaultValue = "moons",
            description = "moons, circles, xor or spiral (2-D, drawn from --seed), or tiny (the lecture's four examples "
                    + "with three inputs; it also defaults to --activation tanh --loss mse --hidden 4,4 --lr " + TINY_LR + ") "
                    + "(default ${DEFAULT-VALUE}).")
    DatasetName dataset;

    @Option(names = "--factor", paramLabel = "F", defaultValue = "0.5",
            description = "For circles: the inner circle's radius, above 0 and below 1 (default ${DEFAULT-VALUE}).")
    double factor;

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

    @Option(names = "--alpha", paramLabel = "A", defaultValue = "1e-4", description = "Weight of the L2 penalty alpha*sum(p^2) (default ${DEFAULT-VALUE}).")
    double alpha;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "100", description = "Training steps (default ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--lr", paramLabel = "LR", defaultValue = "1.0", description = "Initial learning rate; it falls linearly to a tenth (default ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--batch-size", paramLabel = "B", defaultValue = "0", description = "Samples per step, 0 for all of them (default ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--every", paramLabel = "N", defaultValue = "1", description = "Print every N-th step, and always the last (default ${DEFAULT-VALUE}).")
    int every;

    @Option(names = "--forget-zero-grad", description = "Skip zeroGrad() between steps: the classic bug, on purpose, to see what it does.")
    boolean forgetZeroGrad;

    @Option(names = "--svg", paramLabel = "FILE", description = "After training, write a picture: the decision boundary, and the loss and accuracy per step.")
    Path svg;

    @Option(names = "--log", paramLabel = "FILE", description = "Write step,loss,accuracy,lr to a CSV file, a row per step as training goes.")
    Path log;

    @Option(names = "--no-plot", description = "Do not draw the decision boundary.")
    boolean noPlot;

    @Option(names = "--width", paramLabel = "W", defaultValue = "60", description = "Plot width in characters, 10 to 400 (default ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", paramLabel = "H", defaultValue = "20", description = "Plot height in lines, 5 to 200 (default ${DEFAULT-VALUE}).")
    int height;

    static final int MAX_SAMPLES = 100_000;

    @Override
    public Integer call() {
        useTheLecturesSettingsForTiny();
        validate();
        PrintWriter out = spec.commandLine().getOut();
        NumpyRandom numpy = NumpyRandom.seeded(seed); // draws the data, then any minibatches
        Dataset data = makeData(numpy);
        MLP model = new MLP(data.inputs(), hidden, activation, PythonRandom.seeded(seed));
        var settings = new Settings(loss, alpha, steps, lr, batchSize, forgetZeroGrad);
        if (forgetZeroGrad) {
            out.println("*** --forget-zero-grad: the gradients are never set back to 0, so each step adds its gradient");
            out.println("*** to all the earlier ones and the updates follow a stale sum. This is the bug, on purpose.");
        }

        if (svg != null) requireWritable(spec.commandLine(), "--svg", svg); // before training, not after
        var history = new ArrayList<Step>();
        long start = System.nanoTime();
        boolean finished;
        try (CsvLog csv = log == null ? null : CsvLog.open(spec.commandLine(), "--log", log)) {
            finished = train(model, data, settings, numpy, step -> {
                history.add(step);
                if (csv != null) csv.write(step);
                if (step.step() % every == 0 || step.step() == steps - 1 || !Double.isFinite(step.loss())) {
                    out.println(stepLine(step));
                }
            });
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!finished) {
            out.flush();
            Step last = history.get(history.size() - 1);
            spec.commandLine().getErr().printf(Locale.ROOT,
                    "micrograd: the loss became %s at step %d; try a smaller --lr (it is %s)%n",
                    repr(last.loss()), last.step(), repr(lr));
            return 1;
        }
        long values = history.stream().mapToLong(Step::valuesCreated).sum();
        out.printf(Locale.ROOT, "trained %d %s in %.2f s (%.2f ms/step, %d values per step)%n",
                steps, steps == 1 ? "step" : "steps", seconds, steps == 0 ? 0 : 1000 * seconds / steps, steps == 0 ? 0 : values / steps);
        if (data.inputs() != 2) {
            out.println();
            predictions(model, data).forEach(out::println);
        } else if (!noPlot) {
            out.println();
            plot(model, data, width, height, terminalWantsColour()).forEach(out::println);
        }
        if (svg != null) {
            writeWhole(spec.commandLine(), "--svg", svg, svgPicture(model, data, history, title(data)));
            out.println();
            out.println("wrote " + svg);
        }
        out.flush();
        return 0;
    }

    /** The settings that matter, for the picture's title. */
    String title(Dataset data) {
        var sizes = new ArrayList<String>();
        sizes.add(String.valueOf(data.inputs()));
        for (int h : hidden) sizes.add(String.valueOf(h));
        sizes.add("1");
        return dataset.name().toLowerCase(Locale.ROOT) + ": MLP " + String.join("-", sizes) + ", "
                + activation.name().toLowerCase(Locale.ROOT) + ", " + loss.name().toLowerCase(Locale.ROOT) + " loss, "
                + steps + " steps, lr " + shortNumber(lr) + (batchSize > 0 ? ", batches of " + batchSize : "") + ", seed " + seed;
    }

    /** The training log: a header, then a complete row per step, flushed as it is written. */
    static final class CsvLog implements AutoCloseable {
        private final BufferedWriter writer;

        private CsvLog(BufferedWriter writer) { this.writer = writer; }

        static CsvLog open(CommandLine cmd, String option, Path path) {
            requireWritable(cmd, option, path);
            try {
                var log = new CsvLog(Files.newBufferedWriter(path));
                log.line("step,loss,accuracy,lr");
                return log;
            } catch (IOException e) {
                throw new ParameterException(cmd, "Invalid value for option '" + option + "': '" + path
                        + "'; expected a file that can be written (" + reason(e) + ")");
            }
        }

        void write(Step s) { line(s.step() + "," + repr(s.loss()) + "," + repr(s.accuracy()) + "," + repr(s.learningRate())); }

        private void line(String text) {
            try {
                writer.write(text + "\n");
                writer.flush(); // a run stopped midway leaves every row so far complete
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void close() {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
    Dataset makeData(NumpyRandom numpy) {
        return switch (dataset) {
            case MOONS -> moons(samples, noise, numpy);
            case CIRCLES -> circles(samples, noise, factor, numpy);
            case XOR -> xor(samples, noise, numpy);
            case SPIRAL -> spiral(samples, noise, numpy);
            case TINY -> tiny();
        };
    }

    /** The lecture trains its four examples with tanh, mean squared error and MLP(3, [4, 4, 1]). */
    void useTheLecturesSettingsForTiny() {
        if (dataset != DatasetName.TINY) return;
        var given = spec.commandLine().getParseResult();
        if (!given.hasMatchedOption("--activation")) activation = Activation.TANH;
        if (!given.hasMatchedOption("--loss")) loss = Loss.MSE;
        if (!given.hasMatchedOption("--hidden")) hidden = List.of(4, 4);
        if (!given.hasMatchedOption("--lr")) lr = TINY_LR;
    }

    static final double TINY_LR = 0.05;

    /** Each example next to its target and the model's prediction, for data that does not fit a 2-D plot. */
    static List<String> predictions(MLP model, Dataset data) {
        var lines = new ArrayList<String>();
        var rows = new ArrayList<String[]>();
        double squares = 0;
        for (int i = 0; i < data.size(); i++) {
            double prediction = model.apply(data.x()[i]).data;
            squares += (prediction - data.y()[i]) * (prediction - data.y()[i]);
            var inputs = new ArrayList<String>();
            for (double x : data.x()[i]) inputs.add(shortNumber(x));
            rows.add(new String[] {"[" + String.join(", ", inputs) + "]", shortNumber(data.y()[i]),
                    String.format(Locale.ROOT, "%.4f", prediction)});
        }
        lines.add(String.format(Locale.ROOT, "predictions (mean squared error %.3g):", squares / data.size()));
        lines.add(String.format("  %-18s %7s %11s", "input", "target", "prediction"));
        for (String[] row : rows) lines.add(String.format("  %-18s %7s %11s", row[0], row[1], row[2]));
        return lines;
    }

    /** One line per step, as the notebook prints it (Python's float formatting, so it reads the same). */
    static String stepLine(Step step) {
        return "step " + step.step() + " loss " + repr(step.loss()) + ", accuracy " + repr(step.accuracy()) + "%";
    }

    /** Every option within its bounds, or a one-line error naming it (then the usage, exit code 2). */
    void validate() {
        var cmd = spec.commandLine();
        require(cmd, samples >= 2 && samples <= MAX_SAMPLES, "--samples", samples, "a whole number from 2 to " + MAX_SAMPLES);
        require(cmd, Double.isFinite(noise) && noise >= 0, "--noise", noise, "a finite number >= 0");
        require(cmd, factor > 0 && factor < 1, "--factor", factor, "a number above 0 and below 1");
        require(cmd, seed >= 0 && seed <= 0xFFFF_FFFFL, "--seed", seed, "a whole number from 0 to 4294967295");
        for (int size : hidden) require(cmd, size >= 1 && size <= 1000, "--hidden", hidden, "layer sizes from 1 to 1000, e.g. 16,16");
        require(cmd, steps >= 0, "--steps", steps, "a whole number >= 0");
        require(cmd, Double.isFinite(lr) && lr > 0, "--lr", lr, "a finite number > 0");
        require(cmd, Double.isFinite(alpha) && alpha >= 0, "--alpha", alpha, "a finite number >= 0");
        int available = dataset == DatasetName.TINY ? tiny().size() : samples;
        require(cmd, batchSize >= 0 && batchSize <= available, "--batch-size", batchSize, "0 (all samples) up to the number of samples (" + available + ")");
        require(cmd, every >= 1, "--every", every, "a whole number >= 1");
        require(cmd, width >= 10 && width <= 400, "--width", width, "a whole number from 10 to 400");
        require(cmd, height >= 5 && height <= 200, "--height", height, "a whole number from 5 to 200");
    }

    static void require(CommandLine cmd, boolean ok, String option, Object value, String allowed) {
        if (!ok) {
            String shown = value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList()) : String.valueOf(value);
            throw new ParameterException(cmd, "Invalid value for option '" + option + "': '" + shown + "'; expected " + allowed);
        }
    }

    static void requireFinite(CommandLine cmd, String option, double value) {
        require(cmd, Double.isFinite(value), option, value, "a finite number");
    }

    // --- the course's subcommands ----------------------------------------------------------------

    @Command(name = "gradcheck", mixinStandardHelpOptions = true, sortOptions = false,
            header = "Check backward() against central differences, op by op.",
            description = "Checks backward() against a central difference (f(x+h) - f(x-h)) / 2h for every "
                    + "operation of Value at a few points, and for every parameter of a small MLP's loss. "
                    + "Exits with 1 if any check fails.")
    int gradcheckCommand(
            @Option(names = "--h", paramLabel = "H", defaultValue = "1e-6",
                    description = "The nudge h, above 0 and at most 0.1 (default ${DEFAULT-VALUE}).") double h,
            @Option(names = "--tolerance", paramLabel = "T", defaultValue = "1e-6",
                    description = "The largest relative error that passes, above 0 and below 1 (default ${DEFAULT-VALUE}).") double tolerance) {
        var cmd = spec.subcommands().get("gradcheck");
        require(cmd, Double.isFinite(h) && h > 0 && h <= 0.1, "--h", h, "a number above 0 and at most 0.1");
        require(cmd, Double.isFinite(tolerance) && tolerance > 0 && tolerance < 1, "--tolerance", tolerance, "a number above 0 and below 1");
        var checks = new ArrayList<>(checkOperations(operations(), h));
        checks.addAll(checkNetwork(h));
        PrintWriter out = cmd.getOut();
        gradcheckTable(checks, tolerance).forEach(out::println);
        var failed = checks.stream().filter(c -> !c.ok(tolerance)).toList();
        long skipped = checks.stream().filter(c -> c.skipped() != null).count();
        out.printf("%d checks: %d passed, %d skipped (no derivative there), %d failed%n",
                checks.size(), checks.size() - skipped - failed.size(), skipped, failed.size());
        for (GradCheck c : failed) {
            out.printf(Locale.ROOT, "FAILED: %s: backward() gives %s, the central difference %s%n", c.what(), repr(c.analytic()), repr(c.numeric()));
        }
        out.flush();
        return failed.isEmpty() ? 0 : 1;
    }

    static List<String> gradcheckTable(List<GradCheck> checks, double tolerance) {
        int width = checks.stream().mapToInt(c -> c.what().length()).max().orElse(4);
        var lines = new ArrayList<String>();
        lines.add(String.format("%-" + width + "s  %16s  %16s  %10s  %s", "what", "backward()", "central diff.", "rel. error", "ok"));
        for (GradCheck c : checks) {
            lines.add(c.skipped() != null
                    ? String.format("%-" + width + "s  skipped: %s", c.what(), c.skipped())
                    : String.format(Locale.ROOT, "%-" + width + "s  %16.9f  %16.9f  %10.1e  %s", c.what(), c.analytic(),
                            c.numeric(), c.relativeError(), c.ok(tolerance) ? "ok" : "FAILED"));
        }
        return lines;
    }

    @Command(name = "graph", mixinStandardHelpOptions = true, sortOptions = false,
            header = "Show one neuron's computation graph with its gradients.",
            description = "Shows the computation graph of one neuron, o = activation(x1*w1 + x2*w2 + b), after "
                    + "forward and backward: every Value with its operation, data and gradient. "
                    + "The defaults are the lecture's, which give o = 0.7071.")
    int graphCommand(
            @Option(names = "--x1", paramLabel = "X1", defaultValue = "2.0", description = "First input (default ${DEFAULT-VALUE}).") double x1,
            @Option(names = "--x2", paramLabel = "X2", defaultValue = "0.0", description = "Second input (default ${DEFAULT-VALUE}).") double x2,
            @Option(names = "--w1", paramLabel = "W1", defaultValue = "-3.0", description = "First weight (default ${DEFAULT-VALUE}).") double w1,
            @Option(names = "--w2", paramLabel = "W2", defaultValue = "1.0", description = "Second weight (default ${DEFAULT-VALUE}).") double w2,
            @Option(names = "--b", paramLabel = "B", defaultValue = "6.8813735870195432", description = "Bias (default ${DEFAULT-VALUE}).") double b,
            @Option(names = "--activation", paramLabel = "A", defaultValue = "tanh",
                    description = "relu, tanh or linear (default ${DEFAULT-VALUE}).") Activation activation,
            @Option(names = "--dot", paramLabel = "FILE",
                    description = "Also write the graph as Graphviz DOT to FILE (render: dot -Tsvg FILE -o graph.svg).") Path dotFile) {
        var cmd = spec.subcommands().get("graph");
        for (var option : List.of(Map.entry("--x1", x1), Map.entry("--x2", x2), Map.entry("--w1", w1), Map.entry("--w2", w2), Map.entry("--b", b))) {
            requireFinite(cmd, option.getKey(), option.getValue());
        }
        Value o = neuron(x1, x2, w1, w2, b, activation);
        if (dotFile != null) writeWhole(cmd, "--dot", dotFile, dot(o));
        PrintWriter out = cmd.getOut();
        out.println("o = " + activation.name().toLowerCase(Locale.ROOT) + "(x1*w1 + x2*w2 + b), after o.backward():");
        out.println();
        tree(o).forEach(out::println);
        if (dotFile != null) {
            out.println();
            out.println("wrote " + dotFile + "; render it with:  dot -Tsvg " + dotFile + " -o graph.svg");
        }
        out.flush();
        return 0;
    }

    @Command(name = "by-hand", mixinStandardHelpOptions = true, sortOptions = false,
            header = "Write out gradient descent on one weight, step by step.",
            description = "One weight, pred = w*x, loss = (pred - t)^2: each gradient-descent step written out, "
                    + "with the numbers computed by Value and backward().")
    int byHandCommand(
            @Option(names = "--w", paramLabel = "W", defaultValue = "3", description = "Starting weight (default ${DEFAULT-VALUE}).") double w,
            @Option(names = "--x", paramLabel = "X", defaultValue = "2", description = "Input (default ${DEFAULT-VALUE}).") double x,
            @Option(names = "--target", paramLabel = "T", defaultValue = "2", description = "Target t (default ${DEFAULT-VALUE}).") double target,
            @Option(names = "--lr", paramLabel = "LR", defaultValue = "0.1", description = "Learning rate, above 0 (default ${DEFAULT-VALUE}).") double lr,
            @Option(names = "--steps", paramLabel = "N", defaultValue = "3", description = "Steps, 1 to 1000 (default ${DEFAULT-VALUE}).") int steps) {
        var cmd = spec.subcommands().get("by-hand");
        requireFinite(cmd, "--w", w);
        requireFinite(cmd, "--x", x);
        requireFinite(cmd, "--target", target);
        require(cmd, Double.isFinite(lr) && lr > 0, "--lr", lr, "a finite number above 0");
        require(cmd, steps >= 1 && steps <= 1000, "--steps", steps, "a whole number from 1 to 1000");
        PrintWriter out = cmd.getOut();
        byHandReport(byHand(w, x, target, lr, steps), x, target, lr).forEach(out::println);
        out.flush();
        return 0;
    }

    /**
     * Writes a file whole or not at all: first beside it under a temporary name, then moved into place.
     * A path that cannot be written is a usage error naming the option and the path.
     */
    static void writeWhole(CommandLine cmd, String option, Path path, String text) {
        requireWritable(cmd, option, path);
        Path target = path.toAbsolutePath();
        Path temporary = null;
        try {
            // beside the target, so that the move is a rename within one folder
            temporary = target.resolveSibling("." + target.getFileName() + "." + ProcessHandle.current().pid() + ".part");
            Files.writeString(temporary, text, StandardOpenOption.CREATE_NEW);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            require(cmd, false, option, path, "a file that can be written (" + reason(e) + ")");
        } finally {
            try {
                if (temporary != null) Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // nothing more to clean up
            }
        }
    }

    /** Fails early, with a usage error, if the file could clearly not be written. */
    static void requireWritable(CommandLine cmd, String option, Path path) {
        Path target = path.toAbsolutePath();
        require(cmd, !path.toString().isEmpty(), option, path, "a file name");
        require(cmd, !Files.isDirectory(target), option, path, "a file name; that is a directory");
        require(cmd, Files.isDirectory(target.getParent()), option, path, "a file in an existing folder (no such folder)");
        require(cmd, Files.isWritable(target.getParent()) && (!Files.exists(target) || Files.isWritable(target)),
                option, path, "a file that can be written (permission denied)");
    }

    /** What went wrong with a file, in a few words. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) return "no such folder";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
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
    // 11. Reproducing the notebook: random numbers exactly as NumPy and Python make them
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

        /** np.random.seed(seed), for 0 <= seed < 2^32. */
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

        /** np.random.permutation(n): 0..n-1 shuffled by Fisher-Yates from the last position down. */
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

        /** random.seed(seed) for a whole number seed >= 0: the seed's 32-bit words, low word first. */
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
        int point = d.length() - shortest.scale(); // x = 0.d * 10^point
        if (point <= -4 || point > 16) { // scientific, as 1e-05 or 1.5e+16
            String mantissa = d.length() == 1 ? d : d.charAt(0) + "." + d.substring(1);
            int exponent = point - 1;
            return mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(exponent));
        }
        if (point <= 0) return "0." + "0".repeat(-point) + d;
        if (point >= d.length()) return d + "0".repeat(point - d.length()) + ".0";
        return d.substring(0, point) + "." + d.substring(point);
    }

    /** A number to 6 significant digits, without trailing zeros: 16, 0.64, 0.0256, 1.4. */
    static String shortNumber(double x) {
        if (!Double.isFinite(x)) return repr(x);
        if (x == 0) return "0";
        return new BigDecimal(x).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /** A number as it reads best in a label: 2 rather than 2.0. */
    static String number(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? String.valueOf((long) x) : repr(x);
    }
}
