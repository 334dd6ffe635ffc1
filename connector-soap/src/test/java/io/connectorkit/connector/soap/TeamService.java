package io.connectorkit.connector.soap;

import jakarta.jws.WebMethod;
import jakarta.jws.WebParam;
import jakarta.jws.WebResult;
import jakarta.jws.WebService;
import jakarta.xml.bind.annotation.XmlAttribute;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlType;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** Complex and repeated types, an attribute, dates, booleans and doubles. */
@WebService(serviceName = "Teams", portName = "TeamsPort", targetNamespace = "urn:teams")
public class TeamService {
  @WebMethod(operationName = "MakeTeam")
  @WebResult(name = "team", targetNamespace = "urn:teams")
  public Team makeTeam(
      @WebParam(name = "name", targetNamespace = "urn:teams") String name,
      @WebParam(name = "member", targetNamespace = "urn:teams") List<Member> members) {
    Team team = new Team();
    team.id = "T-" + name.length();
    team.name = name;
    team.members = members == null ? new ArrayList<>() : members;
    team.averageScore =
        team.members.stream().mapToDouble(member -> member.score).average().orElse(0);
    team.allActive = team.members.stream().allMatch(member -> member.active);
    Date earliest = null;
    for (Member member : team.members) {
      if (member.joined != null && (earliest == null || member.joined.before(earliest))) {
        earliest = member.joined;
      }
    }
    team.founded = earliest;
    return team;
  }

  /** A team member. */
  @XmlType(propOrder = {"name", "joined", "score", "active", "tags"})
  public static class Member {
    @XmlElement(required = true)
    public String name;

    public Date joined;
    public double score;
    public boolean active;
    public List<String> tags = new ArrayList<>();
  }

  /** The answer: an attribute, repeated members. */
  @XmlType(propOrder = {"name", "members", "averageScore", "allActive", "founded"})
  public static class Team {
    @XmlAttribute public String id;
    public String name;

    @XmlElement(name = "member")
    public List<Member> members = new ArrayList<>();

    public double averageScore;
    public boolean allActive;
    public Date founded;
  }
}
