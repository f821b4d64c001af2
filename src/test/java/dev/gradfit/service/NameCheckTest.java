package dev.gradfit.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NameCheckTest {

    @Test
    void acceptsDistinctNamesWithinTheLimit() {
        NameCheck check = new NameCheck(5);
        assertThat(check.next("rooms")).isNull();
        assertThat(check.next("area")).isNull();
    }

    @Test
    void refusesBlankLongAndRepeatedNames() {
        NameCheck check = new NameCheck(5);
        assertThat(check.next(null).fault()).isEqualTo(NameCheck.Fault.BLANK);
        assertThat(check.next(" \t").fault()).isEqualTo(NameCheck.Fault.BLANK);
        assertThat(check.next("bedrooms").tooLong()).isEqualTo("is 8 characters long, more than the limit of 5");
        assertThat(check.next("area")).isNull();
        NameCheck.Problem repeated = check.next("area");
        assertThat(repeated.fault()).isEqualTo(NameCheck.Fault.REPEATED);
        assertThat(repeated.earlier()).isEqualTo(3);
    }
}
