package dev.seedling.models.optim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Learning-rate schedules per parameter group, on top of the run's base schedule. A group is a glob over checkpoint
 * names ({@code *} matches any run of characters, dots included: {@code blocks.*.memory.values.weight}); each group
 * has a multiplier schedule, so a parameter's rate at step {@code s} is
 * {@code base(s) · lrScale · multiplier(s)} for the first group whose pattern matches its name, and
 * {@code base(s) · lrScale} when none does. Immutable; {@link #with} returns a new instance.
 *
 * <pre>{@code
 * var groups = GroupSchedules.none()
 *         .with("blocks.*.memory.values.weight", step -> step < 1000 ? 10.0 : 1.0);   // e.g. UltraMem's value LR
 * trainer.groupSchedules(groups);
 * }</pre>
 */
public final class GroupSchedules {
    /** One group: the names it covers and its multiplier schedule. */
    public record Group(String pattern, LearningRateSchedule multiplier) {
        public Group {
            if (pattern == null || pattern.isEmpty()) {
                throw new IllegalArgumentException("GroupSchedules: a group needs a non-empty name pattern");
            }
            if (multiplier == null) {
                throw new IllegalArgumentException("GroupSchedules: group '" + pattern + "' has no schedule");
            }
        }

        private Pattern compiled() {
            StringBuilder regex = new StringBuilder();
            for (String part : pattern.split("\\*", -1)) {
                if (!regex.isEmpty()) {
                    regex.append(".*");
                }
                regex.append(Pattern.quote(part));
            }
            return Pattern.compile(regex.toString());
        }
    }

    private static final GroupSchedules NONE = new GroupSchedules(List.of());
    private final List<Group> groups;
    private final List<Pattern> patterns;

    private GroupSchedules(List<Group> groups) {
        this.groups = List.copyOf(groups);
        this.patterns = this.groups.stream().map(Group::compiled).toList();
    }

    /** No groups: every parameter follows the base schedule. */
    public static GroupSchedules none() {
        return NONE;
    }

    /** These groups plus one more (matched after the existing ones). */
    public GroupSchedules with(String pattern, LearningRateSchedule multiplier) {
        List<Group> more = new ArrayList<>(groups);
        more.add(new Group(pattern, multiplier));
        return new GroupSchedules(more);
    }

    public List<Group> groups() {
        return groups;
    }

    /**
     * Checks that every group matches at least one of {@code names}, so that a misspelt pattern is an error rather
     * than a silently ignored schedule.
     *
     * @throws IllegalArgumentException naming the pattern and a few of the names
     */
    public void requireAllMatch(Collection<String> names) {
        for (int i = 0; i < groups.size(); i++) {
            Pattern p = patterns.get(i);
            if (names.stream().noneMatch(n -> p.matcher(n).matches())) {
                throw new IllegalArgumentException("GroupSchedules: pattern '" + groups.get(i).pattern()
                        + "' matches no parameter (" + names.size() + " parameters, e.g. "
                        + names.stream().limit(4).toList() + ")");
            }
        }
    }

    /** The rates at {@code step} when the base schedule gives {@code baseLr}. */
    public LearningRates at(long step, double baseLr) {
        if (groups.isEmpty()) {
            return LearningRates.uniform(baseLr);
        }
        return (name, p) -> baseLr * p.lrScale() * multiplier(name, step);
    }

    /** The multiplier of the first group matching {@code name} at {@code step}; 1 when none matches. */
    public double multiplier(String name, long step) {
        for (int i = 0; i < patterns.size(); i++) {
            if (patterns.get(i).matcher(name).matches()) {
                return groups.get(i).multiplier().at(step);
            }
        }
        return 1.0;
    }

    @Override
    public String toString() {
        return "GroupSchedules" + groups.stream().map(Group::pattern).toList();
    }
}
