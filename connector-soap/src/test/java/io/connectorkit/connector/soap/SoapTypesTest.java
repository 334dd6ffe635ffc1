package io.connectorkit.connector.soap;

import static io.connectorkit.connector.soap.SoapInvokeTest.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.connectorkit.core.Dao;
import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Options;
import io.connectorkit.core.spi.Connector;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Complex and repeated types, attributes and dates; the jsonToXml / xmlToJson helpers. */
class SoapTypesTest {
  private static SoapServices services;
  private DataSource db;
  private Dao teams;

  @BeforeAll
  static void startServices() {
    services = new SoapServices();
  }

  @AfterAll
  static void stopServices() {
    services.close();
  }

  @BeforeEach
  void connect() {
    db = DataSources.create("teams", map("connector", "soap", "url", services.url("/teams")));
    db.define("{\"name\": \"Teams\"}");
    teams = db.dao("Teams");
  }

  @AfterEach
  void close() {
    db.close();
  }

  private SoapOperations soap() {
    return (SoapOperations) db.unwrap(Connector.class);
  }

  @Test
  @SuppressWarnings("unchecked")
  void repeatedComplexElementsDatesBooleansAndAttributesRoundTrip() {
    Map<String, Object> result =
        (Map<String, Object>)
            teams.invoke(
                "MakeTeam",
                map(
                    "name",
                    "Core",
                    "member",
                    List.of(
                        map(
                            "name",
                            "Ada",
                            "joined",
                            "2020-01-02T03:04:05Z",
                            "score",
                            1.5,
                            "active",
                            true,
                            "tags",
                            List.of("x", "y")),
                        map(
                            "name",
                            "Bob",
                            "joined",
                            Instant.parse("2019-06-01T00:00:00Z"),
                            "score",
                            2,
                            "active",
                            false))),
                Options.NONE);

    Map<String, Object> team = (Map<String, Object>) result.get("team");
    assertThat(team.get("$attributes")).isEqualTo(Map.of("id", "T-4"));
    assertThat(team).containsEntry("name", "Core");
    assertThat(team.get("averageScore")).isEqualTo(1.75);
    assertThat(team.get("allActive")).isEqualTo(false);
    assertThat(team.get("founded").toString()).startsWith("2019-06-01T00:00:00");
    List<Map<String, Object>> members = (List<Map<String, Object>>) team.get("member");
    assertThat(members).hasSize(2);
    assertThat(members.get(0))
        .containsEntry("name", "Ada")
        .containsEntry("score", 1.5)
        .containsEntry("active", true)
        .containsEntry("tags", List.of("x", "y"));
    assertThat(members.get(0).get("joined").toString()).startsWith("2020-01-02T03:04:05");
    assertThat(members.get(1)).containsEntry("score", 2.0).containsEntry("active", false);
    assertThat(members.get(1).get("tags")).as("a repeated element is always an array").isNull();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aSingleRepeatedElementIsStillAnArray() {
    Map<String, Object> result =
        (Map<String, Object>)
            teams.invoke(
                "MakeTeam",
                map("name", "Solo", "member", map("name", "Cy", "score", 3, "tags", "only")),
                Options.NONE);

    Map<String, Object> team = (Map<String, Object>) result.get("team");
    assertThat(team.get("member")).asInstanceOf(InstanceOfAssertFactories.LIST).hasSize(1);
    assertThat(((List<Map<String, Object>>) team.get("member")).get(0))
        .containsEntry("tags", List.of("only"));
  }

  @Test
  void jsonToXmlWritesElementsInSchemaOrderAndNamespace() {
    String xml =
        soap()
            .jsonToXml(
                "MakeTeam",
                map(
                    "member",
                    List.of(map("active", true, "name", "Ada"), map("name", "Bob")),
                    "name",
                    "Core"));

    assertThat(xml)
        .isEqualTo(
            "<ns1:MakeTeam xmlns:ns1=\"urn:teams\"><ns1:name>Core</ns1:name>"
                + "<ns1:member><name>Ada</name><active>true</active></ns1:member>"
                + "<ns1:member><name>Bob</name></ns1:member></ns1:MakeTeam>");
  }

  @Test
  void jsonToXmlOfTheCalculatorMatchesLoopBack() {
    db.close();
    db = DataSources.create("calc", map("connector", "soap", "url", services.url("/calculator")));

    String xml = soap().jsonToXml("Add", map("intA", 1, "intB", 2));

    assertThat(xml)
        .isEqualTo(
            "<ns1:Add xmlns:ns1=\"http://tempuri.org/\"><ns1:intA>1</ns1:intA>"
                + "<ns1:intB>2</ns1:intB></ns1:Add>");
  }

  @Test
  @SuppressWarnings("unchecked")
  void xmlToJsonTypesAnEnvelopeByTheSchema() {
    String envelope =
        "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body>"
            + "<t:MakeTeamResponse xmlns:t=\"urn:teams\"><t:team id=\"T-1\"><name>A</name>"
            + "<member><name>Ada</name><score>2.5</score><active>1</active></member>"
            + "<averageScore>2.5</averageScore><allActive>true</allActive></t:team>"
            + "</t:MakeTeamResponse></S:Body></S:Envelope>";

    Map<String, Object> json = (Map<String, Object>) soap().xmlToJson("MakeTeam", envelope);

    Map<String, Object> team = (Map<String, Object>) json.get("team");
    assertThat(team)
        .containsEntry("averageScore", 2.5)
        .containsEntry("allActive", true)
        .containsEntry("member", List.of(map("name", "Ada", "score", 2.5, "active", true)));
  }

  @Test
  void xmlToJsonRefusesADoctype() {
    ConnectorException e =
        catchThrowableOfType(
            ConnectorException.class,
            () ->
                soap()
                    .xmlToJson(
                        "MakeTeam",
                        "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>"));

    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(e.getMessage()).containsIgnoringCase("DOCTYPE").doesNotContain("root:");
  }
}
