package io.clituner.benchmarks.eval.metrics;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Does the engine's confidence mean anything? Accuracy per confidence bucket (ten of width 0.1),
 * the expected calibration error, the AUROC of confidence for correctness (Mann–Whitney, ties
 * count one half; 0.5 = no better than chance), and the selective accuracy curve: answer only the
 * most confident fraction of queries, how often is that right?
 *
 * @param buckets     non-empty buckets in ascending confidence
 * @param auroc       {@code null} when all answers are right or all are wrong
 * @param ece         expected calibration error: Σ (n_b / n) · |accuracy_b − mean confidence_b|
 * @param selective   coverage → accuracy, from the most confident answer to all of them
 */
public record ConfidenceCalibration(
        List<Bucket> buckets, @Nullable Double auroc, double ece, List<Point> selective) {
    public record Bucket(double low, double high, int n, double meanConfidence, double accuracy) {}

    public record Point(double coverage, double accuracy, double threshold) {}

    public record Scored(double confidence, boolean correct) {}

    public static ConfidenceCalibration of(List<Scored> answers) {
        int n = answers.size();
        List<Bucket> buckets = new ArrayList<>();
        double ece = 0;
        for (int b = 0; b < 10; b++) {
            double low = b / 10.0;
            double high = (b + 1) / 10.0;
            int count = 0;
            int right = 0;
            double conf = 0;
            for (Scored s : answers) {
                int idx = Math.min(9, (int) Math.floor(s.confidence() * 10));
                if (idx == b) {
                    count++;
                    conf += s.confidence();
                    right += s.correct() ? 1 : 0;
                }
            }
            if (count > 0) {
                Bucket bucket = new Bucket(low, high, count, conf / count, (double) right / count);
                buckets.add(bucket);
                ece += (double) count / n * Math.abs(bucket.accuracy() - bucket.meanConfidence());
            }
        }
        List<Scored> sorted = new ArrayList<>(answers);
        sorted.sort(Comparator.comparingDouble(Scored::confidence).reversed());
        List<Point> curve = new ArrayList<>();
        int right = 0;
        for (int i = 0; i < sorted.size(); i++) {
            right += sorted.get(i).correct() ? 1 : 0;
            boolean lastOfTie = i + 1 == sorted.size()
                    || sorted.get(i + 1).confidence() < sorted.get(i).confidence();
            if (lastOfTie) {
                curve.add(new Point(
                        (double) (i + 1) / n,
                        (double) right / (i + 1),
                        sorted.get(i).confidence()));
            }
        }
        return new ConfidenceCalibration(buckets, auroc(answers), ece, curve);
    }

    static @Nullable Double auroc(List<Scored> answers) {
        List<Double> pos = new ArrayList<>();
        List<Double> neg = new ArrayList<>();
        for (Scored s : answers) {
            (s.correct() ? pos : neg).add(s.confidence());
        }
        if (pos.isEmpty() || neg.isEmpty()) {
            return null;
        }
        // rank-sum with average ranks for ties: O(n log n)
        List<Scored> sorted = new ArrayList<>(answers);
        sorted.sort(Comparator.comparingDouble(Scored::confidence));
        double rankSumPos = 0;
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j + 1 < sorted.size()
                    && sorted.get(j + 1).confidence() == sorted.get(i).confidence()) {
                j++;
            }
            double avgRank = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                if (sorted.get(k).correct()) {
                    rankSumPos += avgRank;
                }
            }
            i = j + 1;
        }
        double np = pos.size();
        return (rankSumPos - np * (np + 1) / 2) / (np * neg.size());
    }

    /** Accuracy when answering only the most confident {@code coverage} fraction (nearest point at or above it). */
    public double accuracyAtCoverage(double coverage) {
        for (Point p : selective) {
            if (p.coverage() >= coverage - 1e-12) {
                return p.accuracy();
            }
        }
        return selective.isEmpty() ? 0 : selective.get(selective.size() - 1).accuracy();
    }
}
