package dev.seedling.models.memory;

import java.util.Arrays;

/**
 * The singular value decomposition {@code M = U·diag(σ)·Vᵀ} of a small square matrix (UltraMem's r×r Tucker core),
 * in double precision: cyclic Jacobi rotations diagonalise {@code MᵀM = V·diag(σ²)·Vᵀ}, then {@code u_i = M·v_i/σ_i}.
 * Singular values are sorted descending. Meant for r ≤ 16; the cost is O(r³) per sweep.
 *
 * @param u     left singular vectors as columns, {@code u[row][i]} (a column is zero where σ_i is zero)
 * @param sigma singular values, descending
 * @param v     right singular vectors as columns, {@code v[row][i]}
 */
public record SmallSvd(double[][] u, double[] sigma, double[][] v) {

    /** Decomposes the square matrix {@code m} (not modified). */
    public static SmallSvd of(double[][] m) {
        int r = m.length;
        for (double[] row : m) {
            if (row.length != r) {
                throw new IllegalArgumentException("SmallSvd: matrix must be square but is " + r + "x" + row.length);
            }
        }
        double[][] a = new double[r][r];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < r; j++) {
                for (int k = 0; k < r; k++) {
                    a[i][j] += m[k][i] * m[k][j];
                }
            }
        }
        double[][] vec = new double[r][r];
        for (int i = 0; i < r; i++) {
            vec[i][i] = 1;
        }
        for (int sweep = 0; sweep < 100 && offDiagonal(a) > 1e-30 * (1 + trace(a) * trace(a)); sweep++) {
            for (int p = 0; p < r - 1; p++) {
                for (int q = p + 1; q < r; q++) {
                    rotate(a, vec, p, q);
                }
            }
        }
        Integer[] order = new Integer[r];
        for (int i = 0; i < r; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(a[y][y], a[x][x]));
        double[] sigma = new double[r];
        double[][] v = new double[r][r];
        double[][] u = new double[r][r];
        for (int i = 0; i < r; i++) {
            int src = order[i];
            sigma[i] = Math.sqrt(Math.max(0, a[src][src]));
            for (int row = 0; row < r; row++) {
                v[row][i] = vec[row][src];
            }
            if (sigma[i] > 1e-300) {
                for (int row = 0; row < r; row++) {
                    double s = 0;
                    for (int k = 0; k < r; k++) {
                        s += m[row][k] * v[k][i];
                    }
                    u[row][i] = s / sigma[i];
                }
            }
        }
        return new SmallSvd(u, sigma, v);
    }

    /** One Jacobi rotation zeroing the symmetric pair (p, q) of {@code a}, accumulated into the eigenvectors. */
    private static void rotate(double[][] a, double[][] vec, int p, int q) {
        if (Math.abs(a[p][q]) < 1e-300) {
            return;
        }
        double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        int r = a.length;
        for (int k = 0; k < r; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
        }
        for (int k = 0; k < r; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
        }
        for (int k = 0; k < r; k++) {
            double vkp = vec[k][p];
            double vkq = vec[k][q];
            vec[k][p] = c * vkp - s * vkq;
            vec[k][q] = s * vkp + c * vkq;
        }
    }

    private static double offDiagonal(double[][] a) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a.length; j++) {
                if (i != j) {
                    s += a[i][j] * a[i][j];
                }
            }
        }
        return s;
    }

    private static double trace(double[][] a) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.abs(a[i][i]);
        }
        return s;
    }

    /** Column {@code i} of {@link #u}. */
    public double[] leftVector(int i) {
        return column(u, i);
    }

    /** Column {@code i} of {@link #v}. */
    public double[] rightVector(int i) {
        return column(v, i);
    }

    private static double[] column(double[][] m, int i) {
        double[] c = new double[m.length];
        for (int row = 0; row < m.length; row++) {
            c[row] = m[row][i];
        }
        return c;
    }

    /**
     * UltraMem's rank-1 refresh: the leading singular pair {@code (u, t)} of {@code m}, with the joint sign (u and t
     * flipped together leave u·tᵀ unchanged) whose L1 distance to the previous pair is smaller. Previous vectors of
     * zeros (never refreshed) keep the decomposition's own sign.
     *
     * @return {@code {u, t}}
     */
    public static double[][] rank1WithSignContinuity(double[][] m, double[] uPrev, double[] tPrev) {
        SmallSvd svd = of(m);
        double[] u = svd.leftVector(0);
        double[] t = svd.rightVector(0);
        double keep = 0;
        double flip = 0;
        for (int i = 0; i < u.length; i++) {
            keep += Math.abs(u[i] - uPrev[i]) + Math.abs(t[i] - tPrev[i]);
            flip += Math.abs(-u[i] - uPrev[i]) + Math.abs(-t[i] - tPrev[i]);
        }
        if (flip < keep) {
            for (int i = 0; i < u.length; i++) {
                u[i] = -u[i];
                t[i] = -t[i];
            }
        }
        return new double[][]{u, t};
    }
}
