package io.clituner.inference.djl.retrieval;

/**
 * Where the exact score of a row can lie, given only the int8 pre-scan.
 *
 * <p>With x̂ = scale·X the quantized row, q̂ = step·Q the quantized query, ρ = x − x̂ and η = q − q̂,
 * the identity q·x = q̂·x̂ + η·x̂ + q·ρ and Cauchy–Schwarz give
 * <pre>  |q·x − step·scale·(Q·X)| ≤ ‖η‖·‖x̂‖ + ‖q‖·‖ρ‖ </pre>
 * where Q·X is the exact integer dot product of the scan. The right side is the {@link #radius}.
 *
 * <p>Floating point: every norm is rounded up when computed ({@link #up}) and when stored as a float
 * ({@link #storedUp}), and the radius gets an absolute margin of {@code SLACK·(‖q‖ + ‖η‖)·maxᵢ max(‖xᵢ‖, ‖x̂ᵢ‖)}.
 * That margin covers the rounding of the centre (two products in double), of the radius and of
 * lower/upper bound arithmetic (each ~2⁻⁵³ relative), and the gap between the real q·x and the score the
 * re-rank computes (a sum of exact float products in double, off by at most dim·2⁻⁵³·‖q‖·‖x‖, which is
 * below 1e-9·‖q‖·‖x‖ for dimensions up to 10⁶, the limit {@link CosineIndex} enforces).
 */
final class ErrorBound {
    /** Relative slack for rounding; far above the ~1e-10 worst case at the largest allowed dimension. */
    static final double SLACK = 1e-9;

    private final double step;
    private final double queryNorm;
    private final double queryResidualNorm;
    private final double absolute;

    ErrorBound(QuantizedQuery query, double rowNormBound) {
        this.step = query.step();
        this.queryNorm = query.norm();
        this.queryResidualNorm = query.residualNorm();
        this.absolute = SLACK * (queryNorm + queryResidualNorm) * rowNormBound;
    }

    /** The pre-scan's estimate of q·xᵢ. */
    double center(Int8Rows rows, int row, int dot) {
        return step * rows.scale(row) * dot;
    }

    /** |q·xᵢ − center| ≤ radius, rounding included. */
    double radius(Int8Rows rows, int row) {
        return up(queryResidualNorm * rows.quantizedNorm(row) + queryNorm * rows.residualNorm(row)) + absolute;
    }

    /** v enlarged past the relative rounding error of a norm or sum computed in double. */
    static double up(double v) {
        return v * (1 + SLACK);
    }

    /** {@link #up}, then rounded to a float that is not smaller. */
    static float storedUp(double v) {
        double u = up(v);
        float f = (float) u;
        return f >= u ? f : Math.nextUp(f);
    }
}
