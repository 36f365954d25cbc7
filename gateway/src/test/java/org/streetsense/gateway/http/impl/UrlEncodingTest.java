package org.streetsense.gateway.http.impl;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UrlEncodingTest {

  @Test
  void wellFormedEscapesPass() {
    assertThat(UrlEncoding.check("/public/api/history.json?channel=weather%2Ftemperature"))
        .isNull();
    assertThat(UrlEncoding.check("/public/about/sk")).isNull();
    assertThat(UrlEncoding.check(null)).isNull();
  }

  @Test
  void aMalformedValueNamesItsParameter() {
    BadParameterException bad = UrlEncoding.check("/public/api/aggregates?x=1&window=%zz");
    assertThat(bad.parameter()).isEqualTo("window");
    assertThat(bad.getMessage()).isEqualTo("malformed URL encoding in parameter 'window' (a '%' "
        + "must be followed by two hexadecimal digits)");
    assertThat(UrlEncoding.check("/health?a=%").parameter()).isEqualTo("a");
    assertThat(UrlEncoding.check("/health?a=%4").parameter()).isEqualTo("a");
  }

  @Test
  void aMalformedNameOrPathIsNamedByWhereItIs() {
    BadParameterException name = UrlEncoding.check("/health?%zz=1");
    assertThat(name.parameter()).isNull();
    assertThat(name.getMessage()).isEqualTo("malformed URL encoding in the query");
    BadParameterException path = UrlEncoding.check("/public/%zz?channel=ok");
    assertThat(path.parameter()).isNull();
    assertThat(path.getMessage()).isEqualTo("malformed URL encoding in the path");
  }
}
