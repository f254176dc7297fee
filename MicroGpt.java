///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DESCRIPTION microGPT on micrograd's Value engine: trains a one-layer GPT on names and samples new ones
//SOURCES Micrograd.java
//FILES data/names.txt=data/names.txt
//FILES web/microgpt.html=web/microgpt.html
//DEPS info.picocli:picocli:4.7.7

/*
 * microGPT for Java: Karpathy's microgpt.py (February 2026: "the most atomic way to train and run
 * inference for a GPT in pure, dependency-free Python") on Micrograd.java's Value engine. It learns from
 * 32,033 names, one a step, then makes up 20 new ones: jbang MicroGpt.java (--help: every option).
 * Read Micrograd.java's lesson first. Here run() is microgpt.py's top level, in its order; then its parts:
 * the Tokenizer, the KvCache, the Gpt with loss() and gpt(), linear, softmax, rmsnorm; after a banner,
 * the plumbing. The defaults print what microgpt.py prints: the same losses, the same 20 names.
 */

package micrograd; // Micrograd.java's package, to use its parts by their short names

import java.io.*;
import java.nio.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.*;

import picocli.CommandLine;
import picocli.CommandLine.*;
import picocli.CommandLine.Model.CommandSpec;

import static micrograd.Micrograd.*; // the engine (Value), diverged(), and the plumbing's parts

public class MicroGpt {

    /** The model's size and the run's settings: microgpt.py's constants, which the command line may change. */
    record Config(int nLayer, int nEmbd, int nHead, int blockSize, int steps, double learningRate,
                  double temperature, int samples, long seed) {}

    /** Where run() reports: the command prints it, a benchmark times it. */
    interface Out {
        void println(String line);
        void step(int step, String line, Value loss, double lr); // after each step's update
        void trained(long nanos);
    }

    /** What a run leaves: the tokenizer, the model, and the names it made up (null if training went wrong). */
    record Trained(Tokenizer tokenizer, Gpt model, List<String> names) {}

    /** microgpt.py from top to bottom. Stops after training if the run has gone wrong (see diverged()). */
    static Trained run(List<String> lines, Config config, Out out) {
        // 1. Data: one document per line (here, a name), in random order
        var random = PythonRandom.seeded(config.seed());                           // random.seed(42)
        var docs = new ArrayList<String>();
        for (String line : lines) if (!line.isBlank()) docs.add(line.strip());
        random.shuffle(docs);
        out.println("num docs: " + docs.size());

        // 2. Tokenizer: each distinct character is a token, and one more, BOS, marks a name's start and end
        var tokenizer = new Tokenizer(docs);
        out.println("vocab size: " + tokenizer.vocabSize());

        // 3. Parameters: every number the model learns, in matrices of small random numbers
        var model = new Gpt(config, tokenizer.vocabSize(), random);
        List<Value> params = model.params();
        out.println("num params: " + params.size());

        // 4. Adam: running means of each gradient (m) and of its square (v); a step, m / sqrt(v), is about lr
        double beta1 = 0.85, beta2 = 0.99, epsAdam = 1e-8;
        double[] m = new double[params.size()], v = new double[params.size()];

        // 5. Training: a name a step; the loss is how surprised the model is by each next letter
        double first = 0;
        long start = System.nanoTime();
        for (int step = 0; step < config.steps(); step++) {
            Value loss = model.loss(tokenizer.encode(docs.get(step % docs.size())));    // forward
            loss.backward();                                                            // backward
            double lr = config.learningRate() * (1 - (double) step / config.steps());  // linear decay to 0
            double mScale = 1 - Math.pow(beta1, step + 1), vScale = 1 - Math.pow(beta2, step + 1);
            for (int i = 0; i < params.size(); i++) {                                   // update, zero the grad
                Value p = params.get(i);
                m[i] = beta1 * m[i] + (1 - beta1) * p.grad;
                v[i] = beta2 * v[i] + (1 - beta2) * (p.grad * p.grad);
                double mHat = m[i] / mScale, vHat = v[i] / vScale;   // m and v start at 0: bias correction
                p.data -= lr * mHat / (Math.sqrt(vHat) + epsAdam);
                p.grad = 0;
            }
            out.step(step, String.format(Locale.ROOT, "step %4d / %4d | loss %.4f", step + 1, config.steps(),
                    loss.data), loss, lr);
            if (step == 0) first = loss.data;
            if (diverged(loss.data, first)) return new Trained(tokenizer, model, null);
        }
        out.trained(System.nanoTime() - start);

        // 6. Inference: start from BOS, draw a token from the probabilities, feed it back, until BOS
        out.println("\n--- inference (new, hallucinated names) ---");
        var names = new ArrayList<String>();
        for (int i = 0; i < config.samples(); i++) {
            var cache = new KvCache(config.nLayer());
            int token = tokenizer.bos();
            var sample = new ArrayList<Integer>();
            for (int pos = 0; pos < config.blockSize(); pos++) {
                List<Value> logits = model.gpt(token, pos, cache);
                List<Value> probs = softmax(map(logits, z -> z.div(config.temperature())));
                token = random.choice(probs.stream().mapToDouble(p -> p.data).toArray());
                if (token == tokenizer.bos()) break;
                sample.add(token);
            }
            names.add(tokenizer.decode(sample));
            out.println(String.format("sample %2d: %s", i + 1, names.get(i)));
        }
        return new Trained(tokenizer, model, names);
    }

    // =============================================================================================
    // The model's parts. A vector is a List<Value>, as microgpt.py's are lists; a matrix, a list of rows.
    // =============================================================================================

    /** Token i is the character uchars[i] (a code point, as Python's str has them); BOS is uchars.length. */
    record Tokenizer(int[] uchars) {
        Tokenizer(List<String> docs) { this(docs.stream().flatMapToInt(String::codePoints).distinct().sorted().toArray()); }
        int bos() { return uchars.length; }        // the token "beginning (or end) of sequence"
        int vocabSize() { return uchars.length + 1; }
        int[] encode(String doc) {                 // [BOS] + a token per character + [BOS]
            return IntStream.concat(IntStream.concat(IntStream.of(bos()),
                    doc.codePoints().map(c -> Arrays.binarySearch(uchars, c))), IntStream.of(bos())).toArray();
        }
        String decode(List<Integer> tokens) {
            return tokens.stream().map(t -> Character.toString(uchars[t])).collect(Collectors.joining());
        }
    }

    /** The KV cache: each layer's key and value vectors of the positions so far, which attention looks back at. */
    static final class KvCache {
        final List<List<List<Value>>> keys = new ArrayList<>(), values = new ArrayList<>();
        final List<List<Value>> attention = new ArrayList<>(); // each head's weights, as computed (for --html)
        KvCache(int nLayer) { for (int i = 0; i < nLayer; i++) { keys.add(new ArrayList<>()); values.add(new ArrayList<>()); } }
    }

    /** The GPT: its matrices of parameters (microgpt.py's state_dict), and gpt(), a token in, scores out. */
    static final class Gpt {
        final Config config;
        final Map<String, List<List<Value>>> stateDict = new LinkedHashMap<>();

        Gpt(Config config, int vocabSize, PythonRandom random) {
            this.config = config;
            int e = config.nEmbd();
            stateDict.put("wte", matrix(vocabSize, e, random));          // token embeddings: a vector per token
            stateDict.put("wpe", matrix(config.blockSize(), e, random)); // position embeddings
            stateDict.put("lm_head", matrix(vocabSize, e, random));      // a vector back to a score per token
            for (int i = 0; i < config.nLayer(); i++) {
                stateDict.put("layer" + i + ".attn_wq", matrix(e, e, random));
                stateDict.put("layer" + i + ".attn_wk", matrix(e, e, random));
                stateDict.put("layer" + i + ".attn_wv", matrix(e, e, random));
                stateDict.put("layer" + i + ".attn_wo", matrix(e, e, random));
                stateDict.put("layer" + i + ".mlp_fc1", matrix(4 * e, e, random));
                stateDict.put("layer" + i + ".mlp_fc2", matrix(e, 4 * e, random));
            }
        }

        /** [[Value(random.gauss(0, std)) for _ in range(nin)] for _ in range(nout)], std = 0.08 */
        static List<List<Value>> matrix(int nout, int nin, PythonRandom random) {
            var rows = new ArrayList<List<Value>>();
            for (int i = 0; i < nout; i++) rows.add(map(Collections.nCopies(nin, 0.08), std -> new Value(random.gauss(0, std))));
            return rows;
        }

        /** Every parameter, matrix by matrix and row by row. */
        List<Value> params() { return stateDict.values().stream().flatMap(List::stream).flatMap(List::stream).toList(); }

        /** The mean of -log(probability of the right next token) over a document's positions. */
        Value loss(int[] tokens) {
            int n = Math.min(config.blockSize(), tokens.length - 1);
            var cache = new KvCache(config.nLayer());
            var losses = new ArrayList<Value>();
            for (int pos = 0; pos < n; pos++) {                         // a token at a time, as when sampling
                List<Value> probs = softmax(gpt(tokens[pos], pos, cache));
                losses.add(probs.get(tokens[pos + 1]).log().neg());     // cross-entropy
            }
            return Value.sum(losses).mul(1.0 / n);
        }

        /** The next token's scores (logits), given one token at one position and the cache of those before. */
        List<Value> gpt(int tokenId, int posId, KvCache cache) {
            int headDim = config.nEmbd() / config.nHead();
            List<Value> x = add(stateDict.get("wte").get(tokenId), stateDict.get("wpe").get(posId));
            x = rmsnorm(x);
            for (int li = 0; li < config.nLayer(); li++) {
                // 1) multi-head causal self-attention (a position sees itself and those before it, all that
                // the cache holds), with a residual connection around it (its input added back on)
                List<Value> residual = x;
                x = rmsnorm(x);
                List<Value> q = linear(x, stateDict.get("layer" + li + ".attn_wq"));
                List<Value> k = linear(x, stateDict.get("layer" + li + ".attn_wk"));
                List<Value> v = linear(x, stateDict.get("layer" + li + ".attn_wv"));
                cache.keys.get(li).add(k);
                cache.values.get(li).add(v);
                var xAttn = new ArrayList<Value>();
                Value scale = new Value(Math.pow(headDim, 0.5)).pow(-1); // x / c = x * c^-1, as Python
                for (int h = 0; h < config.nHead(); h++) {
                    int hs = h * headDim, he = hs + headDim;         // the head's slice of each vector
                    var qh = new ArrayList<>(q.subList(hs, he));
                    // q . k / sqrt(head_dim) for each position so far, and softmax: how much to attend to it
                    List<Value> attnLogits = map(cache.keys.get(li), kt -> Value.weightedSum(new Value(0), qh,
                            new ArrayList<>(kt.subList(hs, he))).mul(scale));
                    List<Value> attnWeights = softmax(attnLogits);
                    cache.attention.add(attnWeights);
                    for (int j = hs; j < he; j++) {                   // the values, so weighted, summed
                        var vj = new ArrayList<Value>();
                        for (var vt : cache.values.get(li)) vj.add(vt.get(j));
                        xAttn.add(Value.weightedSum(new Value(0), attnWeights, vj));
                    }
                }
                x = linear(xAttn, stateDict.get("layer" + li + ".attn_wo"));
                x = add(x, residual);
                // 2) an MLP: up to 4 x n_embd, relu, back down; with a residual connection around it
                residual = x;
                x = rmsnorm(x);
                x = linear(x, stateDict.get("layer" + li + ".mlp_fc1"));
                x = map(x, Value::relu);
                x = linear(x, stateDict.get("layer" + li + ".mlp_fc2"));
                x = add(x, residual);
            }
            return linear(x, stateDict.get("lm_head"));
        }
    }

    /** y = W x: each output is a row of W times x, summed from 0 as Python's sum() (one Value a row). */
    static List<Value> linear(List<Value> x, List<List<Value>> w) {
        return map(w, row -> Value.weightedSum(new Value(0), row, x));
    }

    /** p_i = e^(z_i - max z) / sum_j e^(z_j - max z): scores to probabilities (the max keeps e^ finite). */
    static List<Value> softmax(List<Value> logits) {
        double max = logits.stream().mapToDouble(z -> z.data).max().getAsDouble();
        List<Value> exps = map(logits, z -> z.add(-max).exp());
        Value reciprocal = Value.sum(exps).pow(-1);     // e / total = e * total^-1, as Python; one for all e
        return map(exps, e -> e.mul(reciprocal));
    }

    /** x_i / sqrt(mean(x^2) + 1e-5): every vector brought to about unit size. */
    static List<Value> rmsnorm(List<Value> x) {
        Value scale = Value.weightedSum(new Value(0), x, x).div(x.size()).add(1e-5).pow(-0.5);
        return map(x, xi -> xi.mul(scale));
    }

    static List<Value> add(List<Value> a, List<Value> b) {
        var out = new ArrayList<Value>();
        for (int i = 0; i < a.size(); i++) out.add(a.get(i).add(b.get(i)));
        return out;
    }

    /** [f(x) for x in xs], as Python writes it. */
    static <T> List<Value> map(List<T> xs, Function<T, Value> f) {
        var out = new ArrayList<Value>();
        for (T x : xs) out.add(f.apply(x));
        return out;
    }

    // #############################################################################################
    //      THE ALGORITHM ENDS HERE. What follows is plumbing, which you may skip: the command line,
    //      reading the data file, printing, and the --html page.
    // #############################################################################################

    public static void main(String[] args) { System.exit(Cli.configure(new CommandLine(new Command())).execute(args)); }

    /** The command: the options, checking them, reading the data, and printing as microgpt.py prints. */
    @CommandLine.Command(name = "microgpt", mixinStandardHelpOptions = true, version = "microGPT for Java " + Cli.VERSION,
            sortOptions = false, abbreviateSynopsis = true, usageHelpAutoWidth = true,
            description = "Trains a one-layer GPT on a list of names with micrograd's scalar Value engine, as "
                    + "Karpathy's microgpt.py does, then samples new names. The defaults print what microgpt.py prints.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:trained and sampled", "1:the loss became NaN, infinite or over 1000 times its first value, "
                    + "or a file could not be written", "2:a usage error: an unknown option, a value out of range, a "
                    + "data file that cannot be read", "141:the reader of the output went away (| head), as for SIGPIPE"})
    static final class Command implements Callable<Integer>, Out {
        @Spec CommandSpec spec;
        @Option(names = "--data", paramLabel = "FILE", description = "A UTF-8 text file, a document (a name) a line, at "
                + "most 50 MB and 1000 distinct characters (default: names.txt, which comes with this file).") Path data;
        @Option(names = "--seed", paramLabel = "SEED", defaultValue = "42", description = "Seeds the shuffle, the "
                + "weights and the sampling, 0 to 4294967295 (default ${DEFAULT-VALUE}).") long seed;
        @Option(names = "--n-layer", paramLabel = "L", defaultValue = "1",
                description = "Transformer layers, 1 to " + MOST_LAYERS + " (default ${DEFAULT-VALUE}).") int nLayer;
        @Option(names = "--n-embd", paramLabel = "E", defaultValue = "16",
                description = "Embedding size, 1 to " + MOST_EMBD + " (default ${DEFAULT-VALUE}).") int nEmbd;
        @Option(names = "--n-head", paramLabel = "H", defaultValue = "4",
                description = "Attention heads; must divide --n-embd (default ${DEFAULT-VALUE}).") int nHead;
        @Option(names = "--block-size", paramLabel = "B", defaultValue = "16", description = "Longest context in "
                + "tokens, 1 to " + MOST_BLOCK + "; longer documents are cut (default ${DEFAULT-VALUE}).") int blockSize;
        @Option(names = "--steps", paramLabel = "STEPS", defaultValue = "1000",
                description = "Training steps, one document each, 0 to 1000000 (default ${DEFAULT-VALUE}).") int steps;
        @Option(names = "--lr", paramLabel = "LR", defaultValue = "0.01",
                description = "Adam's learning rate at step 1; it falls linearly to 0 (default ${DEFAULT-VALUE}).") double lr;
        @Option(names = "--temperature", paramLabel = "T", defaultValue = "0.5", description = "Sampling temperature, "
                + "0.001 to 1000: lower is safer, higher more inventive (default ${DEFAULT-VALUE}).") double temperature;
        @Option(names = "--samples", paramLabel = "N", defaultValue = "20",
                description = "Names to sample after training, 0 to 10000 (default ${DEFAULT-VALUE}).") int samples;
        @Option(names = "--every", paramLabel = "K", defaultValue = "100", description = "Print every K-th step line, "
                + "and the first and last; on a terminal it updates in place (default ${DEFAULT-VALUE}).") int every;
        @Option(names = "--log", paramLabel = "CSV",
                description = "Write step,loss,lr to a CSV file, a row per step, at full precision.") Path log;
        @Option(names = "--html", paramLabel = "PAGE", description = "After sampling, write a page: the loss curve, and "
                + "for the first 3 names each head's attention and each next letter's probability.") Path html;

        // The largest model whose training step fits in 1 GB of heap, whatever the data
        static final int MOST_LAYERS = 4, MOST_EMBD = 64, MOST_BLOCK = 32, MOST_CHARACTERS = 1000;
        static final int LARGEST_DATA = 50_000_000, TRACED = 3, MAX_POINTS = 2000; // bytes; names; losses drawn

        final boolean terminal = System.console() != null;
        PrintWriter out, csv;
        Output logOutput;
        BitSet drawn;                                    // the steps whose loss the page draws
        final List<double[]> losses = new ArrayList<>(); // their step (from 1) and loss
        long values;                                     // the Values of step 0's graph
        int done; double lastLoss;                       // the steps done so far, and the last one's loss

        @Override
        public Integer call() {
            // each option in its range, or a one-line usage error naming it; and no file both read and written
            Cli.check(spec, seed >= 0 && seed <= 0xFFFF_FFFFL, "--seed", Cli.SEEDS);
            Cli.check(spec, nLayer >= 1 && nLayer <= MOST_LAYERS, "--n-layer", "a whole number from 1 to " + MOST_LAYERS);
            Cli.check(spec, nEmbd >= 1 && nEmbd <= MOST_EMBD, "--n-embd", "a whole number from 1 to " + MOST_EMBD);
            Cli.check(spec, nHead >= 1 && nEmbd % nHead == 0, "--n-head",
                    "a number of heads that divides --n-embd (" + nEmbd + ")");
            Cli.check(spec, blockSize >= 1 && blockSize <= MOST_BLOCK, "--block-size", "a whole number from 1 to " + MOST_BLOCK);
            Cli.check(spec, steps >= 0 && steps <= 1_000_000, "--steps", "a whole number from 0 to 1000000");
            Cli.check(spec, Double.isFinite(lr) && lr > 0, "--lr", "a finite number above 0");
            // below 0.001 the logits / temperature overflow (every name empty); above 1000 it is a uniform guess
            Cli.check(spec, temperature >= 0.001 && temperature <= 1000, "--temperature", "a number from 0.001 to 1000");
            Cli.check(spec, samples >= 0 && samples <= 10_000, "--samples", "a whole number from 0 to 10000");
            Cli.check(spec, every >= 1, "--every", "a whole number >= 1");
            Cli.check(spec, !sameFile(log, data), "--log", "a file other than the --data file");
            Cli.check(spec, !sameFile(html, data), "--html", "a file other than the --data file");
            logOutput = log == null ? null : Output.log("--log", log, "step,loss,lr");
            Output.check(spec.commandLine(), logOutput, html == null ? null : Output.page("--html", html));
            var cmd = spec.commandLine();
            List<String> lines = readData();
            out = cmd.getOut();
            drawn = Page.evenlySpaced(steps, Math.min(steps, MAX_POINTS));
            Trained trained;
            try (var csv = logOutput == null ? null : logOutput.open(cmd)) {
                if (csv != null) csv.println("step,loss,lr");
                this.csv = csv;
                trained = run(lines, new Config(nLayer, nEmbd, nHead, blockSize, steps, lr, temperature, samples, seed), this);
            }
            String note = null;
            if (trained.names() == null) {               // training went wrong
                if (terminal) out.println();             // after the step line that updated in place
                cmd.getErr().println(Cli.divergedLine("microgpt", lastLoss, done, "--lr", lr));
                note = "The run stopped at step " + done + ": the loss became " + Numbers.repr(lastLoss) + ".";
            }
            if (html != null) {
                Output.page("--html", html).write(cmd, page(trained, note));
                println("\nwrote " + html);
            }
            Cli.stopIfUnread(out);
            return trained.names() == null ? 1 : 0;
        }

        static boolean sameFile(Path a, Path b) { // false where one of them does not exist
            try { return a != null && b != null && Files.isSameFile(a, b); } catch (IOException e) { return false; }
        }

        /** The --data file's lines (names.txt by default); one that cannot be read as text is a usage error. */
        List<String> readData() {
            byte[] bytes = {};
            try (var in = data == null ? MicroGpt.class.getResourceAsStream("/data/names.txt") : Files.newInputStream(data)) {
                bytes = in.readNBytes(LARGEST_DATA + 1); // no more: /dev/zero never ends
            } catch (IOException e) {
                Cli.check(spec, false, "--data", "a text file that can be read ("
                        + (e instanceof NoSuchFileException ? "no such file" : e.getMessage()) + ")");
            }
            Cli.check(spec, bytes.length <= LARGEST_DATA, "--data", "a text file of at most 50 MB");
            var in = ByteBuffer.wrap(bytes);
            var text = CharBuffer.allocate(bytes.length); // decoded strictly: new String() would replace bad bytes
            if (StandardCharsets.UTF_8.newDecoder().decode(in, text, true).isError()) {
                int line = 1;
                for (int i = 0; i < in.position(); i++) if (bytes[i] == '\n') line++;
                Cli.check(spec, false, "--data", "a text file in UTF-8 (line " + line + " is not)");
            }
            List<String> lines = text.flip().toString().replaceFirst("^\uFEFF", "").lines().toList();
            Cli.check(spec, lines.stream().anyMatch(line -> !line.isBlank()), "--data", "a text file with a line of text");
            Cli.check(spec, new Tokenizer(lines.stream().map(String::strip).toList()).uchars().length <= MOST_CHARACTERS,
                    "--data", "a text file of at most " + MOST_CHARACTERS + " distinct characters");
            return lines;
        }

        // Out: microgpt.py's lines; the step line in place on a terminal (end='\r'), else every --every steps
        @Override public void println(String line) { out.println(line); }

        @Override
        public void step(int step, String line, Value loss, double lr) {
            if (step == 0) values = loss.topologicalOrder().size();
            done = step + 1; lastLoss = loss.data;
            if (terminal) out.print("\r" + line);
            else if (step == 0 || done % every == 0 || done == steps || !Double.isFinite(loss.data)) out.println(line);
            Cli.stopIfUnread(out);
            if (csv != null) {
                csv.println(done + "," + Numbers.repr(loss.data) + "," + Numbers.repr(lr));
                logOutput.written(spec.commandLine(), csv);
            }
            if (drawn.get(step)) losses.add(new double[] {done, loss.data});
        }

        @Override public void trained(long nanos) {
            if (terminal && done > 0) out.println();
            println(Cli.trainedLine(done, nanos / 1e9, values));
        }

        /** --html: web/microgpt.html with the run's numbers in it as JSON, which its script draws. */
        String page(Trained run, String note) {
            int[] uchars = run.tokenizer().uchars();
            String title = "microGPT: n_layer " + nLayer + ", n_embd " + nEmbd + ", n_head " + nHead + ", block_size "
                    + blockSize + ", " + steps + " steps, lr " + Numbers.shortNumber(lr) + ", seed " + seed;
            double uniform = Math.log(run.tokenizer().vocabSize());
            List<String> names = run.names() == null ? List.of() : run.names();
            return Page.of("microgpt.html", "{\n\"title\": " + Page.string(title) + ",\n"
                    + (note == null ? "" : "\"note\": " + Page.string(note) + ",\n")
                    + "\"vocab\": " + array(Stream.concat(Arrays.stream(uchars).mapToObj(Character::toString),
                            Stream.of(Arrays.stream(uchars).anyMatch(c -> c == '.') ? "BOS" : ".")).map(Page::string))
                    + ",\n\"uniform\": " + Page.number(uniform) + ", \"temperature\": " + Page.number(temperature)
                    + ", \"colour\": \"" + Svg.BLUE + "\",\n\"xTicks\": " + Page.ticks(Math.max(1, done)) + ", "
                    + Page.axis(losses.stream().mapToDouble(p -> p[1]).toArray(), uniform)
                    + ",\n\"losses\": " + array(losses.stream().map(p -> "[" + (int) p[0] + "," + Page.number(p[1]) + "]"))
                    + ",\n\"names\": [\n" + names.stream().limit(TRACED).map(name -> trace(run, name))
                            .collect(Collectors.joining(",\n")) + "\n]\n}");
        }

        /** A sampled name through gpt() again, as sampled (so the same numbers): attention, and the probabilities. */
        String trace(Trained run, String name) {
            int[] tokens = run.tokenizer().encode(name);               // BOS, the letters, BOS
            int positions = Math.min(tokens.length - 1, blockSize);
            var cache = new KvCache(nLayer);
            var probabilities = new ArrayList<String>();
            for (int pos = 0; pos < positions; pos++) {
                probabilities.add(numbers(softmax(map(run.model().gpt(tokens[pos], pos, cache), z -> z.div(temperature)))));
            }
            // cache.attention is in gpt()'s order, position by position, layer by layer, head by head
            String attention = array(IntStream.range(0, nLayer).mapToObj(l -> array(IntStream.range(0, nHead)
                    .mapToObj(h -> array(IntStream.range(0, positions)
                            .mapToObj(pos -> numbers(cache.attention.get((pos * nLayer + l) * nHead + h))))))));
            return "{\"name\": " + Page.string(name) + ", \"tokens\": "
                    + array(Arrays.stream(tokens, 0, positions + 1).mapToObj(String::valueOf))
                    + ",\n \"attention\": " + attention + ",\n \"probabilities\": " + array(probabilities.stream()) + "}";
        }

        static String numbers(List<Value> values) {
            return Page.numbers(values.stream().mapToDouble(v -> v.data).toArray(), Numbers::shortNumber);
        }

        static String array(Stream<String> items) { return items.collect(Collectors.joining(",", "[", "]")); }
    }
}
