// The decode loop of io.clituner.inference.gguf.internal.decode.DecodeSession in C, on the same llama.cpp
// libraries, for LlamaCppBackendBenchmark: prompt in chunks of n_batch, then one token per llama_decode, greedy
// sampling through llama.cpp's sampler chain and the log-probability of each sampled token (log-softmax over the
// vocabulary). Built by build.sh; called once per benchmark operation through JNA.
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "llama.h"

typedef struct {
    struct llama_context *ctx;
    struct llama_sampler *chain;
    const struct llama_vocab *vocab;
    int n_vocab;
    int chunk;
} nl_session;

void *nl_open(struct llama_model *model, int n_ctx, int threads, int chunk, int flash) {
    struct llama_context_params p = llama_context_default_params();
    p.n_ctx = n_ctx;
    p.n_batch = chunk;
    p.n_ubatch = chunk;
    p.n_seq_max = 1;
    p.n_threads = threads;
    p.n_threads_batch = threads;
    p.flash_attn_type = flash ? LLAMA_FLASH_ATTN_TYPE_ENABLED : LLAMA_FLASH_ATTN_TYPE_DISABLED;
    p.no_perf = true;
    struct llama_context *ctx = llama_init_from_model(model, p);
    if (!ctx) return NULL;
    nl_session *s = calloc(1, sizeof *s);
    s->ctx = ctx;
    struct llama_sampler_chain_params cp = llama_sampler_chain_default_params();
    cp.no_perf = true;
    s->chain = llama_sampler_chain_init(cp);
    llama_sampler_chain_add(s->chain, llama_sampler_init_greedy());
    s->vocab = llama_model_get_vocab(model);
    s->n_vocab = llama_vocab_n_tokens(s->vocab);
    s->chunk = chunk;
    return s;
}

static double log_prob(const float *logits, int n, int token) {
    float max = -INFINITY;
    for (int i = 0; i < n; i++) if (logits[i] > max) max = logits[i];
    double sum = 0;
    for (int i = 0; i < n; i++) sum += exp((double) (logits[i] - max));
    return logits[token] - max - log(sum);
}

// Clears the cache, evaluates the prompt, generates up to max_new tokens (stops at end of generation).
// Returns the number of tokens generated, or -1 on a decode error; *logprob_sum receives their log-probabilities.
int nl_run(void *handle, const int *prompt, int n_prompt, int max_new, double *logprob_sum) {
    nl_session *s = handle;
    llama_memory_clear(llama_get_memory(s->ctx), false);
    llama_sampler_reset(s->chain);
    for (int start = 0; start < n_prompt; start += s->chunk) {
        int n = n_prompt - start < s->chunk ? n_prompt - start : s->chunk;
        if (llama_decode(s->ctx, llama_batch_get_one((llama_token *) prompt + start, n)) != 0) return -1;
    }
    double lp = 0;
    int generated = 0;
    while (generated < max_new) {
        llama_token t = llama_sampler_sample(s->chain, s->ctx, -1);
        lp += log_prob(llama_get_logits_ith(s->ctx, -1), s->n_vocab, t);
        if (llama_vocab_is_eog(s->vocab, t)) break;
        generated++;
        if (generated == max_new) break;
        if (llama_decode(s->ctx, llama_batch_get_one(&t, 1)) != 0) return -1;
    }
    *logprob_sum = lp;
    return generated;
}

void nl_close(void *handle) {
    nl_session *s = handle;
    llama_sampler_free(s->chain);
    llama_free(s->ctx);
    free(s);
}
