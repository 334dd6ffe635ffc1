package io.connectorkit.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.connectorkit.core.DataSource;
import io.connectorkit.core.DataSources;
import io.connectorkit.core.Repository;
import io.connectorkit.core.common.ConnectorException;
import io.connectorkit.core.common.ErrorCode;
import io.connectorkit.core.common.Transaction;
import io.connectorkit.core.filter.Where;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code @Transactional} on a MariaDB datasource (CK_MYSQL_URL, default {@code ck_test}, created if
 * absent): repository calls inside a Spring transaction run in its ConnectorKit transaction. What a
 * second datasource (another connection) sees while the transaction is open proves it, not only the
 * end state.
 */
class ConnectorKitTransactionManagerTest {
  private static final String URL =
      System.getenv().getOrDefault("CK_MYSQL_URL", "mysql://root@127.0.0.1:3306/ck_test");

  /** Another connection to the same database, outside Spring. */
  private static DataSource outside;

  private static Repository<Account> seenOutside;

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  ConnectorKitAutoConfiguration.class, TransactionAutoConfiguration.class))
          .withBean(Accounts.class)
          .withPropertyValues(
              "connectorkit.datasources.maria.connector=mysql",
              "connectorkit.datasources.maria.url=" + URL,
              "connectorkit.datasources.maria.createDatabase=true",
              "connectorkit.datasources.maria.connectionLimit=4",
              "connectorkit.repositories.maria=io.connectorkit.spring.Account",
              "connectorkit.autoupdate=true");

  @BeforeAll
  static void connectOutside() {
    outside =
        DataSources.create(
            "outside",
            Map.of("connector", "mysql", "url", URL, "createDatabase", true, "connectionLimit", 2));
    seenOutside = outside.repository(Account.class);
    outside.autoupdate("StarterAccount");
  }

  @AfterAll
  static void closeOutside() {
    outside.close();
  }

  private void withAccounts(Consumer<Accounts> test) {
    seenOutside.deleteAll(null);
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          test.accept(context.getBean(Accounts.class));
        });
  }

  private static long owned(String owner) {
    return seenOutside.count(Where.eq("owner", owner));
  }

  @Test
  void aTransactionalMethodCommitsItsWritesTogether() {
    withAccounts(
        accounts -> {
          AtomicLong seenWhileOpen = new AtomicLong(-1);
          accounts.createBoth("ada", "alan", () -> seenWhileOpen.set(owned("ada")));

          assertThat(seenWhileOpen).hasValue(0); // uncommitted: invisible to another connection
          assertThat(owned("ada")).isEqualTo(1);
          assertThat(owned("alan")).isEqualTo(1);
        });
  }

  @Test
  void anExceptionInsideTheTransactionLeavesNoRow() {
    withAccounts(
        accounts -> {
          AtomicLong seenInside = new AtomicLong(-1);
          assertThatThrownBy(
                  () ->
                      accounts.createThenFail(
                          "grace", () -> seenInside.set(accounts.count("grace"))))
              .isInstanceOf(IllegalStateException.class);

          assertThat(seenInside).hasValue(1); // the repository saw its own write: same transaction
          assertThat(owned("grace")).isZero();
        });
  }

  @Test
  void requiresNewCommitsEvenWhenTheOuterTransactionRollsBack() {
    withAccounts(
        accounts -> {
          assertThatThrownBy(
                  () ->
                      accounts.createThenFail(
                          "outer", () -> accounts.createInOwnTransaction("inner")))
              .isInstanceOf(IllegalStateException.class);

          assertThat(owned("outer")).isZero();
          assertThat(owned("inner")).isEqualTo(1);
        });
  }

  @Test
  void aFailedParticipantMarksTheWholeTransactionRollbackOnly() {
    withAccounts(
        accounts -> {
          assertThatThrownBy(() -> accounts.createAndSwallowInnerFailure("linus"))
              .isInstanceOf(UnexpectedRollbackException.class);
          assertThat(owned("linus")).isZero();
        });
  }

  @Test
  void theIsolationLevelAndTheTransactionReachTheRepository() {
    withAccounts(
        accounts -> {
          Transaction seen = accounts.currentSerializable();
          assertThat(seen).isNotNull();
          assertThat(seen.isolation().name()).isEqualTo("SERIALIZABLE");
          assertThat(seen.isActive()).isFalse(); // committed on return
        });
  }

  @Test
  void outsideATransactionEachCallCommitsAlone() {
    withAccounts(
        accounts -> {
          assertThatThrownBy(() -> accounts.createWithoutTransactionThenFail("barbara"))
              .isInstanceOf(IllegalStateException.class);
          assertThat(owned("barbara")).isEqualTo(1);
        });
  }

  @Test
  void aDataSourceWithoutTransactionsFailsToBeginWithTheContractCodeAsCause() {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                ConnectorKitAutoConfiguration.class, TransactionAutoConfiguration.class))
        .withPropertyValues(
            "connectorkit.datasources.hello.connector=helloworld",
            // The helloworld backend's seeded account.
            "connectorkit.datasources.hello.username=demo",
            "connectorkit.datasources.hello.password=s3cret")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              ConnectorKitTransactionManager manager =
                  context.getBean("helloTransactionManager", ConnectorKitTransactionManager.class);
              assertThatThrownBy(() -> manager.getTransaction(null))
                  .isInstanceOf(CannotCreateTransactionException.class)
                  .hasMessageContaining("hello")
                  .cause()
                  .isInstanceOfSatisfying(
                      ConnectorException.class,
                      e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_OPERATION));
            });
  }

  /** The application's service: each annotated method is a Spring transaction. */
  static class Accounts {
    final Repository<Account> accounts;
    final DataSource maria;
    Accounts self;

    Accounts(Repository<Account> accounts, DataSource maria) {
      this.accounts = accounts;
      this.maria = maria;
    }

    @org.springframework.beans.factory.annotation.Autowired
    void setSelf(@org.springframework.context.annotation.Lazy Accounts self) {
      this.self = self;
    }

    public long count(String owner) {
      return accounts.count(Where.eq("owner", owner));
    }

    @Transactional
    public void createBoth(String first, String second, Runnable whileOpen) {
      accounts.create(new Account(null, first));
      whileOpen.run();
      accounts.create(new Account(null, second));
    }

    @Transactional
    public void createThenFail(String owner, Runnable whileOpen) {
      accounts.create(new Account(null, owner));
      whileOpen.run();
      throw new IllegalStateException("fail after creating " + owner);
    }

    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void createInOwnTransaction(String owner) {
      accounts.create(new Account(null, owner));
    }

    @Transactional
    public void createAndSwallowInnerFailure(String owner) {
      accounts.create(new Account(null, owner));
      try {
        self.failInside();
      } catch (IllegalStateException expected) {
        // The participant's failure marked the shared transaction rollback-only.
      }
    }

    @Transactional
    public void failInside() {
      throw new IllegalStateException("inner failure");
    }

    @Transactional(isolation = Isolation.SERIALIZABLE)
    public Transaction currentSerializable() {
      accounts.count(null);
      return ConnectorKitTransactionManager.current(maria);
    }

    public void createWithoutTransactionThenFail(String owner) {
      accounts.create(new Account(null, owner));
      throw new IllegalStateException("fail after creating " + owner);
    }
  }
}
