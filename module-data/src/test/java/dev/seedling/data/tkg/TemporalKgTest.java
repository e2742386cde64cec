package dev.seedling.data.tkg;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TemporalKgTest {
    private final TemporalKg kg = TemporalKg.of(List.of(
            new Quad("Obama", "visit", "Japan", TimeValue.parse("2009-11-13")),
            new Quad("Obama", "visit", "China", TimeValue.parse("2009-11-15")),
            new Quad("Merkel", "visit", "China", TimeValue.parse("2010-07-16")),
            new Quad("China", "criticize", "Japan", TimeValue.parse("2010-09-20"))));

    @Test
    void indexesFindFactsBySubjectObjectAndPairs() {
        int obama = kg.entityId("Obama");
        int china = kg.entityId("China");
        int visit = kg.relationId("visit");
        assertThat(kg.factsWithSubject(obama)).containsExactly(0, 1);
        assertThat(kg.factsWithObject(china)).containsExactly(1, 2);
        assertThat(kg.factsWithSubjectRelation(obama, visit)).containsExactly(0, 1);
        assertThat(kg.factsWithRelationObject(visit, china)).containsExactly(1, 2);
        assertThat(kg.factsWithRelationObject(kg.relationId("criticize"), china)).isEmpty();
    }

    @Test
    void unknownNamesHaveIdMinusOneAndNoFacts() {
        assertThat(kg.entityId("Atlantis")).isEqualTo(-1);
        assertThat(kg.factsWithSubject(-1)).isEmpty();
    }

    @Test
    void timeIndexReturnsFactsStartingInTheWindowInStartOrder() {
        TimeValue y2010 = TimeValue.year(2010);
        assertThat(kg.factsStartingBetween(y2010.startDay(), y2010.endDay())).containsExactly(2, 3);
        TimeValue nov = TimeValue.month(2009, 11);
        assertThat(kg.factsStartingBetween(nov.startDay(), nov.endDay())).containsExactly(0, 1);
    }

    @Test
    void returnedArraysAreCopies() {
        int[] facts = kg.factsWithSubject(kg.entityId("Obama"));
        facts[0] = 3;
        assertThat(kg.factsWithSubject(kg.entityId("Obama"))).containsExactly(0, 1);
    }
}
