package io.clituner.inference.djl.retrieval;

import io.clituner.inference.djl.bank.CommandPrograms;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Chooses the answer among the k nearest examples by similarity-weighted vote instead of taking
 * the single nearest: first the program most of the close neighbours agree on, then, among
 * neighbours using it, the command with the most weight. A lone near neighbour with an unusual
 * program loses to several slightly less similar ones that agree; with one neighbour (k = 1) this
 * is plain nearest-neighbour retrieval.
 */
public final class NeighbourVote {
    private NeighbourVote() {}

    /** @return the position in {@code neighbours} (sorted best first) of the chosen example */
    public static int choose(List<String> commands, float[] similarities) {
        if (commands.size() == 1) {
            return 0;
        }
        Map<String, Double> programWeight = new HashMap<>();
        for (int i = 0; i < commands.size(); i++) {
            programWeight.merge(CommandPrograms.first(commands.get(i)), weight(similarities[i]), Double::sum);
        }
        String program = null;
        double bestProgram = Double.NEGATIVE_INFINITY;
        // Iterate in similarity order so that ties go to the program of the nearer neighbour.
        for (String c : commands) {
            String p = CommandPrograms.first(c);
            double w = Objects.requireNonNull(programWeight.get(p), "every command's program was weighed above");
            if (w > bestProgram) {
                bestProgram = w;
                program = p;
            }
        }
        Map<String, Double> commandWeight = new HashMap<>();
        for (int i = 0; i < commands.size(); i++) {
            if (CommandPrograms.first(commands.get(i)).equals(program)) {
                commandWeight.merge(commands.get(i), weight(similarities[i]), Double::sum);
            }
        }
        int chosen = -1;
        double bestCommand = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < commands.size(); i++) {
            Double w = commandWeight.get(commands.get(i));
            if (w != null && w > bestCommand) {
                bestCommand = w;
                chosen = i;
            }
        }
        return chosen;
    }

    /** Sharpened so that a clearly closer neighbour still outweighs two distant ones. */
    private static double weight(float similarity) {
        double s = Math.max(0.0, similarity);
        return s * s * s * s;
    }
}
