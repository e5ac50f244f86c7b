package io.clituner.inference.gguf.internal.decode;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.clituner.core.error.ConfigurationException;
import io.clituner.core.error.ErrorCode;
import io.clituner.core.error.InferenceException;
import io.clituner.inference.gguf.generation.Sampling;
import io.clituner.inference.gguf.internal.llamacpp.Llama;
import io.clituner.inference.gguf.internal.llamacpp.LlamaBatch;
import io.clituner.inference.gguf.internal.llamacpp.LlamaContextParams;
import io.clituner.inference.gguf.internal.llamacpp.LlamaSamplerChainParams;
import io.clituner.inference.gguf.internal.llamacpp.LlamaTokenDataArray;
import io.clituner.inference.gguf.internal.llamacpp.NativeModel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * One llama.cpp context (KV cache, threads) and the decode loop on it: prompt in aligned chunks, then one token per
 * {@code llama_decode}, sampled by llama.cpp's sampler chain, with the GBNF grammar, stop strings, a max-token bound,
 * per-token log-probabilities and cancellation between decode calls. Not thread-safe: the owner serializes calls.
 *
 * <p><b>KV-cache reuse with identical output.</b> The prompt is always evaluated in chunks of {@code chunk} tokens
 * that start at positions 0, chunk, 2·chunk…, so a token's KV entries are computed by the same batch shape whether or
 * not earlier chunks came from the cache. A new prompt keeps the longest common prefix with the previous prompt,
 * rounded down to whole chunks of that prompt (never the generated tokens, which were evaluated one by one); only the
 * rest is evaluated. Greedy output with reuse is therefore bit-identical to a fresh context (tested).
 */
public final class DecodeSession implements AutoCloseable {
    private final NativeModel model;
    private final Pointer ctx;
    private final Pointer memory;
    private final int contextSize;
    private final int chunk;
    private final int vocabSize;
    private final boolean reuse;
    private final Memory tokenBuffer;
    private final LlamaBatch.ByValue batch = new LlamaBatch.ByValue();
    private final byte[] piece = new byte[256];
    private final float[] logits;
    private @Nullable Memory candidates;
    private final LlamaTokenDataArray candidateArray = new LlamaTokenDataArray();
    private final Memory single = new Memory(LlamaTokenDataArray.TOKEN_DATA_BYTES);

    private @Nullable Pointer chain;
    private @Nullable Sampling chainSampling;
    private @Nullable Pointer grammarSampler;
    private @Nullable String grammarText;
    /** The grammar sampler of the current request, or null when it has no grammar. */
    private @Nullable Pointer activeGrammar;

    /** Tokens of the last prompt whose KV entries are in the cache, chunk-aligned (see class comment). */
    private int[] cachedPrompt = new int[0];

    private int cachedAligned;
    private boolean closed;

    /**
     * @param contextSize    tokens of context
     * @param threads        threads for generation and prompt processing
     * @param chunk          prompt chunk (llama.cpp's n_batch = n_ubatch)
     * @param flashAttention {@link LlamaContextParams#FLASH_ATTN_ENABLED}, {@code _DISABLED} or {@code _AUTO}
     * @param reuse          keep the KV cache of the common prompt prefix between requests
     */
    public DecodeSession(
            NativeModel model, int contextSize, int threads, int chunk, int flashAttention, boolean reuse) {
        this.model = model;
        this.chunk = chunk;
        this.reuse = reuse;
        this.vocabSize = model.vocabSize();
        LlamaContextParams.ByValue p = Llama.llama_context_default_params();
        p.n_ctx = contextSize;
        p.n_batch = chunk;
        p.n_ubatch = chunk;
        p.n_seq_max = 1;
        p.n_threads = threads;
        p.n_threads_batch = threads;
        p.flash_attn_type = flashAttention;
        p.no_perf = 1;
        Pointer context = Llama.llama_init_from_model(model.handle(), p);
        if (context == null) {
            throw new ConfigurationException(
                    ErrorCode.MODEL_LOAD_FAILED,
                    "llama.cpp could not create a context of " + contextSize + " tokens with " + threads
                            + " threads (out of memory?)");
        }
        Pointer kv = Llama.llama_get_memory(context);
        if (kv == null) {
            Llama.llama_free(context);
            throw new ConfigurationException(
                    ErrorCode.MODEL_LOAD_FAILED, "llama.cpp created a context without a KV cache");
        }
        this.ctx = context;
        this.memory = kv;
        this.contextSize = Llama.llama_n_ctx(ctx);
        this.tokenBuffer = new Memory(4L * chunk);
        this.logits = new float[vocabSize];
    }

    public int contextSize() {
        return contextSize;
    }

    /** Tokens of {@code text}; {@code special} adds BOS as the model wants and parses special-token text. */
    public int[] tokenize(String text, boolean special) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int[] out = new int[bytes.length + 8];
        int n = Llama.llama_tokenize(model.vocab(), bytes, bytes.length, out, out.length, special, special);
        if (n < 0) {
            out = new int[-n];
            n = Llama.llama_tokenize(model.vocab(), bytes, bytes.length, out, out.length, special, special);
        }
        if (n < 0) {
            throw new InferenceException(
                    ErrorCode.INFERENCE_FAILED, "llama.cpp could not tokenize the prompt (" + n + ")");
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * Runs one generation.
     *
     * @param grammar   GBNF (root rule {@code root}) constraining the output, or null
     * @param cancelled polled before every decode call; true ends the request with an {@link InferenceException}
     */
    public Completion generate(DecodeRequest request, @Nullable String grammar, BooleanSupplier cancelled) {
        ensureOpen();
        int[] prompt = request.prompt();
        if (prompt.length + request.maxTokens() > contextSize) {
            throw new InferenceException(
                    ErrorCode.INFERENCE_FAILED,
                    "the prompt has " + prompt.length + " tokens; with maxTokens " + request.maxTokens()
                            + " it does not fit the context of " + contextSize
                            + " tokens: raise contextSize or shorten the query");
        }
        Pointer sampler = prepareSamplers(request.sampling(), grammar);
        long t0 = System.nanoTime();
        int reused = evaluatePrompt(prompt, cancelled);
        long t1 = System.nanoTime();

        int[] generated = new int[request.maxTokens()];
        double[] logProbs = request.logProbs() ? new double[request.maxTokens()] : new double[0];
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(256);
        String text = "";
        int n = 0;
        Finish finish = Finish.MAX_TOKENS;
        while (n < request.maxTokens()) {
            int token = sample(sampler);
            if (request.logProbs()) {
                logProbs[n] = logProb(token);
            }
            if (Llama.llama_vocab_is_eog(model.vocab(), token) != 0) {
                finish = Finish.END_OF_GENERATION;
                break;
            }
            generated[n++] = token;
            int len = Llama.llama_token_to_piece(model.vocab(), token, piece, piece.length, 0, false);
            if (len > 0) {
                bytes.write(piece, 0, len);
                text = bytes.toString(StandardCharsets.UTF_8);
                int cut = stopIn(text, request);
                if (cut >= 0) {
                    text = text.substring(0, cut);
                    finish = stopFinish;
                    break;
                }
            }
            if (n == request.maxTokens()) {
                break;
            }
            if (cancelled.getAsBoolean()) {
                throw cancelledError();
            }
            decode(token);
        }
        if (finish == Finish.MAX_TOKENS) {
            text = stripIncomplete(text);
        }
        long t2 = System.nanoTime();
        return new Completion(
                text,
                Arrays.copyOf(generated, n),
                request.logProbs()
                        ? Arrays.copyOf(
                                logProbs, Math.min(n + (finish == Finish.END_OF_GENERATION ? 1 : 0), logProbs.length))
                        : logProbs,
                finish,
                prompt.length,
                reused,
                t1 - t0,
                t2 - t1);
    }

    private Finish stopFinish = Finish.STOP_STRING;

    /** Where to cut for the first stop string or the text stop, setting {@link #stopFinish}; -1 to continue. */
    private int stopIn(String text, DecodeRequest request) {
        int best = -1;
        for (String s : request.stops()) {
            int i = text.indexOf(s);
            if (i >= 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        int complete = request.textStop().cutAt(best >= 0 ? text.substring(0, best) : text);
        if (complete >= 0) {
            stopFinish = Finish.COMPLETE;
            return complete;
        }
        stopFinish = Finish.STOP_STRING;
        return best;
    }

    private static String stripIncomplete(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '\uFFFD') {
            end--;
        }
        return text.substring(0, end);
    }

    private int evaluatePrompt(int[] prompt, BooleanSupplier cancelled) {
        int keep = 0;
        if (reuse) {
            int common = 0;
            int limit = Math.min(cachedAligned, prompt.length - 1);
            while (common < limit && cachedPrompt[common] == prompt[common]) {
                common++;
            }
            keep = common / chunk * chunk;
        }
        if (keep == 0) {
            Llama.llama_memory_clear(memory, false);
        } else if (Llama.llama_memory_seq_rm(memory, 0, keep, -1) == 0) {
            Llama.llama_memory_clear(memory, false);
            keep = 0;
        }
        cachedPrompt = prompt;
        cachedAligned = keep;
        for (int start = keep; start < prompt.length; start += chunk) {
            if (cancelled.getAsBoolean()) {
                cachedAligned = start;
                throw cancelledError();
            }
            int n = Math.min(chunk, prompt.length - start);
            tokenBuffer.write(0, prompt, start, n);
            submit(n);
            if (n == chunk) {
                cachedAligned = start + n;
            }
        }
        return keep;
    }

    private void decode(int token) {
        tokenBuffer.setInt(0, token);
        submit(1);
    }

    private void submit(int n) {
        batch.n_tokens = n;
        batch.token = tokenBuffer;
        int rc = Llama.llama_decode(ctx, batch);
        if (rc != 0) {
            // The cache may hold part of this batch: start from scratch next time.
            cachedAligned = 0;
            throw new InferenceException(
                    ErrorCode.INFERENCE_FAILED,
                    "llama_decode failed with " + rc
                            + (rc == 1 ? " (no room in the KV cache)" : rc == 2 ? " (aborted)" : ""));
        }
    }

    private int sample(Pointer chain) {
        int token = Llama.llama_sampler_sample(chain, ctx, -1);
        Pointer grammar = activeGrammar;
        if (grammar == null) {
            return token;
        }
        // llama.cpp's own fast path (common_sampler): check the sampled token against the grammar alone and only
        // constrain the whole vocabulary when the grammar rejects it. Greedy: argmax over allowed tokens either way.
        Pointer row = lastLogits();
        single.setInt(0, token);
        single.setFloat(4, row.getFloat(4L * token));
        single.setFloat(8, 0f);
        if (applyTo(grammar, single, 1) == Float.NEGATIVE_INFINITY) {
            token = sampleConstrained(chain, grammar, row);
        }
        Llama.llama_sampler_accept(grammar, token);
        return token;
    }

    /** The logits of the last decoded token (llama.cpp returns NULL when the batch asked for none). */
    private Pointer lastLogits() {
        Pointer row = Llama.llama_get_logits_ith(ctx, -1);
        if (row == null) {
            throw new InferenceException(ErrorCode.INFERENCE_FAILED, "llama.cpp returned no logits for the last token");
        }
        return row;
    }

    /** Applies a sampler to {@code n} token-data entries at {@code data}; returns the first entry's logit afterwards. */
    private float applyTo(Pointer sampler, Pointer data, int n) {
        offer(data, n);
        Llama.llama_sampler_apply(sampler, candidateArray.getPointer());
        candidateArray.read();
        return candidateData().getFloat(4);
    }

    private int sampleConstrained(Pointer chain, Pointer grammar, Pointer row) {
        Memory candidates = this.candidates;
        if (candidates == null) {
            candidates = new Memory((long) LlamaTokenDataArray.TOKEN_DATA_BYTES * vocabSize);
            this.candidates = candidates;
        }
        row.read(0, logits, 0, vocabSize);
        ByteBuffer b = candidates.getByteBuffer(0, candidates.size()).order(ByteOrder.nativeOrder());
        for (int i = 0; i < vocabSize; i++) {
            b.putInt(i);
            b.putFloat(logits[i]);
            b.putFloat(0f);
        }
        offer(candidates, vocabSize);
        Llama.llama_sampler_apply(grammar, candidateArray.getPointer());
        Llama.llama_sampler_apply(chain, candidateArray.getPointer());
        candidateArray.read();
        if (candidateArray.selected < 0 || candidateArray.selected >= candidateArray.size) {
            throw new InferenceException(ErrorCode.INFERENCE_FAILED, "the sampler selected no token");
        }
        return candidateData().getInt(candidateArray.selected * LlamaTokenDataArray.TOKEN_DATA_BYTES);
    }

    /** Points the candidate array at {@code n} token-data entries at {@code data}, none selected, unsorted. */
    private void offer(Pointer data, long n) {
        candidateArray.data = data;
        candidateArray.size = n;
        candidateArray.selected = -1;
        candidateArray.sorted = 0;
        candidateArray.write();
    }

    /** The candidate entries as the sampler left them (read back from native memory). */
    private Pointer candidateData() {
        Pointer data = candidateArray.data;
        if (data == null) {
            throw new InferenceException(ErrorCode.INFERENCE_FAILED, "the sampler left no candidate data");
        }
        return data;
    }

    /** log softmax(logits)[token] over the whole vocabulary of the last output. */
    private double logProb(int token) {
        lastLogits().read(0, logits, 0, vocabSize);
        return LogSoftmax.of(logits, vocabSize, token);
    }

    /** Makes the sampler chain for {@code sampling} (reset when unchanged) and the grammar sampler; returns the chain. */
    private Pointer prepareSamplers(Sampling sampling, @Nullable String grammar) {
        Pointer chain = this.chain;
        if (chain == null || !sampling.equals(chainSampling)) {
            if (chain != null) {
                Llama.llama_sampler_free(chain);
                this.chain = null;
            }
            chain = newChain(sampling);
            this.chain = chain;
            chainSampling = sampling;
        } else {
            Llama.llama_sampler_reset(chain);
        }
        activeGrammar = null;
        if (grammar == null) {
            return chain;
        }
        Pointer current = grammarSampler;
        if (current != null && grammar.equals(grammarText)) {
            Llama.llama_sampler_reset(current);
            activeGrammar = current;
            return chain;
        }
        if (current != null) {
            Llama.llama_sampler_free(current);
            grammarSampler = null;
        }
        Pointer g = Llama.llama_sampler_init_grammar(model.vocab(), grammar, "root");
        if (g == null) {
            throw new ConfigurationException(
                    ErrorCode.CONFIGURATION, "llama.cpp rejected the GBNF grammar (see its log)");
        }
        grammarSampler = g;
        grammarText = grammar;
        activeGrammar = g;
        return chain;
    }

    private static Pointer newChain(Sampling sampling) {
        LlamaSamplerChainParams.ByValue cp = Llama.llama_sampler_chain_default_params();
        cp.no_perf = 1;
        Pointer chain = nonNullSampler(Llama.llama_sampler_chain_init(cp), "sampler chain");
        try {
            if (sampling.isGreedy()) {
                Llama.llama_sampler_chain_add(chain, nonNullSampler(Llama.llama_sampler_init_greedy(), "greedy"));
            } else {
                if (sampling.topK() > 0) {
                    Llama.llama_sampler_chain_add(
                            chain, nonNullSampler(Llama.llama_sampler_init_top_k(sampling.topK()), "top-k"));
                }
                if (sampling.topP() < 1f) {
                    Llama.llama_sampler_chain_add(
                            chain, nonNullSampler(Llama.llama_sampler_init_top_p(sampling.topP(), 1), "top-p"));
                }
                Llama.llama_sampler_chain_add(
                        chain, nonNullSampler(Llama.llama_sampler_init_temp(sampling.temperature()), "temperature"));
                Llama.llama_sampler_chain_add(
                        chain, nonNullSampler(Llama.llama_sampler_init_dist(sampling.seed()), "seeded draw"));
            }
        } catch (InferenceException e) {
            Llama.llama_sampler_free(chain); // frees the samplers already added
            throw e;
        }
        return chain;
    }

    private static Pointer nonNullSampler(@Nullable Pointer sampler, String what) {
        if (sampler == null) {
            throw new InferenceException(
                    ErrorCode.INFERENCE_FAILED, "llama.cpp could not create the " + what + " sampler");
        }
        return sampler;
    }

    private static InferenceException cancelledError() {
        return new InferenceException(ErrorCode.INFERENCE_FAILED, "generation cancelled");
    }

    private void ensureOpen() {
        if (closed) {
            throw new InferenceException(ErrorCode.ENGINE_CLOSED, "the decode session is closed");
        }
    }

    /** Frees the samplers and the context (not the model, which its owner releases). */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (grammarSampler != null) {
            Llama.llama_sampler_free(grammarSampler);
        }
        if (chain != null) {
            Llama.llama_sampler_free(chain);
        }
        Llama.llama_free(ctx);
    }
}
