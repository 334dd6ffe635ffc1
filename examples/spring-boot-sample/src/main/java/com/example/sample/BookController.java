package com.example.sample;

import io.connectorkit.core.common.ConnectorException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** CRUD of books over HTTP, through {@link BookService}'s transactions. */
@RestController
@RequestMapping("/books")
public class BookController {
  private final BookService service;

  public BookController(BookService service) {
    this.service = service;
  }

  @GetMapping
  public List<Book> list() {
    return service.list();
  }

  @GetMapping("/{id}")
  public ResponseEntity<Book> get(@PathVariable long id) {
    return ResponseEntity.of(service.get(id));
  }

  @PostMapping
  public ResponseEntity<Book> create(@RequestBody Book book) {
    Book created = service.create(book);
    return ResponseEntity.created(URI.create("/books/" + created.id())).body(created);
  }

  @PostMapping("/batch")
  public ResponseEntity<List<Book>> createAll(@RequestBody List<Book> books) {
    return ResponseEntity.status(HttpStatus.CREATED).body(service.createAll(books));
  }

  @PutMapping("/{id}")
  public ResponseEntity<Book> update(@PathVariable long id, @RequestBody Book book) {
    return ResponseEntity.of(service.update(id, book));
  }

  @DeleteMapping("/{id}")
  public ResponseEntity<Void> delete(@PathVariable long id) {
    return service.delete(id)
        ? ResponseEntity.noContent().build()
        : ResponseEntity.notFound().build();
  }

  @PostMapping("/rename-author")
  public Map<String, Long> renameAuthor(
      @RequestParam String from,
      @RequestParam String to,
      @RequestParam(defaultValue = "false") boolean fail) {
    return Map.of("changed", service.renameAuthor(from, to, fail));
  }

  /** A ConnectorKit failure as a response: the status its contract code names, code and message. */
  @ExceptionHandler(ConnectorException.class)
  public ResponseEntity<Map<String, Object>> failed(ConnectorException e) {
    return ResponseEntity.status(e.code().httpStatus())
        .body(Map.of("code", e.code().name(), "message", e.getMessage()));
  }

  @ExceptionHandler(IllegalStateException.class)
  public ResponseEntity<Map<String, Object>> failed(IllegalStateException e) {
    return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
        .body(Map.of("message", e.getMessage()));
  }
}
