package io.clituner.inference.gguf.generation;

/**
 * How the next token is chosen, through llama.cpp's sampler chain.
 *
 * @param temperature 0 = greedy (argmax; the seed is irrelevant); above 0 = top-k, top-p, temperature, then a draw
 *                    from llama.cpp's RNG seeded with {@code seed}, reseeded on every request so the same prompt and
 *                    seed give the same text
 * @param topK        candidates kept before the draw (0 = all)
 * @param topP        nucleus mass kept before the draw (1 = all)
 * @param seed        the draw's seed
 */
public record Sampling(float temperature, int topK, float topP, int seed) {
    public Sampling {
        if (!(temperature >= 0f && temperature <= 10f)) {
            throw new IllegalArgumentException("temperature must be 0..10, got " + temperature);
        }
        if (topK < 0) {
            throw new IllegalArgumentException("topK must be >= 0, got " + topK);
        }
        if (!(topP > 0f && topP <= 1f)) {
            throw new IllegalArgumentException("topP must be in (0, 1], got " + topP);
        }
    }

    public static Sampling greedy() {
        return new Sampling(0f, 0, 1f, 0);
    }

    public boolean isGreedy() {
        return temperature == 0f;
    }
}
