import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Same-JVM A/B of the LM training step between two builds (tools/bench/lm-step-ab.sh runs it). Each build's jars get
 * a class loader of their own, with their own backend, thread team and array pool; the two models then take turns,
 * in rounds of A B B A (B A A B in odd rounds; one step each by default), and the statistic is the median over rounds
 * of the per-round ratio of mean step times, second build over first. On a shared VM the step time drifts by tens of
 * percent within a minute (197–332 ms in one run here), which separate runs cannot tell from a change; within a round
 * both builds see nearly the same machine. The build loaded second ran 1–8 % faster in A/A runs, so the script runs
 * this twice, once in each order, and divides that out.
 *
 * <p>Arguments: the first build's jar directory, the second's, the driver class directory, rounds, steps per round.
 */
public final class LmStepAB {
    private LmStepAB() {
    }

    private static Method[] load(Path jars, Path driver) throws Exception {
        List<URL> urls = new ArrayList<>();
        try (var s = Files.list(jars)) {
            for (Path p : s.sorted().toList()) {
                urls.add(p.toUri().toURL());
            }
        }
        urls.add(driver.toUri().toURL());
        ClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        Class<?> d = loader.loadClass("StepDriver");
        return new Method[]{d.getMethod("init", int.class), d.getMethod("step")};
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    public static void main(String[] args) throws Exception {
        Path driver = Path.of(args[2]);
        Method[][] builds = {load(Path.of(args[0]), driver), load(Path.of(args[1]), driver)};
        int rounds = Integer.parseInt(args[3]);
        int steps = Integer.parseInt(args[4]);
        for (Method[] b : builds) {
            b[0].invoke(null, 8);
        }
        for (int w = 0; w < 8; w++) {       // warm-up: until both builds' kernels are compiled
            for (Method[] b : builds) {
                b[1].invoke(null);
            }
        }
        double[][] ms = new double[2][rounds];
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            // A B B A (or B A A B in odd rounds): a drift of the machine's speed within the round cancels
            int[] order = r % 2 == 0 ? new int[]{0, 1, 1, 0} : new int[]{1, 0, 0, 1};
            double[][] t = new double[2][2 * steps];
            int[] filled = new int[2];
            for (int which : order) {
                for (int s = 0; s < steps; s++) {
                    t[which][filled[which]++] = (double) builds[which][1].invoke(null);
                }
            }
            for (int which = 0; which < 2; which++) {
                ms[which][r] = Arrays.stream(t[which]).sum() / t[which].length;
            }
            ratio[r] = ms[1][r] / ms[0][r];
            System.out.printf(Locale.ROOT, "round=%d first_ms=%.1f second_ms=%.1f ratio=%.3f%n", r, ms[0][r], ms[1][r], ratio[r]);
        }
        System.out.printf(Locale.ROOT, "lm-step-ab rounds=%d steps=%d first_ms=%.1f second_ms=%.1f ratio_second_over_first=%.3f "
                        + "(median of per-round ratios; range %.3f-%.3f)%n", rounds, steps, median(ms[0]),
                median(ms[1]), median(ratio), Arrays.stream(ratio).min().orElse(0), Arrays.stream(ratio).max().orElse(0));
        System.exit(0);
    }
}
