/**
 * The text of ProfAI's example PDF (examples/sample.pdf): a short course on relational databases.
 *
 * Written for this project. Paragraphs favour definitional sentences ("A primary key is …") because those
 * make good extractive summaries and cloze questions. A `\u00AD` (soft hyphen) marks the one place where a word
 * is hyphenated across a line break; it renders as a visible hyphen wherever it stands, so it must only sit
 * where the line actually breaks (the test checks this).
 */

/** A table drawn as text in columns, with rules above, below the header and below the last row. */
export interface ExampleTable {
  caption: string;
  columns: string[];
  /** Share of the text width given to each column; sums to 1. */
  widths: number[];
  rows: string[][];
}

/** A paragraph of body text, a block of SQL in a monospaced font, or a table. */
export type Block = string | { code: string } | { table: ExampleTable };

export interface ExampleSection {
  title: string;
  blocks: Block[];
}

export interface ExampleChapter {
  title: string;
  /** Text between the chapter heading and its first section. */
  blocks: Block[];
  sections: ExampleSection[];
}

export const DOCUMENT = {
  title: 'An Introduction to Relational Databases',
  subtitle: 'Tables, SQL, transactions and indexes: a short course',
  author: 'ProfAI project',
  subject: 'An introductory course text on relational databases, the example document for ProfAI',
  keywords: 'relational databases, SQL, keys, joins, transactions, ACID, isolation levels, indexes',
  note: 'The example document for ProfAI. Try: npx profai process examples/sample.pdf',
} as const;

export const CHAPTERS: ExampleChapter[] = [
  {
    title: 'Data and Tables',
    blocks: [
      'A database is an organized collection of data that is stored so that it can be searched, updated and shared by many users. A database management system (DBMS) is the software that stores the data, answers questions about it and protects it from damage. This course is about relational databases, the family of systems that has dominated business computing since the 1980s. PostgreSQL, MySQL, SQLite, Oracle Database and Microsoft SQL Server are all relational database management systems.',
      'The relational model was proposed by Edgar F. Codd, a researcher at IBM, in a paper published in 1970. Codd’s central idea was that all data should be presented to the user as relations, which are sets of tuples, and that programs should describe what data they want rather than how to find it. Before the relational model, programs navigated from record to record by following stored pointers, so a change in the way data was stored often forced a change in every program that used it. The separation of the logical view of data from its physical storage is called data independence, and it remains the main reason why relational systems are easy to evolve.',
      'In everyday practice a relation is drawn as a table. A table is a named collection of rows that all have the same columns. A schema is the description of a database’s structure: the names of its tables, the columns of each table, the type of each column and the rules that the data must obey. The schema changes rarely; the rows change all the time.',
    ],
    sections: [
      {
        title: 'Rows and Columns',
        blocks: [
          'A row, also called a record or a tuple, represents one thing or one fact: one student, one order, one payment. A column, also called an attribute or a field, represents one property that every row has, such as a name or a date of birth. The intersection of a row and a column holds a single value. Table 1 shows a small students table with four columns and five rows.',
          {
            table: {
              caption: 'Table 1. The students table.',
              columns: ['student_id', 'name', 'major', 'year'],
              widths: [0.2, 0.32, 0.33, 0.15],
              rows: [
                ['1001', 'Ada Park', 'Mathematics', '2'],
                ['1002', 'Ben Osei', 'History', '1'],
                ['1003', 'Chloe Martin', 'Computer Science', '3'],
                ['1004', 'Dev Raman', 'Physics', '2'],
                ['1005', 'Elena Rossi', 'Computer Science', '4'],
              ],
            },
          },
          'In the relational model the rows of a table have no inherent order, and a table should never contain two identical rows. When a program needs rows in a particular order, it must ask for that order explicitly in its query. The number of columns in a table is called its degree, and the number of rows is called its cardinality; Table 1 has a degree of four and a cardinality of five.',
          'Every column has a data type, which restricts the values that the column may hold. Common types include INTEGER for whole numbers, NUMERIC or DECIMAL for exact fractions such as amounts of money, VARCHAR or TEXT for character strings, DATE and TIMESTAMP for points in time, and BOOLEAN for true or false. Choosing the right type matters: a type documents intent, rejects bad input early and lets the system store and compare values efficiently.',
          'Sometimes a value is unknown or does not apply, for example the graduation date of a student who has not yet graduated. SQL represents a missing value with the special marker NULL. NULL is not zero and not an empty string; it means that no value is present. Because NULL is not a value, any comparison with NULL, even NULL = NULL, yields unknown rather than true, and a query must use the operators IS NULL and IS NOT NULL to test for it. This three-valued logic of true, false and unknown is a frequent source of surprising results for beginners.',
          'A constraint is a rule that the database enforces on every change to the data. A NOT NULL constraint forbids missing values in a column, a CHECK constraint requires every row to satisfy a condition such as year BETWEEN 1 AND 4, and a UNIQUE constraint forbids two rows from sharing the same value. Constraints move rules out of application code and into the database, where a forgotten check in one program cannot bypass them.',
        ],
      },
      {
        title: 'Keys',
        blocks: [
          'A key is a set of one or more columns whose values identify rows. A candidate key is a minimal set of columns whose values are different for every row in the table; minimal means that no column can be removed from the set without losing uniqueness. A table may have several candidate keys: a university might identify its students both by a student number and by an email address.',
          'A primary key is the candidate key chosen as the main identifier of a table’s rows. In other words, a primary key is a column, or a set of columns, that uniquely identifies each row and that never contains NULL. In Table 1 the primary key is student_id. A key that consists of more than one column is called a composite key; an enrollments table that records which student takes which course might use the pair (student_id, course_id) as its primary key.',
          'A natural key is a key made of data that has a meaning outside the database, such as a passport number or the ISBN of a book. A surrogate key is an artificial identifier, usually a sequential integer or a randomly generated UUID, that the database assigns and that has no meaning of its own. Surrogate keys are popular because they never need to change, whereas natural data such as names, email addresses and even national identifiers can change or can turn out not to be unique after all.',
          'A foreign key is a column, or a set of columns, in one table whose values must match the primary key of a row in another table. Foreign keys express relationships between tables. An enrollments table with a student_id column that refers to the students table links each enrollment to exactly one student. The rule that every foreign key value must refer to an existing row is called referential integrity. The database enforces it by rejecting an insert that refers to a missing student and a delete that would leave enrollments pointing nowhere. A foreign key may also declare an action such as ON DELETE CASCADE, which removes the dependent rows automatically when the row they refer to is deleted.',
          'Keys are also the foundation of normalization, the process of organizing tables so that each fact is stored in exactly one place. If a student’s major were repeated in every enrollment row, changing the major would require updating many rows, and a single missed row would leave the database contradicting itself. Such a problem is called an update anomaly. A normalized design avoids it by storing each fact in the table whose key the fact depends on: the major belongs in the students table, keyed by student_id, and not in the enrollments table. Most practical designs aim for third normal form, in which every non-key column depends on the key, the whole key and nothing but the key.',
        ],
      },
    ],
  },
  {
    title: 'Querying with SQL',
    blocks: [
      'SQL, the Structured Query Language, is the standard language for defining, querying and changing relational data. SQL was developed at IBM in the 1970s and first standardized by ANSI in 1986 and by ISO in 1987. Every major relational system implements it, each with its own extensions. SQL is a declarative language: a query states what result is wanted, and the database works out how.',
      'SQL statements fall into a few groups. The data definition language (DDL) creates and changes the schema with statements such as CREATE TABLE, ALTER TABLE and DROP TABLE. The data manipulation language (DML) reads and changes rows with SELECT, INSERT, UPDATE and DELETE. Further statements control transactions and permissions. The following statement creates the students table from Chapter 1:',
      {
        code: [
          'CREATE TABLE students (',
          '  student_id  INTEGER PRIMARY KEY,',
          '  name        VARCHAR(100) NOT NULL,',
          '  major       VARCHAR(60),',
          '  year        INTEGER CHECK (year BETWEEN 1 AND 4)',
          ');',
        ].join('\n'),
      },
      "Rows are added with INSERT, as in INSERT INTO students VALUES (1006, 'Farid Haddad', 'History', 1). UPDATE changes values in the existing rows that match a condition, and DELETE removes such rows. Both UPDATE and DELETE apply to every row that matches their WHERE clause, so a statement without a WHERE clause changes the entire table, a mistake that experienced users learn to guard against.",
    ],
    sections: [
      {
        title: 'Selecting Rows',
        blocks: [
          'The SELECT statement retrieves data. Its simplest form names the columns to return and the table to read them from, as in SELECT name, major FROM students. The list of columns after SELECT is called the projection, because it projects each row onto a subset of its columns. An asterisk, as in SELECT * FROM students, returns every column.',
          'The WHERE clause filters rows. A predicate is a condition that is true, false or unknown for each row, and only the rows for which the WHERE predicate is true appear in the result. Predicates combine comparisons with AND, OR and NOT, and SQL adds convenient operators such as BETWEEN for ranges, IN for lists of values and LIKE for simple pattern matching:',
          {
            code: [
              'SELECT name, year',
              'FROM students',
              "WHERE major = 'Computer Science' AND year >= 3",
              'ORDER BY name;',
            ].join('\n'),
          },
          'Against Table 1 this query returns Chloe Martin in year 3 and Elena Rossi in year 4. The ORDER BY clause sorts the result; without it the order of the rows is unspecified and may change from one run to the next. The keyword DISTINCT removes duplicate rows from a result, and LIMIT, or FETCH FIRST n ROWS ONLY in standard SQL, returns only the first rows.',
          'An aggregate function computes one value from many rows. The standard aggregate functions are COUNT, SUM, AVG, MIN and MAX. The GROUP BY clause divides the rows into groups that share the same values in the grouping columns, and each aggregate is then computed once per group. The HAVING clause filters groups after aggregation, just as WHERE filters rows before it. For example, SELECT major, COUNT(*) FROM students GROUP BY major HAVING COUNT(*) > 1 lists each major that has more than one student; against Table 1 it returns Computer Science with a count of two.',
          'It helps to know the logical order in which a query is evaluated, which differs from the order in which it is written. First FROM chooses the tables, then WHERE filters the rows, GROUP BY forms groups, HAVING filters the groups, SELECT computes the output columns, and finally ORDER BY sorts the result. This order explains why a column alias defined in the SELECT list can be used in ORDER BY but not in WHERE.',
        ],
      },
      {
        title: 'Joining Tables',
        blocks: [
          'Because normalization spreads related facts over several tables, most useful questions need data from more than one table at once. A join is an operation that combines rows from two tables into wider rows according to a condition, usually that a foreign key in one table equals the primary key in the other. Suppose that an enrollments table has the columns student_id, course_id and grade. The following query lists each student’s name next to the courses that the student takes:',
          {
            code: [
              'SELECT s.name, e.course_id, e.grade',
              'FROM students AS s',
              'JOIN enrollments AS e ON e.student_id = s.student_id;',
            ].join('\n'),
          },
          'The letters s and e are table aliases: short names that make a query easier to read and that are required when a table is joined with itself. The condition after ON is the join condition. A join whose condition tests equality is called an equi-join, and it is by far the most common kind of join.',
          'An inner join, written JOIN or INNER JOIN, returns only the pairs of rows that satisfy the join condition, so a student with no enrollments does not appear in its result at all. An outer join also keeps rows that have no match. A LEFT OUTER JOIN returns every row of the left table, and where no row of the right table matches, it fills the columns of the right table with NULL. A RIGHT OUTER JOIN does the same for the right table, and a FULL OUTER JOIN keeps the unmatched rows of both tables. To find the students who take no courses, a query can left-join students to enrollments and keep only the rows in which e.student_id IS NULL.',
          'A cross join, or Cartesian product, pairs every row of one table with every row of the other, so a cross join of a table of 1,000 rows with a table of 2,000 rows yields 2,000,000 rows. A cross join is rarely wanted on purpose; it usually appears by accident when a join condition is forgotten, and an enormous result is the symptom. A self-join joins a table with itself, which is useful for hierarchies such as an employees table in which each row names the employee’s manager.',
          'A subquery is a SELECT statement nested inside another statement. A subquery can supply a list of values for IN, a single value for a comparison, or a derived table in the FROM clause. The EXISTS operator tests whether a subquery returns any row at all. Many subqueries can be rewritten as joins and the other way round, and modern query optimizers often make such rewrites themselves, so the clearest formulation is usually the best one to write.',
        ],
      },
    ],
  },
  {
    title: 'Transactions',
    blocks: [
      'A database is shared: many users and programs read and change it at the same time, and hardware or software may fail in the middle of any change. Transactions are the mechanism that keeps the data correct despite concurrency and failures. A transaction is a sequence of operations that the database treats as a single logical unit of work: either all of its changes take effect, or none of them do.',
      'The classic example is a transfer of money between two bank accounts. The transfer subtracts an amount from one account and adds it to another. If the system crashed after the subtraction but before the addition, the money would vanish. Wrapping both updates in one transaction prevents this:',
      {
        code: [
          'BEGIN;',
          'UPDATE accounts SET balance = balance - 100 WHERE id = 1;',
          'UPDATE accounts SET balance = balance + 100 WHERE id = 2;',
          'COMMIT;',
        ].join('\n'),
      },
      'BEGIN starts a transaction. COMMIT ends it successfully and makes its changes permanent and visible to other transactions. ROLLBACK ends it unsuccessfully and undoes every change that it made. If a statement inside the transaction fails, or the connection is lost before COMMIT, the database rolls the transaction back automatically. Many systems also offer savepoints, which mark a point inside a transaction to which the program can roll back without abandoning the whole transaction.',
    ],
    sections: [
      {
        title: 'ACID Properties',
        blocks: [
          'The guarantees that a transaction provides are summarized by the acronym ACID, which stands for atomicity, consistency, isolation and durability. Theo Härder and Andreas Reuter coined the acronym in 1983, building on earlier work by Jim Gray.',
          'Atomicity is the property that a transaction’s changes are applied completely or not at all. The word comes from the Greek for indivisible: neither another transaction nor a crash can observe a transaction half done. Databases usually implement atomicity with a log that records enough infor\u00ADmation to undo incomplete changes.',
          'Consistency is the property that a transaction takes the database from one valid state to another valid state, where valid means that every declared constraint holds: keys are unique, foreign keys refer to existing rows and check conditions are true. The database guarantees that declared constraints are respected, but only the application can guarantee that its own business rules, such as the rule that a transfer preserves the total amount of money, are expressed correctly.',
          'Isolation is the property that concurrent transactions do not interfere with each other: the result of running transactions at the same time should be the same as if they had run one after another in some order. Full isolation is expensive, so databases also offer weaker isolation levels, which are the subject of the next section.',
          'Durability is the property that once a transaction has committed, its changes survive any later failure, including a power cut or an operating system crash. Databases achieve durability with write-ahead logging. A write-ahead log (WAL) is an append-only file in which every change is recorded, and forced to stable storage, before the change is applied to the data files. After a crash, the database replays the log to redo committed changes and to undo uncommitted ones. Committing therefore costs one sequential write to the log, even if the changed data pages are written to disk much later.',
        ],
      },
      {
        title: 'Isolation Levels',
        blocks: [
          'When transactions run concurrently without enough isolation, several kinds of anomaly can occur. A dirty read happens when a transaction reads data written by another transaction that has not yet committed; if that other transaction rolls back, the reader has seen data that never officially existed. A non-repeatable read happens when a transaction reads the same row twice and gets different values, because another transaction changed and committed the row in between. A phantom read happens when a transaction runs the same query twice and the second run returns additional or missing rows, because another transaction inserted or deleted rows that match the query’s condition.',
          'The SQL standard defines four isolation levels by the anomalies that each one prevents. Read uncommitted is the weakest level and permits dirty reads. Read committed guarantees that a transaction sees only committed data, but it permits non-repeatable reads and phantom reads. Repeatable read guarantees that a row read once reads the same again, but the standard still permits phantom reads. Serializable is the strongest level: it guarantees that the outcome of concurrent transactions equals the outcome of some serial order of the same transactions, so that no anomaly of any kind can occur.',
          'Real systems differ in their default level and in how they implement each level. PostgreSQL and Oracle Database use read committed by default, while the InnoDB storage engine of MySQL uses repeatable read. PostgreSQL treats read uncommitted as read committed, and its snapshot-based repeatable read level also prevents phantom reads. A program that needs a particular guarantee should therefore request the level explicitly and consult the documentation of its database.',
          'Databases implement isolation with two main techniques. Locking makes a transaction acquire a lock on data before it reads or writes the data, and makes conflicting transactions wait. Two-phase locking, in which a transaction acquires all of its locks before it releases any of them, guarantees serializable execution. Multiversion concurrency control (MVCC) instead keeps several versions of each row, so that a reader sees a consistent snapshot of the database as of one moment while writers create new versions. Under MVCC, readers do not block writers and writers do not block readers.',
          'Whenever transactions wait for locks, a deadlock can occur. A deadlock is a situation in which two or more transactions each wait for a lock that another of them holds, so that none of them can proceed. The database detects the cycle of waiting transactions and aborts one of them, and the application should then retry the aborted transaction. Keeping transactions short, and touching rows in a consistent order, makes deadlocks rare.',
        ],
      },
    ],
  },
  {
    title: 'Indexes and Performance',
    blocks: [
      'Without help, the only way for a database to find the rows that match a condition is a full table scan, which reads every row of the table and tests each one. A full table scan is fine for small tables but becomes slow as a table grows to millions of rows. An index is a separate data structure that stores the values of one or more columns in a form that lets the matching rows be found without reading the whole table, much as the index at the back of a book lists the pages on which each term appears.',
    ],
    sections: [
      {
        title: 'B-Tree Indexes',
        blocks: [
          'The most common index structure is the B-tree, a balanced search tree whose nodes each hold many keys and whose leaves are all at the same depth. Because each node can have hundreds of children, even a table with a billion rows needs a tree only four or five levels deep, so looking up one value costs a handful of page reads instead of millions. Most systems use the B+ tree variant, in which the leaves hold the keys in sorted order and are linked to their neighbours. The same index therefore serves equality tests, range conditions such as year BETWEEN 2 AND 3, and ORDER BY on the indexed column.',
          'An index is created with a statement such as CREATE INDEX students_major_idx ON students (major). Most databases automatically create an index for every primary key and every unique constraint, because they need one to check uniqueness quickly. A composite index covers several columns, and the order of its columns matters: an index on (major, year) helps a query that filters on major, or on both major and year, but not a query that filters on year alone. A covering index contains every column that a query needs, so that the database can answer the query from the index without visiting the table at all.',
          'A hash index stores keys in a hash table. A hash index answers equality tests very quickly, but it cannot help with ranges or with sorting, which is why the B-tree remains the default choice in almost every relational database.',
        ],
      },
      {
        title: 'Query Plans',
        blocks: [
          'Because SQL is declarative, the database must decide how to execute each query. The query optimizer is the component that considers alternative strategies, such as which index to use, in which order to join the tables and which join algorithm to apply, and chooses the strategy with the lowest estimated cost. The chosen strategy is called the query plan, or execution plan. The optimizer estimates costs from statistics: summaries of the data, such as the number of rows in each table and the distribution of values in each column, which the database collects periodically and which the ANALYZE command refreshes.',
          'Most systems show the plan of a query when the query is prefixed with EXPLAIN. In PostgreSQL, EXPLAIN ANALYZE also runs the query and reports the actual time and the actual number of rows of each step, which makes it possible to spot an estimate that is far from reality. A plan that shows a sequential scan of a large table for a selective condition often points to a missing index.',
          'The selectivity of a condition is the fraction of rows that satisfy it. An index pays off when the condition is selective, for example a lookup by primary key that matches one row in a million. When a condition matches a large fraction of the table, reading the table sequentially is often cheaper than jumping back and forth between the index and the table, and a good optimizer will then ignore the index.',
          'Indexes are not free. Each index occupies disk space, and every INSERT, UPDATE and DELETE must also update every index on the table, so a table with many indexes is slower to change. A sensible practice is to index primary keys, the foreign keys that are used in joins, and the columns that appear in frequent and selective WHERE conditions, and then to read the query plans to confirm that each index is actually used.',
          'Tables and keys, the SQL language, transactions and indexes together form the core of every relational database. A designer who chooses good keys, writes clear queries, sets the right isolation level and indexes the columns that queries depend on will find that the same principles apply, with small differences, to every relational system in use today.',
        ],
      },
    ],
  },
];

/** Glossary entries: a term and its one-sentence definition, in alphabetical order. */
export const GLOSSARY: [term: string, definition: string][] = [
  ['Aggregate function', 'A function, such as COUNT, SUM or AVG, that computes one value from many rows.'],
  ['Atomicity', 'The property that a transaction’s changes are applied completely or not at all.'],
  ['B-tree', 'A balanced search tree whose nodes hold many sorted keys; the most common index structure.'],
  ['Candidate key', 'A minimal set of columns whose values are different for every row of a table.'],
  ['Composite key', 'A key that consists of more than one column.'],
  ['Consistency', 'The property that a transaction takes the database from one valid state to another.'],
  ['Constraint', 'A rule, such as NOT NULL, CHECK or UNIQUE, that the database enforces on every change.'],
  ['Deadlock', 'A situation in which transactions each wait for a lock that another of them holds.'],
  ['Dirty read', 'Reading data written by another transaction that has not yet committed.'],
  ['Durability', 'The property that committed changes survive any later failure.'],
  ['Foreign key', 'Columns whose values must match the primary key of a row in another table.'],
  ['Index', 'A data structure that finds the rows matching a condition without a full table scan.'],
  ['Isolation', 'The property that concurrent transactions do not interfere with each other.'],
  ['Isolation level', 'A named degree of isolation, from read uncommitted to serializable.'],
  ['Join', 'An operation that combines rows from two tables according to a condition.'],
  [
    'MVCC',
    'Multiversion concurrency control: keeping several versions of each row so readers see a snapshot.',
  ],
  ['Normalization', 'Organizing tables so that each fact is stored in exactly one place.'],
  ['NULL', 'The marker SQL uses for a missing or inapplicable value.'],
  [
    'Phantom read',
    'A repeated query returning different rows because another transaction inserted or deleted some.',
  ],
  ['Primary key', 'The column or columns chosen to uniquely identify each row of a table.'],
  ['Query optimizer', 'The component that chooses the cheapest plan for executing a query.'],
  ['Referential integrity', 'The rule that every foreign key value refers to an existing row.'],
  ['Schema', 'The description of a database’s tables, columns, types and rules.'],
  ['Surrogate key', 'An artificial identifier with no meaning outside the database.'],
  ['Table', 'A named collection of rows that all have the same columns.'],
  ['Transaction', 'A sequence of operations that the database treats as a single unit of work.'],
  ['Write-ahead log', 'An append-only file in which every change is recorded before it is applied.'],
];
