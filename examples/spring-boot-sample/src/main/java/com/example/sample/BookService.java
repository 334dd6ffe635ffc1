package com.example.sample;

import io.connectorkit.core.Repository;
import io.connectorkit.core.filter.Where;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The books' use cases. Every method is a Spring transaction on the ConnectorKit datasource: the
 * repository calls inside join it, and an exception rolls all of them back.
 */
@Service
@Transactional
public class BookService {
  private final Repository<Book> books;

  public BookService(Repository<Book> books) {
    this.books = books;
  }

  @Transactional(readOnly = true)
  public List<Book> list() {
    return books.query().orderBy("id").list();
  }

  @Transactional(readOnly = true)
  public Optional<Book> get(long id) {
    return books.findById(id);
  }

  public Book create(Book book) {
    return books.create(book);
  }

  /** All or nothing: when one book fails (validation, say), none of them is kept. */
  public List<Book> createAll(List<Book> batch) {
    return batch.stream().map(books::create).toList();
  }

  public Optional<Book> update(long id, Book book) {
    if (!books.exists(id)) {
      return Optional.empty();
    }
    return Optional.of(
        books.replaceById(id, new Book(id, book.title(), book.author(), book.year())));
  }

  public boolean delete(long id) {
    return books.deleteById(id) > 0;
  }

  /** Renames every book of an author; used to show a rollback after writes. */
  public long renameAuthor(String from, String to, boolean failAfterwards) {
    long changed = books.updateAll(Where.eq("author", from), Map.of("author", to));
    if (failAfterwards) {
      throw new IllegalStateException("renamed " + changed + " books, then failed on purpose");
    }
    return changed;
  }
}
