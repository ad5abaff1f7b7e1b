-- report_by_unit.sql - form II.06a by direct child of the province, as
-- an IT centre would write it in plain SQL over the dossier table: the
-- independent check of motcua's numbers and the speed baseline.
--
-- Parameters: @from and @to, the period's first and last day as day
-- numbers since 1970-01-01. Local (UTC+7) day of a time t: (t + 25200) / 86400.
-- Output: key, then the same counts and on-time rate as
-- `motcua report --format csv` (without the name), ordered by key.
-- Overdue at @to: open, due day before it, and not waiting on a supplement
-- request made by then and still open (docs/internals/report.md).
WITH RECURSIVE
root AS (SELECT code FROM units WHERE parent IS NULL),
line(unit, key) AS (
	SELECT code, code FROM units WHERE parent = (SELECT code FROM root)
	UNION ALL
	SELECT u.code, l.key FROM units u JOIN line l ON u.parent = l.unit
),
d AS (
	SELECT coalesce(l.key, x.unit_code) AS key,
	       (x.received_at + 25200) / 86400 AS acc,
	       CASE WHEN x.status IN (7, 8, 9, 10)
		    THEN (x.finished_at + 25200) / 86400 END AS fin,
	       (x.due_at + 25200) / 86400 AS due,
	       CASE WHEN x.supplement_open = 1 THEN
		(json_extract(x.supplements, '$[#-1][0]') + 25200) / 86400 END AS paused,
	       x.status, x.channel, x.supplements
	FROM dossiers x LEFT JOIN line l ON l.unit = x.unit_code
	WHERE x.received_at IS NOT NULL AND x.status NOT IN (1, 3)
	  AND (l.key IS NOT NULL OR x.unit_code = (SELECT code FROM root))
),
c AS (
	SELECT key,
	 sum(acc <= @to AND (fin IS NULL OR fin >= @from)) AS received_total,
	 sum(acc < @from AND (fin IS NULL OR fin >= @from)) AS carried_over,
	 sum(acc BETWEEN @from AND @to) AS received_new,
	 sum(acc BETWEEN @from AND @to AND channel = 2) AS received_online,
	 sum(acc BETWEEN @from AND @to AND channel = 1) AS received_direct,
	 sum(acc BETWEEN @from AND @to AND channel = 3) AS received_postal,
	 sum(status IN (9, 10) AND fin BETWEEN @from AND @to) AS resolved,
	 sum(status IN (9, 10) AND fin BETWEEN @from AND @to AND fin < due) AS early,
	 sum(status IN (9, 10) AND fin BETWEEN @from AND @to AND fin = due) AS on_time,
	 sum(status IN (9, 10) AND fin BETWEEN @from AND @to AND fin > due) AS late,
	 sum(acc <= @to AND (fin IS NULL OR fin > @to)) AS open,
	 sum(acc <= @to AND (fin IS NULL OR fin > @to) AND NOT coalesce(due < @to AND (paused IS NULL OR paused > @to), 0)) AS in_time,
	 sum(acc <= @to AND (fin IS NULL OR fin > @to) AND coalesce(due < @to AND (paused IS NULL OR paused > @to), 0)) AS overdue,
	 sum(acc <= @to AND (fin IS NULL OR fin > @to) AND EXISTS (
		SELECT 1 FROM json_each(supplements) r
		WHERE (json_extract(r.value, '$[0]') + 25200) / 86400 <= @to
		  AND (json_extract(r.value, '$[1]') IS NULL OR
		       (json_extract(r.value, '$[1]') + 25200) / 86400 > @to)))
	   AS waiting,
	 sum(status = 8 AND fin BETWEEN @from AND @to) AS stopped,
	 sum(status = 7 AND fin BETWEEN @from AND @to) AS withdrawn
	FROM d GROUP BY key
)
SELECT key, received_total, carried_over, received_new, received_online,
       received_direct, received_postal, resolved, early, on_time, late,
       open, in_time, overdue, waiting, stopped, withdrawn,
       CASE WHEN resolved = 0 THEN '' ELSE
	 printf('%d.%02d', ((early + on_time) * 20000 + resolved) / (2 * resolved) / 100,
		((early + on_time) * 20000 + resolved) / (2 * resolved) % 100) END
FROM c ORDER BY key;
