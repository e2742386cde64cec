package dev.seedling.data.tkg;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TimeValueTest {
    @Test
    void monthPointCoversEveryDayOfTheMonth() {
        TimeValue may = TimeValue.parse("2010-05");
        assertThat(may.granularity()).isEqualTo(Granularity.MONTH);
        assertThat(may.startDate()).isEqualTo(LocalDate.of(2010, 5, 1));
        assertThat(may.endDate()).isEqualTo(LocalDate.of(2010, 5, 31));
        assertThat(may.interval()).isFalse();
    }

    @Test
    void yearIntervalSpansFromFirstDayOfStartToLastDayOfEnd() {
        TimeValue span = TimeValue.parse("1997/2007");
        assertThat(span.startDate()).isEqualTo(LocalDate.of(1997, 1, 1));
        assertThat(span.endDate()).isEqualTo(LocalDate.of(2007, 12, 31));
        assertThat(span.format()).isEqualTo("1997/2007");
        assertThat(span.lengthInUnits()).isEqualTo(10);
    }

    @Test
    void openEndsParseAndFormatAsDoubleDots() {
        TimeValue open = TimeValue.parse("2001/..");
        assertThat(open.openEnd()).isTrue();
        assertThat(open.openStart()).isFalse();
        assertThat(open.format()).isEqualTo("2001/..");
        assertThat(TimeValue.parse("../2001").openStart()).isTrue();
    }

    @Test
    void coarseningADayGivesTheMonthContainingIt() {
        assertThat(TimeValue.parse("2010-05-17").at(Granularity.MONTH)).isEqualTo(TimeValue.month(2010, 5));
        assertThat(TimeValue.parse("2010-05-17").at(Granularity.YEAR).format()).isEqualTo("2010");
    }

    @Test
    void refiningAYearKeepsTheYear() {
        assertThat(TimeValue.year(2010).at(Granularity.DAY)).isEqualTo(TimeValue.year(2010));
    }

    @Test
    void containmentAndOverlapWorkOnDays() {
        TimeValue blair = TimeValue.parse("1997/2007");
        assertThat(blair.overlaps(TimeValue.year(2007))).isTrue();
        assertThat(blair.overlaps(TimeValue.year(2008))).isFalse();
        assertThat(TimeValue.year(2009).contains(TimeValue.parse("2009-11-15"))).isTrue();
        assertThat(TimeValue.parse("2009-11-15").contains(TimeValue.year(2009))).isFalse();
    }

    @Test
    void unreadableTextIsQuotedInTheError() {
        assertThatThrownBy(() -> TimeValue.parse("Nov 2009")).isInstanceOf(TimeFormatException.class)
                .hasMessageContaining("'Nov 2009'");
        assertThatThrownBy(() -> TimeValue.parse("2009-13")).isInstanceOf(TimeFormatException.class);
    }

    @Test
    void intervalEndingBeforeItStartsIsRejected() {
        assertThatThrownBy(() -> TimeValue.parse("2007/1997")).isInstanceOf(TimeFormatException.class)
                .hasMessageContaining("before it starts");
    }
    @Test
    void yearsBeyondAnIntEpochDayAreTimeFormatErrors() {
        for (String text : List.of("9999999", "2147483647", "1990/9999999", "5881580", "5881580-07-11")) {
            assertThatThrownBy(() -> TimeValue.parse(text)).as(text)
                    .isInstanceOf(TimeFormatException.class).hasMessageContaining("'" + text + "'");
        }
        assertThat(TimeValue.parse("5881579").endDate()).isEqualTo(LocalDate.of(5881579, 12, 31));
    }
}
