package com.example.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The running application, over HTTP on a random port, against MariaDB (CK_MYSQL_URL, else the
 * database ck_boot_sample, created if absent).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleApplicationTest {
  private static final ParameterizedTypeReference<List<Book>> BOOKS =
      new ParameterizedTypeReference<>() {};
  private static final ParameterizedTypeReference<Map<String, Object>> JSON =
      new ParameterizedTypeReference<>() {};

  @Autowired private TestRestTemplate http;

  @BeforeEach
  void emptyTheTable() {
    for (Book book : books()) {
      http.delete("/books/" + book.id());
    }
  }

  private List<Book> books() {
    return http.exchange("/books", HttpMethod.GET, null, BOOKS).getBody();
  }

  @Test
  void servesCrudOverHttp() {
    ResponseEntity<Book> created =
        http.postForEntity("/books", new Book(null, "Dune", "Herbert", 1965), Book.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    long id = created.getBody().id();
    assertThat(created.getHeaders().getLocation()).hasToString("/books/" + id);

    assertThat(http.getForObject("/books/" + id, Book.class))
        .isEqualTo(new Book(id, "Dune", "Herbert", 1965));

    ResponseEntity<Book> updated =
        http.exchange(
            "/books/" + id,
            HttpMethod.PUT,
            new HttpEntity<>(new Book(null, "Dune", "Frank Herbert", 1965)),
            Book.class);
    assertThat(updated.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(updated.getBody().author()).isEqualTo("Frank Herbert");
    assertThat(books()).containsExactly(new Book(id, "Dune", "Frank Herbert", 1965));

    assertThat(http.exchange("/books/" + id, HttpMethod.DELETE, null, Void.class).getStatusCode())
        .isEqualTo(HttpStatus.NO_CONTENT);
    assertThat(http.getForEntity("/books/" + id, Book.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    assertThat(books()).isEmpty();
  }

  @Test
  void aFailingBatchLeavesNoRow() {
    // The second book has no title: VALIDATION_FAILED after the first was inserted.
    ResponseEntity<Map<String, Object>> failed =
        http.exchange(
            "/books/batch",
            HttpMethod.POST,
            new HttpEntity<>(
                List.of(
                    new Book(null, "Emma", "Austen", 1815), new Book(null, null, "Nobody", 2000))),
            JSON);

    assertThat(failed.getStatusCode()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
    assertThat(failed.getBody()).containsEntry("code", "VALIDATION_FAILED");
    assertThat(books()).isEmpty();
  }

  @Test
  void anExceptionAfterAnUpdateRollsTheUpdateBack() {
    http.postForEntity("/books", new Book(null, "Persuasion", "Austen", 1817), Book.class);

    ResponseEntity<Map<String, Object>> failed =
        http.exchange(
            "/books/rename-author?from=Austen&to=Jane Austen&fail=true",
            HttpMethod.POST,
            null,
            JSON);
    assertThat(failed.getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    assertThat(failed.getBody().get("message").toString()).startsWith("renamed 1 books");
    assertThat(books()).extracting(Book::author).containsExactly("Austen");

    http.exchange("/books/rename-author?from=Austen&to=Jane Austen", HttpMethod.POST, null, JSON);
    assertThat(books()).extracting(Book::author).containsExactly("Jane Austen");
  }

  @Test
  @SuppressWarnings("unchecked")
  void healthReportsTheDataSource() {
    ResponseEntity<Map<String, Object>> health =
        http.exchange("/actuator/health", HttpMethod.GET, null, JSON);

    assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(health.getBody()).containsEntry("status", "UP");
    Map<String, Object> components = (Map<String, Object>) health.getBody().get("components");
    Map<String, Object> connectorkit = (Map<String, Object>) components.get("connectorkit");
    Map<String, Object> db =
        (Map<String, Object>) ((Map<String, Object>) connectorkit.get("components")).get("db");
    assertThat(db).containsEntry("status", "UP");
    assertThat((Map<String, Object>) db.get("details")).containsEntry("connector", "mysql");
  }
}
