package io.clituner.inference.djl.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.clituner.core.error.ConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlattFitTest {
    /** Answers right with probability rising with similarity and coverage, as the engine's are. */
    static List<PlattFit.Sample> synthetic(int n, long seed) {
        Random r = new Random(seed);
        List<PlattFit.Sample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double sim = 0.5 + 0.5 * r.nextDouble();
            double cov = r.nextBoolean() ? 1 : 0;
            double p = 1 / (1 + Math.exp(-(-9 + 10 * sim + 1.5 * cov)));
            out.add(new PlattFit.Sample(new AnswerFeatures(sim, 0.1, 1, cov, 0, 0, 0), r.nextDouble() < p));
        }
        return out;
    }

    @Test
    void fittedConfidenceSeparatesAndIsCalibratedOnFreshData() {
        ConfidenceModel m = PlattFit.fit(synthetic(4000, 1), 0.0, 1.0, "synthetic");
        List<double[]> held = new ArrayList<>();
        for (PlattFit.Sample s : synthetic(4000, 2)) {
            held.add(new double[] {m.confidence(s.features()), s.correct() ? 1 : 0});
        }
        assertTrue(PlattFit.auroc(held) > 0.75, "AUROC " + PlattFit.auroc(held));
        for (PlattFit.Bucket b : PlattFit.buckets(held, 0.1)) {
            if (b.count() >= 100) {
                assertEquals(b.meanConfidence(), b.accuracy(), 0.10, b.toString());
            }
        }
    }

    @Test
    void isotonicMapIsMonotoneAndKeptOffZeroAndOne() {
        List<double[]> pairs = List.of(
                new double[] {0.1, 0},
                new double[] {0.2, 1},
                new double[] {0.3, 0},
                new double[] {0.4, 1},
                new double[] {0.5, 1},
                new double[] {0.9, 1});
        double[][] iso = PlattFit.isotonic(pairs);
        for (int i = 1; i < iso[0].length; i++) {
            assertTrue(iso[0][i] > iso[0][i - 1] && iso[1][i] >= iso[1][i - 1]);
        }
        assertTrue(iso[1][0] > 0 && iso[1][iso[1].length - 1] < 1);
    }

    @Test
    void refusalThresholdKeepsTheRightAnswersBelowItUnderTheStatedShare() {
        List<PlattFit.Sample> samples = synthetic(2000, 3);
        ConfidenceModel m = PlattFit.fit(samples, 0.05, 1.0, "synthetic");
        assertTrue(m.threshold() > 0, "threshold " + m.threshold());
        int below = 0;
        int right = 0;
        for (PlattFit.Sample s : samples) {
            if (m.confidence(s.features()) < m.threshold()) {
                below++;
                right += s.correct() ? 1 : 0;
            }
        }
        assertTrue(below > 0 && right <= 0.05 * below, right + " right of " + below);
    }

    @Test
    void aucIsOneHalfForTiesAndOneForAPerfectOrder() {
        assertEquals(0.5, PlattFit.auroc(List.of(new double[] {0.5, 1}, new double[] {0.5, 0})), 1e-12);
        assertEquals(
                1.0,
                PlattFit.auroc(List.of(new double[] {0.9, 1}, new double[] {0.1, 0}, new double[] {0.2, 0})),
                1e-12);
    }

    @Test
    void modelsRoundTripThroughTheirFileAndBadFilesAreTypedErrors() throws IOException {
        ConfidenceModel m = PlattFit.fit(synthetic(500, 4), 0.0, 1.0, "synthetic");
        ConfidenceModel back = ConfidenceModel.read(new StringReader(m.write()));
        assertEquals(m.intercept(), back.intercept(), 1e-5);
        assertArrayEquals(m.weights(), back.weights(), 1e-5);
        assertArrayEquals(m.isotonicY(), back.isotonicY(), 1e-5);
        assertEquals(m.threshold(), back.threshold(), 1e-4);
        assertThrows(
                ConfigurationException.class,
                () -> ConfidenceModel.read(new StringReader("intercept=1\nthreshold=0.2\n")));
        assertThrows(
                ConfigurationException.class,
                () -> ConfidenceModel.read(new StringReader(m.write().replace("threshold=", "threshold=x"))));
        ConfidenceModel shipped = ConfidenceModel.builtIn();
        assertTrue(
                shipped.threshold() >= 0 && shipped.threshold() < 0.5 && shipped.isotonicX().length > 0,
                shipped.toString());
    }
}
