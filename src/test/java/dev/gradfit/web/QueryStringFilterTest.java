package dev.gradfit.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gradfit.http.MalformedQueryException;
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
                "%41=1",
                "a+b=1&a%2Bb=2",
                "page=1&size=2&Page=3"
            })
    void acceptsWhatTomcatDecodes(String query) {
        assertThat(QueryStringFilter.check(query)).isNull();
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "target=y&target=x        | target",
                "page=1&size=5&page=2     | page",
                "size=&size=              | size",
                "width&width=900          | width",
                "%74arget=y&target=x      | target",
                "a+b=1&a%20b=2            | query",
                "p%C3%A9=1&p%C3%A9=2      | query"
            })
    void namesTheParameterGivenTwice(String query, String parameter) {
        MalformedQueryException repeated = QueryStringFilter.check(query);

        assertThat(repeated).isNotNull();
        assertThat(repeated.parameter()).isEqualTo(parameter);
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
