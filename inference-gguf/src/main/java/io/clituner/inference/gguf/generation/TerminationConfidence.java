package io.clituner.inference.gguf.generation;

/**
 * The confidence of a GGUF generation, derived only from facts the binding exposes. de.kherud:llama
 * 4.2.0 cannot return token probabilities (asking for them aborts the JVM), so a probability-based
 * score would have to be invented; instead the score is an ordinal level of how generation ended:
 * <table>
 *   <caption>levels</caption>
 *   <tr><td>0.75</td><td>ended on its own with exactly one non-empty line</td></tr>
 *   <tr><td>0.50</td><td>ended on its own but produced several lines (grammar off): a command must still be extracted</td></tr>
 *   <tr><td>0.25</td><td>cut off by the max-token budget: the command may be incomplete</td></tr>
 *   <tr><td>0.00</td><td>no text at all</td></tr>
 * </table>
 * The levels rank outcomes; they are not calibrated probabilities of correctness, and never reach 1.
 */
public final class TerminationConfidence {
    public static final String METHOD = "gguf-termination-v1: ordinal level from how generation ended "
            + "(0.75 natural end + one line, 0.50 natural end + several lines, 0.25 hit max tokens, 0 empty); "
            + "not a probability: de.kherud:llama 4.2.0 exposes no token probabilities";

    private TerminationConfidence() {}

    public static double of(Generation g) {
        String text = g.text().strip();
        if (text.isEmpty()) {
            return 0.0;
        }
        if (g.stopReason() == StopReason.LENGTH) {
            return 0.25;
        }
        return text.indexOf('\n') < 0 && text.indexOf('\r') < 0 ? 0.75 : 0.5;
    }
}
