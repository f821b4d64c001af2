package dev.gradfit.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The query check by itself: Tomcat's decoding rules, as a query arrives on the wire. */
class QueryStringFilterTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "page=1",
                "a=1&&b=2",
                "&",
                "flag",
                "page=1+1",
                "name=%C3%A9t%C3%A9",
                "emoji=%F0%9F%98%80",
                "a=b=c",
                "%41=1"
            })
    void acceptsWhatTomcatDecodes(String query) {
        assertThat(QueryStringFilter.check(query)).isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "page=%F6          | page",
                "page=%            | page",
                "page=%4           | page",
                "page=%G1          | page",
                "page=%C3          | page",
                "page=%ED%A0%80    | page",
                "page=%C0%AF       | page",
                "ok=1&size=%FF     | size",
                "%=1               | query",
                "%F6=1             | query",
                "p%C3%A9=%F6       | query",
                "=1                | query",
                "a=1&=             | query"
            })
    void namesTheParameterItCannotDecode(String query, String parameter) {
        MalformedQueryException malformed = QueryStringFilter.check(query);

        assertThat(malformed).isNotNull();
        assertThat(malformed.parameter()).isEqualTo(parameter);
    }
}
