-- report_by_level.sql - form II.06a for the whole province by level of the
-- handling unit (1 province, 2 district, 3 commune), in plain SQL for DuckDB:
-- the same query as bench/sql/report_by_level.sql (SQLite) in this
-- engine's dialect, over the same dossiers loaded from the same CSV.
--
-- Parameters: :from and :to, the period's first and last day as day
-- numbers since 1970-01-01, substituted as text (psql variables; the
-- DuckDB runner replaces them the same way). Local (UTC+7) day of a time
-- t: (t + 25200) // 86400. Supplement rounds are the JSON text
-- [[requested, completed, due_before, due_after], ...] read with from_json.
-- Output: key, then the counts and on-time rate of
-- `motcua report --by level --format csv` (without the name), by key.
-- Overdue at :to: open, due day before it, and not waiting on a supplement
-- request made by then and still open (docs/internals/report.md).
WITH
d AS (
	SELECT u.level::text AS key,
	       (x.received_at + 25200) // 86400 AS acc,
	       CASE WHEN x.status IN (7, 8, 9, 10)
		    THEN (x.finished_at + 25200) // 86400 END AS fin,
	       (x.due_at + 25200) // 86400 AS due,
	       CASE WHEN x.supplement_open = 1 THEN
		(from_json(x.supplements, '[["BIGINT"]]')[-1][1] + 25200) // 86400 END AS paused,
	       x.status, x.channel, x.supplements
	FROM dossiers x JOIN units u ON u.code = x.unit_code
	WHERE x.received_at IS NOT NULL AND x.status NOT IN (1, 3)
),
c AS (
	SELECT key,
	 count(*) FILTER (WHERE acc <= :to AND (fin IS NULL OR fin >= :from)) AS received_total,
	 count(*) FILTER (WHERE acc < :from AND (fin IS NULL OR fin >= :from)) AS carried_over,
	 count(*) FILTER (WHERE acc BETWEEN :from AND :to) AS received_new,
	 count(*) FILTER (WHERE acc BETWEEN :from AND :to AND channel = 2) AS received_online,
	 count(*) FILTER (WHERE acc BETWEEN :from AND :to AND channel = 1) AS received_direct,
	 count(*) FILTER (WHERE acc BETWEEN :from AND :to AND channel = 3) AS received_postal,
	 count(*) FILTER (WHERE status IN (9, 10) AND fin BETWEEN :from AND :to) AS resolved,
	 count(*) FILTER (WHERE status IN (9, 10) AND fin BETWEEN :from AND :to AND fin < due) AS early,
	 count(*) FILTER (WHERE status IN (9, 10) AND fin BETWEEN :from AND :to AND fin = due) AS on_time,
	 count(*) FILTER (WHERE status IN (9, 10) AND fin BETWEEN :from AND :to AND fin > due) AS late,
	 count(*) FILTER (WHERE acc <= :to AND (fin IS NULL OR fin > :to)) AS open,
	 count(*) FILTER (WHERE acc <= :to AND (fin IS NULL OR fin > :to) AND NOT coalesce(due < :to AND (paused IS NULL OR paused > :to), false)) AS in_time,
	 count(*) FILTER (WHERE acc <= :to AND (fin IS NULL OR fin > :to) AND coalesce(due < :to AND (paused IS NULL OR paused > :to), false)) AS overdue,
	 count(*) FILTER (WHERE acc <= :to AND (fin IS NULL OR fin > :to) AND
	   len(list_filter(
		from_json(supplements, '[["BIGINT"]]'),
		lambda r: (r[1] + 25200) // 86400 <= :to
		  AND (r[2] IS NULL OR (r[2] + 25200) // 86400 > :to))) > 0) AS waiting,
	 count(*) FILTER (WHERE status = 8 AND fin BETWEEN :from AND :to) AS stopped,
	 count(*) FILTER (WHERE status = 7 AND fin BETWEEN :from AND :to) AS withdrawn
	FROM d GROUP BY key
),
q AS (SELECT *, ((early + on_time) * 20000 + resolved) // greatest(2 * resolved, 1) AS r FROM c)
SELECT key, received_total, carried_over, received_new, received_online,
       received_direct, received_postal, resolved, early, on_time, late,
       open, in_time, overdue, waiting, stopped, withdrawn,
       CASE WHEN resolved = 0 THEN '' ELSE
	 (r // 100)::text || '.' || lpad((r % 100)::text, 2, '0') END
FROM q ORDER BY key;
