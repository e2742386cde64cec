package dev.seedling.eval.tkgqa.exec;

import dev.seedling.data.tkg.TemporalKg;
import dev.seedling.data.tkg.TimeValue;
import dev.seedling.eval.tkgqa.program.Program;
import dev.seedling.eval.tkgqa.program.ProgramParser;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Executor throughput on a generated KG, single thread: not a unit test (it asserts nothing and takes tens of
 * seconds). Run as a main class; see docs/tkgqa-performance.md for the command. The KG has {@code facts} facts over
 * 20,000 entities (a fifth of the facts attach to 200 hub entities, as countries dominate ICEWS) and 250 relations
 * with day timestamps 2005..2015; the programs instantiate the six MultiTQ question shapes with entities, relations
 * and times drawn from real facts so that most answers are non-empty.
 */
public final class ExecutorThroughputBench {
    private ExecutorThroughputBench() {
    }

    public static void main(String[] args) {
        int facts = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int programs = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        long t0 = System.nanoTime();
        TemporalKg kg = generate(facts, 42);
        System.out.printf("generated %,d facts, %,d entities, %d relations in %.1f s%n", kg.size(), kg.entityCount(),
                kg.relationCount(), (System.nanoTime() - t0) / 1e9);
        List<Program> workload = workload(kg, programs, 7);
        Executor executor = new Executor(kg);
        long nonEmpty = workload.stream().filter(p -> !executor.execute(p).answers().isEmpty()).count();
        System.out.printf("%,d of %,d programs have a non-empty answer%n", nonEmpty, workload.size());
        long answers = run(executor, workload);
        long best = Long.MAX_VALUE;
        for (int rep = 0; rep < 5; rep++) {
            long s = System.nanoTime();
            answers += run(executor, workload);
            best = Math.min(best, System.nanoTime() - s);
        }
        System.out.printf("executed %,d programs per repetition; best of 5: %.0f programs/s (%.1f us/program); "
                + "answers seen %,d%n", workload.size(), workload.size() / (best / 1e9), best / 1e3 / workload.size(), answers);
    }

    private static long run(Executor executor, List<Program> workload) {
        long n = 0;
        for (Program p : workload) {
            n += executor.execute(p).answers().size();
        }
        return n;
    }

    static TemporalKg generate(int facts, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int entities = 20_000;
        int hubs = 200;
        int relations = 250;
        int firstDay = (int) LocalDate.of(2005, 1, 1).toEpochDay();
        int days = (int) (LocalDate.of(2015, 12, 31).toEpochDay() - firstDay + 1);
        TemporalKg.Builder b = TemporalKg.builder();
        for (int i = 0; i < facts; i++) {
            int s = r.nextInt(5) == 0 ? r.nextInt(hubs) : r.nextInt(entities);
            int o = r.nextInt(5) == 0 ? r.nextInt(hubs) : r.nextInt(entities);
            LocalDate d = LocalDate.ofEpochDay(firstDay + r.nextInt(days));
            b.add("E" + s, "R" + r.nextInt(relations), "E" + o,
                    TimeValue.day(d.getYear(), d.getMonthValue(), d.getDayOfMonth()));
        }
        return b.build();
    }

    static List<Program> workload(TemporalKg kg, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        ProgramParser parser = new ProgramParser();
        List<Program> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int f = r.nextInt(kg.size());
            int g = r.nextInt(kg.size());
            var q = kg.quad(f);
            var p = kg.quad(g);
            String month = q.time().at(dev.seedling.data.tkg.Granularity.MONTH).format();
            String year = q.time().at(dev.seedling.data.tkg.Granularity.YEAR).format();
            String text = switch (i % 6) {
                case 0 -> "Find<i>" + q.object() + "\nRelate<i>" + q.relation() + "<i>backward<d>0\n"
                        + "FilterByTimePoint<i>" + month + "<d>1\nWhat<d>2";
                case 1 -> "Find<i>" + q.subject() + "\nRelate<i>" + q.relation() + "<i>forward<d>0\n"
                        + "FilterEntity<i>" + q.object() + "<d>1\nFilterFirstTime<d>2";
                case 2 -> "Find<i>" + q.subject() + "\nRelate<i>" + q.relation() + "<d>0\nFilterBefore<i>" + year
                        + "<d>1\nWhat<d>2";
                case 3 -> "Find<i>" + q.object() + "\nRelate<i>" + q.relation() + "<i>backward<d>0\n"
                        + "FilterEntity<i>" + q.subject() + "<d>1\nFilterFirstTime<d>2\nFilterAfter<d>1<d>3\n"
                        + "FilterFirstEvent<d>4\nWhat<d>5";
                case 4 -> "Find<i>" + p.subject() + "\nRelate<i>" + p.relation() + "<d>0\nFilterEntity<i>" + p.object()
                        + "<d>1\nQueryRelationQualifier<d>2\nFind<i>" + q.object() + "\nRelate<i>" + q.relation()
                        + "<i>backward<d>4\nFilterBefore<d>5<d>3\nFilterLastEvent<d>6\nWhat<d>7";
                default -> "Find<i>" + q.subject() + "\nRelate<i>" + q.relation() + "<d>0\nFilterEntity<i>"
                        + q.object() + "<d>1\nGetMonth<d>2\nFind<i>" + q.object() + "\nRelate<i>" + q.relation()
                        + "<i>backward<d>4\nFilterByTimePoint<d>5<d>3\nWhat<d>6";
            };
            out.add(parser.parse(text));
        }
        return out;
    }
}
