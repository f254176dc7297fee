///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DESCRIPTION Karpathy's micrograd in Java: trains an MLP on two moons with a scalar autograd engine
//DEPS info.picocli:picocli:4.7.7
//COMPILE_OPTIONS -XDstringConcat=inline
//FILES web/replay.html=web/replay.html
//FILES web/trace.html=web/trace.html
//RUNTIME_OPTIONS -XX:+UseSerialGC -Xms48m -Xmn32m -XX:+AlwaysPreTouch

/*
 * micrograd for Java: Andrej Karpathy's micrograd (github.com/karpathy/micrograd) in one file, a tiny
 * autograd engine and a neural network that learns to separate two moons.
 *
 * Run it with jbang Micrograd.java (--help lists every option and the commands graph, trace, gradcheck...).
 * The // lines tell JBang the Java version, the library to fetch (picocli, for the command line), the pages
 * to pack with the program, and the JVM's options (one thread of garbage collection, a young generation
 * that holds some twenty steps' Values).
 *
 * Sections 1-8 are the lesson, in the order the course teaches it; each uses only what came before.
 *    1. Value       a number that remembers how it was made, and backward(): the chain rule
 *    2. A neuron    the lecture's neuron built out of Values by hand, o = tanh(x1*w1 + x2*w2 + b)
 *    3. Gradcheck   backward() against the slope measured by nudging an input
 *    4. Network     Module, Neuron, Layer, MLP
 *    5. Losses      how wrong the network is, as one Value: SVM hinge, mean squared error, L2
 *    6. Descent     stepping every parameter against its gradient, and one step by hand
 *    7. Data        the two moons, and the lecture's four examples
 *    8. Training    the loop: forward, zero the gradients, backward, update
 * After a banner comes the plumbing, which you may skip: more datasets, the command line, printing, pictures,
 * pages, your own expressions, trace, JShell, and the random numbers of NumPy and Python that make the defaults
 * reproduce micrograd's demo.ipynb number for number.
 */

// The classes live in a package because JShell cannot see the default package, and the play command
// opens JShell on them. A single-file program does not have to sit in a folder named after its package.
package micrograd;

import java.io.*;
import java.math.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.Callable;
import java.util.function.*;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.*;
import picocli.CommandLine.Model.CommandSpec;

public class Micrograd {

    // =============================================================================================
    // 1. Value: a number that remembers how it was made
    // =============================================================================================

    /**
     * Every operation on Values returns a new Value that keeps its inputs and, for each input, the local
     * derivative: how fast the result moves as that input moves (that of a * b with respect to a is b).
     * backward() then walks the graph back from the result, applying the chain rule at each Value. A Value
     * keeps its local derivatives as numbers, worked out when it is made, as Karpathy's microgpt.py does
     * (micrograd's engine.py keeps a small _backward function that reads the inputs' data when backward()
     * runs: the same gradients, unless a data is changed in between). Arithmetic follows IEEE 754, as
     * PyTorch's does (Python's micrograd raises ZeroDivisionError): 1/0 is Infinity, log(-1) is NaN.
     */
    public static final class Value {
        public double data;           // the number itself
        public double grad;           // d(the result backward() ran on)/d(this); 0 until backward() runs
        public String label = "";     // a name, for printing graphs
        final String op;              // the operation that made it: "+", "*", "tanh", ... ("" for an input)
        final Value[] inputs;         // the Values it was made from (none for an input)
        final double[] localGrads;    // for each input, d(this)/d(input)

        public Value(double data) { this(data, "", new Value[0]); }

        public Value(double data, String label) { this(data); this.label = label; }

        Value(double data, String op, Value[] inputs, double... localGrads) {
            this.data = data;
            this.op = op;
            this.inputs = inputs;
            this.localGrads = localGrads;
        }

        /** a + b.  d/da = 1, d/db = 1 */
        public Value add(Value o) { return new Value(data + o.data, "+", new Value[] {this, o}, 1, 1); }

        /** a * b.  d/da = b, d/db = a */
        public Value mul(Value o) { return new Value(data * o.data, "*", new Value[] {this, o}, o.data, data); }

        /** a ** k, for a number k.  d/da = k * a^(k-1) */
        public Value pow(double k) {
            String name = k == (long) k ? Long.toString((long) k) : Double.toString(k); // **2, not **2.0
            return new Value(Math.pow(data, k), "**" + name, new Value[] {this}, k * Math.pow(data, k - 1));
        }

        /** max(0, a).  d/da = 1 where a > 0, else 0 (at exactly 0 too, as micrograd) */
        public Value relu() { return new Value(data < 0 ? 0 : data, "relu", new Value[] {this}, data > 0 ? 1 : 0); }

        /** tanh(a).  d/da = 1 - tanh(a)^2 */
        public Value tanh() { double t = Math.tanh(data); return new Value(t, "tanh", new Value[] {this}, 1 - t * t); }

        /** e^a.  d/da = e^a */
        public Value exp() { double e = Math.exp(data); return new Value(e, "exp", new Value[] {this}, e); }

        /** ln(a).  d/da = 1/a */
        public Value log() { return new Value(Math.log(data), "log", new Value[] {this}, 1 / data); }

        /**
         * b + w0*x0 + w1*x1 + ..., the weighted sum a neuron (section 4) makes of its inputs, as one Value: the
         * same number as micrograd's sum of products, added in the same order, but one Value where micrograd
         * makes two a term (wi*xi, then +): a training step of the default run makes 8,314 Values, not 65,000.
         * d/db = 1, d/dwi = xi, d/dxi = wi (each product's, as for a * b)
         */
        public static Value weightedSum(Value b, List<Value> w, List<Value> x) {
            var inputs = new Value[1 + 2 * w.size()];
            var localGrads = new double[inputs.length];
            double sum = b.data;
            inputs[0] = b;
            localGrads[0] = 1;
            for (int i = 0; i < w.size(); i++) {
                sum += w.get(i).data * x.get(i).data;
                inputs[2 * i + 1] = w.get(i);
                localGrads[2 * i + 1] = x.get(i).data;
                inputs[2 * i + 2] = x.get(i);
                localGrads[2 * i + 2] = w.get(i).data;
            }
            return new Value(sum, "wx+b", inputs, localGrads);
        }

        // built from the ones above, as micrograd builds them
        public Value neg() { return mul(-1); }                       // -a = a * -1
        public Value sub(Value o) { return add(o.neg()); }           // a - b = a + (-b)
        public Value div(Value o) { return mul(o.pow(-1)); }         // a / b = a * b^-1
        public Value add(double o) { return add(new Value(o)); }
        public Value mul(double o) { return mul(new Value(o)); }
        public Value sub(double o) { return sub(new Value(o)); }
        public Value div(double o) { return div(new Value(o)); }
        public static Value sub(double c, Value v) { return v.neg().add(c); }     // c - v
        public static Value div(double c, Value v) { return v.pow(-1).mul(c); }  // c / v

        /** v0 + v1 + ... + vn, added left to right as Python's sum() adds them (it starts from 0: the same number). */
        public static Value sum(List<Value> values) {
            Value total = values.get(0);
            for (Value v : values.subList(1, values.size())) total = total.add(v);
            return total;
        }

        /** Plain numbers as input Values: listOf(2, 3) is [Value(2), Value(3)]. */
        public static List<Value> listOf(double... numbers) {
            var values = new ArrayList<Value>(numbers.length);
            for (double x : numbers) values.add(new Value(x));
            return values;
        }

        /**
         * Fills in grad = d(this)/d(v) for every Value v this one was made from. As micrograd: list each
         * Value after its inputs, set this one's grad to 1, and walk the list backwards, so that a Value's
         * grad is complete before it passes it on. Gradients add up (+=): a Value used twice (p in p * p)
         * gets what each use passes back. So they must be set to 0 before the next backward().
         */
        public void backward() {
            List<Value> topo = topologicalOrder();
            grad = 1; // d(this)/d(this)
            for (int k = topo.size() - 1; k >= 0; k--) {
                Value v = topo.get(k);
                for (int i = 0; i < v.inputs.length; i++) v.inputs[i].grad += v.localGrads[i] * v.grad;
            }
        }

        /** micrograd's build_topo, depth first; with a stack of its own, as Java's overflows some 10,000 calls deep. */
        List<Value> topologicalOrder() {
            var topo = new ArrayList<Value>();
            var visited = new HashSet<Value>(List.of(this));    // a Value is equal only to itself
            var path = new ArrayDeque<Value>(List.of(this));     // the Values being visited, the latest on top
            var nextInput = new ArrayDeque<Integer>(List.of(0)); // for each of them, which input to visit next
            while (!path.isEmpty()) {
                Value v = path.peek();
                int i = nextInput.pop();
                while (i < v.inputs.length && !visited.add(v.inputs[i])) i++; // skip inputs seen already
                if (i == v.inputs.length) {         // all its inputs are listed: list v
                    topo.add(path.pop());
                } else {                            // visit input i, then come back for the rest
                    nextInput.push(i + 1);
                    path.push(v.inputs[i]);
                    nextInput.push(0);
                }
            }
            return topo;
        }

        /** The Values this one was made from (as micrograd's _prev). */
        public List<Value> inputs() { return List.of(inputs); }

        @Override
        public String toString() { return "Value(data=" + data + ", grad=" + grad + ")"; }
    }

    // =============================================================================================
    // 2. A neuron by hand: o = activation(x1*w1 + x2*w2 + b), every Value named
    // =============================================================================================

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

    /**
     * The lecture's neuron, every Value labelled, forward and backward already run. With the
     * lecture's numbers (x1 = 2, x2 = 0, w1 = -3, w2 = 1, b = 6.8813735870195432, tanh) o = 0.7071,
     * and the gradients are the lecture's: x1 -1.5, w1 1, x2 0.5, w2 0 (x2 is 0), b and n 0.5, as 1 - o^2.
     * The graph command prints them all.
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

    // =============================================================================================
    // 3. Gradcheck: is backward() right? Compare it with the slope measured by a nudge
    // =============================================================================================
    //
    // The derivative is a slope, and a slope can be measured: (f(x + h) - f(x - h)) / 2h comes
    // within about h^2 of it. If backward() is right, the two agree to many digits.

    /**
     * One comparison: the gradient from backward() next to the measured slope. skipped says why there is
     * nothing to compare: a relu exactly at its kink, an operation without a derivative there (log at 0), or
     * a slope the nudge cannot measure. A skipped check does not count against backward().
     */
    record GradCheck(String what, double analytic, double numeric, String skipped) {
        /** The difference relative to the larger of the two, or plain where both are below 1. */
        double relativeError() {
            double scale = Math.max(1, Math.max(Math.abs(analytic), Math.abs(numeric)));
            return Math.abs(analytic - numeric) / scale;
        }

        boolean ok(double tolerance) { return skipped != null || relativeError() <= tolerance; }
    }

    /**
     * d f / d x_i at the point {@code at}: by backward(), and by nudging x_i by +/-h. Where the nudge cannot
     * measure the slope, the check is skipped: at a relu's kink (its input exactly 0), or where nudging by 2h
     * measures a slope that differs by more than the tolerance: the measurement itself is off by about that
     * much (a kink within the nudge, a curve too sharp for h, rounding larger than the nudge).
     */
    static GradCheck checkInput(String what, Function<List<Value>, Value> f, double[] at, int i, double h,
                                double tolerance) {
        List<Value> inputs = Value.listOf(at);
        Value result = f.apply(inputs);
        result.backward();
        double analytic = inputs.get(i).grad, slope = slope(f, at, i, h), wider = slope(f, at, i, 2 * h);
        double scale = Math.max(1, Math.max(Math.abs(analytic), Math.abs(slope)));
        boolean kink = result.topologicalOrder().stream().anyMatch(v -> v.op.equals("relu") && v.inputs[0].data == 0);
        String skipped = kink ? "relu has a kink at 0" : Math.abs(wider - slope) <= tolerance * scale ? null
                : String.format(Locale.ROOT, "the nudge cannot measure it here (with 2h the slope is %.9f)", wider);
        return new GradCheck(what, analytic, slope, skipped);
    }

    /** The central difference (f(x + h) - f(x - h)) / 2h, x_i nudged. */
    static double slope(Function<List<Value>, Value> f, double[] at, int i, double h) {
        double[] plus = at.clone(), minus = at.clone();
        plus[i] += h;
        minus[i] -= h;
        return (f.apply(Value.listOf(plus)).data - f.apply(Value.listOf(minus)).data) / (2 * h);
    }

    /**
     * d loss / d p for a parameter p inside a bigger computation: nudge p, measure, put it back. p.grad
     * is what loss.get().backward() gave, run before this (once for all the parameters).
     */
    static GradCheck checkParameter(String what, Value p, Supplier<Value> loss, double h) {
        double original = p.data;
        p.data = original + h;
        double up = loss.get().data;
        p.data = original - h;
        double down = loss.get().data;
        p.data = original;
        return new GradCheck(what, p.grad, (up - down) / (2 * h), null);
    }

    // =============================================================================================
    // 4. The network: Module, Neuron, Layer, MLP (PyTorch: nn.Module, a row of nn.Linear, ...)
    // =============================================================================================

    /** Anything with parameters to learn (PyTorch: torch.nn.Module). */
    public abstract static class Module {
        public abstract List<Value> parameters();

        /** Sets every parameter's gradient back to 0 (PyTorch: zero_grad()). */
        public void zeroGrad() {
            for (Value p : parameters()) p.grad = 0;
        }
    }

    /** Where initial weights come from: Python's random.uniform(-1, 1), as PythonRandom (plumbing) draws it. */
    public interface Uniform {
        double uniform(double low, double high);
    }

    /** One neuron: activation(b + w0*x0 + w1*x1 + ...), weights uniform in [-1, 1], bias 0. */
    public static final class Neuron extends Module {
        final List<Value> w = new ArrayList<>();
        final Value b = new Value(0);
        final Activation activation;

        public Neuron(int inputs, Activation activation, Uniform random) {
            for (int i = 0; i < inputs; i++) w.add(new Value(random.uniform(-1, 1)));
            this.activation = activation;
        }

        public Value apply(List<Value> x) {
            return activation.apply(Value.weightedSum(b, w, x)); // b + w0*x0 + w1*x1 + ..., micrograd's order
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

    /** Neurons side by side, each seeing the same inputs (PyTorch: nn.Linear and an activation). */
    public static final class Layer extends Module {
        final List<Neuron> neurons = new ArrayList<>();

        public Layer(int inputs, int outputs, Activation activation, Uniform random) {
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
     * activation, then one linear neuron, as micrograd's MLP(2, [16, 16, 1]) (PyTorch: nn.Sequential).
     */
    public static final class MLP extends Module {
        final List<Layer> layers = new ArrayList<>();

        public MLP(int inputs, List<Integer> hidden, Activation activation, Uniform random) {
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
    // 5. Losses: how wrong the network is, as one Value
    // =============================================================================================

    public enum Loss { HINGE, MSE }

    /** SVM max-margin loss: the mean over samples of relu(1 - y*score); 0 once every y*score >= 1. */
    public static Value hingeLoss(List<Value> scores, double[] labels) {
        var losses = new ArrayList<Value>(scores.size());
        for (int i = 0; i < scores.size(); i++) losses.add(scores.get(i).mul(-labels[i]).add(1).relu());
        return Value.sum(losses).mul(1.0 / losses.size()); // the mean, as the notebook computes it
    }

    /** Mean squared error: the mean over samples of (score - y)^2 (the lecture sums them: 4 times this on its 4). */
    public static Value meanSquaredError(List<Value> scores, double[] labels) {
        var losses = new ArrayList<Value>(scores.size());
        for (int i = 0; i < scores.size(); i++) losses.add(scores.get(i).sub(labels[i]).pow(2));
        return Value.sum(losses).mul(1.0 / losses.size());
    }

    /** L2 regularisation: alpha * sum(p^2). It keeps the weights small, and so the boundary smooth. */
    public static Value l2(List<Value> parameters, double alpha) {
        var squares = new ArrayList<Value>(parameters.size());
        for (Value p : parameters) squares.add(p.mul(p));
        return Value.sum(squares).mul(alpha);
    }

    // =============================================================================================
    // 6. Gradient descent: every parameter a small step against its gradient
    // =============================================================================================

    /** One step downhill (PyTorch: optim.SGD(...).step()). */
    public static void sgdStep(List<Value> parameters, double learningRate) {
        for (Value p : parameters) p.data -= learningRate * p.grad;
    }

    /** The demo's schedule: lr at step 0, falling linearly towards a tenth of it. */
    static double learningRate(double lr, int step, int steps) {
        return lr * (1.0 - 0.9 * step / steps);
    }

    /** One step of gradient descent on one weight, every number in it. */
    record HandStep(int step, double w, double prediction, double loss, double gradient, double newW) {}

    /**
     * The smallest model there is, by hand: pred = w*x, loss = (pred - target)^2. The engine finds
     * dL/dw; the chain rule says it is 2*(pred - target)*x, and the by-hand command writes that out.
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

    // =============================================================================================
    // 7. Data: the two moons, and the lecture's four examples (more datasets after the lesson)
    // =============================================================================================

    /** Points x (one row per sample) with labels y of -1 or +1. */
    public record Dataset(double[][] x, double[] y) {
        public int size() { return y.length; }

        public int inputs() { return x[0].length; }

        @Override
        public String toString() { return "Dataset(" + size() + " samples, " + inputs() + " inputs each)"; }

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

    /** The random draws the datasets and minibatches need: NumPy's, as NumpyRandom (plumbing) draws them. */
    public interface Draws {
        double random();                 // uniform in [0, 1)
        double gaussian();               // standard normal
        int[] permutation(int n);        // 0 .. n-1 in random order
    }

    /**
     * Two interleaving half circles, as scikit-learn's make_moons builds them: n/2 "outer" points
     * (cos t, sin t) labelled -1 and the rest "inner" points (1 - cos t, 1 - sin t - 0.5) labelled +1,
     * t evenly spaced over [0, pi]; then the samples are shuffled and Gaussian noise is added.
     */
    public static Dataset moons(int samples, double noise, Draws random) {
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

    /** The i-th of n numbers evenly spaced from 0 to pi, as NumPy's linspace: i*(pi/(n-1)), the last pi. */
    static double linspaceToPi(int i, int n) {
        if (n == 1) return 0;
        return i == n - 1 ? Math.PI : i * (Math.PI / (n - 1));
    }

    /** Shuffles the samples, then adds noise to each coordinate: sample by sample, x then y. */
    static Dataset shuffleAndAddNoise(Dataset data, double noise, Draws random) {
        Dataset shuffled = data.select(random.permutation(data.size()));
        var x = new double[data.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = shuffled.x()[i].clone();
            for (int j = 0; j < x[i].length; j++) x[i][j] += noise * random.gaussian();
        }
        return new Dataset(x, shuffled.y());
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

    /**
     * What the trainer needs besides the model and the data: batchSize 0 means every sample each step (the
     * notebook's batch_size=None); forgetZeroGrad skips step 2 on purpose, to show why it is there.
     */
    record Settings(Loss loss, double alpha, int steps, double lr, int batchSize, boolean forgetZeroGrad) {}

    /** The report of one step: the loss and accuracy (in %) of its forward pass, before its update. */
    record Step(int step, double loss, double accuracy, double learningRate) {}

    /** Trains the model, reporting every step to onStep; returns false if the run went wrong (see diverged). */
    static boolean train(MLP model, Dataset data, Settings settings, Draws random, Consumer<Step> onStep) {
        double first = 0; // the first step's loss
        for (int k = 0; k < settings.steps(); k++) {
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

            onStep.accept(new Step(k, loss.data, accuracy(scores, batch.y()), lr));
            if (k == 0) first = loss.data;
            // not in micrograd: stop a run that blew up (with forgetZeroGrad the loss climbs by design: stop at NaN)
            if (settings.forgetZeroGrad() ? !Double.isFinite(loss.data) : diverged(loss.data, first)) return false;
        }
        return true;
    }

    /** A run has gone wrong when its loss is NaN or infinite, or over 1000 times its first (or 1000, below 1). */
    static boolean diverged(double loss, double first) {
        return !Double.isFinite(loss) || loss > 1000 * Math.max(1, first);
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
    static Dataset minibatch(Dataset data, int size, Draws random) {
        return data.select(Arrays.copyOf(random.permutation(data.size()), size));
    }

    /** The percentage of samples on the right side of zero (a score of exactly 0 counts as class -1). */
    static double accuracy(List<Value> scores, double[] labels) {
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            if ((labels[i] > 0) == (scores.get(i).data > 0)) right++;
        }
        return 100.0 * right / labels.length;
    }

    // #############################################################################################
    //
    //      THE LESSON ENDS HERE.  What follows is plumbing, which you may skip: each part is a
    //      small class that prints, draws, writes files, reads the command line, or makes the
    //      random numbers that reproduce the notebook.
    //
    // #############################################################################################

    // =============================================================================================
    // Plumbing: more data: circles, xor and spirals, made as the moons are (--dataset)
    // =============================================================================================

    /**
     * Two circles, one inside the other, as scikit-learn's make_circles builds them: n/2 points on the
     * unit circle labelled -1 and the rest on a circle of radius {@code factor} labelled +1, at angles
     * evenly spaced over [0, 2pi); then shuffled, then noise, as for the moons.
     */
    public static Dataset circles(int samples, double noise, double factor, Draws random) {
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
     * where they differ; then shuffled, with noise, as the moons are. No straight line separates the
     * classes: a network must bend.
     */
    public static Dataset xor(int samples, double noise, Draws random) {
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
     * The first n/2 points form the arm labelled -1, the rest the arm labelled +1; then shuffled, noise.
     */
    public static Dataset spiral(int samples, double noise, Draws random) {
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

    /** The program: the command line, as picocli reads it (see Cli). */
    public static void main(String[] args) {
        System.exit(Cli.configure(new CommandLine(new TrainCommand())).execute(args));
    }

    // =============================================================================================
    // Plumbing: the command line
    // =============================================================================================

    /** How the commands of both programs answer: a mistake in one line and exit code 2, never a stack trace. */
    static final class Cli {
        private Cli() {}

        static final String VERSION = "1.0"; // the project's version, for every command's --version

        static CommandLine configure(CommandLine cmd) {
            cmd.setOut(new PrintWriter(System.out, true)); // checkError() then tells of a reader gone (| head)
            cmd.setExpandAtFiles(false);                   // @file is a word like any other
            cmd.setOverwrittenOptionsAllowed(true);        // an option given twice takes its last value
            cmd.setCaseInsensitiveEnumValuesAllowed(true); // --activation tanh
            cmd.setParameterExceptionHandler((e, args) -> {
                CommandLine failed = e.getCommandLine();
                var err = failed.getErr();
                err.println(e.getMessage());
                UnmatchedArgumentException.printSuggestions(e, err);
                err.print(failed.getHelp().synopsisHeading() + failed.getHelp().synopsis(0));
                err.println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
                return 2;
            });
            cmd.setExecutionExceptionHandler((e, failed, parsed) -> {
                if (e instanceof ReaderGone) return 141; // as a shell reports a program stopped by SIGPIPE
                failed.getErr().println(failed.getCommandName() + ": " + (e.getMessage() == null ? e : e.getMessage()));
                return 1;
            });
            cmd.setExecutionStrategy(parsed -> { // --steps 5 graph would train nothing and ignore --steps
                if (parsed.subcommand() != null && !parsed.matchedOptions().isEmpty()) {
                    throw new ParameterException(cmd, "Option '" + parsed.matchedOptions().get(0).longestName()
                            + "' is for " + cmd.getCommandName() + " without a command; the command '"
                            + parsed.subcommand().commandSpec().name() + "' does not take it");
                }
                return new RunLast().execute(parsed);
            });
            return cmd;
        }

        /** The reader of standard output has gone (| head -1): the run stops, quietly. */
        static final class ReaderGone extends RuntimeException {}

        /** Stops the run, quietly, if no one reads what was printed any more (which flushes it). */
        static void stopIfUnread(PrintWriter out) {
            if (out.checkError()) throw new ReaderGone();
        }

        /** A usage error unless each of these options' numbers is from -1000000 to 1000000 (no sum overflows). */
        static void checkInputs(CommandSpec spec, String... options) {
            for (String option : options) {
                double value = (double) spec.findOption(option).getValue();
                check(spec, Math.abs(value) <= 1e6, option, "a number from -1000000 to 1000000");
            }
        }

        /** A usage error unless ok: "Invalid value for option '--x': 'v'; expected <allowed>". */
        static void check(CommandSpec spec, boolean ok, String option, String allowed) {
            if (ok) return;
            var typed = spec.commandLine().getParseResult().matchedOption(option);
            Object value = typed == null ? spec.findOption(option).defaultValue()
                    : typed.originalStringValues().get(typed.originalStringValues().size() - 1);
            throw new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': '" + value
                    + "'; expected " + allowed);
        }

        static final String SEEDS = "a whole number from 0 to 4294967295"; // NumPy's seeds are 32-bit

        /** Both programs' last line of training: how long it took, and how many Values a step made. */
        static String trainedLine(int steps, double seconds, long values) {
            return String.format(Locale.ROOT, "trained %d %s in %.2f s (%.2f ms/step, %d values per step)",
                    steps, steps == 1 ? "step" : "steps", seconds, steps == 0 ? 0 : 1000 * seconds / steps, values);
        }

        /** Both programs' hint when a run has gone wrong (see diverged()), naming the option most likely at fault. */
        static String divergedLine(String program, double loss, int step, String option, double value) {
            return String.format(Locale.ROOT, "%s: the loss became %s at step %d%s; try a smaller %s (it is %s)",
                    program, Numbers.repr(loss), step, Double.isFinite(loss) ? ", over 1000 times its first value" : "",
                    option, Numbers.repr(value));
        }
    }

    // =============================================================================================
    // Plumbing: files
    // =============================================================================================

    /**
     * One rule for every file the programs write (--svg, --log, --html, draw(v, file)): an output writes
     * its file whole, through links, as > would; but it replaces an existing file only if that file is
     * empty or already holds what this output writes (it starts as such a file does). Anything else, a
     * program, the launcher, the names, your notes, is refused before any work. A device or a pipe
     * (/dev/null, a FIFO) is written as > writes it; - and /dev/stdout print to standard output.
     */
    record Output(String option, Path file, String start, String what) {
        static Output svg(String option, Path file) {
            return new Output(option, file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg ", "an SVG picture");
        }

        static Output page(String option, Path file) {
            return new Output(option, file, Page.START, "a page");
        }

        static Output log(String option, Path file, String header) {
            return new Output(option, file, header + "\n", "a log that starts " + header);
        }

        boolean prints() { return file.toString().equals("-") || file.toString().equals("/dev/stdout"); }

        /** Refuses, as a usage error, a file this output may not write, and two outputs that name one file. */
        static void check(CommandLine cmd, Output... outputs) {
            for (int i = 0; i < outputs.length; i++) {
                Output o = outputs[i];
                if (o == null || o.prints()) continue;
                String problem = Files.isDirectory(o.file) ? "it is a folder"
                        : !Files.isDirectory(o.target().getParent()) ? "there is no such folder"
                        : Files.isRegularFile(o.file) && !o.holdsItsKind() ? "it holds something else"
                        : null;
                boolean device = Files.exists(o.file) && !Files.isRegularFile(o.file); // /dev/null: as often as asked
                for (int j = 0; j < i && problem == null && !device; j++) {
                    if (outputs[j] != null && same(outputs[j], o)) problem = outputs[j].option + " names it";
                }
                if (problem != null) {
                    throw new ParameterException(cmd, "Invalid value for option '" + o.option + "': '" + o.file
                            + "'; expected a new file, an empty one, or " + o.what + " (" + problem + ")");
                }
            }
        }

        private boolean holdsItsKind() {
            try (var in = Files.newInputStream(file)) {
                String begins = new String(in.readNBytes(start.length()), StandardCharsets.UTF_8);
                return begins.isEmpty() || begins.equals(start);
            } catch (IOException e) {
                return true; // what cannot be read cannot be lost: writing it will say what is wrong
            }
        }

        private static boolean same(Output a, Output b) {
            try {
                return Files.isSameFile(a.file, b.file);
            } catch (IOException e) { // one of them does not exist yet
                return a.target().equals(b.target());
            }
        }

        /** The file this output writes: a link followed to where it points, the folders by their real names. */
        Path target() {
            Path p = file.toAbsolutePath();
            for (int hops = 0; hops < 40 && Files.isSymbolicLink(p); hops++) {
                try {
                    p = p.resolveSibling(Files.readSymbolicLink(p));
                } catch (IOException e) {
                    break;
                }
            }
            try {
                return p.getParent().toRealPath().resolve(p.getFileName());
            } catch (IOException e) {
                return p.normalize();
            }
        }

        /** Writes the text, whole. */
        void write(CommandLine cmd, String text) {
            try (var out = open(cmd)) {
                out.print(text);
                written(cmd, out);
            }
        }

        /** After writing: a file that could not be written stops the run; standard output read by no one, quietly. */
        void written(CommandLine cmd, PrintWriter out) {
            if (prints()) Cli.stopIfUnread(cmd.getOut());
            else if (out.checkError()) throw new IllegalStateException("cannot write " + option + " '" + file + "'");
        }

        /** The file, open for writing as > opens it (standard output stays open when closed). */
        PrintWriter open(CommandLine cmd) {
            if (prints()) return new PrintWriter(cmd.getOut(), true) { @Override public void close() { flush(); } };
            try {
                return new PrintWriter(Files.newBufferedWriter(file), true);
            } catch (IOException e) {
                throw new IllegalStateException("cannot write " + option + " '" + file + "' (" + e.getMessage() + ")");
            }
        }
    }

    // =============================================================================================
    // Plumbing: the graph printer
    // =============================================================================================

    /** A Value's graph as an indented tree. */
    static final class GraphText {
        private GraphText() {}

        /** The graph as an indented tree, the result at the top and each Value's inputs below it. */
        static List<String> tree(Value root) {
            var lines = new ArrayList<String>();
            addToTree(root, "", "", lines, Collections.newSetFromMap(new IdentityHashMap<>()));
            return lines;
        }

        // Recursion is the plain way to draw a tree, and safe here: the graph command draws a handful
        // of Values. backward() avoids it because a training graph can be a million Values deep.
        private static void addToTree(Value v, String firstIndent, String indent, List<String> lines,
                                      Set<Value> shown) {
            boolean again = !shown.add(v);
            lines.add(firstIndent + describe(v) + (again && !v.inputs().isEmpty() ? "  (inputs shown above)" : ""));
            if (again) return; // a Value used twice is drawn in full once
            List<Value> inputs = v.inputs();
            for (int i = 0; i < inputs.size(); i++) {
                boolean last = i == inputs.size() - 1;
                addToTree(inputs.get(i), indent + (last ? "`-- " : "|-- "), indent + (last ? "    " : "|   "),
                        lines, shown);
            }
        }

        /** One node, as micrograd's draw_dot labels it: name, operation, data and grad to 4 decimals. */
        static String describe(Value v) {
            String name = v.label.isEmpty() ? "(unnamed)" : v.label;
            String op = v.op.isEmpty() ? "" : "  [" + v.op + "]";
            return String.format(Locale.ROOT, "%s%s  data %.4f  grad %.4f", name, op, v.data, v.grad);
        }
    }

    // =============================================================================================
    // Plumbing: the gradcheck table
    // =============================================================================================

    /** The gradcheck command's checks: every operation at a few points, and a small network's loss. */
    static final class Gradchecks {
        private Gradchecks() {}

        /** An operation of Value, and where it has no derivative (and why). */
        record Operation(String name, int inputs, Function<List<Value>, Value> f, Predicate<double[]> undefinedAt,
                         String why) {
            static Operation of(String name, int inputs, Function<List<Value>, Value> f) {
                return new Operation(name, inputs, f, x -> false, "");
            }
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
                    Operation.of("relu(a)", 1, v -> v.get(0).relu()),
                    Operation.of("tanh(a)", 1, v -> v.get(0).tanh()),
                    Operation.of("exp(a)", 1, v -> v.get(0).exp()),
                    new Operation("log(a)", 1, v -> v.get(0).log(), x -> x[0] <= 0, "log needs a > 0"),
                    Operation.of("2 - a", 1, v -> Value.sub(2, v.get(0))),
                    new Operation("2 / a", 1, v -> Value.div(2, v.get(0)), x -> x[0] == 0, "division by zero"));
        }

        static final double[][] ONE_INPUT_POINTS = {{-1.5}, {0.0}, {0.5}, {2.0}};
        static final double[][] TWO_INPUT_POINTS = {{-1.5, 2.0}, {0.5, -3.0}, {2.0, 0.0}};

        /** Checks each operation at each point, for each of its inputs. */
        static List<GradCheck> checkOperations(List<Operation> operations, double h, double tolerance) {
            var checks = new ArrayList<GradCheck>();
            for (Operation op : operations) {
                for (double[] at : op.inputs() == 1 ? ONE_INPUT_POINTS : TWO_INPUT_POINTS) {
                    for (int i = 0; i < op.inputs(); i++) {
                        String what = op.name() + (op.inputs() == 2 ? ", d/d" + "ab".charAt(i) : "")
                                + " at " + pointText(at);
                        checks.add(op.undefinedAt().test(at) ? new GradCheck(what, 0, 0, op.why())
                                : checkInput(what, op.f(), at, i, h, tolerance));
                    }
                }
            }
            return checks;
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

        private static String pointText(double[] at) {
            String parts = String.join(", ", Arrays.stream(at).mapToObj(Numbers::number).toList());
            return at.length == 1 ? parts : "(" + parts + ")";
        }

        static List<String> table(List<GradCheck> checks, double tolerance) {
            int width = checks.stream().mapToInt(c -> c.what().length()).max().orElse(4);
            var lines = new ArrayList<String>();
            lines.add(String.format("%-" + width + "s  %16s  %16s  %10s  %s",
                    "what", "backward()", "central diff.", "rel. error", "ok"));
            for (GradCheck c : checks) {
                lines.add(c.skipped() != null
                        ? String.format("%-" + width + "s  skipped: %s", c.what(), c.skipped())
                        : String.format(Locale.ROOT, "%-" + width + "s  %16.9f  %16.9f  %10.1e  %s", c.what(),
                                c.analytic(), c.numeric(), c.relativeError(), c.ok(tolerance) ? "ok" : "FAILED"));
            }
            return lines;
        }
    }

    // =============================================================================================
    // Plumbing: the text plot
    // =============================================================================================

    /** The decision boundary drawn with characters (coloured on a terminal), and a table for 3-D data. */
    static final class TextPlot {
        /** The plane a plot covers: the data's bounding box plus a margin of a tenth of its size. */
        record Box(double xMin, double xMax, double yMin, double yMax) {
            static Box around(double[][] points) {
                var x = Arrays.stream(points).mapToDouble(p -> p[0]).summaryStatistics();
                var y = Arrays.stream(points).mapToDouble(p -> p[1]).summaryStatistics();
                double mx = margin(x.getMax() - x.getMin()), my = margin(y.getMax() - y.getMin());
                return new Box(x.getMin() - mx, x.getMax() + mx, y.getMin() - my, y.getMax() + my);
            }

            private static double margin(double span) { return span > 0 ? span / 10 : 0.5; }

            /** The score at the centre of each cell of a columns x rows grid: [row][column], row 0 at the top. */
            double[][] scores(ToDoubleFunction<double[]> score, int columns, int rows) {
                double[][] grid = new double[rows][columns];
                for (int row = 0; row < rows; row++) {
                    for (int col = 0; col < columns; col++) {
                        double x = xMin + (col + 0.5) * (xMax - xMin) / columns;
                        double y = yMax - (row + 0.5) * (yMax - yMin) / rows;
                        grid[row][col] = score.applyAsDouble(new double[] {x, y});
                    }
                }
                return grid;
            }
        }

        /** Each cell shows the class predicted at its centre (' ' -1, '.' +1); the samples go on top ('o', 'x'). */
        static List<String> plot(MLP model, Dataset data, int width, int height, boolean colour) {
            Box box = Box.around(data.x());
            double[][] scores = box.scores(x -> model.apply(x).data, width, height);
            var grid = new char[height][width];
            for (int row = 0; row < height; row++) {
                for (int col = 0; col < width; col++) grid[row][col] = scores[row][col] > 0 ? '.' : ' ';
            }
            double cellW = (box.xMax() - box.xMin()) / width, cellH = (box.yMax() - box.yMin()) / height;
            for (int i = 0; i < data.size(); i++) {
                int col = (int) Math.min(width - 1, (data.x()[i][0] - box.xMin()) / cellW);
                int row = (int) Math.min(height - 1, (box.yMax() - data.x()[i][1]) / cellH);
                grid[row][col] = data.y()[i] > 0 ? 'x' : 'o';
            }
            String border = "+" + "-".repeat(width) + "+";
            var lines = new ArrayList<>(List.of(String.format(Locale.ROOT,
                    "decision boundary: y from %.2f (bottom) to %.2f (top)", box.yMin(), box.yMax()), border));
            for (char[] row : grid) lines.add("|" + (colour ? tint(row) : new String(row)) + "|");
            lines.addAll(List.of(border,
                    String.format(Locale.ROOT, "x from %.2f (left) to %.2f (right)", box.xMin(), box.xMax()),
                    "'o' sample of class -1   'x' sample of class +1   ' ' predicted -1   '.' predicted +1"));
            return lines;
        }

        /** ANSI colours: -1 blue, +1 orange (told apart by colour-blind eyes too), light behind dark points. */
        static String tint(char[] row) {
            String[] colours = {"48;5;153", "48;5;223", "48;5;153;38;5;19;1", "48;5;223;38;5;130;1"}; // " .ox"
            var out = new StringBuilder();
            for (char c : row) out.append("\u001b[").append(colours[" .ox".indexOf(c)]).append('m').append(c);
            return out.append("\u001b[0m").toString();
        }

        /** A terminal that can do more than print lines: colour, a cursor that moves (not TERM=dumb). */
        static boolean smartTerminal() {
            String term = System.getenv("TERM");
            return System.console() != null && term != null && !term.equals("dumb");
        }

        /** Colour only on a terminal that wants it: see no-color.org. */
        static boolean terminalWantsColour() {
            String noColour = System.getenv("NO_COLOR");
            return smartTerminal() && (noColour == null || noColour.isEmpty());
        }

        /** Each example next to its target and the model's prediction, for data that does not fit a plot. */
        static List<String> predictions(MLP model, Dataset data) {
            var lines = new ArrayList<String>();
            double squares = 0;
            for (int i = 0; i < data.size(); i++) {
                double prediction = model.apply(data.x()[i]).data;
                squares += (prediction - data.y()[i]) * (prediction - data.y()[i]);
                var inputs = Arrays.stream(data.x()[i]).mapToObj(Numbers::shortNumber).toList();
                lines.add(String.format(Locale.ROOT, "  %-18s %7s %11.4f", "[" + String.join(", ", inputs) + "]",
                        Numbers.shortNumber(data.y()[i]), prediction));
            }
            lines.add(0, String.format(Locale.ROOT, "predictions (mean squared error %.3g):", squares / data.size()));
            lines.add(1, String.format("  %-18s %7s %11s", "input", "target", "prediction"));
            return lines;
        }
    }

    // =============================================================================================
    // Plumbing: the SVG picture
    // =============================================================================================

    /** The picture (--svg): the decision boundary, and the loss and accuracy of every step, as one SVG file. */
    static final class Svg {
        static final String BLUE = "#0072B2", ORANGE = "#E69F00";             // told apart by colour-blind eyes too
        static final String LIGHT_BLUE = "#d3e6f5", LIGHT_ORANGE = "#fbe6c2";
        static final int GRID = 100;                                          // boundary cells per side

        /** A rectangle on the page, and the data range it shows: maps data coordinates to pixels. */
        record Frame(double left, double top, double width, double height, TextPlot.Box data) {
            double px(double x) { return left + (x - data.xMin()) / (data.xMax() - data.xMin()) * width; }
            double py(double y) { return top + height - (y - data.yMin()) / (data.yMax() - data.yMin()) * height; }
        }

        static String picture(MLP model, Dataset data, List<Step> history, String title) {
            var svg = new StringBuilder("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <svg xmlns="http://www.w3.org/2000/svg" width="980" height="540" viewBox="0 0 980 540" \
                    font-family="sans-serif" font-size="12">
                      <rect width="980" height="540" fill="white"/>
                    """);
            text(svg, 490, 28, "middle", 16, title);
            Step last = history.isEmpty() ? null : history.get(history.size() - 1);
            if (last != null) text(svg, 490, 50, "middle", 13, "after step " + last.step() + ": loss "
                    + Numbers.shortNumber(last.loss()) + ", accuracy " + Numbers.repr(last.accuracy()) + "%");
            if (data.inputs() == 2) {
                boundary(svg, model, data, new Frame(60, 80, 380, 380, TextPlot.Box.around(data.x())));
            } else {
                text(svg, 250, 270, "middle", 13,
                        "The decision boundary needs 2-D data; this dataset has " + data.inputs() + " inputs.");
            }
            if (last == null) {
                text(svg, 740, 270, "middle", 13, "No training steps were run.");
            } else {
                curve(svg, history, "loss", "loss", Step::loss, 0, 80, BLUE);
                curve(svg, history, "accuracy", "accuracy (%)", Step::accuracy, 100, 310, ORANGE);
            }
            return svg.append("</svg>\n").toString();
        }

        /** The plane in GRID x GRID cells coloured by the predicted class, the zero line, the points, a legend. */
        static void boundary(StringBuilder svg, MLP model, Dataset data, Frame f) {
            double[][] score = f.data().scores(x -> model.apply(x).data, GRID, GRID);
            double cellW = f.width() / GRID, cellH = f.height() / GRID;
            svg.append("  <g class=\"boundary\" shape-rendering=\"crispEdges\">\n");
            for (int row = 0; row < GRID; row++) { // a run of cells of one class is one rectangle
                for (int start = 0, col = 1; col <= GRID; col++) {
                    if (col < GRID && (score[row][col] > 0) == (score[row][start] > 0)) continue;
                    element(svg, "  <rect class=\"cell\" x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
                            + "fill=\"%s\"/>", f.left() + start * cellW, f.top() + row * cellH, (col - start) * cellW,
                            cellH, score[row][start] > 0 ? LIGHT_ORANGE : LIGHT_BLUE);
                    start = col;
                }
            }
            svg.append("  </g>\n  <path class=\"zero-line\" fill=\"none\" stroke=\"#333\" stroke-width=\"1.5\" d=\"")
               .append(zeroLine(score, f.left() + cellW / 2, f.top() + cellH / 2, cellW, cellH)).append("\"/>\n");
            axes(svg, f, "x1", "x2");
            for (int i = 0; i < data.size(); i++) {
                boolean plus = data.y()[i] > 0;
                marker(svg, plus ? " class=\"point plus\"" : " class=\"point minus\"", plus,
                        f.px(data.x()[i][0]), f.py(data.x()[i][1]));
            }
            double x = f.left(), y = f.top() + f.height() + 60;
            marker(svg, "", false, x + 5, y - 4);
            text(svg, x + 14, y, "start", 11, "class -1");
            marker(svg, "", true, x + 83.5, y - 4.5);
            text(svg, x + 92, y, "start", 11, "class +1");
            text(svg, x + 160, y, "start", 11, "background: the predicted class; line: score 0");
        }

        /**
         * Where the score crosses 0, by marching squares: on each edge of a square of four cell centres whose
         * ends differ in sign, the point where a straight line between the ends' scores is 0; join them in pairs.
         */
        static String zeroLine(double[][] score, double x0, double y0, double cellW, double cellH) {
            int[][] edges = {{0, 0, 1, 0}, {1, 0, 1, 1}, {1, 1, 0, 1}, {0, 1, 0, 0}}; // (column, row) to (column, row)
            var path = new StringJoiner(" ");
            for (int row = 0; row + 1 < score.length; row++) {
                for (int col = 0; col + 1 < score[row].length; col++) {
                    var points = new ArrayList<String>();
                    for (int[] e : edges) {
                        int c1 = col + e[0], r1 = row + e[1], c2 = col + e[2], r2 = row + e[3];
                        double a = score[r1][c1], b = score[r2][c2], t = a / (a - b);
                        if ((a > 0) != (b > 0)) points.add(String.format(Locale.ROOT, "%.2f %.2f",
                                x0 + (c1 + t * (c2 - c1)) * cellW, y0 + (r1 + t * (r2 - r1)) * cellH));
                    }
                    for (int k = 0; k + 1 < points.size(); k += 2) {
                        path.add("M" + points.get(k) + " L" + points.get(k + 1));
                    }
                }
            }
            return path.toString();
        }

        /** A chart of a number per step, on the right; its y axis goes from 0 to the largest finite value. */
        static void curve(StringBuilder svg, List<Step> history, String name, String yLabel,
                          ToDoubleFunction<Step> value, double yAtLeast, double top, String colour) {
            double yMax = Math.max(yAtLeast,
                    history.stream().mapToDouble(value).filter(Double::isFinite).max().orElse(yAtLeast));
            int lastStep = history.get(history.size() - 1).step();
            var f = new Frame(540, top, 400, 150, new TextPlot.Box(0, Math.max(1, lastStep), 0, yMax > 0 ? yMax : 1));
            axes(svg, f, "step", yLabel);
            var points = new StringJoiner(" ");
            for (Step s : history) {
                double v = Math.min(value.applyAsDouble(s), yMax); // a NaN or infinite loss is drawn at the top
                points.add(String.format(Locale.ROOT, "%.2f,%.2f", f.px(s.step()), f.py(Double.isNaN(v) ? yMax : v)));
            }
            svg.append("  <polyline class=\"" + name + "\" fill=\"none\" stroke=\"" + colour
                    + "\" stroke-width=\"2\" points=\"" + points + "\"/>\n");
        }

        /** A frame with round-numbered ticks on the bottom and left edges, and the axis names. */
        static void axes(StringBuilder svg, Frame f, String xName, String yName) {
            element(svg, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" fill=\"none\" stroke=\"#444\"/>",
                    f.left(), f.top(), f.width(), f.height());
            String tick = "<line class=\"tick\" x1=\"%.2f\" y1=\"%.2f\" x2=\"%.2f\" y2=\"%.2f\" stroke=\"#444\"/>";
            double bottom = f.top() + f.height();
            for (double t : ticks(f.data().xMin(), f.data().xMax())) {
                element(svg, tick, f.px(t), bottom, f.px(t), bottom + 5);
                text(svg, f.px(t), bottom + 18, "middle", 11, Numbers.shortNumber(t));
            }
            for (double t : ticks(f.data().yMin(), f.data().yMax())) {
                element(svg, tick, f.left() - 5, f.py(t), f.left(), f.py(t));
                text(svg, f.left() - 8, f.py(t) + 4, "end", 11, Numbers.shortNumber(t));
            }
            text(svg, f.left() + f.width() / 2, bottom + 34, "middle", 12, xName);
            text(svg, f.left() + 4, f.top() - 6, "start", 12, yName);
        }

        /** About five round numbers (1, 2 or 5 times a power of ten apart) from min to max. */
        static List<Double> ticks(double min, double max) {
            double raw = (max - min) / 5, power = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = raw / power < 1.5 ? power : raw / power < 3.5 ? 2 * power
                    : raw / power < 7.5 ? 5 * power : 10 * power;
            var ticks = new ArrayList<Double>();
            for (long i = (long) Math.ceil(min / step); i * step <= max + step * 1e-9; i++) ticks.add(i * step);
            return ticks;
        }

        /** A sample's marker centred on (x, y): a circle for class -1, a square for +1 (the shape tells too). */
        static void marker(StringBuilder svg, String classAttribute, boolean plus, double x, double y) {
            String look = " fill=\"" + (plus ? ORANGE : BLUE) + "\" stroke=\"#222\" stroke-width=\"0.6\"/>";
            if (plus) element(svg, "<rect%s x=\"%.2f\" y=\"%.2f\" width=\"7\" height=\"7\"%s", classAttribute,
                    x - 3.5, y - 3.5, look);
            else element(svg, "<circle%s cx=\"%.2f\" cy=\"%.2f\" r=\"4\"%s", classAttribute, x, y, look);
        }

        static void text(StringBuilder svg, double x, double y, String anchor, int size, String content) {
            element(svg, "<text x=\"%.2f\" y=\"%.2f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>",
                    x, y, anchor, size, xml(content));
        }

        /** One element on a line of its own, indented by two spaces, its numbers as String.format writes them. */
        static void element(StringBuilder svg, String format, Object... args) {
            svg.append(String.format(Locale.ROOT, "  " + format + "%n", args));
        }

        static String xml(String text) {
            return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                    .replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "\uFFFD"); // XML has no place for these
        }
    }

    // =============================================================================================
    // Plumbing: watching it learn: the live plot (--watch) and the page that replays the run (--html)
    // =============================================================================================

    /** The model's shape (its inputs, then each layer's neurons) and its parameters as plain numbers. */
    record Weights(List<Integer> sizes, Activation activation, double[] parameters) {
        static Weights of(MLP model) {
            Neuron first = model.layers.get(0).neurons.get(0);
            var sizes = new ArrayList<Integer>(List.of(first.w.size()));
            for (Layer layer : model.layers) sizes.add(layer.neurons.size());
            return new Weights(sizes, first.activation, model.parameters().stream().mapToDouble(p -> p.data).toArray());
        }
    }

    /**
     * --watch: on a terminal, the text plot (or the predictions) below the step lines, drawn again about
     * FRAMES times as the model trains, in place: the cursor goes back up over the old frame. At the end the
     * frame is wiped and the report prints there. In a pipe, or with TERM=dumb, just the step lines.
     */
    static final class Watch {
        static final int FRAMES = 20;
        static final String CLEAR_LINE = "\u001b[K", NEWLINE = System.lineSeparator();

        private final PrintWriter out;
        private final Dataset data;                             // null: not live, so nothing is drawn
        private final int steps, width, height;
        private final List<String> waiting = new ArrayList<>(); // step lines to print above the next frame
        private List<String> frame = List.of();                 // the frame now on the screen
        private long drawn;                                     // when it was drawn (System.nanoTime)

        static Watch of(boolean wanted, PrintWriter out, Dataset data, int steps, int width, int height) {
            return new Watch(wanted && TextPlot.smartTerminal(), out, data, steps, width, height);
        }

        /**
         * Live on a terminal that can move its cursor, the frame (height + 5 lines) made to fit the screen with a
         * step line, the cursor's line and one more below it: a frame taller than the screen cannot be drawn over.
         */
        private Watch(boolean live, PrintWriter out, Dataset data, int steps, int width, int height) {
            int[] size = live ? terminalSize() : null; // rows and columns, if known
            this.height = size == null ? height : Math.min(height, size[0] - 8);
            this.width = size == null ? width : Math.min(width, size[1] - 2);
            this.data = live && this.height >= 5 && this.width >= 10 ? data : null;
            this.out = out;
            this.steps = steps;
        }

        /** The terminal's rows and columns, as `stty size` tells them; null where it cannot. */
        static int[] terminalSize() {
            try (var words = new Scanner(new ProcessBuilder("stty", "size").redirectInput(new File("/dev/tty"))
                    .redirectErrorStream(true).start().getInputStream())) {
                int rows = words.nextInt(), columns = words.nextInt();
                return rows > 0 && columns > 0 ? new int[] {rows, columns} : null;
            } catch (IOException | RuntimeException e) {
                return null;                                       // no stty (Windows), no /dev/tty, no size
            }
        }

        /** A step line: printed now, or (live) above the frame when it is next drawn. */
        void println(String line) {
            if (data == null) out.println(line);
            else waiting.add(line);
        }

        /** After each step: now and then a new frame, over the old one; waiting step lines at most every 50 ms. */
        void afterStep(Step step, MLP model) {
            if (data == null) return;
            boolean due = step.step() % Math.max(1, (steps + FRAMES - 1) / FRAMES) == 0 || step.step() == steps - 1;
            if (!due && (waiting.isEmpty() || System.nanoTime() - drawn < 50_000_000)) return;
            drawn = System.nanoTime();
            var text = new StringBuilder(up());
            if (due) frame = frame(step, model);
            for (String line : waiting) text.append(line).append(CLEAR_LINE).append(NEWLINE);
            for (String line : frame) text.append(line).append(CLEAR_LINE).append(NEWLINE);
            waiting.clear();
            out.print(text);
            out.flush();
        }

        /** Wipes the frame (\e[J clears from the cursor down), so that the report prints in its place. */
        void end() {
            if (data == null) return;
            out.print(up() + "\u001b[J");
            waiting.forEach(out::println);
            out.flush();
        }

        /** The cursor back up to the frame's first line ("\e[0A" would move it one line). */
        private String up() { return frame.isEmpty() ? "" : "\u001b[" + frame.size() + "A"; }

        /** The numbers of the step, then the plot without its legend, the last line (80 columns would wrap it). */
        private List<String> frame(Step step, MLP model) {
            var lines = new ArrayList<>(List.of("after step " + step.step() + ": loss " + Numbers.repr(step.loss())
                    + ", accuracy " + Numbers.repr(step.accuracy()) + "%"));
            if (data.inputs() != 2) {
                lines.addAll(TextPlot.predictions(model, data));
            } else {
                lines.addAll(TextPlot.plot(model, data, width, height, TextPlot.terminalWantsColour()));
                lines.remove(lines.size() - 1);
            }
            return lines;
        }
    }

    /**
     * What the two pages share (--html here and in MicroGpt.java): the page around the data, JSON, and a
     * line chart. A page is data, then drawing: Java writes the numbers as a JSON block, and a small script
     * draws them. Its Content-Security-Policy forbids every fetch, so the page works offline or not at all.
     * Once it has drawn, the script sets data-drawn="1" on the body; a script error is written into
     * data-errors (the tests read both from headless Chromium's --dump-dom, which shows no console).
     */
    /**
     * What the pages share (--html here and in MicroGpt.java, trace --html): a page is a template in web/,
     * packed with the program by //FILES, and the run's numbers, which Java writes as JSON into it; a small
     * script in the page draws them. Its Content-Security-Policy forbids every fetch, so a page works
     * offline or not at all.
     */
    static final class Page {
        private Page() {}

        static final String START = "<!DOCTYPE html>\n<!-- micrograd for Java."; // how each template starts

        /** The template web/NAME with the data in place of __DATA__. */
        static String of(String name, String json) {
            try (var in = Micrograd.class.getResourceAsStream("/web/" + name)) {
                if (in == null) throw new IllegalStateException("web/" + name + " is not on the class path");
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("__DATA__", json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A JSON string in plain ASCII; '<' escaped too, so that no "</script>" can end the data block. */
        static String string(String text) {
            var out = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                if (c == '"' || c == '\\') out.append('\\').append(c);
                else if (c < 0x20 || c > 0x7e || c == '<') out.append(String.format("\\u%04x", (int) c));
                else out.append(c);
            }
            return out.append('"').toString();
        }

        /** A number as Python prints it (so as the step lines print it); JSON has no NaN, so null. */
        static String number(double x) { return Double.isFinite(x) ? Numbers.repr(x) : "null"; }

        static String numbers(double[] xs, DoubleFunction<String> format) {
            var out = new StringJoiner(",", "[", "]");
            for (double x : xs) out.add(format.apply(x));
            return out.toString();
        }

        /** An axis from 0 to the largest finite value (at least atLeast): "yMax": ..., "yTicks": [...]. */
        static String axis(double[] values, double atLeast) {
            double max = atLeast;
            for (double v : values) if (Double.isFinite(v)) max = Math.max(max, v);
            if (max <= 0) max = 1;
            return "\"yMax\": " + number(max) + ", \"yTicks\": " + ticks(max);
        }

        /** Round numbers from 0 to max, as the SVG's axes have them. */
        static String ticks(double max) {
            return numbers(Svg.ticks(0, max).stream().mapToDouble(Double::doubleValue).toArray(), Numbers::shortNumber);
        }

        /** count of the steps 0 .. steps - 1, evenly spaced, the first and the last among them. */
        static BitSet evenlySpaced(int steps, int count) {
            var chosen = new BitSet(steps);
            for (int i = 0; i < count; i++) {
                chosen.set(count == 1 ? 0 : (int) Math.round((double) i * (steps - 1) / (count - 1)));
            }
            return chosen;
        }
    }

    /**
     * --html: a page that replays the run (web/replay.html). Java writes the data: the training points,
     * and a frame per step (or, past MAX_FRAMES steps, evenly spaced): its loss, accuracy and learning rate
     * as the step line has them, and the parameters that step's forward pass used, to 6 digits. The page's
     * script evaluates the network on the plane for the frame shown: the score, and each neuron's output.
     */
    static final class HtmlReplay {
        static final int MAX_FRAMES = 300;      // every step of a run up to this long; evenly spaced beyond
        static final int MAX_NUMBERS = 200_000; // parameters in all frames together: about 2 MB
        static final int MAX_DRAWN = 64;        // the page draws networks of up to this many neurons a layer

        record Frame(Step step, double[] parameters) {}

        private final boolean drawn;
        private final BitSet chosen;
        private final List<Frame> frames = new ArrayList<>();
        private double[] next; // the parameters that the next step's forward pass uses

        HtmlReplay(MLP model, int steps) {
            drawn = model.layers.stream().allMatch(layer -> layer.neurons.size() <= MAX_DRAWN);
            int fit = drawn ? Math.max(2, MAX_NUMBERS / model.parameters().size()) : MAX_FRAMES;
            chosen = Page.evenlySpaced(steps, Math.min(steps, Math.min(MAX_FRAMES, fit)));
            next = drawn ? Weights.of(model).parameters() : null;
        }

        /** After each step (its update done): keep a frame if the step is chosen. */
        void record(Step step, MLP model) {
            if (chosen.get(step.step())) frames.add(new Frame(step, next));
            if (drawn && chosen.get(step.step() + 1)) next = Weights.of(model).parameters();
        }

        /** The page of a run of this many steps; a note (or null) says what went wrong if it stopped early. */
        String page(String title, MLP model, Dataset data, int steps, int batchSize, String note) {
            Weights shape = Weights.of(model);
            var json = new StringBuilder("{\n");
            json.append("\"title\": ").append(Page.string(title)).append(",\n");
            if (note != null) json.append("\"note\": ").append(Page.string(note)).append(",\n");
            json.append("\"sizes\": ").append(shape.sizes()).append(", \"activation\": ")
                .append(Page.string(shape.activation().name().toLowerCase(Locale.ROOT))).append(",\n");
            json.append("\"steps\": ").append(steps).append(", \"batchSize\": ").append(batchSize)
                .append(", \"drawn\": ").append(drawn).append(",\n");
            json.append(String.format("\"colours\": {\"minus\": \"%s\", \"plus\": \"%s\", \"lightMinus\": \"%s\", "
                    + "\"lightPlus\": \"%s\"},%n", Svg.BLUE, Svg.ORANGE, Svg.LIGHT_BLUE, Svg.LIGHT_ORANGE));
            if (data.inputs() == 2) {
                TextPlot.Box box = TextPlot.Box.around(data.x());
                json.append("\"box\": ").append(Page.numbers(new double[] {box.xMin(), box.xMax(), box.yMin(),
                        box.yMax()}, Page::number)).append(",\n");
            }
            json.append("\"points\": [");
            for (int i = 0; i < data.size(); i++) {
                double[] point = Arrays.copyOf(data.x()[i], data.inputs() + 1); // its inputs, then its class
                point[data.inputs()] = data.y()[i];
                json.append(i == 0 ? "" : ",").append(Page.numbers(point, Numbers::shortNumber));
            }
            json.append("],\n");
            double[] losses = frames.stream().mapToDouble(f -> f.step().loss()).toArray();
            double[] accuracies = frames.stream().mapToDouble(f -> f.step().accuracy()).toArray();
            json.append("\"xTicks\": ").append(Page.ticks(Math.max(1, steps - 1))).append(",\n");
            json.append("\"loss\": {").append(Page.axis(losses, 0)).append("},\n");
            json.append("\"accuracy\": {").append(Page.axis(accuracies, 100)).append("},\n");
            json.append("\"frames\": [");
            for (int i = 0; i < frames.size(); i++) {
                Step s = frames.get(i).step();
                json.append(i == 0 ? "\n" : ",\n").append("{\"step\": ").append(s.step())
                    .append(", \"loss\": ").append(Page.number(s.loss()))
                    .append(", \"accuracy\": ").append(Page.number(s.accuracy()))
                    .append(", \"lr\": ").append(Page.number(s.learningRate()));
                if (drawn) {
                    json.append(", \"parameters\": ")
                        .append(Page.numbers(frames.get(i).parameters(), x -> Double.isFinite(x) ? Numbers.shortNumber(x)
                                : "null")); // JSON has no NaN
                }
                json.append("}");
            }
            json.append("\n]\n}");
            return Page.of("replay.html", json.toString());
        }
    }

    // =============================================================================================
    // Plumbing: the commands: training (the main command), graph, gradcheck and by-hand
    // =============================================================================================

    /** The main command: trains an MLP, as the notebook does, and reports on it. */
    @Command(name = "micrograd", mixinStandardHelpOptions = true, version = "micrograd for Java " + Cli.VERSION,
            subcommands = {PlayCommand.class, GraphCommand.class, TraceCommand.class, GradcheckCommand.class,
                    ByHandCommand.class, AutoComplete.GenerateCompletion.class, HelpCommand.class},
            sortOptions = false, abbreviateSynopsis = true, usageHelpAutoWidth = true,
            commandListHeading = "%nCommands:%n",
            description = "Trains a small neural network with a scalar autograd engine, as Karpathy's micrograd "
                    + "does, and prints the loss and accuracy of every step and the learned decision boundary. "
                    + "The defaults reproduce micrograd's demo notebook number for number.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:trained", "1:the run went wrong (the loss became NaN or infinite, or over 1000 "
                    + "times its first value), a file could not be written after training, or an unexpected error",
                    "2:a usage error: an unknown option, a value out of range, a file it may not write",
                    "141:the reader of the output went away (| head), as a shell reports SIGPIPE"},
            footerHeading = "%nTry:%n",
            footer = {"  micrograd --hidden 4 --steps 300        a smaller network needs more steps",
                    "  micrograd --dataset spiral --hidden 32,32 --steps 300 --svg spiral.svg",
                    "  micrograd --forget-zero-grad --every 20  the classic bug, on purpose",
                    "  micrograd graph                          one neuron's graph and its gradients",
                    "  micrograd trace 'a*b + c' a=2 b=-3 c=10  the chain rule, one Value at a time",
                    "  micrograd play                           the engine in JShell, to try Values"})
    static final class TrainCommand implements Callable<Integer> {
        @Spec CommandSpec spec;

        enum DatasetName { MOONS, CIRCLES, XOR, SPIRAL, TINY }

        @Option(names = "--dataset", paramLabel = "DATA", defaultValue = "moons",
                description = "moons, circles, xor or spiral (2-D, drawn from --seed), or tiny (the lecture's "
                        + "four examples with three inputs; it also defaults to --activation tanh --loss mse "
                        + "--hidden 4,4 --lr 0.05) (default ${DEFAULT-VALUE}).")
        DatasetName dataset;

        @Option(names = "--samples", paramLabel = "N", defaultValue = "100",
                description = "Number of samples, 2 to 1000 (default ${DEFAULT-VALUE}).")
        int samples;

        @Option(names = "--noise", paramLabel = "SD", defaultValue = "0.1",
                description = "Standard deviation of the noise added to the points (default ${DEFAULT-VALUE}).")
        double noise;

        @Option(names = "--factor", paramLabel = "F", defaultValue = "0.5",
                description = "For circles: the inner circle's radius, above 0 and below 1 (default ${DEFAULT-VALUE}).")
        double factor;

        @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1337",
                description = "Seeds the data and the initial weights, 0 to 4294967295 (default ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--hidden", paramLabel = "SIZES", split = ",", defaultValue = "16,16",
                description = "Hidden layer sizes, comma-separated, 1 to 4 layers of 1 to 64 (default ${DEFAULT-VALUE}).")
        List<Integer> hidden;

        @Option(names = "--activation", paramLabel = "ACT", defaultValue = "relu",
                description = "Hidden activation: relu, tanh or linear (default ${DEFAULT-VALUE}).")
        Activation activation;

        @Option(names = "--loss", paramLabel = "LOSS", defaultValue = "hinge",
                description = "hinge (SVM max-margin) or mse (mean squared error) (default ${DEFAULT-VALUE}).")
        Loss loss;

        @Option(names = "--alpha", paramLabel = "ALPHA", defaultValue = "1e-4",
                description = "Weight of the L2 penalty alpha*sum(p^2) (default ${DEFAULT-VALUE}).")
        double alpha;

        @Option(names = "--steps", paramLabel = "STEPS", defaultValue = "100",
                description = "Training steps, 0 to 100000 (default ${DEFAULT-VALUE}).")
        int steps;

        @Option(names = "--lr", paramLabel = "LR", defaultValue = "1.0",
                description = "Initial learning rate; it falls linearly to a tenth (default ${DEFAULT-VALUE}).")
        double lr;

        @Option(names = "--batch-size", paramLabel = "B", defaultValue = "0",
                description = "Samples per step, 0 for all of them (default ${DEFAULT-VALUE}).")
        int batchSize;

        @Option(names = "--forget-zero-grad",
                description = "Skip zeroGrad() between steps: the classic bug, on purpose, to see what it does.")
        boolean forgetZeroGrad;

        @Option(names = "--every", paramLabel = "K", defaultValue = "1",
                description = "Print every K-th step, and always the last (default ${DEFAULT-VALUE}).")
        int every;

        @Option(names = "--no-plot", description = "Do not draw the decision boundary.")
        boolean noPlot;

        @Option(names = "--width", paramLabel = "W", defaultValue = "60",
                description = "Plot width in characters, 10 to 400 (default ${DEFAULT-VALUE}).")
        int width;

        @Option(names = "--height", paramLabel = "H", defaultValue = "20",
                description = "Plot height in lines, 5 to 200 (default ${DEFAULT-VALUE}).")
        int height;

        @Option(names = "--svg", paramLabel = "FILE",
                description = "After training, write a picture: the decision boundary, and the loss and accuracy "
                        + "per step.")
        Path svg;

        @Option(names = "--log", paramLabel = "CSV",
                description = "Write step,loss,accuracy,lr to a CSV file, a row per step as training goes.")
        Path log;

        @Option(names = "--html", paramLabel = "PAGE",
                description = "After training, write a page that replays the run: the boundary, each neuron's map "
                        + "and the network at every step, with play, a slider and the arrow keys.")
        Path html;

        @Option(names = "--watch",
                description = "On a terminal, redraw the plot in place as the model trains (in a pipe, or with "
                        + "TERM=dumb or --no-plot, the run prints what it prints without it).")
        boolean watch;

        /** Reads like the notebook: the data, the model, training, and the report. */
        @Override
        public Integer call() {
            useTheLecturesSettingsForTiny();
            validate();
            var cmd = spec.commandLine();
            PrintWriter out = cmd.getOut();
            NumpyRandom numpy = NumpyRandom.seeded(seed); // draws the data, then any minibatches
            Dataset data = makeData(numpy);
            var mlp = new MLP(data.inputs(), hidden, activation, PythonRandom.seeded(seed));
            out.println(mlp);
            out.println("number of parameters " + mlp.parameters().size());
            if (forgetZeroGrad) {
                out.println("*** --forget-zero-grad: the gradients are never set back to 0, so each step adds its "
                        + "gradient");
                out.println("*** to all the earlier ones and the updates follow a stale sum. This is the bug, on "
                        + "purpose.");
            }
            var settings = new Settings(loss, alpha, steps, lr, batchSize, forgetZeroGrad);
            long values = valuesPerStep(mlp, data, settings);
            var history = new ArrayList<Step>();
            var replay = html == null ? null : new HtmlReplay(mlp, steps); // the model untrained yet
            var live = Watch.of(watch && (data.inputs() != 2 || !noPlot), out, data, steps, width, height);
            long start = System.nanoTime();
            boolean finished;
            var logOutput = log == null ? null : Output.log("--log", log, LOG_HEADER);
            try (var csv = logOutput == null ? null : logOutput.open(cmd)) {
                if (csv != null) csv.println(LOG_HEADER);
                finished = train(mlp, data, settings, numpy, step -> {
                    history.add(step);
                    if (csv != null) {
                        csv.println(step.step() + "," + Numbers.repr(step.loss()) + "," + Numbers.repr(step.accuracy())
                                + "," + Numbers.repr(step.learningRate()));
                        logOutput.written(cmd, csv);
                    }
                    boolean stops = settings.forgetZeroGrad() ? !Double.isFinite(step.loss())
                            : diverged(step.loss(), history.get(0).loss());
                    if (step.step() % every == 0 || step.step() == steps - 1 || stops) live.println(stepLine(step));
                    Cli.stopIfUnread(out);
                    live.afterStep(step, mlp);
                    if (replay != null) replay.record(step, mlp);
                });
            } finally {
                live.end();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            String stopped = null;
            if (finished) {
                out.println(Cli.trainedLine(steps, seconds, values));
                report(mlp, data, out);
            } else {
                Step last = history.get(history.size() - 1);
                out.flush();
                cmd.getErr().println(divergedLine(last));
                stopped = "The run stopped at step " + last.step() + ": the loss became " + Numbers.repr(last.loss())
                        + ".";
            }
            String upTo = finished ? "" : " (the run up to step " + history.get(history.size() - 1).step() + ")";
            if (svg != null) writeAndSay(Output.svg("--svg", svg), Svg.picture(mlp, data, history, title(data)), upTo);
            if (replay != null) {
                writeAndSay(Output.page("--html", html), replay.page(title(data), mlp, data, history.size(), batchSize,
                        stopped), upTo);
            }
            return finished ? 0 : 1;
        }

        static final String LOG_HEADER = "step,loss,accuracy,lr";

        /** How many Values a training step makes: those of one step's graph, counted before training. */
        static long valuesPerStep(MLP mlp, Dataset data, Settings settings) {
            Dataset batch = settings.batchSize() == 0 ? data : data.select(new int[settings.batchSize()]);
            return totalLoss(mlp, scores(mlp, batch), batch.y(), settings).topologicalOrder().size();
        }

        /** The plot (or, for data that is not 2-D, the predictions), after the trained line. */
        private void report(MLP mlp, Dataset data, PrintWriter out) {
            if (data.inputs() != 2) {
                out.println();
                TextPlot.predictions(mlp, data).forEach(out::println);
            } else if (!noPlot) {
                out.println();
                TextPlot.plot(mlp, data, width, height, TextPlot.terminalWantsColour()).forEach(out::println);
            }
        }

        private void writeAndSay(Output output, String text, String what) {
            output.write(spec.commandLine(), text);
            spec.commandLine().getOut().println();
            spec.commandLine().getOut().println("wrote " + output.file() + what);
        }

        /** One line per step, as the notebook prints it (Python's float formatting, so it reads the same). */
        static String stepLine(Step step) {
            return "step " + step.step() + " loss " + Numbers.repr(step.loss()) + ", accuracy "
                    + Numbers.repr(step.accuracy()) + "%";
        }

        /** What went wrong, naming the option most likely at fault. */
        private String divergedLine(Step last) {
            if (forgetZeroGrad) {
                return "micrograd: the loss became " + Numbers.repr(last.loss()) + " at step " + last.step()
                        + ": with --forget-zero-grad every step adds its gradient to all the earlier ones, until "
                        + "the steps are so big that the numbers overflow. That is the bug: zero the gradients.";
            }
            // with 2*alpha*lr >= 1 the penalty alone flips every weight's sign and grows it each step;
            // but a learning rate above 10 is the likelier cause on its own
            boolean blameAlpha = lr <= 10 && 2 * alpha * lr >= 1;
            return Cli.divergedLine("micrograd", last.loss(), last.step(), blameAlpha ? "--alpha" : "--lr",
                    blameAlpha ? alpha : lr);
        }

        /** The settings that matter, for the picture's title. */
        String title(Dataset data) {
            var sizes = new ArrayList<>(hidden);
            sizes.add(0, data.inputs());
            sizes.add(1);
            return dataset.name().toLowerCase(Locale.ROOT) + ": MLP "
                    + String.join("-", sizes.stream().map(String::valueOf).toList()) + ", "
                    + activation.name().toLowerCase(Locale.ROOT) + ", " + loss.name().toLowerCase(Locale.ROOT)
                    + " loss, " + steps + " steps, lr " + Numbers.shortNumber(lr)
                    + (batchSize > 0 ? ", batches of " + batchSize : "") + ", seed " + seed;
        }

        Dataset makeData(Draws numpy) {
            return switch (dataset) {
                case MOONS -> moons(samples, noise, numpy);
                case CIRCLES -> circles(samples, noise, factor, numpy);
                case XOR -> xor(samples, noise, numpy);
                case SPIRAL -> spiral(samples, noise, numpy);
                case TINY -> tiny();
            };
        }

        /** The lecture's settings for its four examples: tanh, squared error (here the mean), MLP(3, [4, 4, 1]). */
        void useTheLecturesSettingsForTiny() {
            if (dataset != DatasetName.TINY) return;
            var given = spec.commandLine().getParseResult();
            if (!given.hasMatchedOption("--activation")) activation = Activation.TANH;
            if (!given.hasMatchedOption("--loss")) loss = Loss.MSE;
            if (!given.hasMatchedOption("--hidden")) hidden = List.of(4, 4);
            if (!given.hasMatchedOption("--lr")) lr = 0.05;
        }

        /**
         * Every option within its bounds, or a one-line error naming it (exit code 2). The bounds keep every
         * run within memory: a step of 1,000 samples through 4 layers of 64 makes about 13 million numbers.
         */
        void validate() {
            int samples = dataset == DatasetName.TINY ? tiny().size() : this.samples;
            Cli.check(spec, this.samples >= 2 && this.samples <= 1000, "--samples", "a whole number from 2 to 1000");
            Cli.check(spec, noise >= 0 && noise <= 10, "--noise", "a number from 0 to 10");
            Cli.check(spec, factor > 0 && factor < 1, "--factor", "a number above 0 and below 1");
            Cli.check(spec, seed >= 0 && seed <= 0xFFFF_FFFFL, "--seed", Cli.SEEDS);
            Cli.check(spec, !hidden.isEmpty() && hidden.size() <= 4 && hidden.stream().allMatch(s -> s >= 1 && s <= 64),
                    "--hidden", "1 to 4 layer sizes from 1 to 64, comma-separated, e.g. 16,16");
            Cli.check(spec, steps >= 0 && steps <= 100_000, "--steps", "a whole number from 0 to 100000");
            Cli.check(spec, Double.isFinite(lr) && lr > 0, "--lr", "a finite number > 0");
            Cli.check(spec, Double.isFinite(alpha) && alpha >= 0, "--alpha", "a finite number >= 0");
            Cli.check(spec, batchSize >= 0 && batchSize <= samples, "--batch-size",
                    "0 (all samples) up to the number of samples (" + samples + ")");
            Cli.check(spec, every >= 1, "--every", "a whole number >= 1");
            Cli.check(spec, width >= 10 && width <= 400, "--width", "a whole number from 10 to 400");
            Cli.check(spec, height >= 5 && height <= 200, "--height", "a whole number from 5 to 200");
            Output.check(spec.commandLine(), svg == null ? null : Output.svg("--svg", svg),
                    log == null ? null : Output.log("--log", log, LOG_HEADER),
                    html == null ? null : Output.page("--html", html));
        }
    }

    /** One neuron's graph, or the learner's own expression's, after backward(). */
    @Command(name = "graph", mixinStandardHelpOptions = true, sortOptions = false,
            header = "Show a neuron's or your expression's graph and gradients.",
            description = "Shows the computation graph of one neuron, o = activation(x1*w1 + x2*w2 + b), or of "
                    + "EXPR, after forward and backward: every Value with its operation, data and gradient (for "
                    + "EXPR, then each input's gradient at full precision). "
                    + "The defaults are the lecture's, which give o = 0.7071. Numbers from -1000000 to 1000000.")
    static final class GraphCommand implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--x1", paramLabel = "X1", defaultValue = "2.0", description = "First input (default ${DEFAULT-VALUE}).")
        double x1;

        @Option(names = "--x2", paramLabel = "X2", defaultValue = "0.0", description = "Second input (default ${DEFAULT-VALUE}).")
        double x2;

        @Option(names = "--w1", paramLabel = "W1", defaultValue = "-3.0", description = "First weight (default ${DEFAULT-VALUE}).")
        double w1;

        @Option(names = "--w2", paramLabel = "W2", defaultValue = "1.0", description = "Second weight (default ${DEFAULT-VALUE}).")
        double w2;

        @Option(names = "--b", paramLabel = "B", defaultValue = "6.8813735870195432", description = "Bias (default ${DEFAULT-VALUE}).")
        double b;

        @Option(names = "--activation", paramLabel = "ACT", defaultValue = "tanh",
                description = "relu, tanh or linear (default ${DEFAULT-VALUE}).")
        Activation activation;

        @Option(names = "--svg", paramLabel = "FILE",
                description = "Also draw the graph into FILE as micrograd's draw_dot does, no Graphviz needed "
                        + "(readable up to a few dozen Values; at most " + GraphSvg.MOST + ").")
        Path svgFile;

        @Parameters(index = "0", arity = "0..1", paramLabel = "EXPR",
                description = "Your own expression instead of the neuron, such as 'a*b + c': + - * /, ** with a "
                        + "number, unary minus, parentheses, relu tanh exp log, numbers as Python writes them. One "
                        + "that starts with - goes after --, as in: graph -- '-a*b' a=2 b=3.")
        String expression;

        @Parameters(index = "1..*", paramLabel = "NAME=VALUE",
                description = "A value for each name in EXPR, e.g. x1=2 (-1000000 to 1000000).")
        List<String> values = new ArrayList<>();

        @Override
        public Integer call() {
            var cmd = spec.commandLine();
            Output svg = svgFile == null ? null : Output.svg("--svg", svgFile);
            Output.check(cmd, svg);
            Value result;
            String title;
            OwnExpression own = null;
            if (expression != null) {
                for (String option : List.of("--x1", "--x2", "--w1", "--w2", "--b", "--activation")) {
                    if (cmd.getParseResult().hasMatchedOption(option)) {
                        throw new ParameterException(cmd, "Option '" + option + "' is for the lecture's neuron; with "
                                + "an expression, give each of its names a value as NAME=VALUE");
                    }
                }
                own = OwnExpression.read(spec, expression, values);
                result = own.graph();
                title = own.title() + ", after backward():";
            } else {
                Cli.checkInputs(spec, "--x1", "--x2", "--w1", "--w2", "--b");
                result = neuron(x1, x2, w1, w2, b, activation);
                title = "o = " + activation.name().toLowerCase(Locale.ROOT) + "(x1*w1 + x2*w2 + b), after o.backward():";
            }
            int size = result.topologicalOrder().size();
            if (svg != null) {
                Cli.check(spec, size <= GraphSvg.MOST, "--svg", "a graph of at most " + GraphSvg.MOST
                        + " Values to draw (this one has " + size + ")");
                svg.write(cmd, GraphSvg.svg(result));
            }
            PrintWriter out = cmd.getOut();
            out.println(title);
            out.println();
            if (size <= GraphSvg.MOST) {
                GraphText.tree(result).forEach(out::println);
            } else {
                out.printf("(%d Values: the tree is printed for graphs of up to %d)%n", size, GraphSvg.MOST);
            }
            if (own != null) {
                out.println();
                own.gradients(result).forEach(out::println);
            }
            if (svg != null) {
                out.println();
                out.println("wrote " + svgFile);
            }
            return 0;
        }
    }

    /** backward() against central differences, for every operation and a small network. */
    @Command(name = "gradcheck", mixinStandardHelpOptions = true, sortOptions = false,
            header = "Check backward() against central differences, op by op.",
            description = "Checks backward() against a central difference (f(x+h) - f(x-h)) / 2h for every "
                    + "operation of Value at a few points, and for every parameter of a small MLP's loss; or, "
                    + "given EXPR, for each of its inputs. Exits with 1 if any check fails.")
    static final class GradcheckCommand implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--nudge", paramLabel = "H", defaultValue = "1e-6",
                description = "The nudge h, 1e-10 to 0.1 (default ${DEFAULT-VALUE}).")
        double h;

        @Option(names = "--tolerance", paramLabel = "TOL", defaultValue = "1e-6",
                description = "The largest relative error that passes, above 0 and below 1 (default ${DEFAULT-VALUE}).")
        double tolerance;

        @Parameters(index = "0", arity = "0..1", paramLabel = "EXPR",
                description = "Check your own expression instead, input by input, e.g. 'a*b + c' a=2 b=-3 c=10 (see "
                        + "graph --help).")
        String expression;

        @Parameters(index = "1..*", paramLabel = "NAME=VALUE", description = "A value for each name in EXPR.")
        List<String> values = new ArrayList<>();

        @Override
        public Integer call() {
            Cli.check(spec, h >= 1e-10 && h <= 0.1, "--nudge", "a number from 1e-10 to 0.1");
            Cli.check(spec, tolerance > 0 && tolerance < 1, "--tolerance", "a number above 0 and below 1");
            PrintWriter out = spec.commandLine().getOut();
            var checks = new ArrayList<GradCheck>();
            if (expression != null) {
                var own = OwnExpression.read(spec, expression, values);
                out.println(own.title() + ":");
                out.println();
                checks.addAll(own.checks(h, tolerance));
            } else {
                checks.addAll(Gradchecks.checkOperations(Gradchecks.operations(), h, tolerance));
                checks.addAll(Gradchecks.checkNetwork(h));
            }
            Gradchecks.table(checks, tolerance).forEach(out::println);
            var failed = checks.stream().filter(c -> !c.ok(tolerance)).toList();
            long skipped = checks.stream().filter(c -> c.skipped() != null).count();
            out.printf("%d %s: %d passed, %d skipped (each says why), %d failed%n", checks.size(),
                    checks.size() == 1 ? "check" : "checks", checks.size() - skipped - failed.size(), skipped,
                    failed.size());
            for (GradCheck c : failed) {
                out.printf(Locale.ROOT, "FAILED: %s: backward() gives %s, the central difference %s%n", c.what(),
                        Numbers.repr(c.analytic()), Numbers.repr(c.numeric()));
            }
            return failed.isEmpty() ? 0 : 1;
        }
    }

    @Command(name = "by-hand", mixinStandardHelpOptions = true, sortOptions = false,
            header = "Write out gradient descent on one weight, step by step.",
            description = "One weight, pred = w*x, loss = (pred - t)^2: each gradient-descent step written out, "
                    + "with the numbers computed by Value and backward(). --w, --x and --target take numbers from "
                    + "-1000000 to 1000000.")
    static final class ByHandCommand implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--w", paramLabel = "W", defaultValue = "3",
                description = "Starting weight (default ${DEFAULT-VALUE}).")
        double w;

        @Option(names = "--x", paramLabel = "X", defaultValue = "2", description = "Input (default ${DEFAULT-VALUE}).")
        double x;

        @Option(names = "--target", paramLabel = "T", defaultValue = "2",
                description = "Target t (default ${DEFAULT-VALUE}).")
        double target;

        @Option(names = "--lr", paramLabel = "LR", defaultValue = "0.1",
                description = "Learning rate, above 0, at most 10 (default ${DEFAULT-VALUE}).")
        double lr;

        @Option(names = "--steps", paramLabel = "STEPS", defaultValue = "3",
                description = "Steps, 1 to 1000 (default ${DEFAULT-VALUE}).")
        int steps;

        @Override
        public Integer call() {
            var cmd = spec.commandLine();
            Cli.checkInputs(spec, "--w", "--x", "--target");
            Cli.check(spec, lr > 0 && lr <= 10, "--lr", "a number above 0 and at most 10");
            Cli.check(spec, steps >= 1 && steps <= 1000, "--steps", "a whole number from 1 to 1000");
            PrintWriter out = cmd.getOut();
            List<HandStep> handSteps = byHand(w, x, target, lr, steps);
            var shown = handSteps.stream() // the steps before the numbers overflow
                    .takeWhile(s -> Double.isFinite(s.loss()) && Double.isFinite(s.newW())).toList();
            report(shown).forEach(out::println);
            out.flush();
            if (shown.size() < handSteps.size()) {   // each step multiplies the error by (1 - 2*lr*x^2)
                cmd.getErr().printf(Locale.ROOT, "micrograd by-hand: the numbers overflowed at step %d; try a smaller "
                        + "--lr (it is %s): each step multiplies the error by 1 - 2*lr*x^2 = %s%n",
                        handSteps.get(shown.size()).step(), Numbers.repr(lr), Numbers.shortNumber(1 - 2 * lr * x * x));
                return 1;
            }
            return 0;
        }

        /** The steps as a learner would write them on paper (numbers to 6 significant digits). */
        List<String> report(List<HandStep> handSteps) {
            var lines = new ArrayList<String>();
            String xs = Numbers.shortNumber(x), t = Numbers.shortNumber(target), rate = Numbers.shortNumber(lr);
            lines.add("pred = w*x,  loss = (pred - t)^2,  x = " + xs + ",  t = " + t + ",  lr = " + rate);
            for (HandStep s : handSteps) {
                String w = Numbers.shortNumber(s.w()), pred = Numbers.shortNumber(s.prediction());
                String grad = Numbers.shortNumber(s.gradient());
                lines.add("");
                lines.add("step " + s.step() + ": w = " + w);
                lines.add("  pred  = w*x = " + w + "*" + xs + " = " + pred);
                lines.add("  loss  = (pred - t)^2 = (" + pred + " - " + t + ")^2 = " + Numbers.shortNumber(s.loss()));
                lines.add("  dL/dw = 2*(pred - t)*x = 2*(" + pred + " - " + t + ")*" + xs + " = " + grad);
                lines.add("  w <- w - lr*dL/dw = " + w + " - " + rate + "*" + grad + " = "
                        + Numbers.shortNumber(s.newW()));
            }
            return lines;
        }
    }

    // =============================================================================================
    // Plumbing: the learner's own expression, for graph, trace and gradcheck
    // =============================================================================================

    /**
     * A formula such as tanh(x1*w1 + x2*w2 + b), read into Values as Crafting Interpreters' jlox reads
     * Lox: cut into tokens, then read by recursive descent, one method per level of Python's precedence:
     * <pre>
     *     sum      = product (('+' | '-') product)*
     *     product  = signed (('*' | '/') signed)*
     *     signed   = ('+' | '-') signed | power             -x**2 is -(x**2); -3 is the number -3
     *     power    = atom ('**' exponent)?
     *     exponent = ('+' | '-')* number ('**' exponent)?   pow takes a number; 2**3**2 is 2**9
     *     atom     = number | name | function '(' sum ')' | '(' sum ')'
     * </pre>
     * Each operation is the engine's own (a - b is sub, a / b is div, -a is neg), and each Value is labelled
     * with its part of the text, spaces tidied, so that the graph reads like the formula.
     */
    static final class Expression {
        static final int LONGEST = 10_000;          // characters in an expression
        static final int DEEPEST = 200;             // parentheses, functions, signs and powers inside each other
        static final int LONGEST_LABEL = 40;        // characters in a label: a longer one is cut, ending in "..."
        static final Map<String, UnaryOperator<Value>> FUNCTIONS =
                Map.of("relu", Value::relu, "tanh", Value::tanh, "exp", Value::exp, "log", Value::log);
        // A number as Python writes it: 2, 2.5, .5, 5., 1e-3, 1_000. D is digits with single underscores between,
        // read possessively (++, *+) so that a long number cannot overflow the stack of Java's regular expressions.
        static final String NUMBER = "(?:D(?:\\.D?)?|\\.D)(?:[eE][+-]?D)?".replace("D", "(?:\\d++(?:_\\d++)*+)");
        /** A token: a number, a name, '**', or any other character but a space (for the parser to refuse). */
        static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile(
                "(" + NUMBER + ")|([A-Za-z_]\\w*+)|(\\*\\*|[^\\p{javaWhitespace}])");
        static final java.util.regex.Pattern SIGNED_NUMBER = java.util.regex.Pattern.compile("[+-]?" + NUMBER),
                LEADING_ZEROS = java.util.regex.Pattern.compile("[+-]?0+[1-9]\\d*"); // 012: a mistake in Python

        /** What was expected where, such as "a number, a name or '(' at column 3". */
        static final class SyntaxError extends RuntimeException { SyntaxError(String what) { super(what); } }

        enum Kind { NUMBER, NAME, SYMBOL, END }
        record Token(Kind kind, String text, int column, boolean spaced) {} // column 1 is the first character

        private final List<Token> tokens = new ArrayList<>();
        private final Function<String, Value> input;          // the Value for a name
        private int current, depth;                           // the next token to read; how deeply it is nested

        private Expression(String text, Function<String, Value> input) {
            this.input = input;
            var m = TOKEN.matcher(text);
            for (int end = 0; m.find(); end = m.end()) {       // find() steps over the spaces
                Kind kind = m.group(1) != null ? Kind.NUMBER : m.group(2) != null ? Kind.NAME : Kind.SYMBOL;
                tokens.add(new Token(kind, m.group(), m.start() + 1, m.start() > end));
            }
            tokens.add(new Token(Kind.END, "", text.length() + 1, false));
        }

        /** The expression as Values, the names' Values given by {@code input}; a SyntaxError if it is not one. */
        static Value build(String text, Function<String, Value> input) {
            var parser = new Expression(text, input);
            Value result = parser.sum();
            if (parser.peek().kind != Kind.END) throw parser.error("an operator (+ - * / **) or the end");
            return result;
        }

        /** The names the expression uses, in the order they first appear (a SyntaxError if it is not one). */
        static List<String> names(String text) {
            var names = new LinkedHashSet<String>();
            build(text, name -> { names.add(name); return new Value(0, name); });
            return List.copyOf(names);
        }

        /** A number such as a NAME=VALUE value, maybe signed; null if it is not one, or has leading zeros. */
        static Double number(String text) {
            String s = text.strip(), digits = s.replace("_", "");
            boolean ok = SIGNED_NUMBER.matcher(s).matches() && !LEADING_ZEROS.matcher(digits).matches();
            return ok ? Double.valueOf(digits) : null;
        }

        private Value sum() {
            int first = current;
            Value result = product();
            while (match("+", "-")) {
                result = labelled(previous().equals("+") ? result.add(product()) : result.sub(product()), first);
            }
            return result;
        }

        private Value product() {
            int first = current;
            Value result = signed();
            while (match("*", "/")) {
                result = labelled(previous().equals("*") ? result.mul(signed()) : result.div(signed()), first);
            }
            return result;
        }

        private Value signed() {
            int first = current;
            if (match("+")) return nested(this::signed);
            if (!match("-")) return power();
            if (peek().kind == Kind.NUMBER && !next().equals("**")) return labelled(new Value(-number()), first);
            return labelled(nested(this::signed).neg(), first);
        }

        private Value power() {
            int first = current;
            Value base = atom();
            return match("**") ? labelled(base.pow(exponent()), first) : base;
        }

        private double exponent() {
            int sign = 1;
            while (match("+", "-")) if (previous().equals("-")) sign = -sign;
            if (peek().kind != Kind.NUMBER) throw error("a number after '**' (pow takes a constant exponent)");
            double base = number();
            return sign * (match("**") ? Math.pow(base, nested(this::exponent)) : base);
        }

        private Value atom() {
            int first = current;
            if (peek().kind == Kind.NUMBER) return labelled(new Value(number()), first);
            if (match("(")) return parenthesised();
            if (peek().kind != Kind.NAME) throw error("a number, a name or '('");
            String name = peek().text;
            var function = FUNCTIONS.get(name);
            if (function == null && next().equals("(")) throw error("a function (relu, tanh, exp or log)");
            current++;
            if (function == null) return input.apply(name);
            consume("(", "'(' after " + name);
            return labelled(function.apply(parenthesised()), first);
        }

        private Value parenthesised() {                         // after '(': the sum inside, then ')'
            Value inside = nested(this::sum);
            consume(")", "an operator (+ - * / **) or ')'");
            return inside;
        }

        /** Reads a part one level deeper; at most DEEPEST levels, so that Java's stack never overflows. */
        private <T> T nested(Supplier<T> part) {
            if (++depth > DEEPEST) {
                throw error("at most " + DEEPEST + " parentheses, functions, signs and powers inside each other");
            }
            T result = part.get();
            depth--;
            return result;
        }

        private double number() {
            Double x = number(peek().text);
            if (x == null) throw error("a whole number without leading zeros");
            current++;
            return x;
        }

        private Token peek() { return tokens.get(current); }
        private String next() { return tokens.get(current + 1).text; }      // only asked before the end
        private String previous() { return tokens.get(current - 1).text; }
        private void consume(String symbol, String what) { if (!match(symbol)) throw error(what); }

        private boolean match(String... symbols) {
            if (!List.of(symbols).contains(peek().text)) return false;
            current++;
            return true;
        }

        /** Every mistake, in one format: "a number, a name or '(' at column 3, found '*'" (at the end, no found). */
        private SyntaxError error(String what) {
            String found = peek().kind == Kind.END ? "" : ", found '" + OwnExpression.brief(peek().text) + "'";
            return new SyntaxError(what + " at column " + peek().column + found);
        }

        /** v, labelled with the tokens read since {@code first}: a space where the text has spaces, shortened. */
        private Value labelled(Value v, int first) {
            var label = new StringBuilder(tokens.get(first).text);
            for (int i = first + 1; i < current && label.length() <= LONGEST_LABEL; i++) {
                label.append(tokens.get(i).spaced ? " " : "").append(tokens.get(i).text);
            }
            v.label = shortened(label.toString());
            return v;
        }

        /** A label of at most LONGEST_LABEL characters: a longer one is cut, and ends in "...". */
        static String shortened(String label) {
            return label.length() <= LONGEST_LABEL ? label : label.substring(0, LONGEST_LABEL - 3).strip() + "...";
        }
    }

    /** graph, trace and gradcheck on the learner's own expression: EXPR, and a NAME=VALUE for each of its names. */
    record OwnExpression(String text, List<String> names, double[] values) {
        /** Reads EXPR and its NAME=VALUE words: anything amiss is a usage error (one line, exit code 2). */
        static OwnExpression read(CommandSpec spec, String text, List<String> words) {
            String example = ", e.g. " + spec.name() + " 'a*b + c' a=2 b=-3 c=10";
            require(spec, text.length() <= Expression.LONGEST, "EXPR", quoted(text) + " (" + text.length()
                    + " characters)", "at most " + Expression.LONGEST + " characters");
            require(spec, !text.isBlank(), "EXPR", quoted(text), "an expression (this one is empty)" + example);
            require(spec, !text.matches("\\s*[A-Za-z_]\\w*\\s*=.*"), "EXPR", quoted(text),
                    "the expression first, then NAME=VALUE for each of its names" + example);
            List<String> names = List.of();
            try {
                names = Expression.names(text);
            } catch (Expression.SyntaxError e) {
                require(spec, false, "EXPR", quoted(text), e.getMessage());
            }
            var given = new HashMap<String, String>();         // each name given so far: its value as written
            for (String word : words) {
                String name = word.contains("=") ? word.substring(0, word.indexOf('=')).strip() : "";
                String value = word.substring(word.indexOf('=') + 1).strip();
                require(spec, name.matches("[A-Za-z_]\\w*"), "NAME=VALUE", quoted(word),
                        "a name, '=' and a number, e.g. a=2");
                require(spec, names.contains(name), "NAME=VALUE", quoted(word), names.isEmpty()
                        ? "no NAME=VALUE, since the expression has no names"
                        : "a name of the expression (" + String.join(", ", names) + ")");
                require(spec, !given.containsKey(name), "NAME=VALUE", quoted(word),
                        "each name once (" + name + "=" + given.get(name) + " came first)");
                Double x = Expression.number(value);
                require(spec, x != null && Math.abs(x) <= 1e6, "NAME=VALUE", quoted(word),
                        "a number from -1000000 to 1000000, as Python writes it (2, -3.5, 1e-3)");
                given.put(name, value);
            }
            var missing = names.stream().filter(n -> !given.containsKey(n)).toList();
            String list = String.join(", ", missing).replaceAll(", (\\w+)$", " and $1"); // a, b and c
            require(spec, missing.isEmpty(), "EXPR", quoted(text), "a value for each name, and " + list
                    + (missing.size() == 1 ? " has" : " have") + " none (add " + String.join("=NUMBER ", missing)
                    + "=NUMBER)");
            double[] values = names.stream().mapToDouble(n -> Expression.number(given.get(n))).toArray();
            return new OwnExpression(text, names, values);
        }

        /** A usage error about a parameter, worded as Cli.check words one about an option. */
        static void require(CommandSpec spec, boolean ok, String parameter, String shown, String allowed) {
            if (!ok) throw new ParameterException(spec.commandLine(), "Invalid value for " + parameter + ": " + shown
                    + "; expected " + allowed);
        }

        static String quoted(String text) { return "'" + brief(text) + "'"; }

        /** A long expression cut short for a message or a heading. */
        static String brief(String text) { return text.length() <= 80 ? text : text.substring(0, 77) + "..."; }

        /** "a*b + c at a = 2, b = -3, c = 10" */
        String title() {
            var parts = new ArrayList<String>();
            for (int i = 0; i < names.size(); i++) parts.add(names.get(i) + " = " + Numbers.number(values[i]));
            return brief(text.strip()) + (parts.isEmpty() ? "" : " at " + String.join(", ", parts));
        }

        /** The expression as Values, its names taking the given Values (labelled with the names). */
        private Value build(List<Value> inputs) {
            for (int i = 0; i < inputs.size(); i++) inputs.get(i).label = names.get(i);
            return Expression.build(text, name -> inputs.get(names.indexOf(name)));
        }

        /** Built and labelled, before backward(); the engine's own Values (a - b is a + b*-1) after what made them. */
        Value value() {
            Value result = build(Value.listOf(values));
            for (Value v : result.topologicalOrder()) {
                if (!v.label.isEmpty()) continue;
                List<Value> in = v.inputs();
                String label = in.isEmpty() ? Numbers.number(v.data)
                        : in.size() == 2 ? in.get(0).label + " " + v.op + " " + in.get(1).label
                        : v.op.startsWith("**") ? in.get(0).label + v.op : v.op + "(" + in.get(0).label + ")";
                v.label = Expression.shortened(label);
            }
            return result;
        }

        /** The expression after backward(), as graph shows it. */
        Value graph() {
            Value result = value();
            result.backward();
            return result;
        }

        /** The result and every input's gradient, at full precision: "a.grad = -3.0". */
        List<String> gradients(Value result) {
            var inputs = new HashMap<String, Value>();
            for (Value v : result.topologicalOrder()) if (v.inputs.length == 0) inputs.putIfAbsent(v.label, v);
            String column = "%-" + names.stream().mapToInt(n -> n.length() + 5).reduce(6, Math::max) + "s = %s";
            var lines = new ArrayList<>(List.of(String.format(column, "result", Numbers.repr(result.data))));
            for (String name : names) lines.add(String.format(column, name + ".grad", Numbers.repr(inputs.get(name).grad)));
            return lines;
        }

        /** Each input's derivative by backward() and by a nudge of h times its size over 1 (h is lost in 1e6 + h). */
        List<GradCheck> checks(double h, double tolerance) {
            var checks = new ArrayList<GradCheck>();
            for (int i = 0; i < names.size(); i++) {
                String what = "d/d" + names.get(i);
                GradCheck c = checkInput(what, this::build, values, i, h * Math.max(1, Math.abs(values[i])), tolerance);
                boolean finite = Double.isFinite(c.analytic()) && Double.isFinite(c.numeric());
                checks.add(finite ? c : new GradCheck(what, 0, 0, "not a finite number there"));
            }
            return checks;
        }
    }

    // =============================================================================================
    // Plumbing: the graph as a picture, as micrograd's draw_dot draws it, without Graphviz
    // =============================================================================================

    /**
     * The picture of a Value's graph that micrograd's draw_dot makes with Graphviz, as an SVG file: a box
     * per Value (label | data | grad), a circle for its operation, inputs left, result right. The layout is
     * a tidy tree, as Graphviz draws the lecture's graphs. A Value's column is its longest distance from the
     * result, so it is left of all its users. Its row: walking the graph from the result depth-first, inputs
     * in order, a Value without inputs gets the next free row, and a Value with inputs sits at their mean
     * height, or lower if that place in its column is taken. A Value used twice is drawn once, with an edge
     * to each user (one for a * a, as draw_dot); an edge that skips columns takes a row, a lane, in each
     * column it crosses, so it runs between the boxes. Not handled: edges may cross (as in a*b + c*a), and a
     * Value used all over a big graph makes it tall, a lane a use. Up to {@value #MOST} Values are drawn.
     */
    static final class GraphSvg {
        private GraphSvg() {}

        static final int MOST = 200;                               // Values in the largest graph drawn
        static final double FONT = 12, BOX = 26, GAP = 14;         // font size; a box's height; between rows
        static final double COLUMN_GAP = 44, OP_GAP = 18;          // between columns; between a circle and its box
        static final double MARGIN = 16, PAD = 7, ARROW = 7;       // around the picture; in a field; arrow length

        /** An edge from an input to a Value made of it, and the row it runs along (its lane) in between. */
        private record Edge(Value from, Value to, double lane) {}

        /** Each Value's column (0 is the result's, counting leftwards) and row, and the edges. */
        private static final class Layout {
            final Map<Value, Integer> column = new IdentityHashMap<>();
            final Map<Value, Double> row = new IdentityHashMap<>();
            final List<Edge> edges = new ArrayList<>();
            final double[] free;                                   // each column's next free row

            Layout(Value root, List<Value> values) {
                column.put(root, 0);
                for (int i = values.size() - 1; i >= 0; i--) {     // users before their inputs
                    Value v = values.get(i);
                    for (Value input : v.inputs()) column.merge(input, column.get(v) + 1, Math::max);
                }
                free = new double[Collections.max(column.values()) + 1];
                place(root);
            }

            /** Places v's inputs not placed yet, then v: at the mean row of its edges, or the next free row. */
            private void place(Value v) {
                int col = column.get(v);
                var inputs = new LinkedHashSet<>(v.inputs());      // a * a: one input, one edge
                double sum = 0;
                for (Value input : inputs) {
                    if (!row.containsKey(input)) place(input);
                    double lane = row.get(input);                  // straight on, if the columns between allow
                    for (int c = col + 1; c < column.get(input); c++) lane = Math.max(lane, free[c]);
                    for (int c = col + 1; c < column.get(input); c++) free[c] = lane + 1;
                    edges.add(new Edge(input, v, lane));
                    sum += lane;
                }
                row.put(v, Math.max(inputs.isEmpty() ? 0 : sum / inputs.size(), free[col]));
                free[col] = row.get(v) + 1;
            }
        }

        /** The picture of root's graph, as an SVG document. */
        static String svg(Value root) {
            List<Value> values = root.topologicalOrder();
            var layout = new Layout(root, values);
            // x: each column as wide as its widest circle and box; the boxes of a column start at the same x
            int columns = layout.free.length;
            double[] boxLeft = new double[columns], right = new double[columns];
            double x = MARGIN;
            for (int c = columns - 1; c >= 0; c--) {
                double circles = 0, boxes = 0;
                for (Value v : values) {
                    if (layout.column.get(v) != c) continue;
                    if (!v.op.isEmpty()) circles = Math.max(circles, 2 * radius(v) + OP_GAP);
                    boxes = Math.max(boxes, boxWidth(v));
                }
                boxLeft[c] = x + circles;
                right[c] = boxLeft[c] + boxes;
                x = right[c] + COLUMN_GAP;
            }
            // y: rows a box and a gap apart, or more if a circle is taller
            double rowHeight = BOX + GAP;
            for (Value v : values) rowHeight = Math.max(rowHeight, 2 * radius(v) + 2);
            double dy = MARGIN + (rowHeight - GAP) / 2, width = x - COLUMN_GAP + MARGIN;
            double height = 2 * dy + (Arrays.stream(layout.free).max().getAsDouble() - 1) * rowHeight;
            var svg = new StringBuilder(format("""
                    <?xml version="1.0" encoding="UTF-8"?>
                    <svg xmlns="http://www.w3.org/2000/svg" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" \
                    font-family="sans-serif" font-size="%.0f">
                      <title>computation graph, %d %s</title>
                      <rect width="%.0f" height="%.0f" fill="white"/>
                    """, width, height, width, height, FONT, values.size(), values.size() == 1 ? "Value" : "Values",
                    width, height));
            for (Edge e : layout.edges) {
                // from the end of the input's box, along its lane if it skips columns, to the operation's circle
                int from = layout.column.get(e.from()), to = layout.column.get(e.to());
                double x1 = boxLeft[from] + boxWidth(e.from()), y1 = layout.row.get(e.from()) * rowHeight + dy;
                double x2 = boxLeft[to] - OP_GAP - 2 * radius(e.to()), y2 = layout.row.get(e.to()) * rowHeight + dy;
                double lane = e.lane() * rowHeight + dy;
                String d = format("M%.1f %.1f", x1, y1);
                if (Math.abs((from > to + 1 ? lane : y2) - y1) > rowHeight - 1) { // a row or more up or down: first
                    x1 = right[from];                              // straight on, past the ends of wider boxes
                    d += format(" L%.1f %.1f", x1, y1);
                }
                if (from > to + 1) {
                    d += curve(x1, y1, right[from] + COLUMN_GAP, lane) + format(" L%.1f %.1f", right[to + 1], lane);
                    x1 = right[to + 1];
                    y1 = lane;
                }
                edge(svg, d + curve(x1, y1, x2 - ARROW, y2), x2, y2, values.indexOf(e.from()), values.indexOf(e.to()));
            }
            for (Value v : values) node(svg, v, values.indexOf(v), boxLeft[layout.column.get(v)], layout.row.get(v) * rowHeight + dy);
            return svg.append("</svg>\n").toString();
        }

        /** The radius of an operation's circle: room for its name. */
        static double radius(Value v) { return v.op.isEmpty() ? 0 : Math.max(11, textWidth(v.op) / 2 + 5); }
        /** The three fields of a Value's box, as draw_dot labels it: "{ label | data 2.0000 | grad -3.0000 }". */
        static String[] fields(Value v) {
            return new String[] {Expression.shortened(v.label), format("data %.4f", v.data),
                format("grad %.4f", v.grad)};
        }

        static double fieldWidth(String text) { return Math.max(16, textWidth(text) + 2 * PAD); }
        static double boxWidth(Value v) { return Arrays.stream(fields(v)).mapToDouble(GraphSvg::fieldWidth).sum(); }

        /** About how wide a text is: character widths in ems from DejaVu Sans, wider than Arial and Helvetica. */
        static double textWidth(String text) {
            double ems = 0;
            for (char c : text.toCharArray()) {
                ems += c >= '0' && c <= '9' ? 0.64 : "il.,:;'|!() ".indexOf(c) >= 0 ? 0.34 : "fjrt-/".indexOf(c) >= 0
                        ? 0.42 : "mw".indexOf(c) >= 0 ? 0.98 : c >= 'a' && c <= 'z' ? 0.62 : "+=<>".indexOf(c) >= 0
                        ? 0.84 : c >= 'A' && c <= 'Z' ? 0.74 : 0.64;
            }
            return ems * FONT;
        }

        /** A curve that leaves (x1, y1) and reaches (x2, y2) horizontally, as Graphviz's splines do. */
        private static String curve(double x1, double y1, double x2, double y2) {
            double mid = (x2 - x1) / 2;
            return format(" C%.1f %.1f %.1f %.1f %.1f %.1f", x1 + mid, y1, x2 - mid, y2, x2, y2);
        }

        /**
         * An edge: the line (as SVG path data) and an arrowhead with its tip at (x, y). data-from and data-to
         * are the Values' places in topologicalOrder(), for the trace page.
         */
        private static void edge(StringBuilder svg, String path, double x, double y, int from, int to) {
            svg.append(format("""
                      <path class="edge" data-from="%d" data-to="%d" fill="none" stroke="#333" stroke-width="1.2" d="%s"/>
                      <path class="arrow" data-from="%d" data-to="%d" fill="#333" d="M%.1f %.1f L%.1f %.1f L%.1f %.1f Z"/>
                    """, from, to, path, from, to, x, y, x - ARROW, y - 3.5, x - ARROW, y + 3.5));
        }

        /** One Value: its operation's circle and an arrow to its box, and the box of three fields. */
        private static void node(StringBuilder svg, Value v, int k, double boxX, double y) {
            if (!v.op.isEmpty()) {
                double r = radius(v), cx = boxX - OP_GAP - r;
                svg.append(format("""
                          <g class="op">
                            <circle cx="%.1f" cy="%.1f" r="%.1f" fill="white" stroke="black"/>
                            <text x="%.1f" y="%.1f" text-anchor="middle">%s</text>
                          </g>
                        """, cx, y, r, cx, y + FONT / 3, Svg.xml(v.op)));
                edge(svg, format("M%.1f %.1f L%.1f %.1f", cx + r, y, boxX - ARROW, y), boxX, y, k, k);
            }
            double top = y - BOX / 2, x = boxX;
            svg.append(format("""
                      <g class="value" id="v%d">
                        <title>%s</title>
                        <rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="white" stroke="black"/>
                    """, k, Svg.xml(v.label), boxX, top, boxWidth(v), BOX));
            String[] fields = fields(v), names = {"label", "data", "grad"};
            for (int i = 0; i < fields.length; i++) {
                String field = fields[i];
                if (x > boxX) {
                    svg.append(format("    <line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"black\"/>\n",
                            x, top, x, top + BOX));
                }
                svg.append(format("    <text class=\"%s\" x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
                        names[i], x + fieldWidth(field) / 2, y + FONT / 3, Svg.xml(field)));
                x += fieldWidth(field);
            }
            svg.append("  </g>\n");
        }

        /** String.format with a decimal point, whatever the computer's language (SVG needs the point). */
        private static String format(String text, Object... args) { return String.format(Locale.ROOT, text, args); }
    }

    // =============================================================================================
    // Plumbing: backward() one Value at a time (the trace command, trace(v) in JShell, and its page)
    // =============================================================================================

    /**
     * The forward pass and then backward() written out a line per step: each Value as it is computed, then
     * each Value passing its gradient to its inputs, in the order backward() does it, with the local
     * derivative in words and in numbers. The gradients are worked out here with backward()'s own
     * arithmetic in backward()'s own order, so the trace ends with exactly backward()'s gradients.
     * A Value without a label is named (and labelled) by a letter that no input uses, a constant by its number.
     */
    static final class Trace {
        static final int MOST = 100; // Values in the largest graph traced

        /** A line; where it computes a number, which Value's data or grad (the index in order), and from which input. */
        record Line(String text, int value, int input, boolean grad, double number) {
            static Line text(String text) { return new Line(text, -1, -1, false, 0); }
        }

        final List<Value> order;                    // every Value, each after its inputs
        final List<Value> inputs;                   // the named Values without inputs: a, b, x1, w1, ...
        final Map<Value, String> names = new IdentityHashMap<>();
        final List<Line> lines = new ArrayList<>();

        /** The trace of root's graph: every gradient in it is set to 0 first; --twice runs backward() twice. */
        Trace(Value root, boolean twice) {
            order = root.topologicalOrder();
            inputs = order.stream().filter(v -> v.inputs.length == 0 && !v.label.isEmpty()).toList();
            var letters = new ArrayDeque<String>();
            for (char c = 'a'; c <= 'z'; c++) letters.add(String.valueOf(c));
            for (Value v : order) letters.remove(v.label.replaceAll("\\W", ""));
            for (Value v : order) {
                v.grad = 0;
                String name = v.label.replaceAll("\\W", ""); // x1*w1 is x1w1, as the lecture's variable
                names.put(v, !name.isEmpty() ? name : v.inputs.length == 0 ? Numbers.number(v.data)
                        : !letters.isEmpty() ? letters.poll() : "v" + names.size());
                if (v.label.isEmpty()) v.label = names.get(v); // so that the picture says it too
            }
            forward();
            backward(root, "backward: " + name(root) + ".backward(), each Value passing its grad to its inputs, "
                    + name(root) + " first");
            if (twice) {
                backward(root, "backward() again, without setting the gradients back to 0 first:");
                lines.add(Line.text("  every grad kept the first pass's and grew, those inside the graph too, which then "
                        + "passed on more: zero them (zeroGrad()) before each backward()"));
            }
            lines.add(Line.text(""));
            for (Value v : inputs) lines.add(Line.text(name(v) + ".grad = " + Numbers.repr(v.grad)));
        }

        String name(Value v) { return names.get(v); }

        private void forward() {
            var given = inputs.stream().map(v -> name(v) + " = " + Numbers.repr(v.data)).toList();
            lines.add(Line.text("forward: each Value from its inputs, in the order they are computed"));
            if (!given.isEmpty()) lines.add(Line.text("  " + String.join(", ", given) + " (the inputs)"));
            for (int k = 0; k < order.size(); k++) {
                Value v = order.get(k);
                if (v.inputs.length == 0) continue;
                String numbers = formula(v, in -> Numbers.repr(in.data));
                lines.add(new Line("  " + name(v) + " = " + formula(v, this::name) + " = " + numbers + " = "
                        + Numbers.repr(v.data), k, -1, false, v.data));
            }
        }

        /** How v is computed from its inputs, each shown as show gives it: "a * b", "tanh(n)", "b + w0*x0 + ...". */
        private static String formula(Value v, Function<Value, String> show) {
            var in = Arrays.stream(v.inputs).map(show).toList();
            if (v.op.equals("wx+b")) {
                var terms = new ArrayList<>(List.of(in.get(0)));
                for (int i = 1; i < in.size(); i += 2) terms.add(in.get(i) + "*" + in.get(i + 1));
                return String.join(" + ", terms);
            }
            return in.size() == 2 ? in.get(0) + " " + v.op + " " + in.get(1)
                    : v.op.startsWith("**") ? in.get(0) + v.op : v.op + "(" + in.get(0) + ")";
        }

        /** The chain rule as backward() applies it, a line per input of each Value, its local derivative in words. */
        private void backward(Value root, String heading) {
            lines.add(Line.text(""));
            lines.add(Line.text(heading));
            boolean again = root.grad != 0;
            root.grad = 1;
            lines.add(new Line("  " + name(root) + ".grad = 1.0 (the start" + (again ? ": backward() sets it, it does "
                    + "not add to it)" : ")"), order.size() - 1, -1, true, 1));
            var uses = new IdentityHashMap<Value, Integer>();
            for (Value v : order) for (Value in : v.inputs) uses.merge(in, 1, Integer::sum);
            var received = new IdentityHashMap<Value, Integer>(); // contributions so far in this pass
            for (int k = order.size() - 1; k >= 0; k--) {
                Value v = order.get(k);
                for (int j = 0; j < v.inputs.length; j++) {
                    Value in = v.inputs[j];
                    double before = in.grad, contribution = v.localGrads[j] * v.grad;
                    in.grad += v.localGrads[j] * v.grad; // exactly as backward() does it
                    String text = "  " + name(in) + ".grad += " + local(v, j) + " * " + name(v) + ".grad = "
                            + Numbers.repr(v.localGrads[j]) + " * " + Numbers.repr(v.grad) + " = " + Numbers.repr(contribution);
                    int count = received.merge(in, 1, Integer::sum);
                    if (count > 1) {
                        text += " -> " + name(in) + ".grad = " + Numbers.repr(in.grad) + " (" + name(in) + " is used "
                                + (uses.get(in) == 2 ? "twice" : uses.get(in) + " times") + ": the paths add up)";
                    } else if (before != 0) {
                        text += " -> " + name(in) + ".grad = " + Numbers.repr(in.grad) + " (the " + Numbers.repr(before)
                                + " from before is still there: nothing set it back to 0)";
                    }
                    lines.add(new Line(text, order.indexOf(in), k, true, in.grad));
                }
            }
        }

        /** "a.data", or for a constant just its number. */
        private String data(Value v) { return v.inputs.length == 0 && !inputs.contains(v) ? name(v) : name(v) + ".data"; }

        /** The local derivative d(v)/d(input j), in words. */
        private String local(Value v, int j) {
            String in = name(v.inputs[j]);
            return switch (v.op) {
                case "+" -> "1";
                case "*" -> data(v.inputs[1 - j]);
                case "wx+b" -> j == 0 ? "1" : data(v.inputs[j % 2 == 1 ? j + 1 : j - 1]);
                case "tanh" -> "(1 - " + name(v) + ".data**2)";
                case "relu" -> "(1 if " + in + ".data > 0 else 0)";
                case "exp" -> name(v) + ".data";
                case "log" -> "1/" + in + ".data";
                default -> { // **k: k * a**(k-1)
                    double k = Double.parseDouble(v.op.substring(2));
                    yield Numbers.number(k) + " * " + in + ".data**" + Numbers.number(k - 1);
                }
            };
        }

        /** The page: draw_dot's picture with Back and Next through these lines (web/trace.html). */
        String page(String title) {
            var steps = new StringJoiner(",\n", "[\n", "\n]");
            for (Line l : lines) {
                if (l.value() < 0) continue;
                steps.add("{\"text\": " + Page.string(l.text().strip()) + ", \"value\": " + l.value() + ", \"input\": "
                        + l.input() + ", \"field\": \"" + (l.grad() ? "grad" : "data") + "\", \"number\": "
                        + Page.string(String.format(Locale.ROOT, "%.4f", l.number())) + "}");
            }
            var start = new StringJoiner(",", "[", "]"); // the inputs' data, known before the first step
            for (Value v : order) start.add(v.inputs.length == 0 ? Page.string(String.format(Locale.ROOT, "%.4f", v.data)) : "null");
            return Page.of("trace.html", "{\"title\": " + Page.string(title) + ",\n\"start\": " + start + ",\n\"svg\": "
                    + Page.string(GraphSvg.svg(order.get(order.size() - 1))) + ",\n\"steps\": " + steps + "}");
        }
    }

    /** The chain rule, one Value at a time, for the lecture's neuron or your own expression. */
    @Command(name = "trace", mixinStandardHelpOptions = true, sortOptions = false,
            header = "Trace backward() through a neuron or your expression, one Value at a time.",
            description = "Prints the forward pass, each Value as it is computed, then backward(): each Value "
                    + "passing its gradient to its inputs, the local derivative times the gradient from above, and "
                    + "where a Value is used twice, the two contributions adding up. Without EXPR, the lecture's "
                    + "neuron (see graph).")
    static final class TraceCommand implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Option(names = "--twice", description = "Run backward() a second time without zeroing the gradients.")
        boolean twice;

        @Option(names = "--html", paramLabel = "PAGE",
                description = "Also write a page: the graph as draw_dot draws it, with Back and Next through the lines.")
        Path html;

        @Parameters(index = "0", arity = "0..1", paramLabel = "EXPR", description = "Your own expression, as for graph.")
        String expression;

        @Parameters(index = "1..*", paramLabel = "NAME=VALUE", description = "A value for each name in EXPR.")
        List<String> values = new ArrayList<>();

        @Override
        public Integer call() {
            var cmd = spec.commandLine();
            Output page = html == null ? null : Output.page("--html", html);
            Output.check(cmd, page);
            Value root;
            String title;
            if (expression == null) {
                root = neuron(2, 0, -3, 1, 6.8813735870195432, Activation.TANH);
                title = "o = tanh(x1*w1 + x2*w2 + b)";
            } else {
                var own = OwnExpression.read(spec, expression, values);
                root = own.value();
                for (Value v : root.topologicalOrder()) if (!own.names().contains(v.label)) v.label = ""; // Trace names them
                title = own.title();
            }
            int size = root.topologicalOrder().size();
            OwnExpression.require(spec, size <= Trace.MOST, "EXPR", OwnExpression.quoted(String.valueOf(expression)),
                    "a graph of at most " + Trace.MOST + " Values to trace (this one has " + size + ")");
            var trace = new Trace(root, twice);
            PrintWriter out = cmd.getOut();
            out.println(title);
            out.println();
            for (Trace.Line l : trace.lines) out.println(l.text());
            if (page != null) {
                page.write(cmd, trace.page(title));
                out.println();
                out.println("wrote " + html);
            }
            return 0;
        }
    }

    // =============================================================================================
    // Plumbing: JShell with the engine loaded (the play command)
    // =============================================================================================

    /**
     * What a session of the play command has by its short name, besides the lesson's public parts (Value,
     * Neuron, Layer, MLP, Module, Dataset, the datasets, the losses, sgdStep, PythonRandom, NumpyRandom):
     * mlp, draw, trace and train.
     */
    public static final class Play {
        private Play() {}

        /** Printed before JShell's own welcome: what is there, and a first line to try. */
        static final String[] INTRO = {
            "micrograd's engine in JShell. By their short names: Value, Neuron, Layer, MLP, moons, circles, xor,",
            "spiral, tiny, hingeLoss, meanSquaredError, l2, sgdStep, train; draw(v) prints v's graph with its",
            "gradients and draw(v, \"graph.svg\") draws it; trace(v) shows backward() one Value at a time;",
            "mlp(2, 16, 16) is the notebook's model. Try:",
            "  var a = new Value(2.0, \"a\"); var b = new Value(-3.0, \"b\"); var L = a.mul(b); L.backward(); draw(L)",
            "  train(mlp(2, 16, 16), moons(100, 0.1, NumpyRandom.seeded(1337)), 100)",
            "Tab completes a name; /exit leaves.",
        };

        /**
         * Runs JShell in this process (--execution local: by default JShell starts a second JVM to run the
         * snippets in, which takes seconds) with this program's class path, after the imports: a static
         * import brings the nested classes (Value, MLP, ...) and the methods (moons, draw, ...); Module is
         * named once more so that it means micrograd's, not java.lang's.
         */
        static int start(CommandLine cmd) throws Exception {
            if (ClassLoader.getSystemResource("micrograd/Micrograd.class") == null) {
                cmd.getErr().println("micrograd play: JShell needs the program's compiled classes on the class path; "
                        + "run it with JBang: ./jbang Micrograd.java play");
                return 1;
            }
            Path imports = Files.createTempFile("micrograd-play", ".jsh");
            try {
                Files.writeString(imports, "import static micrograd.Micrograd.*;\nimport static micrograd.Micrograd"
                        + ".Play.*;\nimport micrograd.Micrograd.Module;\n");
                for (String line : INTRO) cmd.getOut().println(line);
                cmd.getOut().flush();
                return jdk.jshell.tool.JavaShellToolBuilder.builder().persistence(new HashMap<>()).start(
                        "--execution", "local", "--class-path", System.getProperty("java.class.path"),
                        "--startup", "DEFAULT", "--startup", imports.toString());
            } finally {
                Files.delete(imports);
            }
        }

        /** The notebook's model: MLP(inputs, hidden..., 1), ReLU, its weights drawn as the notebook draws them. */
        public static MLP mlp(int inputs, Integer... hidden) {
            return new MLP(inputs, List.of(hidden), Activation.RELU, PythonRandom.seeded(1337));
        }

        /** Prints v's graph as the graph command prints it: every Value with its operation, data and gradient. */
        public static void draw(Value v) {
            if (fits("draw", v, GraphSvg.MOST)) GraphText.tree(v).forEach(System.out::println);
        }

        /** Draws v's graph as micrograd's draw_dot does, into an SVG file. */
        public static void draw(Value v, String file) {
            write("draw", v, GraphSvg.MOST, () -> Output.svg("file", Path.of(file)), () -> GraphSvg.svg(v));
        }

        /**
         * Prints backward() one Value at a time, as the trace command does (every grad in v's graph set to 0
         * first). Label the inputs (new Value(2, "a")): an unlabelled one is shown as a constant, by its number,
         * and the Values without a label get one, a letter.
         */
        public static void trace(Value v) {
            if (fits("trace", v, Trace.MOST)) new Trace(v, false).lines.forEach(line -> System.out.println(line.text()));
        }

        /** Writes the trace as a page, with Back and Next through its lines. */
        public static void trace(Value v, String file) {
            write("trace", v, Trace.MOST, () -> Output.page("file", Path.of(file)), () -> new Trace(v, false).page(
                    v.label.isEmpty() ? "your Value" : v.label));
        }

        private static boolean fits(String name, Value v, int most) {
            int size = v.topologicalOrder().size();
            if (size > most) System.out.println(name + ": this graph has " + size + " Values; " + name + " takes up to " + most);
            return size <= most;
        }

        /** Writes a file by the rule every output follows (see Output); what goes wrong is one line. */
        private static void write(String name, Value v, int most, Supplier<Output> output, Supplier<String> text) {
            var cmd = new CommandLine(new PlayCommand());
            try {
                Output file = output.get();
                Output.check(cmd, file);
                if (!fits(name, v, most)) return;
                file.write(cmd, text.get());
                System.out.println("wrote " + file.file());
            } catch (RuntimeException e) {
                System.out.println(name + "(v, file): " + e.getMessage().replace("Invalid value for option 'file': ", ""));
            }
        }

        /** Trains as the demo does: hinge loss, alpha 1e-4, the learning rate from 1.0 down. */
        public static double train(MLP model, Dataset data, int steps) {
            return train(model, data, steps, 1.0, Loss.HINGE);
        }

        /**
         * Trains with the lesson's train(): all samples each step, alpha 1e-4, the learning rate falling
         * from lr. Prints the first step, every tenth of the way and the last; returns the last loss.
         */
        public static double train(MLP model, Dataset data, int steps, double lr, Loss loss) {
            int inputs = model.layers.get(0).neurons.get(0).w.size();
            if (steps < 1 || inputs != data.inputs()) {
                System.out.println("train: " + (steps < 1 ? "at least 1 step" : "a model that takes the data's "
                        + data.inputs() + " inputs (this one takes " + inputs + "), as mlp(" + data.inputs() + ", 16, 16)"));
                return Double.NaN;
            }
            int every = Math.max(1, steps / 10);
            double[] last = {Double.NaN};
            int[] at = {0};
            boolean finished = Micrograd.train(model, data, new Settings(loss, 1e-4, steps, lr, 0, false),
                    NumpyRandom.seeded(0), step -> {
                        last[0] = step.loss();
                        at[0] = step.step();
                        if (step.step() % every == 0 || step.step() == steps - 1 || !Double.isFinite(step.loss())) {
                            System.out.println(TrainCommand.stepLine(step));
                        }
                    });
            if (!finished) System.out.println(Cli.divergedLine("train", last[0], at[0], "lr", lr));
            return last[0];
        }
    }

    /** JShell with the engine loaded, in this very process. */
    @Command(name = "play", mixinStandardHelpOptions = true, sortOptions = false,
            header = "Open JShell with the engine loaded, to try Values.",
            description = {"Opens JShell (Java's read-eval-print loop) with this program's classes imported: "
                    + "Value, Neuron, Layer, MLP, the datasets, the losses and train by their short names; draw(v) "
                    + "prints v's graph as the graph command does, draw(v, \"graph.svg\") draws it, trace(v) shows "
                    + "backward() step by step. The lecture's first cells, in Java:",
                "  var a = new Value(2.0, \"a\"); var b = new Value(-3.0, \"b\");",
                "  var c = new Value(10.0, \"c\"); var f = new Value(-2.0, \"f\");",
                "  var d = a.mul(b).add(c); var L = d.mul(f); L.backward(); draw(L)"})
    static final class PlayCommand implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception { return Play.start(spec.commandLine()); }
    }

    // =============================================================================================
    // Plumbing: random numbers exactly as NumPy and Python make them
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
    public static final class NumpyRandom implements Draws {
        private final MersenneTwister twister;
        private boolean hasSpareGaussian;
        private double spareGaussian;

        private NumpyRandom(MersenneTwister twister) { this.twister = twister; }

        /** np.random.seed(seed), for 0 <= seed < 2^32. */
        public static NumpyRandom seeded(long seed) { return new NumpyRandom(MersenneTwister.seeded((int) seed)); }

        @Override
        public double random() { return twister.nextDouble(); }

        /** A standard normal number by the polar (Marsaglia) method, which makes two at a time. */
        @Override
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
        @Override
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
    public static final class PythonRandom implements Uniform {
        private final MersenneTwister twister;

        private PythonRandom(MersenneTwister twister) { this.twister = twister; }

        /** random.seed(seed) for a whole number seed >= 0: the seed's 32-bit words, low word first. */
        public static PythonRandom seeded(long seed) {
            int[] key = seed >>> 32 == 0 ? new int[] {(int) seed} : new int[] {(int) seed, (int) (seed >>> 32)};
            return new PythonRandom(MersenneTwister.seededByArray(key));
        }

        public double random() { return twister.nextDouble(); }

        /** random.uniform(a, b) = a + (b - a) * random() */
        @Override
        public double uniform(double a, double b) { return a + (b - a) * random(); }

        // --- what MicroGpt.java uses, as CPython 3.11's random.py does it -----------------------------

        private double nextGauss = Double.NaN; // the second number of the last pair, until it is used

        /** random.gauss(mu, sigma): Box-Muller, two numbers at a time, the second kept for the next call. */
        public double gauss(double mu, double sigma) {
            double z = nextGauss;
            nextGauss = Double.NaN;
            if (Double.isNaN(z)) {
                double x2pi = random() * (2.0 * Math.PI); // TWOPI = 2.0 * pi in random.py
                double g2rad = Math.sqrt(-2.0 * Math.log(1.0 - random()));
                z = Math.cos(x2pi) * g2rad;
                nextGauss = Math.sin(x2pi) * g2rad;
            }
            return mu + z * sigma;
        }

        /** random.getrandbits(k) for 0 < k <= 32: the top k bits of one 32-bit word. */
        int getrandbits(int k) { return twister.nextInt() >>> (32 - k); }

        /** random._randbelow(n): k random bits, drawn again until they are below n. */
        int randbelow(int n) {
            int k = 32 - Integer.numberOfLeadingZeros(n); // n.bit_length()
            int r = getrandbits(k);
            while (r >= n) r = getrandbits(k);
            return r;
        }

        /** random.shuffle(x): Fisher-Yates from the last position down. */
        public <T> void shuffle(List<T> x) {
            for (int i = x.size() - 1; i > 0; i--) Collections.swap(x, i, randbelow(i + 1));
        }

        /** random.choices(range(n), weights)[0]: an index drawn with probability proportional to its weight. */
        public int choice(double[] weights) {
            double[] cumulative = new double[weights.length];
            double sum = 0;
            for (int i = 0; i < weights.length; i++) cumulative[i] = sum += weights[i];
            double x = random() * cumulative[weights.length - 1];
            int lo = 0, hi = weights.length - 1; // bisect_right(cumulative, x, 0, n - 1)
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (x < cumulative[mid]) hi = mid; else lo = mid + 1;
            }
            return lo;
        }
    }
    // =============================================================================================
    // Plumbing: numbers as Python prints them
    // =============================================================================================

    /** Numbers printed as micrograd's notebook prints them, and shorter where a label wants it. */
    static final class Numbers {
        private Numbers() {}

        /** Formats a double as Python's repr() does: the shortest digits that read back as the same number. */
        static String repr(double x) {
            if (Double.isNaN(x)) return "nan";
            if (Double.isInfinite(x)) return x > 0 ? "inf" : "-inf";
            if (x == 0) return (1 / x < 0) ? "-0.0" : "0.0";
            if (x < 0) return "-" + repr(-x);
            String[] digitsAndPoint = shortestDigits(x);
            String d = digitsAndPoint[0];
            int point = Integer.parseInt(digitsAndPoint[1]); // x = 0.d * 10^point
            if (point <= -4 || point > 16) { // scientific, as 1e-05 or 1.5e+16
                String mantissa = d.length() == 1 ? d : d.charAt(0) + "." + d.substring(1);
                int exponent = point - 1;
                return mantissa + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "")
                        + Math.abs(exponent);
            }
            if (point <= 0) return "0." + "0".repeat(-point) + d;
            if (point >= d.length()) return d + "0".repeat(point - d.length()) + ".0";
            return d.substring(0, point) + "." + d.substring(point);
        }

        /**
         * The fewest digits d (and the place of the point) that read back as x > 0, the nearest to x where
         * several do, as Python's repr. The nearest n-digit number is x's exact value rounded half to even;
         * the first n where it reads back is the answer. n starts at 15: 15-digit numbers lie further apart
         * than doubles, so where a shorter d reads back, so does d with zeros after it (stripped below).
         * Where x is a power of two, the gap below x is half the gap above, so the nearest may not read back
         * when the next one up or down does: try those too.
         */
        static String[] shortestDigits(double x) {
            BigDecimal exact = new BigDecimal(x);
            boolean powerOfTwo = (Double.doubleToRawLongBits(x) & 0xF_FFFF_FFFF_FFFFL) == 0;
            for (int digits = 15; ; digits++) { // at the latest, 17 digits read back
                BigDecimal rounded = exact.round(new MathContext(digits, RoundingMode.HALF_EVEN));
                var candidates = new ArrayList<>(List.of(rounded));
                if (powerOfTwo) {
                    BigDecimal unit = BigDecimal.ONE.scaleByPowerOfTen(rounded.precision() - rounded.scale() - digits);
                    candidates.add(rounded.add(unit));
                    candidates.add(rounded.subtract(unit));
                    candidates.sort(Comparator.comparing(c -> c.subtract(exact).abs()));
                }
                for (BigDecimal c : candidates) {
                    if (c.signum() > 0 && c.doubleValue() == x) {
                        BigDecimal shortest = c.stripTrailingZeros();
                        String d = shortest.unscaledValue().toString();
                        return new String[] {d, String.valueOf(d.length() - shortest.scale())};
                    }
                }
            }
        }

        /** A number to 6 significant digits, without trailing zeros: 16, 0.64, 0.0256, 1.4. */
        static String shortNumber(double x) {
            if (!Double.isFinite(x)) return repr(x);
            if (x == 0) return "0";
            BigDecimal rounded = new BigDecimal(x).round(new MathContext(6)).stripTrailingZeros();
            if (Math.abs(x) >= 1e16 || Math.abs(x) < 1e-6) return repr(rounded.doubleValue()); // 6.28726e+159
            return rounded.toPlainString();
        }

        /** A number as it reads best in a label: 2 rather than 2.0. */
        static String number(double x) {
            return x == Math.rint(x) && Math.abs(x) < 1e15 ? String.valueOf((long) x) : repr(x);
        }
    }
}
