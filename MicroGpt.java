///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DESCRIPTION microGPT on micrograd's Value engine: trains a one-layer GPT on names and samples new ones
//SOURCES Micrograd.java
//FILES data/names.txt=data/names.txt
//DEPS info.picocli:picocli:4.7.7

/*
 * microGPT for Java: Karpathy's microgpt.py (a gist of February 2026, "the most atomic way to train and
 * run inference for a GPT in pure, dependency-free Python") on the Value engine of Micrograd.java.
 * It learns from 32,033 names, one name a step, then makes up 20 new ones.
 *
 * Run it:   jbang MicroGpt.java              trains 1,000 steps, then samples 20 names
 *           jbang MicroGpt.java --help       every option
 * The JVM's options are Micrograd.java's //RUNTIME_OPTIONS: JBang takes them in with its //SOURCES.
 *
 * Read Micrograd.java's lesson first (sections 1-8): Value and backward(), the tape, the network, a
 * loss, gradient descent, the training loop. This file's first method, run(), is microgpt.py's top
 * level, in its order:
 *    1. Data         the names, shuffled
 *    2. Tokenizer    a token per character, and BOS to start and end a name
 *    3. Parameters   embeddings and matrices of Values
 *    4. The model    (gpt(), below run()) embeddings, causal self-attention, an MLP
 *    5. Adam         gradient descent with running means of each gradient and of its square
 *    6. Training     a name a step, the cross-entropy of each next letter as the loss
 *    7. Inference    sampling names a letter at a time
 * Then the parts it uses: the Tokenizer, the Cache, the Gpt with its loss() and gpt(), and linear,
 * softmax and rmsnorm. After a banner, the plumbing: the command line, reading the data file, printing.
 * With the defaults it prints what microgpt.py prints: the same losses and the same 20 names.
 */

package micrograd; // Micrograd.java's package, to use its parts by their short names

import java.io.*;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import picocli.CommandLine;
import picocli.CommandLine.*;
import picocli.CommandLine.Model.CommandSpec;

import static micrograd.Micrograd.*; // the engine (Value, the Tape), diverged(), and the plumbing's parts

public class MicroGpt {

    /** The model's size and the run's settings: microgpt.py's constants, which the command line may change. */
    record Config(int nLayer, int nEmbd, int nHead, int blockSize, int steps, double learningRate,
                  double temperature, int samples, long seed) {
        static final Config MICROGPT_PY = new Config(1, 16, 4, 16, 1000, 0.01, 0.5, 20, 42);

        int headDim() { return nEmbd / nHead; }
    }

    /** Where the run's lines go: microgpt.py prints them, and the command decides how (see Printer). */
    interface Out {
        void println(String line);

        /**
         * The step line, with the step's numbers (the command prints it, logs it, keeps it for --html). The
         * line is made only if it is printed: String.format a step would be a tenth of the training time.
         */
        void step(int step, Supplier<String> line, double loss, double lr, long values);

        /** Training is over, after so many nanoseconds (for the command's timing line). */
        void trained(long nanos);
    }

    /** What a run leaves: the trained model, its tokenizer and the names it made up (null if it went wrong). */
    record Trained(Gpt model, Tokenizer tokenizer, List<String> names) {}

    /**
     * microgpt.py from top to bottom: the data, the tokenizer, the parameters, the training loop with its
     * step line, and inference. Stops after training, returning null, if the run has gone wrong
     * (Micrograd's diverged(): NaN, infinite, or over 1000 times the first loss).
     */
    static Trained run(List<String> lines, Config config, Out out) {
        // 1. Data: one document per line (here, a name), in random order
        var random = PythonRandom.seeded(config.seed());                           // random.seed(42)
        var docs = new ArrayList<String>();
        for (String line : lines) if (!line.strip().isEmpty()) docs.add(line.strip());
        random.shuffle(docs);                                                      // random.shuffle(docs)
        out.println("num docs: " + docs.size());

        // 2. Tokenizer: each distinct character is a token, and one more, BOS, marks a name's start and end
        var tokenizer = new Tokenizer(docs);
        out.println("vocab size: " + tokenizer.vocabSize());

        // 3. Parameters: every number the model learns, in matrices of small random numbers;
        // 4. the model that uses them, gpt(), is below
        var model = new Gpt(config, tokenizer.vocabSize(), random);
        List<Value> params = model.params();
        out.println("num params: " + params.size());

        // 5. Adam: a running mean of each gradient (m) and of its square (v); each step is m / sqrt(v), so
        // about lr whatever the gradient's size (epsAdam keeps it finite where v is 0)
        double beta1 = 0.85, beta2 = 0.99, epsAdam = 1e-8;
        double[] m = new double[params.size()], v = new double[params.size()];

        // 6. Training: a name a step; the loss is how surprised the model is by each next letter
        double first = 0;
        long start = System.nanoTime();
        try (var tape = Tape.record()) {                      // as Micrograd's train(): see section 8 there
            for (int step = 0; step < config.steps(); step++) {
                tape.values.clear();
                Value loss = model.loss(tokenizer.encode(docs.get(step % docs.size())));   // forward
                tape.backward(loss);                                               // backward
                double lr = config.learningRate() * (1 - (double) step / config.steps()); // linear decay to 0
                // beta ** (step + 1) is the same for every parameter: computed once a step, not 4,192 times
                double mScale = 1 - Math.pow(beta1, step + 1), vScale = 1 - Math.pow(beta2, step + 1);
                for (int i = 0; i < params.size(); i++) {                          // update, and zero the grads
                    Value p = params.get(i);
                    m[i] = beta1 * m[i] + (1 - beta1) * p.grad;
                    v[i] = beta2 * v[i] + (1 - beta2) * (p.grad * p.grad);         // grad ** 2
                    double mHat = m[i] / mScale, vHat = v[i] / vScale;  // m and v start at 0: bias correction
                    p.data -= lr * mHat / (Math.sqrt(vHat) + epsAdam);             // v_hat ** 0.5
                    p.grad = 0;
                }
                int shown = step + 1; // final, for the line, which is made only if the command prints it
                out.step(step, () -> String.format(Locale.ROOT, "step %4d / %4d | loss %.4f", shown, config.steps(),
                        loss.data), loss.data, lr, tape.values.size());
                if (step == 0) first = loss.data;
                if (diverged(loss.data, first)) return null;
            }
        }
        out.trained(System.nanoTime() - start);

        // 7. Inference: start from BOS, sample a token from the probabilities, feed it back, until BOS
        out.println("");
        out.println("--- inference (new, hallucinated names) ---");
        var names = new ArrayList<String>();
        for (int i = 0; i < config.samples(); i++) {
            var cache = new Cache(config.nLayer());
            int token = tokenizer.bos();
            var sample = new ArrayList<Integer>();
            for (int pos = 0; pos < config.blockSize(); pos++) {
                Value[] probs = softmax(divide(model.gpt(token, pos, cache), config.temperature()));
                token = random.choice(Arrays.stream(probs).mapToDouble(p -> p.data).toArray());
                if (token == tokenizer.bos()) break;
                sample.add(token);
            }
            names.add(tokenizer.decode(sample));
            out.println(String.format("sample %2d: %s", i + 1, names.get(i)));
        }
        return new Trained(model, tokenizer, names);
    }

    // =============================================================================================
    // 2. Tokenizer: a token per distinct character (code point, as Python's str has them), and BOS
    // =============================================================================================

    /** uchars: the documents' characters, sorted; token i is uchars[i], and token uchars.length is BOS. */
    record Tokenizer(int[] uchars) {
        Tokenizer(List<String> docs) { this(docs.stream().flatMapToInt(String::codePoints).distinct().sorted().toArray()); }

        int bos() { return uchars.length; }        // the token "beginning (or end) of sequence"

        int vocabSize() { return uchars.length + 1; }

        /** [BOS] + a token per character + [BOS]. */
        int[] encode(String doc) {
            int[] chars = doc.codePoints().toArray();
            int[] tokens = new int[chars.length + 2];
            tokens[0] = bos();
            for (int i = 0; i < chars.length; i++) tokens[i + 1] = Arrays.binarySearch(uchars, chars[i]);
            tokens[chars.length + 1] = bos();
            return tokens;
        }

        String decode(List<Integer> tokens) {
            var text = new StringBuilder();
            for (int t : tokens) text.appendCodePoint(uchars[t]);
            return text.toString();
        }
    }

    // =============================================================================================
    // 3 and 4. The parameters and the model: embeddings, causal self-attention, an MLP
    // =============================================================================================

    // A vector is a Value[] here, where microgpt.py has a list: the hot loops index arrays directly.

    /** What attention looks back at: for each layer, the key and the value vector of every position so far. */
    static final class Cache {
        final List<List<Value[]>> keys = new ArrayList<>(), values = new ArrayList<>();

        Cache(int nLayer) {
            for (int i = 0; i < nLayer; i++) {
                keys.add(new ArrayList<>());
                values.add(new ArrayList<>());
            }
        }
    }

    /** The GPT: its matrices of parameters (microgpt.py's state_dict), and gpt(), a token in, scores out. */
    static final class Gpt {
        final Config config;
        final Map<String, Value[][]> stateDict = new LinkedHashMap<>();

        /** Told each head's attention weights as gpt() computes them: only --html sets it (see GptPage.trace). */
        AttentionListener onAttention;

        Gpt(Config config, int vocabSize, PythonRandom random) {
            this.config = config;
            int e = config.nEmbd();
            stateDict.put("wte", matrix(vocabSize, e, random));         // token embeddings: a vector per token
            stateDict.put("wpe", matrix(config.blockSize(), e, random)); // position embeddings: one per position
            stateDict.put("lm_head", matrix(vocabSize, e, random));     // from a vector back to a score per token
            for (int i = 0; i < config.nLayer(); i++) {
                stateDict.put("layer" + i + ".attn_wq", matrix(e, e, random));
                stateDict.put("layer" + i + ".attn_wk", matrix(e, e, random));
                stateDict.put("layer" + i + ".attn_wv", matrix(e, e, random));
                stateDict.put("layer" + i + ".attn_wo", matrix(e, e, random));
                stateDict.put("layer" + i + ".mlp_fc1", matrix(4 * e, e, random));
                stateDict.put("layer" + i + ".mlp_fc2", matrix(e, 4 * e, random));
            }
        }

        static final double STD = 0.08; // the initial weights' standard deviation, as microgpt.py

        /** nout x nin Values drawn from a Gaussian with standard deviation 0.08. */
        static Value[][] matrix(int nout, int nin, PythonRandom random) {
            var m = new Value[nout][nin];
            for (var row : m) for (int j = 0; j < nin; j++) row[j] = new Value(random.gauss(0, STD));
            return m;
        }

        /** Every parameter, matrix by matrix and row by row. */
        List<Value> params() {
            var params = new ArrayList<Value>();
            for (var m : stateDict.values()) for (var row : m) params.addAll(Arrays.asList(row));
            return params;
        }

        /** The average of -log(probability of the right next token) over a document's positions. */
        Value loss(int[] tokens) {
            int n = Math.min(config.blockSize(), tokens.length - 1);
            var cache = new Cache(config.nLayer());
            var losses = new ArrayList<Value>(n);
            for (int pos = 0; pos < n; pos++) {                         // a token at a time, as when sampling
                Value[] probs = softmax(gpt(tokens[pos], pos, cache));
                losses.add(probs[tokens[pos + 1]].log().neg());         // cross-entropy
            }
            return Value.sum(losses).mul(1.0 / n);
        }

        /**
         * The next token's scores (logits), given one token at one position. The cache keeps what the
         * earlier positions computed: attention lets this position look back at them.
         */
        Value[] gpt(int tokenId, int posId, Cache cache) {
            int headDim = config.headDim();
            Value[] x = add(stateDict.get("wte")[tokenId], stateDict.get("wpe")[posId]);
            x = rmsnorm(x);
            for (int li = 0; li < config.nLayer(); li++) {
                // 1) multi-head causal self-attention (a position sees only itself and those before it: the
                // cache holds no later ones), with a residual connection around it (its input added back on)
                Value[] residual = x;
                x = rmsnorm(x);
                Value[] q = linear(x, stateDict.get("layer" + li + ".attn_wq"));
                Value[] k = linear(x, stateDict.get("layer" + li + ".attn_wk"));
                Value[] v = linear(x, stateDict.get("layer" + li + ".attn_wv"));
                List<Value[]> keys = cache.keys.get(li), values = cache.values.get(li);
                keys.add(k);
                values.add(v);
                var xAttn = new Value[config.nEmbd()];
                Value scale = new Value(Math.pow(headDim, 0.5)).pow(-1); // x / c = x * c^-1, as Python; one c^-1
                for (int h = 0; h < config.nHead(); h++) {
                    int hs = h * headDim;
                    var logits = new Value[keys.size()];     // q . k / sqrt(head_dim), for each position
                    for (int t = 0; t < keys.size(); t++) {
                        Value dot = q[hs].mul(keys.get(t)[hs]);
                        for (int j = 1; j < headDim; j++) dot = dot.addMul(q[hs + j], keys.get(t)[hs + j]);
                        logits[t] = dot.mul(scale);                // q . k / sqrt(head_dim)
                    }
                    Value[] weights = softmax(logits);
                    if (onAttention != null) onAttention.weights(li, h, posId, weights);
                    for (int j = 0; j < headDim; j++) {             // the weighted sum of the values
                        Value sum = weights[0].mul(values.get(0)[hs + j]);
                        for (int t = 1; t < weights.length; t++) sum = sum.addMul(weights[t], values.get(t)[hs + j]);
                        xAttn[hs + j] = sum;
                    }
                }
                x = linear(xAttn, stateDict.get("layer" + li + ".attn_wo"));
                x = add(x, residual);
                // 2) an MLP: up to 4 x n_embd, relu, back down; with a residual connection around it
                residual = x;
                x = rmsnorm(x);
                x = linear(x, stateDict.get("layer" + li + ".mlp_fc1"));
                for (int i = 0; i < x.length; i++) x[i] = x[i].relu();
                x = linear(x, stateDict.get("layer" + li + ".mlp_fc2"));
                x = add(x, residual);
            }
            return linear(x, stateDict.get("lm_head"));
        }
    }

    /** y = W x: each output is one row of W times x, summed (with addMul: one Value a term). */
    static Value[] linear(Value[] x, Value[][] w) {
        var out = new Value[w.length];
        for (int o = 0; o < w.length; o++) {
            Value sum = w[o][0].mul(x[0]);
            for (int i = 1; i < x.length; i++) sum = sum.addMul(w[o][i], x[i]);
            out[o] = sum;
        }
        return out;
    }

    /** p_i = e^(z_i - max z) / sum_j e^(z_j - max z): scores to probabilities (the max keeps e^ finite). */
    static Value[] softmax(Value[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (var z : logits) max = Math.max(max, z.data);
        var exps = new Value[logits.length];
        for (int i = 0; i < logits.length; i++) exps[i] = logits[i].add(-max).exp();
        Value total = Value.sum(Arrays.asList(exps));
        Value reciprocal = total.pow(-1);     // e / total = e * total^-1, as Python; the one power shared by all
        var probs = new Value[logits.length];
        for (int i = 0; i < logits.length; i++) probs[i] = exps[i].mul(reciprocal);
        return probs;
    }

    /** x_i / sqrt(mean(x^2) + 1e-5): every vector brought to about unit size. */
    static Value[] rmsnorm(Value[] x) {
        Value squares = x[0].mul(x[0]);
        for (int i = 1; i < x.length; i++) squares = squares.addMul(x[i], x[i]);
        Value scale = squares.div(x.length).add(1e-5).pow(-0.5);
        var out = new Value[x.length];
        for (int i = 0; i < x.length; i++) out[i] = x[i].mul(scale);
        return out;
    }

    static Value[] add(Value[] a, Value[] b) {
        var out = new Value[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i].add(b[i]);
        return out;
    }

    /** logits / temperature, each. */
    static Value[] divide(Value[] logits, double temperature) {
        var out = new Value[logits.length];
        for (int i = 0; i < logits.length; i++) out[i] = logits[i].div(temperature);
        return out;
    }

    // #############################################################################################
    //
    //      THE ALGORITHM ENDS HERE. What follows is plumbing: the command line, reading the data
    //      file, and printing, which you may skip.
    //
    // #############################################################################################

    /**
     * Told each head's attention weights as gpt() computes them. Only the --html page sets it, while it runs
     * a sampled name through gpt() once more (GptPage.trace): a listener keeps gpt() as microgpt.py has it,
     * returning the logits alone, and costs training and sampling nothing (it is null then).
     */
    interface AttentionListener {
        void weights(int layer, int head, int position, Value[] weights);
    }

    /** The command line: the options, checking them, reading the data, and printing as microgpt.py prints. */
    @CommandLine.Command(name = "microgpt", mixinStandardHelpOptions = true,
            version = "microGPT for Java " + Cli.VERSION,
            sortOptions = false, abbreviateSynopsis = true, usageHelpAutoWidth = true,
            description = "Trains a one-layer GPT on a list of names with micrograd's scalar Value engine, as "
                    + "Karpathy's microgpt.py does, then samples new names. The defaults print what "
                    + "microgpt.py prints.",
            subcommands = {Command.Bench.class, HelpCommand.class}, commandListHeading = "%nCommands:%n",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:trained and sampled", "1:the run went wrong (the loss became NaN or infinite, or over "
                    + "1000 times its first value), a file could not be written, or an unexpected error",
                    "2:a usage error: an unknown option, a value out of range, a data file that cannot be read",
                    "141:the reader of the output went away (| head), as a shell reports SIGPIPE"})
    static final class Command implements Callable<Integer>, Cli.Ranges {
        @Spec CommandSpec spec;

        @ArgGroup(validate = false, heading = "%nData:%n") DataOptions data = new DataOptions();
        @ArgGroup(validate = false, heading = "%nModel:%n") ModelOptions model = new ModelOptions();
        @ArgGroup(validate = false, heading = "%nTraining and sampling:%n") RunOptions run = new RunOptions();

        static final class DataOptions {
            @Option(names = "--data", paramLabel = "FILE",
                    description = "A text file in UTF-8, one document (e.g. a word or a name) per line, at most "
                            + "50 MB and 10,000 characters a line (default: makemore's names.txt, which comes with "
                            + "this file).")
            Path file;

            @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42",
                    description = "Seeds the shuffle, the weights and the sampling, 0 to 4294967295 "
                            + "(default ${DEFAULT-VALUE}).")
            long seed;
        }

        static final class ModelOptions {
            @Option(names = "--n-layer", paramLabel = "L", defaultValue = "1",
                    description = "Transformer layers, 1 to 8 (default ${DEFAULT-VALUE}).")
            int nLayer;

            @Option(names = "--n-embd", paramLabel = "E", defaultValue = "16",
                    description = "Embedding size, 1 to 256 (default ${DEFAULT-VALUE}).")
            int nEmbd;

            @Option(names = "--n-head", paramLabel = "H", defaultValue = "4",
                    description = "Attention heads; must divide --n-embd (default ${DEFAULT-VALUE}).")
            int nHead;

            @Option(names = "--block-size", paramLabel = "B", defaultValue = "16",
                    description = "Longest context in tokens, 1 to 256; longer documents are cut "
                            + "(default ${DEFAULT-VALUE}).")
            int blockSize;
        }

        static final class RunOptions {
            @Option(names = "--steps", paramLabel = "STEPS", defaultValue = "1000",
                    description = "Training steps, one document each, 0 to 1000000 (default ${DEFAULT-VALUE}).")
            int steps;

            @Option(names = "--lr", paramLabel = "LR", defaultValue = "0.01",
                    description = "Adam's learning rate at step 1; it falls linearly to 0 (default ${DEFAULT-VALUE}).")
            double lr;

            @Option(names = "--temperature", paramLabel = "T", defaultValue = "0.5",
                    description = "Sampling temperature, 0.001 to 1000: lower is safer, higher more inventive "
                            + "(default ${DEFAULT-VALUE}).")
            double temperature;

            @Option(names = "--samples", paramLabel = "N", defaultValue = "20",
                    description = "Names to sample after training, 0 to 10000 (default ${DEFAULT-VALUE}).")
            int samples;

            @Option(names = "--every", paramLabel = "K", defaultValue = "100",
                    description = "When the output is not a terminal, print every K-th step (and the first and "
                            + "last); on a terminal the step line updates in place (default ${DEFAULT-VALUE}).")
            int every;

            @Option(names = "--log", paramLabel = "CSV",
                    description = "Write step,loss,lr to a CSV file, a row per step, at full precision.")
            Path log;

            @Option(names = "--html", paramLabel = "PAGE",
                    description = "After sampling, write a page: the loss curve against ln(vocab size), and for the "
                            + "first " + GptPage.NAMES + " names each head's attention and each next letter's "
                            + "probability.")
            Path html;
        }

        @Override
        public Integer call() throws IOException {
            var cmd = spec.commandLine();
            validate(cmd);
            // the same refusals as Micrograd.java's (a folder, a Java source...), and not the data file itself
            var outputs = new ArrayList<Output.Target>();
            if (run.log != null) outputs.add(Output.target(cmd, "--log", run.log));
            if (run.html != null) outputs.add(Output.target(cmd, "--html", run.html));
            Output.requireDistinct(cmd, outputs, "--data", data.file);
            List<String> lines = readData(cmd);
            requireFits(cmd, lines);
            var config = new Config(model.nLayer, model.nEmbd, model.nHead, model.blockSize, run.steps, run.lr,
                    run.temperature, run.samples, data.seed);

            var page = run.html == null ? null : new GptPage(run.steps);
            var printer = new Printer(cmd.getOut(), run.every, run.steps, System.console() != null, page);
            MicroGpt.Trained trained;
            try (var csv = run.log == null ? null : Output.CsvLog.open(cmd, "--log", run.log, "step,loss,lr")) {
                printer.csv = csv;
                trained = MicroGpt.run(lines, config, printer);
            }
            if (trained == null) {
                if (printer.terminal) cmd.getOut().println(); // after the step line that updated in place
                cmd.getOut().flush();
                cmd.getErr().println(Cli.divergedLine("microgpt", printer.lastLoss, printer.steps, "--lr", run.lr));
                return 1;
            }
            if (page != null) { // after the sampling, which it cannot disturb: it draws no random numbers
                Cli.writeAndSay(cmd, "--html", run.html, page.html(trained, run.temperature, title()));
            }
            cmd.getOut().flush();
            return 0;
        }

        /**
         * Prints the run as microgpt.py does, and after training the timing line. The step line updates in
         * place on a terminal (microgpt.py's end='\\r'); elsewhere it is printed every --every steps.
         */
        static final class Printer implements MicroGpt.Out {
            final PrintWriter out;
            final int every, totalSteps;
            final boolean terminal;
            final GptPage page;
            Output.CsvLog csv;
            long values;     // Values made, over all the steps so far
            int steps;       // steps done so far
            double lastLoss;

            Printer(PrintWriter out, int every, int totalSteps, boolean terminal, GptPage page) {
                this.out = out;
                this.every = every;
                this.totalSteps = totalSteps;
                this.terminal = terminal;
                this.page = page;
            }

            @Override
            public void println(String line) { out.println(line); }

            @Override
            public void step(int step, Supplier<String> line, double loss, double lr, long made) {
                steps = step + 1;
                lastLoss = loss;
                values += made;
                if (terminal) {
                    out.print("\r" + line.get());
                    out.flush();
                } else if (step == 0 || steps % every == 0 || steps == totalSteps || !Double.isFinite(loss)) {
                    out.println(line.get());
                }
                if (csv != null) csv.row(steps + "," + Numbers.repr(loss) + "," + Numbers.repr(lr));
                if (page != null) page.record(step, loss);
            }

            @Override
            public void trained(long nanos) {
                if (terminal && steps > 0) out.println();
                out.println(Cli.trainedLine(steps, nanos / 1e9, values));
            }
        }

        /** What each option allows: for the checks in validate(), and for a value that is not even a number. */
        @Override
        public String allowed(String option) {
            return switch (option) {
                case "--seed" -> Cli.SEEDS;
                case "--n-layer" -> "a whole number from 1 to 8";
                case "--n-embd" -> "a whole number from 1 to 256";
                case "--n-head" -> "a number of heads that divides --n-embd (" + model.nEmbd + ")";
                case "--block-size" -> "a whole number from 1 to 256";
                case "--steps" -> "a whole number from 0 to 1000000";
                case "--lr" -> "a finite number above 0";
                case "--temperature" -> "a number from " + Numbers.number(COLDEST) + " to " + Numbers.number(HOTTEST);
                case "--samples" -> "a whole number from 0 to 10000";
                case "--every" -> "a whole number >= 1";
                default -> null;
            };
        }

        // Below 0.001 the logits / temperature overflow (1e-320: every name empty); above 1000 it is a uniform guess
        static final double COLDEST = 0.001, HOTTEST = 1000;

        /** The settings that matter, for the page's title. */
        String title() {
            return String.format(Locale.ROOT, "microGPT: %d %s, %d-dim embeddings, %d %s, block size %d, %d steps, "
                    + "lr %s, seed %d", model.nLayer, model.nLayer == 1 ? "layer" : "layers", model.nEmbd, model.nHead,
                    model.nHead == 1 ? "head" : "heads", model.blockSize, run.steps, Numbers.shortNumber(run.lr),
                    data.seed);
        }

        void validate(CommandLine cmd) {
            Cli.check(spec, "--seed", data.seed >= 0 && data.seed <= Cli.LARGEST_SEED);
            Cli.check(spec, "--n-layer", model.nLayer >= 1 && model.nLayer <= 8);
            Cli.check(spec, "--n-embd", model.nEmbd >= 1 && model.nEmbd <= 256);
            Cli.check(spec, "--n-head", model.nHead >= 1 && model.nEmbd % model.nHead == 0);
            Cli.check(spec, "--block-size", model.blockSize >= 1 && model.blockSize <= 256);
            Cli.check(spec, "--steps", run.steps >= 0 && run.steps <= 1_000_000);
            Cli.check(spec, "--lr", Double.isFinite(run.lr) && run.lr > 0);
            Cli.check(spec, "--temperature", run.temperature >= COLDEST && run.temperature <= HOTTEST);
            Cli.check(spec, "--samples", run.samples >= 0 && run.samples <= 10_000);
            Cli.check(spec, "--every", run.every >= 1);
        }

        /**
         * About how many Values a step makes, for documents of t tokens: per position, the linear layers
         * (a Value per weight, with addMul), attention over up to t positions, the norms, lm_head and the softmax.
         */
        long valuesPerStep(int t, int vocabSize) {
            long d = model.nEmbd, layers = model.nLayer;
            long perPosition = layers * (12 * d * d + 2 * d * t + 10 * d) + (long) vocabSize * d
                    + 2 * d * (2 * layers + 1) + 4L * vocabSize;
            return t * perPosition;
        }

        /** Refuses a model that could not train in the memory Java has: one line, before any work. */
        void requireFits(CommandLine cmd, List<String> lines) {
            var docs = lines.stream().map(String::strip).toList();
            int longest = docs.stream().mapToInt(String::length).max().orElse(0);
            long values = valuesPerStep(Math.min(model.blockSize, longest + 1), new Tokenizer(docs).vocabSize());
            Estimate.requireFits(cmd, "--n-embd", model.nEmbd, values, "a model that fits",
                    "--n-embd, --n-layer or --block-size");
        }

        static final int LARGEST_DATA = 50_000_000; // bytes: names.txt has 228,146
        static final int LONGEST_LINE = 10_000;     // characters in one document

        /** The data file's lines, or the names that come with this file; an unreadable file is a usage error. */
        List<String> readData(CommandLine cmd) throws IOException {
            if (data.file == null) {
                try (var in = MicroGpt.class.getResourceAsStream("/data/names.txt")) {
                    if (in == null) throw new FileNotFoundException("data/names.txt is not packed with the program");
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
                }
            }
            Path file = data.file;
            Cli.require(cmd, Files.exists(file), "--data", file, "a text file (no such file)");
            Cli.require(cmd, !Files.isDirectory(file), "--data", file, "a text file; that is a directory");
            Cli.require(cmd, !Files.isRegularFile(file) || Files.size(file) <= LARGEST_DATA, "--data", file,
                    String.format(Locale.ROOT, "a text file of at most %,d bytes (it has %,d)", LARGEST_DATA,
                            Files.isRegularFile(file) ? Files.size(file) : 0));
            byte[] bytes;
            try (var in = Files.newInputStream(file)) {
                bytes = in.readNBytes(LARGEST_DATA + 1);  // a device or a pipe may never end (/dev/zero)
            } catch (IOException e) {
                throw new ParameterException(cmd, "Invalid value for option '--data': '" + file
                        + "'; expected a file that can be read (" + Output.reason(e) + ")");
            }
            Cli.require(cmd, bytes.length <= LARGEST_DATA, "--data", file,
                    String.format(Locale.ROOT, "a text file of at most %,d bytes (it goes on)", LARGEST_DATA));
            List<String> lines = decodeLines(cmd, file, bytes);
            Cli.require(cmd, lines.stream().anyMatch(l -> !l.strip().isEmpty()), "--data", file,
                    "a file with at least one line of text (it has none)");
            return lines;
        }

        /** The lines of a file in UTF-8, strictly: a byte-order mark dropped, bad bytes and NULs refused by line. */
        static List<String> decodeLines(CommandLine cmd, Path file, byte[] bytes) {
            var utf8 = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
            var lines = new ArrayList<String>();
            int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                    && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
            while (start < bytes.length) {
                int end = start;
                while (end < bytes.length && bytes[end] != '\n') end++;
                String line;
                try {
                    line = utf8.decode(java.nio.ByteBuffer.wrap(bytes, start, end - start)).toString();
                } catch (CharacterCodingException e) {
                    line = null;
                }
                int number = lines.size() + 1; // each message is made only for a line that needs it
                if (line == null || line.indexOf(0) >= 0) {
                    Cli.require(cmd, false, "--data", file, "a text file in UTF-8 (line " + number
                            + (line == null ? " is not)" : " has a NUL byte: UTF-16?)"));
                }
                if (line.length() > LONGEST_LINE) {
                    Cli.require(cmd, false, "--data", file, String.format(Locale.ROOT,
                            "lines of at most %,d characters (line %d has %,d)", LONGEST_LINE, number, line.length()));
                }
                lines.add(line);
                start = end + 1;
            }
            return lines;
        }

        /** microGPT's default run, timed step by step in one process, as Micrograd.java's bench times its own. */
        @CommandLine.Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
                header = "Time the default training step by step, in one process.",
                description = "Trains microgpt.py's model on the names for --steps steps and prints ms/step for the "
                        + "first 100 steps and for the steady state after them, the Values per step (averaged), "
                        + "the young collections and the peak heap.")
        static final class Bench implements Callable<Integer>, Cli.Ranges {
            @Spec CommandSpec spec;

            @Override
            public String allowed(String option) { return BenchCommand.STEPS; }

            @Option(names = "--steps", paramLabel = "STEPS", defaultValue = "1000",
                    description = "Steps to time, 200 to 100000 (default ${DEFAULT-VALUE}).")
            int steps;

            @Override
            public Integer call() throws IOException {
                BenchCommand.checkSteps(spec, steps);
                List<String> lines = new Command().readData(spec.commandLine());
                var d = MicroGpt.Config.MICROGPT_PY;
                var config = new Config(d.nLayer(), d.nEmbd(), d.nHead(), d.blockSize(), steps, d.learningRate(),
                        d.temperature(), 0, d.seed());
                double[] ms = new double[steps];
                long[] values = {0}, last = {0};
                long gcsBefore = BenchCommand.youngCollections();
                MicroGpt.run(lines, config, new MicroGpt.Out() {
                    @Override public void println(String line) { last[0] = System.nanoTime(); }

                    @Override
                    public void step(int step, Supplier<String> line, double loss, double lr, long made) {
                        long now = System.nanoTime();
                        ms[step] = (now - last[0]) / 1e6;
                        last[0] = now;
                        values[0] += made;
                    }

                    @Override public void trained(long nanos) {}
                });
                BenchCommand.print(spec.commandLine().getOut(), ms, values[0] / steps,
                        BenchCommand.youngCollections() - gcsBefore);
                return 0;
            }
        }

        /** Configured as Micrograd.java's commands: one-line usage errors, no stack traces. */
        static CommandLine commandLine() { return Cli.configure(new CommandLine(new Command())); }
    }

    /**
     * --html: a page with the loss of every step (evenly spaced past MAX_POINTS steps) against ln(vocab
     * size), and for the first NAMES sampled names what the model did at each position: each head's
     * attention weights, and the probability of each candidate next token. Java writes the numbers as JSON;
     * a small script draws them (Micrograd.Page).
     */
    static final class GptPage {
        static final int NAMES = 3;
        static final int MAX_POINTS = 2000;

        private final int steps;
        private final BitSet chosen;
        private final List<double[]> losses = new ArrayList<>(); // step (from 1), loss

        GptPage(int steps) {
            this.steps = steps;
            chosen = HtmlReplay.evenlySpaced(steps, Math.min(steps, MAX_POINTS));
        }

        void record(int step, double loss) {
            if (chosen.get(step)) losses.add(new double[] {step + 1, loss});
        }

        /**
         * A sampled name run through gpt() once more, as sample() ran it: the same tokens at the same
         * positions, so the same numbers. It draws no random numbers; the listener hears the attention.
         */
        static String trace(MicroGpt.Trained run, String name, double temperature) {
            Gpt gpt = run.model();
            Config config = gpt.config;
            int[] tokens = run.tokenizer().encode(name);              // BOS, the letters, BOS
            int positions = Math.min(tokens.length - 1, config.blockSize());
            var attention = new ArrayList<List<List<String>>>();      // [layer][head]: a row per position
            for (int l = 0; l < config.nLayer(); l++) {
                attention.add(new ArrayList<>());
                for (int h = 0; h < config.nHead(); h++) attention.get(l).add(new ArrayList<>());
            }
            var probabilities = new ArrayList<String>();
            var cache = new Cache(config.nLayer());
            gpt.onAttention = (layer, head, position, weights) -> attention.get(layer).get(head).add(numbers(weights));
            try {
                for (int pos = 0; pos < positions; pos++) {
                    var logits = gpt.gpt(tokens[pos], pos, cache);
                    probabilities.add(numbers(softmax(divide(logits, temperature))));
                }
            } finally {
                gpt.onAttention = null;
            }
            return "{\"name\": " + Page.string(name) + ", \"tokens\": "
                    + Arrays.toString(Arrays.copyOf(tokens, positions + 1)).replace(" ", "")
                    + ",\n \"attention\": " + attention.toString().replace(" ", "")
                    + ",\n \"probabilities\": " + probabilities.toString().replace(" ", "") + "}";
        }

        private static String numbers(Value[] values) {
            return Page.numbers(Arrays.stream(values).mapToDouble(v -> v.data).toArray(), Numbers::shortNumber);
        }

        String html(MicroGpt.Trained run, double temperature, String title) {
            var vocab = new ArrayList<String>();
            int[] uchars = run.tokenizer().uchars();
            for (int c : uchars) vocab.add(Page.string(Character.toString(c)));
            vocab.add(Page.string(Arrays.stream(uchars).noneMatch(c -> c == '.') ? "." : "BOS"));
            int vocabSize = run.tokenizer().vocabSize();
            List<String> names = run.names();
            double uniform = Math.log(vocabSize);
            var traced = new ArrayList<String>();
            for (String name : names.subList(0, Math.min(NAMES, names.size()))) {
                traced.add(trace(run, name, temperature));
            }
            var points = new StringJoiner(",", "[", "]");
            for (double[] p : losses) points.add("[" + (int) p[0] + "," + Page.number(p[1]) + "]");
            double[] y = losses.stream().mapToDouble(p -> p[1]).toArray();
            String json = "{\n\"title\": " + Page.string(title) + ",\n\"vocab\": " + vocab.toString().replace(" ", "")
                    + ",\n\"uniform\": " + Page.number(uniform) + ", \"temperature\": " + Page.number(temperature)
                    + ", \"colour\": \"" + Svg.BLUE + "\",\n\"xTicks\": " + Page.ticks(Math.max(1, steps))
                    + ", " + Page.axis(y, uniform) + ",\n\"losses\": " + points + ",\n\"names\": [\n"
                    + String.join(",\n", traced) + "\n]\n}";
            String first = losses.isEmpty() ? ""
                    : String.format(Locale.ROOT, " Step 1's loss, %.4f, is about that: the untrained model does not "
                    + "know yet which letters are likely.", losses.get(0)[1]);
            String body = """
                    <h1>%s</h1>
                    <figure><canvas id="loss" width="900" height="300"></canvas>
                    <figcaption>The loss of each step: how surprised the model was, on average, by each next letter
                    of that step's name (the mean of -ln p of the right token); in black, the mean of the last 50
                    steps. The dashed line is ln %d = %.2f, the
                    loss of a model that gives each of the %d tokens the same probability, 1/%d: what guessing a
                    letter uniformly would score.%s Below the line, the model has learned something.</figcaption>
                    </figure>
                    <h2>What the model did while sampling</h2>
                    <p class="note">For each of the first names sampled, at each position (a row, labelled by the token
                    read there; . is BOS, which starts and ends a name): each attention head's weights on that
                    position and the ones before it (each row sums to 1; darker is more), and the probability of each
                    candidate next token, at temperature %s, that the sampler drew from; the one it drew is outlined.
                    Point at a cell for its number.</p>
                    <div id="names"></div>
                    """.formatted(Svg.xml(title), vocabSize, uniform, vocabSize, vocabSize, first,
                    Numbers.shortNumber(temperature));
            return Page.html(title, STYLE, body, json, SCRIPT);
        }

        static final String STYLE = """
                table.heat { border-collapse: collapse; display: inline-table; margin: 4px 18px 10px 0;
                  vertical-align: top; font-size: 11px; }
                table.heat caption { text-align: left; font-size: 12px; padding-bottom: 2px; white-space: nowrap; }
                table.heat td { width: 13px; height: 13px; padding: 0; border: 1px solid #eee; }
                table.heat td.chosen { outline: 2px solid #E69F00; outline-offset: -2px; }
                table.heat th { font-weight: normal; padding: 0 3px; }
                """;

        static final String SCRIPT = """
                // The run's numbers, as MicroGpt.java wrote them (see GptPage).
                const data = JSON.parse(document.getElementById("data").textContent);
                const escape = text => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
                if (data.losses.length) chart(document.getElementById("loss"), {x: data.losses.map(p => p[0]),
                  y: data.losses.map(p => p[1]),
                  xTicks: data.xTicks, yTicks: data.yTicks, yMax: data.yMax, xLabel: "step", yLabel: "loss",
                  colour: data.colour, mean: 50,
                  level: {y: data.uniform, label: "ln " + data.vocab.length + " = " + data.uniform.toFixed(2)
                                                  + ": guessing uniformly"}});

                // A heatmap as a table: cell(r, c) is null (no cell), or [a number from 0 to 1, outlined?].
                function heatmap(title, rows, columns, cell) {
                  let html = "<table class=\\"heat\\"><caption>" + title + "</caption><tr><th></th>"
                    + columns.map(c => "<th>" + escape(c) + "</th>").join("") + "</tr>";
                  rows.forEach((row, r) => {
                    html += "<tr><th>" + escape(row) + "</th>";
                    columns.forEach((column, c) => {
                      const v = cell(r, c);
                      html += v == null ? "<td style=\\"border: none\\"></td>" : "<td title=\\"" + v[0] + "\\""
                        + (v[1] ? " class=\\"chosen\\"" : "") + " style=\\"background: rgba(0, 114, 178, "
                        + Math.min(1, v[0]).toFixed(3) + ")\\"></td>";
                    });
                    html += "</tr>";
                  });
                  return html + "</table>";
                }
                document.getElementById("names").innerHTML = data.names.map((name, i) => {
                  const read = name.tokens.slice(0, -1).map(t => data.vocab[t]);  // the token read at each position
                  let html = "<h2>sample " + (i + 1) + ": " + escape(name.name) + "</h2>";
                  name.attention.forEach((heads, l) => heads.forEach((rows, h) => {
                    html += heatmap("layer " + (l + 1) + ", head " + (h + 1), read, read,
                                    (r, c) => c <= r ? [rows[r][c], false] : null);
                  }));
                  return html + heatmap("next token", read, data.vocab,
                                        (r, c) => [name.probabilities[r][c], c == name.tokens[r + 1]]);
                }).join("");
                if (!data.names.length) document.getElementById("names").textContent = "No names were sampled.";
                document.body.dataset.drawn = "1";
                """;
    }

    public static void main(String[] args) {
        Cli.main(Command.commandLine(), args, "try a smaller --n-embd, --n-layer or --block-size");
    }
}
